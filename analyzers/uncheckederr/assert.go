package uncheckederr

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// checkAssertions reports single-value type assertions. The comma-ok forms
// (`v, ok := x.(T)`, `var v, ok = x.(T)`) and type switches cannot panic.
func (c *checker) checkAssertions(file inspector.Cursor) {
	for cur := range file.Preorder((*ast.TypeAssertExpr)(nil)) {
		ta := cur.Node().(*ast.TypeAssertExpr)
		if ta.Type == nil {
			continue // x.(type) in a type switch
		}
		// Step over parentheses to the node that consumes the value.
		p := cur.Parent()
		for {
			if _, ok := p.Node().(*ast.ParenExpr); !ok {
				break
			}
			p = p.Parent()
		}
		switch n := p.Node().(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 && (n.Tok == token.DEFINE || n.Tok == token.ASSIGN) {
				continue
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				continue
			}
		}
		c.report(ta, RuleUncheckedTypeAssertion, nil,
			"type assertion %s panics if %s does not hold a %s; use the two-value form",
			types.ExprString(ta), types.ExprString(ta.X), types.ExprString(ta.Type))
	}
}
