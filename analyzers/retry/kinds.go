package retry

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// kind says how a delay's duration behaves across attempts. Kinds are
// ordered so that joining two sources of a duration is max: anything random
// makes the whole duration random, anything unknown makes it unknown.
type kind uint8

const (
	kNone    kind = iota // no delay
	kConst               // the same every attempt
	kGrow                // grows (or changes) deterministically: d *= 2, base << attempt
	kParam               // taken from a parameter; the caller decides (facts only)
	kUnknown             // cannot tell: a field, an interface method, a blocking receive
	kJitter              // has a random component
)

func (k kind) String() string {
	return [...]string{"none", "constant", "growing", "param", "unknown", "jitter"}[k]
}

func join(a, b kind) kind { return max(a, b) }

// lacksJitter reports whether a delay of kind k is known to be the same for
// every client, which is what go/retry-no-jitter reports.
func lacksJitter(k kind) bool { return k == kConst || k == kGrow }

// assign is one write to a local variable.
type assign struct {
	rhs ast.Expr    // value written; nil for x++ and x--
	op  token.Token // DEFINE, ASSIGN, an op-assign token, INC or DEC
	// multi is set when the value is one result of a multi-value call or
	// of a comma-ok form; rhs is then the call or the whole expression.
	multi bool
	pos   token.Pos
	fn    ast.Node // innermost *ast.FuncDecl or *ast.FuncLit holding the write
}

// funcIndex holds what the analyzer needs to know about one top-level
// function (including its function literals) that the CFG does not give.
type funcIndex struct {
	decl       *ast.FuncDecl
	assigns    map[*types.Var][]assign
	params     map[*types.Var]bool
	resets     map[*types.Var][]ast.Expr // arguments of t.Reset(d)
	commSelect map[ast.Stmt]*ast.SelectStmt
	caseSwitch map[ast.Expr]*ast.SwitchStmt
	rangeOf    map[*types.Var]*ast.RangeStmt
	asserted   map[*types.Var]bool // bools written by a comma-ok form
}

func (a *state) buildIndex(decl *ast.FuncDecl) *funcIndex {
	info := a.pass.TypesInfo
	ix := &funcIndex{
		decl:       decl,
		assigns:    map[*types.Var][]assign{},
		params:     map[*types.Var]bool{},
		resets:     map[*types.Var][]ast.Expr{},
		commSelect: map[ast.Stmt]*ast.SelectStmt{},
		caseSwitch: map[ast.Expr]*ast.SwitchStmt{},
		rangeOf:    map[*types.Var]*ast.RangeStmt{},
		asserted:   map[*types.Var]bool{},
	}
	varOf := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		return v
	}
	addParams := func(ft *ast.FuncType) {
		for _, fl := range []*ast.FieldList{ft.Params, ft.Results} {
			if fl == nil {
				continue
			}
			for _, f := range fl.List {
				for _, n := range f.Names {
					if v := varOf(n); v != nil {
						ix.params[v] = true
					}
				}
			}
		}
	}
	if decl.Recv != nil {
		for _, f := range decl.Recv.List {
			for _, n := range f.Names {
				if v := varOf(n); v != nil {
					ix.params[v] = true
				}
			}
		}
	}
	addParams(decl.Type)

	var fnStack []ast.Node
	fnStack = append(fnStack, decl)
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		fn := fnStack[len(fnStack)-1]
		switch n := n.(type) {
		case *ast.FuncLit:
			addParams(n.Type)
			fnStack = append(fnStack, n)
			ast.Inspect(n.Body, visit)
			fnStack = fnStack[:len(fnStack)-1]
			return false
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if v := varOf(l); v != nil {
						ix.assigns[v] = append(ix.assigns[v], assign{rhs: n.Rhs[i], op: n.Tok, pos: n.Pos(), fn: fn})
					}
				}
			} else if len(n.Rhs) == 1 {
				_, isAssert := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr)
				for i, l := range n.Lhs {
					if v := varOf(l); v != nil {
						ix.assigns[v] = append(ix.assigns[v], assign{rhs: n.Rhs[0], op: n.Tok, multi: true, pos: n.Pos(), fn: fn})
						if isAssert && i == 1 {
							ix.asserted[v] = true
						}
					}
				}
			}
		case *ast.IncDecStmt:
			if v := varOf(n.X); v != nil {
				ix.assigns[v] = append(ix.assigns[v], assign{op: n.Tok, pos: n.Pos(), fn: fn})
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				v := varOf(name)
				if v == nil {
					continue
				}
				switch {
				case len(n.Values) == len(n.Names):
					ix.assigns[v] = append(ix.assigns[v], assign{rhs: n.Values[i], op: token.DEFINE, pos: n.Pos(), fn: fn})
				case len(n.Values) == 1:
					ix.assigns[v] = append(ix.assigns[v], assign{rhs: n.Values[0], op: token.DEFINE, multi: true, pos: n.Pos(), fn: fn})
				default: // zero value
					ix.assigns[v] = append(ix.assigns[v], assign{rhs: nil, op: token.DEFINE, pos: n.Pos(), fn: fn})
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := varOf(e); v != nil {
					ix.rangeOf[v] = n
				}
			}
		case *ast.SelectStmt:
			for _, cc := range n.Body.List {
				if comm := cc.(*ast.CommClause).Comm; comm != nil {
					ix.commSelect[comm] = n
				}
			}
		case *ast.SwitchStmt:
			if n.Tag != nil {
				for _, cc := range n.Body.List {
					for _, e := range cc.(*ast.CaseClause).List {
						ix.caseSwitch[e] = n
					}
				}
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Reset" && len(n.Args) == 1 {
				if v := varOf(sel.X); v != nil && isTimeType(v.Type(), "Timer") {
					ix.resets[v] = append(ix.resets[v], n.Args[0])
				}
			}
		}
		return true
	}
	if decl.Body != nil {
		ast.Inspect(decl.Body, visit)
	}
	return ix
}

// isTimeType reports whether t is time.name or *time.name.
func isTimeType(t types.Type, name string) bool {
	return isNamed(t, "time", name)
}

func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// durationKind classifies how expression e, a duration or a number a
// duration is computed from, behaves across attempts.
func (a *state) durationKind(ix *funcIndex, e ast.Expr, seen map[*types.Var]bool) kind {
	if e == nil {
		return kConst // zero value
	}
	info := a.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return kConst
	}
	if len(seen) > 8 {
		return kUnknown
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return a.durationKind(ix, e.X, seen)
	case *ast.UnaryExpr:
		if e.Op == token.ARROW {
			return kUnknown
		}
		return a.durationKind(ix, e.X, seen)
	case *ast.BinaryExpr:
		return join(a.durationKind(ix, e.X, seen), a.durationKind(ix, e.Y, seen))
	case *ast.Ident:
		v, ok := info.ObjectOf(e).(*types.Var)
		if !ok {
			return kUnknown
		}
		return a.varKind(ix, v, seen)
	case *ast.SelectorExpr:
		// A field or a package variable: configured elsewhere, possibly
		// with jitter.
		return kUnknown
	case *ast.CallExpr:
		return a.callKind(ix, e, seen)
	}
	return kUnknown
}

func (a *state) varKind(ix *funcIndex, v *types.Var, seen map[*types.Var]bool) kind {
	if seen[v] {
		// The variable's new value depends on its old one: d *= 2.
		return kGrow
	}
	if ix == nil || v.Pkg() == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return kUnknown
	}
	if ix.params[v] {
		return kParam
	}
	if _, ok := ix.rangeOf[v]; ok {
		// A range key counts attempts; a range value could be anything.
		if r := ix.rangeOf[v]; r.Key != nil && rootVar(a.pass.TypesInfo, r.Key) == v {
			if b, ok := a.pass.TypesInfo.TypeOf(r.X).Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
				return kGrow
			}
		}
		return kUnknown
	}
	as := ix.assigns[v]
	if len(as) == 0 {
		return kUnknown
	}
	seen[v] = true
	defer delete(seen, v)
	k := kNone
	for _, as := range as {
		switch as.op {
		case token.INC, token.DEC:
			k = join(k, kGrow)
		case token.DEFINE, token.ASSIGN:
			if as.multi {
				k = join(k, a.multiKind(ix, as.rhs, seen))
			} else {
				k = join(k, a.durationKind(ix, as.rhs, seen))
			}
		default: // d *= 2, d += step
			k = join(k, join(kGrow, a.durationKind(ix, as.rhs, seen)))
		}
	}
	return k
}

// multiKind classifies one result of a multi-value expression. Only calls
// are worth looking into: sethvargo/go-retry's b.Next() returns the
// duration first.
func (a *state) multiKind(ix *funcIndex, e ast.Expr, seen map[*types.Var]bool) kind {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return a.callKind(ix, call, seen)
	}
	return kUnknown
}

func (a *state) callKind(ix *funcIndex, call *ast.CallExpr, seen map[*types.Var]bool) kind {
	info := a.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return a.durationKind(ix, call.Args[0], seen) // time.Duration(n)
	}
	argsKind := func() kind {
		k := kNone
		for _, arg := range call.Args {
			k = join(k, a.durationKind(ix, arg, seen))
		}
		if k == kNone {
			k = kConst
		}
		return k
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.ObjectOf(id).(*types.Builtin); ok {
			if b.Name() == "min" || b.Name() == "max" {
				return argsKind()
			}
			return kUnknown
		}
	}
	fn := calleeFunc(info, call)
	if fn == nil {
		return kUnknown
	}
	path := ""
	if fn.Pkg() != nil {
		path = fn.Pkg().Path()
	}
	switch {
	case isRandPkg(path):
		return kJitter
	case matches(a.jitter, fn):
		return kJitter
	case path == "math":
		return argsKind()
	case path == "time" && (fn.Name() == "Since" || fn.Name() == "Until"):
		return kUnknown
	case isBackoffLib(path):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isBackoffStep(fn) {
			if k, ok := a.backoffKind(sel.X, false); ok {
				return k // b.Step() of a wait.Backoff literal
			}
		}
		if recv := recvNamed(fn); recv == "ConstantBackOff" || recv == "ZeroBackOff" {
			return kConst
		}
		// The libraries jitter by default (cenkalti's RandomizationFactor,
		// wait.Backoff's Jitter) or take the policy from the caller.
		return kJitter
	}
	if f := a.factOf(fn); f != nil && f.Returns != kNone {
		if f.Returns == kParam {
			return a.paramArgsKind(ix, call.Args, seen)
		}
		return f.Returns
	}
	return kUnknown
}

// paramArgsKind is the kind of a duration a helper takes from its caller
// (a fact of kind kParam): the join of the numeric arguments (a
// time.Duration, an attempt count). A stop channel or a context handed over
// beside the duration (waitOrStop(stop, d), sleepCtx(ctx, d)) says nothing
// about it; only when no argument is numeric do all of them count.
func (a *state) paramArgsKind(ix *funcIndex, args []ast.Expr, seen map[*types.Var]bool) kind {
	var numeric []ast.Expr
	for _, arg := range args {
		if b, ok := a.pass.TypesInfo.TypeOf(arg).Underlying().(*types.Basic); ok && b.Info()&types.IsNumeric != 0 {
			numeric = append(numeric, arg)
		}
	}
	if len(numeric) == 0 {
		numeric = args
	}
	k := kNone
	for _, arg := range numeric {
		k = join(k, a.durationKind(ix, arg, seen))
	}
	return max(k, kConst)
}

func recvNamed(fn *types.Func) string {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// calleeFunc returns the statically known function or method a call invokes,
// or nil for calls through func values. Interface methods are returned too;
// callers that need a body check for it.
func calleeFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		fn, _ := info.ObjectOf(f).(*types.Func)
		return fn
	case *ast.SelectorExpr:
		fn, _ := info.ObjectOf(f.Sel).(*types.Func)
		return fn
	case *ast.IndexExpr: // generic instantiation
		if id, ok := f.X.(*ast.Ident); ok {
			fn, _ := info.ObjectOf(id).(*types.Func)
			return fn
		}
		if sel, ok := f.X.(*ast.SelectorExpr); ok {
			fn, _ := info.ObjectOf(sel.Sel).(*types.Func)
			return fn
		}
	}
	return nil
}

func isRandPkg(path string) bool {
	return path == "math/rand" || path == "math/rand/v2" || path == "crypto/rand"
}

// isBackoffLib reports the packages whose calls either wait with backoff
// themselves or compute a backoff delay.
func isBackoffLib(path string) bool {
	for _, p := range [...]string{
		"github.com/cenkalti/backoff",
		"k8s.io/apimachinery/pkg/util/wait",
		"github.com/avast/retry-go",
		"github.com/sethvargo/go-retry",
		"github.com/hashicorp/go-retryablehttp",
		"google.golang.org/grpc/backoff",
		"google.golang.org/grpc/internal/backoff",
	} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}
