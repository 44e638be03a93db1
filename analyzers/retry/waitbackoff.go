package retry

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/relcheck/relcheck/analyzers/internal/writes"
)

// k8s.io/apimachinery's wait.Backoff jitters only when its Jitter field is
// positive: the zero value, and every literal that leaves the field out,
// waits Duration, Duration*Factor, ... in every replica alike. Retries that
// wait.ExponentialBackoff or client-go's util/retry drive with such a
// policy are judged here by the literal that builds the policy; a policy
// from a parameter, a field or another package's variable (client-go's
// retry.DefaultRetry and DefaultBackoff set Jitter: 0.1) stays unknown.

const (
	waitPkg        = "k8s.io/apimachinery/pkg/util/wait"
	clientRetryPkg = "k8s.io/client-go/util/retry"
)

// isWaitBackoff reports whether t is wait.Backoff.
func isWaitBackoff(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == "Backoff" && obj.Pkg() != nil && obj.Pkg().Path() == waitPkg
}

// backoffArg returns the wait.Backoff argument of a call that retries with
// it (wait.ExponentialBackoff, wait.ExponentialBackoffWithContext,
// retry.OnError, retry.RetryOnConflict), or nil.
func (a *state) backoffArg(call *ast.CallExpr, fn *types.Func) ast.Expr {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	switch path := fn.Pkg().Path(); {
	case path == waitPkg && strings.HasPrefix(fn.Name(), "ExponentialBackoff"):
	case path == clientRetryPkg && (fn.Name() == "OnError" || fn.Name() == "RetryOnConflict"):
	default:
		return nil
	}
	for _, arg := range call.Args {
		if isWaitBackoff(a.pass.TypesInfo.TypeOf(arg)) {
			return arg
		}
	}
	return nil
}

// isBackoffStep reports whether fn is wait's (*Backoff).Step.
func isBackoffStep(fn *types.Func) bool {
	return fn.Name() == "Step" && fn.Pkg() != nil && fn.Pkg().Path() == waitPkg && recvNamed(fn) == "Backoff"
}

// backoffKind classifies the delays of the wait.Backoff that e evaluates
// to, when e is a literal or a variable of this package written only with
// literals. retries asks that the policy allow a second attempt (Steps of
// at least 2), as the retrying functions need; Step() in a caller's loop
// does not. ok is false when the policy is not known.
func (a *state) backoffKind(e ast.Expr, retries bool) (kind, bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if star, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(star.X)
	}
	var lits []*ast.CompositeLit
	switch e := e.(type) {
	case *ast.CompositeLit:
		lits = []*ast.CompositeLit{e}
	case *ast.Ident:
		v, ok := a.pass.TypesInfo.ObjectOf(e).(*types.Var)
		if !ok || v.Pkg() != a.pass.Pkg {
			return kUnknown, false
		}
		w := a.backoffWrites()[v]
		if w == nil || w.other || len(w.lits) == 0 {
			return kUnknown, false
		}
		lits = w.lits
	default:
		return kUnknown, false
	}
	k := kNone
	for _, lit := range lits {
		lk, ok := a.backoffLitKind(lit, retries)
		if !ok {
			return kUnknown, false
		}
		k = join(k, lk)
	}
	return k, true
}

func (a *state) backoffLitKind(lit *ast.CompositeLit, retries bool) (kind, bool) {
	st, ok := a.pass.TypesInfo.TypeOf(lit).Underlying().(*types.Struct)
	if !ok {
		return kUnknown, false
	}
	fields := map[string]ast.Expr{}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				fields[id.Name] = kv.Value
			}
		} else if i < st.NumFields() {
			fields[st.Field(i).Name()] = elt
		}
	}
	// value returns the field's constant value (0 when it is left out) and
	// whether it is a constant.
	value := func(name string) (float64, bool) {
		e, ok := fields[name]
		if !ok {
			return 0, true
		}
		tv, ok := a.pass.TypesInfo.Types[e]
		if !ok || tv.Value == nil {
			return 0, false
		}
		f, _ := constant.Float64Val(constant.ToFloat(tv.Value))
		return f, true
	}
	jitter, ok := value("Jitter")
	if !ok || jitter > 0 {
		return kJitter, ok
	}
	if d, ok := value("Duration"); ok && d <= 0 {
		return kUnknown, false // no delay at all: not a matter of jitter
	}
	if retries {
		if steps, ok := value("Steps"); ok && steps < 2 {
			return kUnknown, false // one attempt, or none
		}
	}
	if f, ok := value("Factor"); ok && f <= 1 {
		return kConst, true
	}
	return kGrow, true
}

// backoffWrite collects the writes to one wait.Backoff variable of this
// package: the literals assigned to it, and whether it is written any
// other way (another value, a field such as b.Jitter = j, its address
// taken).
type backoffWrite struct {
	lits  []*ast.CompositeLit
	other bool
}

func (a *state) backoffWrites() map[*types.Var]*backoffWrite {
	if a.backoffVars != nil {
		return a.backoffVars
	}
	a.backoffVars = map[*types.Var]*backoffWrite{}
	info := a.pass.TypesInfo
	get := func(id *ast.Ident) *backoffWrite {
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || !isWaitBackoff(v.Type()) {
			return nil
		}
		w := a.backoffVars[v]
		if w == nil {
			w = &backoffWrite{}
			a.backoffVars[v] = w
		}
		return w
	}
	write := func(lhs ast.Expr, rhs ast.Expr) {
		lhs = ast.Unparen(lhs)
		if sel, ok := lhs.(*ast.SelectorExpr); ok {
			// b.Jitter = j, b.Factor *= 2: a field write.
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
				if w := get(id); w != nil {
					w.other = true
				}
			}
			return
		}
		id, ok := lhs.(*ast.Ident)
		if !ok {
			return
		}
		w := get(id)
		if w == nil {
			return
		}
		if lit, ok := ast.Unparen(rhs).(*ast.CompositeLit); ok {
			w.lits = append(w.lits, lit)
		} else {
			w.other = true
		}
	}
	// Parameters and named results hold the caller's policy (or the zero
	// value) on the paths that do not assign them (if b.Steps == 0 { b =
	// wait.Backoff{...} }); writes reports them with no value.
	writes.Each(a.pass.Files, write)
	return a.backoffVars
}

// checkWaitRetries reports the retries a wait.Backoff without Jitter
// drives, in the body of d and the function literals inside it.
func (a *state) checkWaitRetries(d *ast.FuncDecl) {
	ast.Inspect(d.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := calleeFunc(a.pass.TypesInfo, call)
		arg := a.backoffArg(call, fn)
		if arg == nil {
			return true
		}
		if k, ok := a.backoffKind(arg, true); ok && lacksJitter(k) {
			a.pass.Report(analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(), Category: RuleNoJitter,
				Message: fmt.Sprintf("%s retries with a %s delay and no random jitter: the wait.Backoff sets no Jitter", callName(call), k),
			})
		}
		return true
	})
}
