// Package writes finds every place Go code writes a variable, for analyzers
// that judge a variable by all the values it may hold.
package writes

import (
	"go/ast"
	"go/token"
)

// Each calls f for every write in files. lhs is what is written: an
// identifier, or a selector or index expression for a write into part of a
// variable (b.Jitter = j). rhs is the value when the write assigns exactly
// one expression (x = v, x := v, var x = v); it is nil for every other
// write, whose value is not known here: an op-assignment or ++/--, one
// result of a multi-value call, a var without a value, a range variable, a
// parameter or named result (the caller's value, or the zero one), and an
// operand of & (anything may write through the pointer).
func Each(files []*ast.File, f func(lhs, rhs ast.Expr)) {
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				whole := len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE)
				for i, lhs := range n.Lhs {
					if whole {
						f(lhs, n.Rhs[i])
					} else {
						f(lhs, nil)
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if len(n.Values) == len(n.Names) {
						f(name, n.Values[i])
					} else {
						f(name, nil)
					}
				}
			case *ast.IncDecStmt:
				f(n.X, nil)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					f(n.X, nil)
				}
			case *ast.RangeStmt:
				if n.Key != nil {
					f(n.Key, nil)
				}
				if n.Value != nil {
					f(n.Value, nil)
				}
			case *ast.FuncType:
				for _, fl := range []*ast.FieldList{n.Params, n.Results} {
					if fl == nil {
						continue
					}
					for _, field := range fl.List {
						for _, name := range field.Names {
							f(name, nil)
						}
					}
				}
			}
			return true
		})
	}
}
