package uncheckederr

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/relcheck/relcheck/analyzers/internal/funcnode"
)

// closeFix rewrites `defer x.Close()` in a function whose last result is an
// error into a deferred closure that hands the Close error to that result
// unless an earlier error is already being returned. It is offered only
// where the edit cannot change meaning:
//   - x is a local variable assigned exactly once and never address-taken,
//     so evaluating it when the closure runs instead of at the defer yields
//     the same value;
//   - the result is named, and that name is what the defer sees; or the
//     function has one unnamed error result and the name err is free in the
//     function, so naming the result shadows nothing.
func (c *checker) closeFix(cur inspector.Cursor, d *ast.DeferStmt, recv ast.Expr) []analysis.SuggestedFix {
	info := c.pass.TypesInfo
	id, ok := ast.Unparen(recv).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == v.Pkg().Scope() || c.facts.assigns[v] != 1 || c.facts.addrTaken[v] {
		return nil
	}
	ftype, body := funcnode.Parts(enclosingFunc(cur))
	if ftype == nil || ftype.Results == nil || len(ftype.Results.List) == 0 {
		return nil
	}
	last := ftype.Results.List[len(ftype.Results.List)-1]
	if !types.Identical(info.TypeOf(last.Type), errorType) {
		return nil
	}
	scope := c.pass.Pkg.Scope().Innermost(d.Pos())
	if scope == nil {
		return nil
	}
	var edits []analysis.TextEdit
	result := "err"
	if len(last.Names) > 0 {
		result = last.Names[len(last.Names)-1].Name
		want := info.Defs[last.Names[len(last.Names)-1]]
		if _, obj := scope.LookupParent(result, d.Pos()); result == "_" || obj != want {
			return nil
		}
	} else {
		fscope := info.Scopes[ftype]
		if len(ftype.Results.List) != 1 || fscope == nil {
			return nil
		}
		existing := fscope.Lookup(result)
		if existing != nil && !absorbable(info, body, existing) {
			return nil
		}
		if _, obj := scope.LookupParent(result, d.Pos()); obj != nil && obj != existing {
			return nil
		}
		named := "err error"
		if !ftype.Results.Opening.IsValid() {
			named = "(err error)"
		}
		edits = append(edits, analysis.TextEdit{Pos: last.Type.Pos(), End: last.Type.End(), NewText: []byte(named)})
	}
	if id.Name == "cerr" || result == "cerr" {
		return nil
	}
	indent := c.indentOf(d)
	var b strings.Builder
	fmt.Fprintf(&b, "defer func() {\n")
	fmt.Fprintf(&b, "%s\tif cerr := %s; cerr != nil && %s == nil {\n", indent, types.ExprString(d.Call), result)
	fmt.Fprintf(&b, "%s\t\t%s = cerr\n", indent, result)
	fmt.Fprintf(&b, "%s\t}\n", indent)
	fmt.Fprintf(&b, "%s}()", indent)
	edits = append(edits, analysis.TextEdit{Pos: d.Pos(), End: d.End(), NewText: []byte(b.String())})
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("return the error of %s through the %s result", callText(d.Call), result),
		TextEdits: edits,
	}}
}

// indentOf copies the leading white space of the line holding n, so the
// inserted lines line up with the code around them.
func (c *checker) indentOf(n ast.Node) string {
	pos := c.pass.Fset.Position(n.Pos())
	if c.pass.ReadFile != nil {
		if src, err := c.pass.ReadFile(pos.Filename); err == nil {
			lineStart := pos.Offset - (pos.Column - 1)
			if lineStart >= 0 && pos.Offset <= len(src) {
				line := src[lineStart:pos.Offset]
				return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
			}
		}
	}
	return strings.Repeat("\t", pos.Column-1)
}

// absorbable reports whether a top-level `err` of the function body can
// become the named result: it is an error declared by `x, err := f()`
// beside another new variable, so with err already declared that statement
// still compiles and simply assigns the result, which every return sets
// anyway before deferred calls run.
func absorbable(info *types.Info, body *ast.BlockStmt, obj types.Object) bool {
	if body == nil || !types.Identical(obj.Type(), errorType) {
		return false
	}
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		declares, other := false, false
		for _, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok || id.Name == "_" || info.Defs[id] == nil {
				continue
			}
			if info.Defs[id] == obj {
				declares = true
			} else {
				other = true
			}
		}
		if declares {
			return other
		}
	}
	return false
}
