// Package funcnode reads the function declarations and literals around a
// node, for analyzers that walk with a stack of enclosing nodes.
package funcnode

import "go/ast"

// Parts returns the signature and body of a function declaration or
// literal, and nil, nil for any other node. A declaration without a body
// (an assembly function) has a nil body.
func Parts(n ast.Node) (*ast.FuncType, *ast.BlockStmt) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Type, n.Body
	case *ast.FuncLit:
		return n.Type, n.Body
	}
	return nil, nil
}

// Innermost returns the body of the innermost function declaration or
// literal in stack (outermost first), or nil when there is none.
func Innermost(stack []ast.Node) *ast.BlockStmt {
	for i := len(stack) - 1; i >= 0; i-- {
		if ft, body := Parts(stack[i]); ft != nil {
			return body
		}
	}
	return nil
}
