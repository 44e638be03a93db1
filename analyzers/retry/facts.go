package retry

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
)

// funcFact describes a function as a building block of retry loops: whether
// calling it waits (a helper such as sleepWithBackoff(ctx, attempt)) and how
// the duration it returns behaves (a helper such as backoff(attempt)). It is
// what lets a delay helper in one package satisfy a loop in another.
type funcFact struct {
	Delays  bool // calling the function waits on a timer before returning
	Wait    kind // how that wait behaves across calls, when Delays
	Returns kind // how its time.Duration result behaves, kNone if it has none
	// Blocks: the function's own body waits on a channel (a select with no
	// default, a receive), like a consumer's Next(ctx). Unlike Delays this
	// does not travel through callers: nearly everything in net/http
	// eventually waits on a channel.
	Blocks bool
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	var parts []string
	if f.Delays {
		parts = append(parts, "delays("+f.Wait.String()+")")
	}
	if f.Returns != kNone {
		parts = append(parts, "returns("+f.Returns.String()+")")
	}
	if f.Blocks {
		parts = append(parts, "blocks")
	}
	return strings.Join(parts, " ")
}

// state is one run of the analyzer on one package.
type state struct {
	*config
	pass  *analysis.Pass
	cfgs  *ctrlflow.CFGs
	funcs map[*types.Func]*funcFact // facts of this package's functions
	// consumes marks this package's functions that read from a stream
	// (computeConsumers).
	consumes map[*types.Func]bool
	indexes  map[*ast.FuncDecl]*funcIndex
	// backoffVars: the writes to this package's wait.Backoff variables
	// (backoffWrites), built on first use.
	backoffVars map[*types.Var]*backoffWrite
}

func (a *state) factOf(fn *types.Func) *funcFact {
	fn = fn.Origin()
	if fn.Pkg() == a.pass.Pkg {
		return a.funcs[fn]
	}
	var f funcFact
	if fn.Pkg() != nil && a.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

func (a *state) indexFuncs(decls []*ast.FuncDecl) {
	a.indexes = make(map[*ast.FuncDecl]*funcIndex, len(decls))
	for _, d := range decls {
		a.indexes[d] = a.buildIndex(d)
	}
}

// computeFacts finds this package's delay and duration helpers. Helpers call
// helpers, so it iterates until nothing changes; kinds only grow, so this
// terminates.
func (a *state) computeFacts(decls []*ast.FuncDecl) {
	for range 6 {
		changed := false
		for _, d := range decls {
			if d.Body == nil {
				continue
			}
			fn, _ := a.pass.TypesInfo.Defs[d.Name].(*types.Func)
			if fn == nil {
				continue
			}
			f := a.factFor(d)
			old := a.funcs[fn]
			if f == nil {
				continue
			}
			if old == nil || *old != *f {
				a.funcs[fn] = f
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for fn, f := range a.funcs {
		a.pass.ExportObjectFact(fn, f)
	}
}

func (a *state) factFor(d *ast.FuncDecl) *funcFact {
	ix := a.indexes[d]
	var f funcFact
	// Only waits outside loops make a function a delay: a function that
	// sleeps inside its own loop is a poller or a retrier itself, and
	// treating every such function (net/http's transport among them) as a
	// delay would hide the loops that retry it.
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt:
			// A loop that only sleeps (in steps, watching a flag) is one
			// wait cut into pieces, not a poller.
			if k := a.chunkedWait(ix, n); k != kNone {
				f.Delays = true
				f.Wait = join(f.Wait, k)
			}
			return false
		case *ast.FuncLit, *ast.RangeStmt, *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.SelectStmt:
			if k := a.selectKind(ix, n, true); k != kNone {
				f.Delays = true
				f.Wait = join(f.Wait, k)
			}
			if a.selectKind(ix, n, false) != kNone {
				f.Blocks = true
			}
			for _, cc := range n.Body.List {
				for _, s := range cc.(*ast.CommClause).Body {
					ast.Inspect(s, visit)
				}
			}
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if k, timer := a.recvKind(ix, n.X); timer {
					f.Delays = true
					f.Wait = join(f.Wait, k)
				}
				f.Blocks = true
			}
		case *ast.CallExpr:
			if k := a.callDelay(ix, n, true); k != kNone {
				f.Delays = true
				f.Wait = join(f.Wait, k)
			}
		}
		return true
	}
	ast.Inspect(d.Body, visit)

	if res := d.Type.Results; res != nil {
		idx, i := -1, 0
		for _, field := range res.List {
			n := max(1, len(field.Names))
			if idx < 0 && isTimeType(a.pass.TypesInfo.TypeOf(field.Type), "Duration") {
				idx = i
			}
			i += n
		}
		if idx >= 0 {
			ast.Inspect(d.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					if len(n.Results) == i {
						f.Returns = join(f.Returns, a.durationKind(ix, n.Results[idx], map[*types.Var]bool{}))
					} else {
						f.Returns = join(f.Returns, kUnknown)
					}
				}
				return true
			})
		}
	}
	if f.Returns == kUnknown {
		f.Returns = kNone // nothing a caller could use
	}
	if !f.Delays && f.Returns == kNone && !f.Blocks {
		return nil
	}
	return &f
}

// computeConsumers finds the functions of this package that read from a
// stream (io.ReadFull, binary.Read, a Read* method of a reader), directly or
// through other functions of this package: calling one again reads the next
// item, not the same one. It is not a fact: across packages nearly every
// client call reads a connection somewhere (net/http, a Redis client), and a
// retried call of another package must be judged as an operation.
func (a *state) computeConsumers(decls []*ast.FuncDecl) {
	a.consumes = map[*types.Func]bool{}
	for range 6 {
		changed := false
		for _, d := range decls {
			fn, _ := a.pass.TypesInfo.Defs[d.Name].(*types.Func)
			if fn == nil || d.Body == nil || a.consumes[fn] {
				continue
			}
			found := false
			ast.Inspect(d.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.CallExpr:
					found = found || a.readsStream(n)
				}
				return !found
			})
			if found {
				a.consumes[fn] = true
				changed = true
			}
		}
		if !changed {
			break
		}
	}
}

// readsStream reports a call that reads from a stream: io.ReadFull,
// io.ReadAtLeast, io.CopyN, binary.Read, a Read* method of a value that can
// Read, or a function of this package that does.
func (a *state) readsStream(call *ast.CallExpr) bool {
	info := a.pass.TypesInfo
	fn := calleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch path := fn.Pkg().Path(); {
	case path == "io" && (fn.Name() == "ReadFull" || fn.Name() == "ReadAtLeast" || fn.Name() == "CopyN"):
		return true
	case path == "encoding/binary" && fn.Name() == "Read":
		return true
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && strings.HasPrefix(fn.Name(), "Read") {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			if obj, _, _ := types.LookupFieldOrMethod(info.TypeOf(sel.X), true, nil, "Read"); obj != nil {
				if _, ok := obj.(*types.Func); ok {
					return true
				}
			}
		}
	}
	return a.consumes[fn.Origin()]
}

// callDelay returns the kind of wait a call performs, or kNone if it does
// not wait. With forFact, only waits on timers count; otherwise any call the
// analyzer cannot rule out as a wait (an interface method called Wait)
// counts, because a missed delay costs a false finding.
func (a *state) callDelay(ix *funcIndex, call *ast.CallExpr, forFact bool) kind {
	info := a.pass.TypesInfo
	fn := calleeFunc(info, call)
	if fn == nil {
		if !forFact && waitLikeName(callName(call)) {
			return kUnknown
		}
		return kNone
	}
	path := ""
	if fn.Pkg() != nil {
		path = fn.Pkg().Path()
	}
	sig, _ := fn.Type().(*types.Signature)
	isIface := sig != nil && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
	if arg := a.backoffArg(call, fn); arg != nil {
		if k, ok := a.backoffKind(arg, true); ok {
			return k // a retry that a wait.Backoff literal drives
		}
	}
	switch {
	case path == "time" && fn.Name() == "Sleep" && len(call.Args) == 1:
		return a.durationKind(ix, call.Args[0], map[*types.Var]bool{})
	case path == "golang.org/x/time/rate" && (fn.Name() == "Wait" || fn.Name() == "WaitN"):
		return kUnknown
	case matches(a.jitter, fn):
		return kJitter
	case matches(a.delay, fn):
		return kUnknown
	case fn.Pkg() != a.pass.Pkg && isBackoffLib(path) && libCallWaits(fn):
		if recvNamed(fn) == "ConstantBackOff" {
			return kConst
		}
		return kJitter
	}
	if f := a.factOf(fn); f != nil && f.Delays {
		if f.Wait == kParam {
			return a.paramArgsKind(ix, call.Args, map[*types.Var]bool{})
		}
		return f.Wait
	}
	if f := a.factOf(fn); !forFact && f != nil && f.Blocks {
		return kUnknown
	}
	if !forFact && isIface && waitLikeName(fn.Name()) {
		return kUnknown
	}
	return kNone
}

// libCallWaits tells the library calls that wait (retry.Do, wait.Poll...,
// backoff.Retry, retryablehttp's Client.Do) from those that build policies
// or compute a duration.
func libCallWaits(fn *types.Func) bool {
	for _, p := range []string{"New", "With", "Default", "Permanent", "Unrecoverable", "Is", "Get", "Set", "Reset", "Context"} {
		if strings.HasPrefix(fn.Name(), p) && fn.Name() != "Get" {
			return false
		}
	}
	sig := fn.Type().(*types.Signature)
	for i := 0; i < sig.Results().Len(); i++ {
		if isTimeType(sig.Results().At(i).Type(), "Duration") {
			return false
		}
	}
	return true
}

func waitLikeName(name string) bool {
	name = strings.ToLower(name)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	for _, w := range []string{"sleep", "wait", "backoff", "delay", "pause", "throttle"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// recvKind classifies a receive from x. timer is true when x is a timer or
// ticker channel; other channels block for an unknown time.
func (a *state) recvKind(ix *funcIndex, x ast.Expr) (k kind, timer bool) {
	info := a.pass.TypesInfo
	x = ast.Unparen(x)
	if call, ok := x.(*ast.CallExpr); ok {
		if fn := calleeFunc(info, call); fn != nil && fn.Pkg() != nil {
			switch {
			case fn.Pkg().Path() == "time" && fn.Name() == "After" && len(call.Args) == 1:
				return a.durationKind(ix, call.Args[0], map[*types.Var]bool{}), true
			case fn.Pkg().Path() == "time" && fn.Name() == "Tick":
				return kUnknown, true // periodic work, not a retry delay
			case fn.Name() == "C" && isBackoffLib(fn.Pkg().Path()):
				return kJitter, true // cenkalti's Timer
			}
		}
		return kUnknown, false
	}
	if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		t := info.TypeOf(sel.X)
		switch {
		case t != nil && isTimeType(t, "Ticker"):
			return kUnknown, true
		case t != nil && isTimeType(t, "Timer"):
			id, ok := ast.Unparen(sel.X).(*ast.Ident)
			if !ok || ix == nil {
				return kUnknown, true
			}
			v, _ := info.ObjectOf(id).(*types.Var)
			k := kNone
			for _, as := range ix.assigns[v] {
				call, ok := ast.Unparen(as.rhs).(*ast.CallExpr)
				if !ok {
					k = join(k, kUnknown)
					continue
				}
				fn := calleeFunc(info, call)
				if fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Name() == "NewTimer" && len(call.Args) == 1 {
					k = join(k, a.durationKind(ix, call.Args[0], map[*types.Var]bool{}))
				} else {
					k = join(k, kUnknown)
				}
			}
			for _, d := range ix.resets[v] {
				k = join(k, a.durationKind(ix, d, map[*types.Var]bool{}))
			}
			if k == kNone {
				k = kUnknown
			}
			return k, true
		}
	}
	return kUnknown, false
}

// selectKind classifies a select statement as a wait. A select with a
// default case does not wait. One that waits on a timer waits as long as
// the timer (the ctx.Done() case beside it is the way out, not the delay);
// one that waits on other channels waits for something unknown, which counts
// unless forFact.
func (a *state) selectKind(ix *funcIndex, sel *ast.SelectStmt, forFact bool) kind {
	timers := kNone
	for _, cc := range sel.Body.List {
		comm := cc.(*ast.CommClause).Comm
		if comm == nil {
			return kNone
		}
		if x := recvOperand(comm); x != nil {
			if k, timer := a.recvKind(ix, x); timer {
				timers = join(timers, k)
			}
		}
	}
	if timers != kNone {
		return timers
	}
	if forFact {
		return kNone
	}
	return kUnknown
}

// recvOperand returns ch for a comm clause that receives from ch.
func recvOperand(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := comm.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

func callName(call *ast.CallExpr) string {
	if _, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return "a function literal"
	}
	s := types.ExprString(call.Fun)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// chunkedWait returns the kind of wait a loop makes when the loop does
// nothing but wait: it sleeps in steps until a duration runs out or a flag
// is set (for d > 0 && atomic.LoadUint32(&c.stop) == 0 { s := min(step,
// d); time.Sleep(s); d -= s }), as clients with no channel to select on
// do. Every call in it is a wait, a builtin, a conversion, or a call of
// sync/atomic or time. The wait is of kind param when its steps come from
// a parameter, and unknown otherwise (how long the flag takes is not
// known). kNone when the loop is anything else.
func (a *state) chunkedWait(ix *funcIndex, loop *ast.ForStmt) kind {
	info := a.pass.TypesInfo
	k, only := kNone, true
	ast.Inspect(loop, func(n ast.Node) bool {
		if !only {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.SelectStmt, *ast.GoStmt, *ast.DeferStmt:
			only = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				only = false
			}
		case *ast.CallExpr:
			if wk := a.callDelay(ix, n, true); wk != kNone {
				k = join(k, wk)
				return true
			}
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				return true
			}
			if id := calleeIdent(n); id != nil {
				if _, ok := info.ObjectOf(id).(*types.Builtin); ok {
					return true
				}
			}
			fn := calleeFunc(info, n)
			if fn == nil || fn.Pkg() == nil || (fn.Pkg().Path() != "sync/atomic" && fn.Pkg().Path() != "time") {
				only = false
			}
		}
		return only
	})
	if !only || k == kNone {
		return kNone
	}
	if k != kParam {
		k = kUnknown
	}
	return k
}
