package writes

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEach: every way Go writes a variable is seen, and a value is given
// only where the write assigns exactly that expression.
func TestEach(t *testing.T) {
	src := `package p

var pkg, other = 1, 2
var zero int

func f(param int) (named int) {
	a := 1
	b, c := two()
	a = 3
	a += 4
	a++
	s := struct{ x int }{}
	s.x = 5
	p := &zero
	for k, v := range []int{} {
		_, _ = k, v
	}
	_, _, _, _ = b, c, p, param
	return
}

func two() (int, int) { return 1, 2 }
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	require.NoError(t, err)
	var got []string
	Each([]*ast.File{file}, func(lhs, rhs ast.Expr) {
		w := render(lhs) + "="
		if rhs != nil {
			w += render(rhs)
		}
		got = append(got, w)
	})
	require.Equal(t, []string{
		"pkg=1", "other=2", "zero=", // var with values, and without
		"param=", "named=", // the caller's value, the zero one
		"a=1", "b=", "c=", "a=3", // := one value; one result of a call each
		"a=", "a=", // += and ++
		"s=struct{...}", "s.x=5", // a write into part of s
		"p=&zero", "zero=", // &zero: anything may write through p
		"k=", "v=", // range variables
		"_=k", "_=v", "_=b", "_=c", "_=p", "_=param",
	}, got)
}

func render(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.BasicLit:
		return e.Value
	case *ast.SelectorExpr:
		return render(e.X) + "." + e.Sel.Name
	case *ast.UnaryExpr:
		return e.Op.String() + render(e.X)
	case *ast.CompositeLit:
		return "struct{...}"
	}
	return "?"
}
