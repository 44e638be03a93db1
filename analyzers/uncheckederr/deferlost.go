package uncheckederr

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/relcheck/relcheck/analyzers/internal/funcnode"
)

// checkDeferredLost reports go/error-overwritten for an error that a
// deferred function literal stores in a local error variable of the
// function that defers it, when that variable is not one of the function's
// named results:
//
//	func save(p string, b []byte) error {
//		...
//		defer func() { err = errors.Join(err, f.Close()) }()
//
// Deferred calls run after the return statement has set the results, so
// only a named result carries a store to the caller; this one reaches
// nobody. It is the advice for written files (set the named result from a
// deferred Close) with the name forgotten, and it looks checked to
// everyone, errcheck included.
//
// The general overwrite check leaves variables shared with closures alone,
// since a closure may read them at any time; here the closure is the last
// code to run, so only reads after the store inside it, or a use in
// another closure, save it.
func (c *checker) checkDeferredLost(file inspector.Cursor) {
	info := c.pass.TypesInfo
	for cur := range file.Preorder((*ast.DeferStmt)(nil)) {
		lit, ok := ast.Unparen(cur.Node().(*ast.DeferStmt).Call.Fun).(*ast.FuncLit)
		if !ok {
			continue
		}
		outerCur, ok := funcOf(cur)
		if !ok {
			continue
		}
		outer := outerCur.Node()
		named := namedResults(info, outer)
		repeated := deferredInLoop(cur)
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, l := range n.Lhs {
					id, ok := ast.Unparen(l).(*ast.Ident)
					if !ok {
						continue
					}
					v, ok := info.Uses[id].(*types.Var)
					if !ok || !isLocalError(v) || named[v] || c.facts.addrTaken[v] || c.facts.declFunc[v] != outer {
						continue
					}
					rhs := n.Rhs[i]
					if tv, ok := info.Types[rhs]; !ok || tv.IsNil() {
						continue
					}
					if readAfter(info, lit.Body, v, n, repeated) || usedInOtherLit(info, outer, lit, v) {
						continue
					}
					why := fmt.Sprintf("%s is not a named result, so no caller sees it; name the result", v.Name())
					if shadowsNamed(named, v) {
						why = fmt.Sprintf("this %s, declared at line %d, shadows the named result %s, which the caller gets; give it another name",
							v.Name(), c.pass.Fset.Position(v.Pos()).Line, v.Name())
					}
					c.report(n, RuleErrorOverwritten, nil, "error from %s stored in %s by a deferred function is lost: %s",
						errorSource(info, lit.Body, rhs, v), v.Name(), why)
				}
			}
			return true
		})
	}
}

// namedResults returns the named results of a function declaration or
// literal.
func namedResults(info *types.Info, fn ast.Node) map[*types.Var]bool {
	ft, _ := funcnode.Parts(fn)
	named := map[*types.Var]bool{}
	if ft == nil || ft.Results == nil {
		return named
	}
	for _, f := range ft.Results.List {
		for _, id := range f.Names {
			if v, ok := info.Defs[id].(*types.Var); ok {
				named[v] = true
			}
		}
	}
	return named
}

// shadowsNamed reports whether v has the name of one of the named results
// (file, err := os.Create(p) inside an if block of a function returning
// (err error)).
func shadowsNamed(named map[*types.Var]bool, v *types.Var) bool {
	for r := range named {
		if r.Name() == v.Name() {
			return true
		}
	}
	return false
}

// deferredInLoop reports a defer statement in a loop of its function: the
// function literal is deferred once per iteration, and each call runs after
// the one deferred after it, so a read anywhere in the literal reads what
// an earlier call stored.
func deferredInLoop(def inspector.Cursor) bool {
	for c := range def.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
		return false
	}
	return false
}

// readAfter reports a read of v in body after the store as, or anywhere in
// a loop of body around it (the next iteration reads it), or anywhere in
// body when the literal is deferred repeatedly (the next call reads it).
func readAfter(info *types.Info, body *ast.BlockStmt, v *types.Var, as *ast.AssignStmt, repeated bool) bool {
	from := as.End()
	if repeated {
		from = body.Pos()
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= as.Pos() && as.End() <= n.End() && n.Pos() < from {
				from = n.Pos()
			}
		}
		return true
	})
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		if n, ok := n.(*ast.AssignStmt); ok && n.Tok == token.ASSIGN {
			// A plain store is not a read; its right side still is.
			for _, r := range n.Rhs {
				ast.Inspect(r, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && id.Pos() >= from && info.Uses[id] == v && !(as.Pos() <= id.Pos() && id.End() <= as.End()) {
						found = true
					}
					return !found
				})
			}
			return false
		}
		if id, ok := n.(*ast.Ident); ok && id.Pos() >= from && info.Uses[id] == v && !(as.Pos() <= id.Pos() && id.End() <= as.End()) {
			found = true
		}
		return true
	})
	return found
}

// usedInOtherLit reports a use of v in a function literal of outer other
// than lit: that closure may read it later.
func usedInOtherLit(info *types.Info, outer ast.Node, lit *ast.FuncLit, v *types.Var) bool {
	found := false
	ast.Inspect(outer, func(n ast.Node) bool {
		if found || n == lit {
			return false
		}
		if other, ok := n.(*ast.FuncLit); ok && other != outer {
			ast.Inspect(other.Body, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
					found = true
				}
				return !found
			})
			return false
		}
		return true
	})
	return found
}

// errorSource names the call whose error rhs carries: rhs itself when it
// is a call other than a wrapper (errors.Join, fmt.Errorf), else the first
// error inside it other than v, followed to the call that defined it in
// body (cerr := f.Close()).
func errorSource(info *types.Info, body *ast.BlockStmt, rhs ast.Expr, v *types.Var) string {
	isWrapper := func(call *ast.CallExpr) bool {
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		return isFunc(fn, "errors", "Join") || isFunc(fn, "fmt", "Errorf")
	}
	defs := map[*types.Var]*ast.CallExpr{}
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
			if id, ok := as.Lhs[0].(*ast.Ident); ok {
				if w, ok := info.ObjectOf(id).(*types.Var); ok {
					if call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok {
						defs[w] = call
					}
				}
			}
		}
		return true
	})
	src := ""
	ast.Inspect(rhs, func(n ast.Node) bool {
		if src != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if !isWrapper(n) && isErrorExpr(info, n) {
				src = callText(n)
			}
		case *ast.Ident:
			if w, ok := info.Uses[n].(*types.Var); ok && w != v && isErrorExpr(info, n) {
				if call := defs[w]; call != nil {
					src = callText(call)
				} else {
					src = n.Name
				}
			}
		}
		return src == ""
	})
	if src == "" {
		src = types.ExprString(rhs)
	}
	return src
}

func isErrorExpr(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	return t != nil && types.Identical(t, errorType)
}
