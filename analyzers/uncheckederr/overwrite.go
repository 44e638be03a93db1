package uncheckederr

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// checkOverwrites reports go/error-overwritten for every function and
// function literal of a file. Each gets its own CFG; a variable shared with
// a closure is skipped (see varFacts.captured), so the per-function view is
// complete for the variables it judges.
func (c *checker) checkOverwrites(file inspector.Cursor, cfgs *ctrlflow.CFGs) {
	for cur := range file.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var g *cfg.CFG
		var ftype *ast.FuncType
		switch fn := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn.Body == nil {
				continue
			}
			g, ftype = cfgs.FuncDecl(fn), fn.Type
		case *ast.FuncLit:
			g, ftype = cfgs.FuncLit(fn), fn.Type
		}
		if g != nil {
			c.overwritesIn(cur.Node(), ftype, g)
		}
	}
}

// errDef is an assignment of a call's error result to a local variable.
type errDef struct {
	v        *types.Var
	id       *ast.Ident
	call     *ast.CallExpr
	siblings []*types.Var   // the call's other results, as in `ok, err = f()`
	loop     *ast.BlockStmt // body of the innermost loop around the assignment
}

// loopBodies lists the bodies of the loops of a function, not entering
// function literals, which have graphs of their own.
func loopBodies(fn ast.Node) []*ast.BlockStmt {
	var bodies []*ast.BlockStmt
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == fn
		case *ast.ForStmt:
			bodies = append(bodies, n.Body)
		case *ast.RangeStmt:
			bodies = append(bodies, n.Body)
		}
		return true
	})
	return bodies
}

func innermost(bodies []*ast.BlockStmt, pos token.Pos) *ast.BlockStmt {
	var best *ast.BlockStmt
	for _, b := range bodies {
		if b.Pos() <= pos && pos < b.End() && (best == nil || b.Pos() > best.Pos()) {
			best = b
		}
	}
	return best
}

func (c *checker) overwritesIn(fn ast.Node, ftype *ast.FuncType, g *cfg.CFG) {
	named := map[*types.Var]bool{}
	if ftype.Results != nil {
		for _, f := range ftype.Results.List {
			for _, id := range f.Names {
				if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok {
					named[v] = true
				}
			}
		}
	}
	loops := loopBodies(fn)
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, n := range b.Nodes {
			for _, d := range c.errDefs(fn, n) {
				d.loop = innermost(loops, n.Pos())
				at, exit := c.unreadPath(b, i, d, named[d.v])
				if at == nil {
					continue
				}
				pos := c.pass.Fset.Position(at.Pos())
				switch {
				case exit && isImplicitReturn(at, fn):
					c.report(d.id, RuleErrorOverwritten, nil,
						"error from %s stored in %s is never checked before the function ends",
						callText(d.call), d.v.Name())
				case exit:
					c.report(d.id, RuleErrorOverwritten, nil,
						"error from %s stored in %s is never checked before the return at line %d",
						callText(d.call), d.v.Name(), pos.Line)
				case at == n:
					c.report(d.id, RuleErrorOverwritten, nil,
						"error from %s stored in %s is overwritten by the next loop iteration before it is checked",
						callText(d.call), d.v.Name())
				default:
					c.report(d.id, RuleErrorOverwritten, nil,
						"error from %s stored in %s is overwritten at line %d before it is checked",
						callText(d.call), d.v.Name(), pos.Line)
				}
			}
		}
	}
}

// isImplicitReturn recognises the return the CFG builder adds when control
// falls off the end of a function: it sits on the closing brace.
func isImplicitReturn(n, fn ast.Node) bool {
	ret, ok := n.(*ast.ReturnStmt)
	if !ok || ret.Results != nil {
		return false
	}
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	return body != nil && ret.Return == body.Rbrace
}

// errDefs lists the assignments in node n that store the error result of a
// call in a local variable that go/error-overwritten can judge.
func (c *checker) errDefs(fn ast.Node, n ast.Node) []errDef {
	info := c.pass.TypesInfo
	var lhs, rhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs, rhs = n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
		rhs = n.Values
	default:
		return nil
	}
	var defs []errDef
	for i, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || !isLocalError(v) || c.facts.captured[v] || c.facts.addrTaken[v] || c.facts.declFunc[v] != fn {
			continue
		}
		var r ast.Expr
		switch {
		case len(rhs) == len(lhs):
			r = rhs[i]
		case len(rhs) == 1:
			r = rhs[0]
		default:
			continue
		}
		call, ok := ast.Unparen(r).(*ast.CallExpr)
		if !ok {
			continue
		}
		if tv, ok := info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
			continue
		}
		if f, recv := c.callee(call); f != nil {
			var arg0 ast.Expr
			if len(call.Args) > 0 {
				arg0 = call.Args[0]
			}
			if c.excludes.excluded(info, calleeNames(info, f, recv), arg0) {
				continue
			}
		}
		d := errDef{v: v, id: id, call: call}
		if len(rhs) == 1 {
			for _, o := range lhs {
				if oid, ok := o.(*ast.Ident); ok && oid != id && oid.Name != "_" {
					if ov, ok := info.ObjectOf(oid).(*types.Var); ok {
						d.siblings = append(d.siblings, ov)
					}
				}
			}
		}
		defs = append(defs, d)
	}
	return defs
}

// unreadPath searches the CFG from just after node i of block b for a
// lost value of v. An overwrite counts on any path: `err = a(); err = b()`
// loses a's error wherever the second assignment is reached without a read.
// Reaching a return counts only if no path reads v at all: on real code an
// early return on some other path (a different error, a success that makes
// accumulated errors moot) is how errors are meant to be left behind, and
// reporting it would drown the overwrites. Returning from a function whose
// named result is v is a read, and so is a path that ends in a call that
// never returns (log.Fatal). A branch on another result of the same call
// (`if ok {`, `for n > 0`) also ends a path: by the (T, bool-or-n, error)
// conventions the error is known to be nil where such a branch leads, as in
// `ok, err = peek(); if ok { _, err = next() }`. It returns the overwriting
// node or the return, and whether it is a return.
//
// The assignment reaching itself again through a loop is reported only if
// nothing in the loop body reads v: go/cfg does not know that a range over a
// literal runs at least once or that a switch covers every value, and such
// infeasible paths would otherwise make a checked error look dropped.
func (c *checker) unreadPath(b *cfg.Block, i int, d errDef, named bool) (ast.Node, bool) {
	v := d.v
	self := b.Nodes[i]
	selfHit, readInLoop := false, false
	type item struct {
		b     *cfg.Block
		start int
	}
	var exit ast.Node
	sawRead := false
	seen := map[*cfg.Block]bool{}
	stack := []item{{b, i + 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		cut := false
		for _, n := range it.b.Nodes[it.start:] {
			read, write := c.access(n, v)
			if _, cond := n.(ast.Expr); cond && !read {
				for _, s := range d.siblings {
					if r, _ := c.access(n, s); r {
						read = true
					}
				}
			}
			if read {
				sawRead, cut = true, true
				if d.loop != nil && d.loop.Pos() <= n.Pos() && n.Pos() < d.loop.End() {
					readInLoop = true
				}
				break
			}
			if write && n == self {
				selfHit, cut = true, true
				break
			}
			if write {
				return n, false
			}
		}
		if cut {
			continue
		}
		if len(it.b.Succs) == 0 {
			if ret := it.b.Return(); ret != nil {
				if named {
					sawRead = true
				} else if exit == nil {
					exit = ret
				}
			}
			continue
		}
		for j := len(it.b.Succs) - 1; j >= 0; j-- {
			s := it.b.Succs[j]
			if !seen[s] {
				seen[s] = true
				stack = append(stack, item{s, 0})
			}
		}
	}
	if selfHit && !readInLoop {
		return self, false
	}
	if exit != nil && !sawRead {
		return exit, true
	}
	return nil, false
}

// access reports whether CFG node n reads or writes v. A node that does
// both reads first: in `err = wrap(err)` the right side is evaluated before
// the assignment. Function literals are not entered: their bodies do not
// run here, and variables they share are not judged at all.
func (c *checker) access(n ast.Node, v *types.Var) (read, write bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if c.pass.TypesInfo.ObjectOf(n) == v {
				if c.facts.writeIdents[n] {
					write = true
				} else {
					read = true
				}
			}
		}
		return true
	})
	return read, write
}
