package funcnode

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPartsAndInnermost(t *testing.T) {
	src := "package p\n\nfunc outer(a int) { f := func(b int) { _ = b }; _ = f }\n\nfunc asm(x int)\n\nvar v = 1\n"
	file, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	require.NoError(t, err)
	outer := file.Decls[0].(*ast.FuncDecl)
	ft, body := Parts(outer)
	require.Same(t, outer.Type, ft)
	require.Same(t, outer.Body, body)

	lit := outer.Body.List[0].(*ast.AssignStmt).Rhs[0].(*ast.FuncLit)
	ft, body = Parts(lit)
	require.Same(t, lit.Type, ft)
	require.Same(t, lit.Body, body)

	ft, body = Parts(file.Decls[1])
	require.NotNil(t, ft, "a declaration without a body is still a function")
	require.Nil(t, body)

	ft, body = Parts(file.Decls[2])
	require.Nil(t, ft)
	require.Nil(t, body)

	// The literal is innermost; statements in between do not count.
	stack := []ast.Node{file, outer, outer.Body, outer.Body.List[0], lit, lit.Body}
	require.Same(t, lit.Body, Innermost(stack))
	require.Same(t, outer.Body, Innermost(stack[:4]))
	require.Nil(t, Innermost(stack[:1]))
}
