package timeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/relcheck/relcheck/analyzers/internal/funcnode"
)

func isContextType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

func isRequestPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Request"
}

// visible reports whether v is what its name means at pos (not shadowed).
func (st *state) visible(v *types.Var, pos token.Pos) bool {
	if v.Name() == "_" || v.Name() == "" {
		return false
	}
	scope := st.a.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(v.Name(), pos)
	return obj == v
}

// enclosingParams lists the parameters of the functions around the top of
// stack, innermost first; only the innermost function's when innermost is
// set.
func (st *state) enclosingParams(stack []ast.Node, innermost bool) []*types.Var {
	var out []*types.Var
	for i := len(stack) - 1; i >= 0; i-- {
		if innermost && out != nil {
			break
		}
		ft, _ := funcnode.Parts(stack[i])
		if ft == nil {
			continue
		}
		if out == nil {
			out = []*types.Var{}
		}
		if ft.Params == nil {
			continue
		}
		for _, field := range ft.Params.List {
			for _, name := range field.Names {
				if v, ok := st.info.Defs[name].(*types.Var); ok {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// contextsAt lists the expressions that give the caller's context at pos:
// context variables (parameters, and locals when locals is set) and, only
// when there is none, r.Context() for each *http.Request parameter.
//
// A closure's own parameters are all that count when locals is not set
// (the detached-context rule): a closure that outlives its creator, such as
// a shutdown hook, must not use the creator's context.
func (st *state) contextsAt(pos token.Pos, stack []ast.Node, locals bool) []string {
	var ctxs, reqs []string
	seen := map[*types.Var]bool{}
	for _, v := range st.enclosingParams(stack, !locals) {
		if seen[v] || !st.visible(v, pos) {
			continue
		}
		seen[v] = true
		switch {
		case isContextType(v.Type()):
			ctxs = append(ctxs, v.Name())
		case isRequestPtr(v.Type()):
			reqs = append(reqs, v.Name()+".Context()")
		}
	}
	if locals {
		for s := st.a.pass.Pkg.Scope().Innermost(pos); s != nil && s != st.a.pass.Pkg.Scope(); s = s.Parent() {
			if s.Parent() == st.a.pass.Pkg.Scope() {
				break // file scope
			}
			for _, name := range s.Names() {
				v, ok := s.Lookup(name).(*types.Var)
				if !ok || seen[v] || v.Pos() >= pos || !isContextType(v.Type()) || !st.visible(v, pos) {
					continue
				}
				seen[v] = true
				ctxs = append(ctxs, v.Name())
			}
		}
	}
	if len(ctxs) > 0 {
		return ctxs
	}
	return reqs
}

// emitWithContextFix reports call and, when exactly one context is in
// scope, offers to rename the callee to twin and pass that context first
// (followed by extra, for BeginTx's options).
func (st *state) emitWithContextFix(call *ast.CallExpr, stack []ast.Node, rule, msg, twin, extra string) {
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: rule, Message: msg}
	var name *ast.Ident
	switch f := astutil.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		name = f.Sel
	case *ast.Ident:
		name = f
	}
	if ctxs := st.contextsAt(call.Pos(), stack, true); len(ctxs) == 1 && name != nil {
		insert := ctxs[0]
		switch {
		case extra != "" && len(call.Args) == 0:
			insert += ", " + extra
		case len(call.Args) > 0:
			insert += ", "
		}
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message: fmt.Sprintf("Use %s with %s", twin, ctxs[0]),
			TextEdits: []analysis.TextEdit{
				{Pos: name.Pos(), End: name.End(), NewText: []byte(twin)},
				{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(insert)},
			},
		}}
	}
	st.emit(d)
}

// checkDetached reports context.Background() or context.TODO() passed as a
// context argument where the function received a context it could pass.
func (st *state) checkDetached(call *ast.CallExpr, stack []ast.Node, isTest bool) {
	if isTest {
		return
	}
	// A value of a named function type (type handlerFunc func(ctx, w, r))
	// is called like any function.
	var sig *types.Signature
	if t := st.info.TypeOf(call.Fun); t != nil {
		sig, _ = t.Underlying().(*types.Signature)
	}
	if sig == nil || sig.Params().Len() == 0 {
		return
	}
	// context.WithValue(context.Background(), k, v) and WithCancel build
	// the root context of something long-lived (a token source, a worker):
	// tying it to the current call's context would be the bug.
	if isFunc(typeutil.StaticCallee(st.info, call), "context", "WithValue", "WithCancel", "WithCancelCause") {
		return
	}
	// A fresh context is passed as itself, or through a local that only
	// holds one (ctx := context.Background(); …; f(ctx)): that is
	// reported at the definition, once for all its uses, since the
	// decision to detach is made there and the fix goes there.
	type detached struct {
		bg    *ast.CallExpr // the Background() or TODO() call, fixed in place
		alias *ast.Ident    // the local passed, or nil
	}
	var found []detached
	for i, arg := range call.Args {
		pt := paramType(sig, i)
		if pt == nil || !isContextType(pt) {
			continue
		}
		inner, ok := astutil.Unparen(arg).(*ast.CallExpr)
		if !ok {
			if bg := st.freshLocal(arg, stack); bg != nil {
				found = append(found, detached{bg, astutil.Unparen(arg).(*ast.Ident)})
			}
			continue
		}
		if isFunc(typeutil.StaticCallee(st.info, inner), "context", "Background", "TODO") {
			found = append(found, detached{bg: inner})
		}
	}
	if len(found) == 0 {
		return
	}
	// Work started with go or defer usually must outlive the caller's
	// context on purpose (cleanup after cancellation, background jobs).
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.GoStmt, *ast.DeferStmt:
			return
		case *ast.FuncDecl:
			if n.Recv == nil && (n.Name.Name == "init" || (n.Name.Name == "main" && st.a.pass.Pkg.Name() == "main")) {
				return
			}
		}
	}
	if st.onlyForGoroutines(call, stack) {
		return
	}
	ctxs := st.contextsAt(call.Pos(), stack, false)
	if len(ctxs) == 0 || afterDone(stack, call.Pos(), ctxs) {
		return
	}
	callee := types.ExprString(call.Fun)
	for _, f := range found {
		what, fix := fmt.Sprintf("%s passed to %s", types.ExprString(f.bg), callee), "Pass "
		if f.alias != nil {
			what = fmt.Sprintf("%s, held in %s and passed to %s (line %d),", types.ExprString(f.bg), f.alias.Name, callee, st.a.pass.Fset.Position(call.Pos()).Line)
			fix = "Use "
		}
		d := analysis.Diagnostic{
			Pos: f.bg.Pos(), End: f.bg.End(), Category: RuleContextDetached,
			Message: fmt.Sprintf("%s discards %s, the context this function received", what, ctxs[0]),
		}
		if len(ctxs) == 1 {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fix + ctxs[0],
				TextEdits: []analysis.TextEdit{{Pos: f.bg.Pos(), End: f.bg.End(), NewText: []byte(ctxs[0])}},
			}}
		} else {
			d.Message = what + " discards the context this function received"
		}
		st.emit(d)
	}
}

// afterDone reports a call made once every context in ctxs is known to be
// done: after a statement <-ctx.Done() earlier in an enclosing block, or
// in the body of a select case <-ctx.Done(). The caller's context is then
// cancelled, and a fresh one (a grace period for Shutdown, a final flush)
// is the only context that still works.
func afterDone(stack []ast.Node, pos token.Pos, ctxs []string) bool {
	done := map[string]bool{}
	for _, n := range stack {
		switch n := n.(type) {
		case *ast.BlockStmt:
			for _, s := range n.List {
				if s.End() > pos {
					break
				}
				if es, ok := s.(*ast.ExprStmt); ok {
					if name := doneRecv(es.X); name != "" {
						done[name] = true
					}
				}
			}
		case *ast.IfStmt:
			// if ctx.Err() != nil { … }: inside, ctx is known to be done,
			// as after <-ctx.Done().
			if n.Body.Pos() <= pos && pos < n.Body.End() {
				for _, name := range errTested(n.Cond) {
					done[name] = true
				}
			}
		case *ast.CommClause:
			switch c := n.Comm.(type) {
			case *ast.ExprStmt:
				if name := doneRecv(c.X); name != "" {
					done[name] = true
				}
			case *ast.AssignStmt:
				if len(c.Rhs) == 1 {
					if name := doneRecv(c.Rhs[0]); name != "" {
						done[name] = true
					}
				}
			}
		}
	}
	for _, c := range ctxs {
		if !done[c] {
			return false
		}
	}
	return true
}

// errTested lists the contexts x a condition requires to be done: x.Err()
// != nil, x.Err() == context.Canceled (or DeadlineExceeded), and
// errors.Is(x.Err(), …), alone or joined by &&.
func errTested(cond ast.Expr) []string {
	switch c := astutil.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch c.Op {
		case token.LAND:
			return append(errTested(c.X), errTested(c.Y)...)
		case token.NEQ, token.EQL:
			for _, pair := range [][2]ast.Expr{{c.X, c.Y}, {c.Y, c.X}} {
				name := errCall(pair[0])
				if name == "" {
					continue
				}
				other := types.ExprString(astutil.Unparen(pair[1]))
				if (c.Op == token.NEQ && other == "nil") ||
					(c.Op == token.EQL && (other == "context.Canceled" || other == "context.DeadlineExceeded")) {
					return []string{name}
				}
			}
		}
	case *ast.CallExpr:
		if fun := types.ExprString(c.Fun); fun == "errors.Is" && len(c.Args) == 2 {
			if name := errCall(c.Args[0]); name != "" {
				return []string{name}
			}
		}
	}
	return nil
}

// doneRecv is the context x of a receive <-x.Done(), or "".
func doneRecv(e ast.Expr) string {
	u, ok := astutil.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return ""
	}
	return methodRecv(u.X, "Done")
}

// errCall is the context x of a call x.Err(), or "".
func errCall(e ast.Expr) string { return methodRecv(e, "Err") }

// methodRecv is x in a call x.name() without arguments, or "".
func methodRecv(e ast.Expr, name string) string {
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return ""
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return ""
	}
	return types.ExprString(sel.X)
}

func paramType(sig *types.Signature, i int) types.Type {
	n := sig.Params().Len()
	if sig.Variadic() && i >= n-1 {
		if s, ok := sig.Params().At(n - 1).Type().(*types.Slice); ok {
			return s.Elem()
		}
		return nil
	}
	if i >= n {
		return nil
	}
	return sig.Params().At(i).Type()
}

// onlyForGoroutines reports a context built from a fresh one (ctx, cancel
// := context.WithTimeout(context.Background(), d)) that only goroutines
// started in the same function use: background work the function starts
// and returns before (a renewal, a flush) must outlive the caller's
// context, as work started inside a go statement does.
func (st *state) onlyForGoroutines(call *ast.CallExpr, stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	var lhs ast.Expr
	switch p := stack[len(stack)-2].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && astutil.Unparen(p.Rhs[0]) == call && len(p.Lhs) > 0 {
			lhs = p.Lhs[0]
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && astutil.Unparen(p.Values[0]) == call && len(p.Names) > 0 {
			lhs = p.Names[0]
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := st.info.ObjectOf(id).(*types.Var)
	if !ok || !isContextType(v.Type()) {
		return false
	}
	body := funcnode.Innermost(stack)
	if body == nil {
		return false
	}
	uses, inGo := 0, 0
	var goDepth int
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			goDepth++
			ast.Inspect(n.Call, visit)
			goDepth--
			return false
		case *ast.Ident:
			if n != id && st.info.Uses[n] == v {
				uses++
				if goDepth > 0 {
					inGo++
				}
			}
		}
		return true
	}
	ast.Inspect(body, visit)
	return uses > 0 && uses == inGo
}
