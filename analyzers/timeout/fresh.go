package timeout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/relcheck/relcheck/analyzers/internal/funcnode"
	"github.com/relcheck/relcheck/analyzers/internal/writes"
)

// freshContext reports a context that is known to carry no deadline and no
// cancellation: context.Background() or context.TODO() itself, or a
// variable only ever assigned one of them (`ctx := context.Background()`).
// A request built with such a context is bounded by nothing but its client.
func (st *state) freshContext(e ast.Expr) bool {
	e = astutil.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		return isFunc(typeutil.StaticCallee(st.info, call), "context", "Background", "TODO")
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := st.info.ObjectOf(id).(*types.Var)
	return ok && st.a.freshContextVars()[v]
}

// givesLiveContext reports a call that gives a request its context
// (NewRequestWithContext, req.WithContext, req.Clone) with a context other
// than a fresh one: the request is then bounded by what its caller chose.
func (st *state) givesLiveContext(call *ast.CallExpr) bool {
	return len(call.Args) == 0 || !st.freshContext(call.Args[0])
}

// freshContextVars finds, once per package, the local and unexported
// package-level variables whose every assignment is context.Background()
// or context.TODO() and whose address is never taken. Parameters, results,
// exported package-level variables and anything assigned another value
// anywhere (a later `ctx, cancel = context.WithTimeout(ctx, d)`) are not.
func (a *pkgRun) freshContextVars() map[*types.Var]bool {
	if a.fresh != nil {
		return a.fresh
	}
	info := a.pass.TypesInfo
	fresh := map[*types.Var]bool{}
	spoiled := map[*types.Var]bool{}
	def := map[*types.Var]*ast.CallExpr{}
	note := func(lhs ast.Expr, rhs ast.Expr) {
		id, ok := astutil.Unparen(lhs).(*ast.Ident)
		if !ok || id.Name == "_" {
			return
		}
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || !isContextType(v.Type()) {
			return
		}
		if v.Exported() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			// Other packages may assign an exported package-level
			// variable (a main that sets its signal context).
			spoiled[v] = true
			return
		}
		call, ok := astutil.Unparen(rhs).(*ast.CallExpr)
		if rhs != nil && ok && isFunc(typeutil.StaticCallee(info, call), "context", "Background", "TODO") {
			fresh[v] = true
			if def[v] == nil {
				def[v] = call
			}
		} else {
			spoiled[v] = true
		}
	}
	// A parameter or result holds what the caller chose, whatever this
	// function assigns it on some path; writes reports it with no value.
	writes.Each(a.pass.Files, note)
	for v := range spoiled {
		delete(fresh, v)
		delete(def, v)
	}
	a.fresh = fresh
	a.freshDef = def
	return fresh
}

// freshLocal returns, for an identifier naming a local variable that only
// ever holds context.Background() or context.TODO() and is declared in the
// function innermost in stack (not an enclosing one), the call it was
// assigned from.
func (st *state) freshLocal(e ast.Expr, stack []ast.Node) *ast.CallExpr {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := st.info.Uses[id].(*types.Var)
	if !ok || v.Parent() == nil || v.Parent() == st.a.pass.Pkg.Scope() || !st.a.freshContextVars()[v] {
		return nil
	}
	def := st.a.freshDef[v]
	if def == nil {
		return nil
	}
	body := funcnode.Innermost(stack)
	if body == nil || def.Pos() < body.Pos() || def.End() > body.End() {
		return nil
	}
	inner := false
	ast.Inspect(body, func(n ast.Node) bool {
		if fl, ok := n.(*ast.FuncLit); ok && fl.Pos() <= def.Pos() && def.End() <= fl.End() {
			inner = true
		}
		return !inner
	})
	if inner {
		return nil
	}
	return def
}
