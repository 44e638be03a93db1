package uncheckederr

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/relcheck/relcheck/analyzers/internal/funcnode"
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
	loopStmt ast.Stmt       // that loop
	label    *types.Label   // the loop's label, if any
}

// loopStmts lists the loops of a function, not entering function
// literals, which have graphs of their own.
func loopStmts(fn ast.Node) []ast.Stmt {
	var loops []ast.Stmt
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == fn
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n.(ast.Stmt))
		}
		return true
	})
	return loops
}

func loopBody(s ast.Stmt) *ast.BlockStmt {
	switch s := s.(type) {
	case *ast.ForStmt:
		return s.Body
	case *ast.RangeStmt:
		return s.Body
	}
	return nil
}

// innermost returns the innermost loop whose body holds pos.
func innermost(loops []ast.Stmt, pos token.Pos) ast.Stmt {
	var best ast.Stmt
	for _, s := range loops {
		b := loopBody(s)
		if b.Pos() <= pos && pos < b.End() && (best == nil || b.Pos() > loopBody(best).Pos()) {
			best = s
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
	loops := loopStmts(fn)
	labels := map[ast.Stmt]*types.Label{}
	ast.Inspect(fn, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			if l, ok := c.pass.TypesInfo.Defs[ls.Label].(*types.Label); ok {
				labels[ls.Stmt] = l
			}
		}
		return true
	})
	deadElse := c.exhaustiveBoolSwitches(fn, g)
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, n := range b.Nodes {
			for _, d := range c.errDefs(fn, n) {
				if d.loopStmt = innermost(loops, n.Pos()); d.loopStmt != nil {
					d.loop, d.label = loopBody(d.loopStmt), labels[d.loopStmt]
				}
				at, exit := c.unreadPath(b, i, d, named[d.v], deadElse)
				if at == nil || (!exit && c.sameStickyWriter(d.call, at)) {
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
				case d.loop != nil && at.Pos() <= n.Pos() && d.loop.Pos() <= at.Pos():
					c.report(d.id, RuleErrorOverwritten, nil,
						"error from %s stored in %s is overwritten at line %d in the next loop iteration before it is checked",
						callText(d.call), d.v.Name(), pos.Line)
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
	_, body := funcnode.Parts(fn)
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
		if builtFromNothing(info, call) {
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
// reporting it would drown the overwrites. For the same reason a store of
// nil (`if n > 0 { errs = nil }`) ends a path and is not an overwrite.
// Returning from a function whose
// named result is v is a read, and so is a path that ends in a call that
// never returns (log.Fatal). A branch on another result of the same call
// (`if ok {`, `for n > 0`) also ends a path: by the (T, bool-or-n, error)
// conventions the error is known to be nil where such a branch leads, as in
// `ok, err = peek(); if ok { _, err = next() }`. It returns the overwriting
// node or the return, and whether it is a return.
//
// The walk is path-sensitive in two cheap ways. A boolean local set to a
// constant after the assignment (`value, err = get(); found = true`) decides
// later tests of it (`if !found { value, err = fetch() }`), and a switch on
// a boolean with both a true and a false case has no path past its cases
// (deadElse).
//
// An overwrite reached only by going around the assignment's loop again
// (the assignment itself, or another one in the loop) is reported only if
// nothing in the loop reads v on the way, and the loop is neither
//   - one that leaves on success: v is tested against nil in the loop and
//     the nil side leaves it (`for _, srv := range servers { if err =
//     try(srv); err == nil { break } }`): an attempt that failed is
//     superseded by the next one, and the last failure is what is kept;
//   - nor one whose iterations are the same attempt repeated (`for range
//     20`, `for range ticker.C`, `for time.Now().Before(deadline)`): the
//     last attempt's error is the one that matters.
//
// go/cfg does not know that a range over a literal runs at least once or
// that a switch covers every value, so such infeasible paths would
// otherwise make a checked error look dropped.
func (c *checker) unreadPath(b *cfg.Block, i int, d errDef, named bool, deadElse map[*cfg.Block]bool) (ast.Node, bool) {
	v := d.v
	self := b.Nodes[i]
	var loopHit ast.Node
	selfHit, readInLoop := false, false
	heads := loopHeads(b, d.loopStmt)
	type item struct {
		b       *cfg.Block
		start   int
		wrapped bool                // went around the assignment's loop
		known   map[*types.Var]bool // boolean locals set to a constant since the assignment
	}
	type visit struct {
		b       *cfg.Block
		wrapped bool
		known   string
	}
	var exit ast.Node
	sawRead := false
	seen := map[visit]bool{}
	stack := []item{{b, i + 1, false, nil}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		cut := false
		known := it.known
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
			if write && it.wrapped && d.loopStmt.Pos() <= n.Pos() && n.Pos() < d.loopStmt.End() {
				if loopHit == nil {
					loopHit = n
				}
				cut = true
				break
			}
			if write && (c.replacedByFailure(it.b, n, v) || c.storesNil(n, v)) {
				cut = true
				break
			}
			if write {
				return n, false
			}
			known = c.learnBools(n, known)
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
		succs := it.b.Succs
		if len(succs) == 2 {
			if deadElse[it.b] {
				succs = succs[:1]
			} else if k := c.decideBranch(it.b, known); k >= 0 {
				succs = succs[k : k+1]
			}
		}
		for j := len(succs) - 1; j >= 0; j-- {
			s := succs[j]
			wrapped := it.wrapped || heads[s]
			vk := visit{s, wrapped, knownKey(known)}
			if !seen[vk] {
				seen[vk] = true
				stack = append(stack, item{s, 0, wrapped, known})
			}
		}
	}
	if (selfHit || loopHit != nil) && !readInLoop && !c.supersedingLoop(d) {
		if selfHit {
			return self, false
		}
		return loopHit, false
	}
	if exit != nil && !sawRead {
		return exit, true
	}
	return nil, false
}

// storesNil reports n as `v = nil`: clearing the error is a decision
// (errors gathered from every peer dropped once one of them answered), as
// a return that leaves it behind is, not an accident.
func (c *checker) storesNil(n ast.Node, v *types.Var) bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, l := range as.Lhs {
		if id, ok := ast.Unparen(l).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			tv, ok := c.pass.TypesInfo.Types[as.Rhs[i]]
			return ok && tv.IsNil()
		}
	}
	return false
}

// replacedByFailure reports n as `v = w` in the then-block of `if w != nil`
// (`if werr := ch.WaitClosed(); werr != nil { cerr = werr }`): v is replaced
// only by another failure, so when v's own failure is lost one is still
// reported, and when there is no replacement v goes on to be checked.
func (c *checker) replacedByFailure(b *cfg.Block, n ast.Node, v *types.Var) bool {
	info := c.pass.TypesInfo
	ifs, ok := b.Stmt.(*ast.IfStmt)
	if !ok || b.Kind != cfg.KindIfThen {
		return false
	}
	as, ok := n.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || varOf(info, as.Lhs[0]) != v {
		return false
	}
	w, ok := ast.Unparen(as.Rhs[0]).(*ast.Ident)
	if !ok {
		return false
	}
	wv, ok := info.ObjectOf(w).(*types.Var)
	if !ok {
		return false
	}
	be, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.NEQ {
		return false
	}
	x, y := ast.Unparen(be.X), ast.Unparen(be.Y)
	if isNil(info, x) {
		x, y = y, x
	}
	id, ok := x.(*ast.Ident)
	return ok && isNil(info, y) && info.ObjectOf(id) == wv
}

// loopHeads marks the blocks through which a path goes around loop s again:
// its condition (or, without one, the top of its body) and its post
// statement. start is any block of the function, to reach the graph.
func loopHeads(start *cfg.Block, s ast.Stmt) map[*cfg.Block]bool {
	heads := map[*cfg.Block]bool{}
	if s == nil {
		return heads
	}
	seen := map[*cfg.Block]bool{}
	var visit func(b *cfg.Block)
	visit = func(b *cfg.Block) {
		if seen[b] {
			return
		}
		seen[b] = true
		if b.Stmt == s {
			switch b.Kind {
			case cfg.KindForLoop, cfg.KindForPost, cfg.KindRangeLoop:
				heads[b] = true
			case cfg.KindForBody:
				if fs, ok := s.(*ast.ForStmt); ok && fs.Cond == nil {
					heads[b] = true
				}
			}
		}
		for _, t := range b.Succs {
			visit(t)
		}
	}
	visit(start)
	return heads
}

// supersedingLoop reports a loop in which a later iteration's error
// legitimately replaces an earlier one (see unreadPath): one that leaves
// when v is nil, or one whose iterations do not step through anything.
func (c *checker) supersedingLoop(d errDef) bool {
	if d.loopStmt == nil {
		return false
	}
	return c.leavesOnNil(d) || repeatsAttempt(c.pass.TypesInfo, d.loopStmt)
}

// leavesOnNil reports a test of v against nil in d's loop whose nil side
// breaks out of the loop or returns, syntactically: the then-branch of
// `if v == nil`, or for `if v != nil` its else-branch or the statement
// right after the if.
func (c *checker) leavesOnNil(d errDef) bool {
	info := c.pass.TypesInfo
	isNilTest := func(e ast.Expr) (token.Token, bool) {
		be, ok := ast.Unparen(e).(*ast.BinaryExpr)
		if !ok || (be.Op != token.EQL && be.Op != token.NEQ) {
			return 0, false
		}
		x, y := ast.Unparen(be.X), ast.Unparen(be.Y)
		if isNil(info, x) {
			x, y = y, x
		}
		id, ok := x.(*ast.Ident)
		if !ok || info.ObjectOf(id) != d.v || !isNil(info, y) {
			return 0, false
		}
		return be.Op, true
	}
	leaves := func(stmts []ast.Stmt) bool {
		if len(stmts) == 0 {
			return false
		}
		switch s := stmts[len(stmts)-1].(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.BranchStmt:
			return s.Tok == token.BREAK && (s.Label == nil || (d.label != nil && info.ObjectOf(s.Label) == d.label))
		}
		return false
	}
	found := false
	var walk func(list []ast.Stmt)
	walk = func(list []ast.Stmt) {
		for i, st := range list {
			if found {
				return
			}
			ast.Inspect(st, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
					// Inner loops and switches own their unlabelled breaks.
					if n != st {
						if b, ok := n.(*ast.BlockStmt); ok {
							walk(b.List)
						}
						return false
					}
				case *ast.IfStmt:
					if op, ok := isNilTest(n.Cond); ok {
						switch op {
						case token.EQL:
							found = found || leaves(n.Body.List)
						case token.NEQ:
							if blk, ok := n.Else.(*ast.BlockStmt); ok && leaves(blk.List) {
								found = true
							}
							if n == st && i+1 < len(list) && leaves(list[i+1:i+2]) {
								found = true
							}
						}
					}
				case *ast.BlockStmt:
					if n != st {
						walk(n.List)
						return false
					}
				}
				return !found
			})
		}
	}
	walk(d.loop.List)
	return found
}

// builtFromNothing reports errors.New(...) and fmt.Errorf(...) without an
// error among its arguments: a value the code made up (a default message,
// one failed check), not the failure of an operation. Replacing it with a
// more specific error (`err := errors.New(status); if retryAfter { err =
// &lookupError{...} }`) loses no failure.
func builtFromNothing(info *types.Info, call *ast.CallExpr) bool {
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch {
	case fn.Pkg().Path() == "errors" && fn.Name() == "New":
		return true
	case fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf":
		for _, arg := range call.Args {
			if t := info.TypeOf(arg); t != nil && types.Implements(t, errorType.Underlying().(*types.Interface)) {
				return false
			}
		}
		return true
	}
	return false
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// repeatsAttempt reports a loop whose iterations do not step through
// anything: a range with neither key nor value (`for range 20`, `for range
// ticker.C`), a for loop whose body indexes nothing with a variable that
// its post statement assigns (`for attempt := 0; attempt < c.max;
// attempt++`, the counter used only to count or to scale a backoff), or one
// without a post statement, or with one that moves a cursor (`n = n.next`,
// `it.Next()`), whose body uses no variable of its condition or cursor
// (`for time.Now().Before(deadline)`). Each iteration makes the same attempt.
func repeatsAttempt(info *types.Info, s ast.Stmt) bool {
	blank := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return e == nil || (ok && id.Name == "_")
	}
	switch s := s.(type) {
	case *ast.RangeStmt:
		return blank(s.Key) && blank(s.Value)
	case *ast.ForStmt:
		if s.Cond == nil && s.Post == nil {
			return true
		}
		vars := map[types.Object]bool{}
		addVars := func(n ast.Node) {
			ast.Inspect(n, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if v, ok := info.ObjectOf(id).(*types.Var); ok {
						vars[v] = true
					}
				}
				return true
			})
		}
		// A post statement names what the loop steps through: the
		// variables it assigns (`attempt++`), not those its condition
		// only reads (`attempt <= c.opt.MaxRedirects`, where the body
		// uses c for everything else).
		// A cursor moved along by a field or method of its own (`n =
		// n.next`, `t = t.Add(step)`, an iterator's `it.Next()`) is the
		// item itself, stepped through wherever the body uses it; a value
		// computed from it (`delay = delay * 2`) counts or scales a backoff.
		cursor := false
		// selectedOn is the variable whose field or method e selects or
		// calls (`n.next`, `t.Add(step)`, `it.Next()`).
		selectedOn := func(e ast.Expr) types.Object {
			if c, ok := ast.Unparen(e).(*ast.CallExpr); ok {
				e = c.Fun
			}
			if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
				if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
					if v, ok := info.ObjectOf(id).(*types.Var); ok {
						return v
					}
				}
			}
			return nil
		}
		switch post := s.Post.(type) {
		case nil:
			addVars(s.Cond)
		case *ast.IncDecStmt:
			addVars(post.X)
		case *ast.AssignStmt:
			for _, l := range post.Lhs {
				addVars(l)
			}
			if post.Tok == token.ASSIGN && len(post.Lhs) == len(post.Rhs) {
				for i, r := range post.Rhs {
					if id, ok := ast.Unparen(post.Lhs[i]).(*ast.Ident); ok {
						if v := selectedOn(r); v != nil && v == info.ObjectOf(id) {
							cursor = true
						}
					}
				}
			}
		case *ast.ExprStmt:
			addVars(s.Cond)
			addVars(post)
			cursor = selectedOn(post.X) != nil
		default:
			addVars(s.Cond)
			addVars(post)
		}
		uses := func(e ast.Node) bool {
			used := false
			ast.Inspect(e, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && vars[info.ObjectOf(id)] {
					used = true
				}
				return !used
			})
			return used
		}
		if s.Post == nil || cursor {
			return !uses(s.Body)
		}
		// A counter steps through items where it indexes or slices
		// something (`batches[i]`); used otherwise (`if attempt > 0`,
		// `backoff(attempt)`) it only counts attempts.
		indexes := false
		ast.Inspect(s.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.IndexExpr:
				indexes = indexes || uses(n.Index)
			case *ast.IndexListExpr:
				for _, ix := range n.Indices {
					indexes = indexes || uses(ix)
				}
			case *ast.SliceExpr:
				for _, ix := range []ast.Expr{n.Low, n.High, n.Max} {
					indexes = indexes || (ix != nil && uses(ix))
				}
			}
			return !indexes
		})
		return !indexes
	}
	return false
}

// learnBools updates what is known about boolean locals after node n: an
// assignment of the constant true or false records it, any other
// assignment forgets it. known is copied on change, as paths share it.
func (c *checker) learnBools(n ast.Node, known map[*types.Var]bool) map[*types.Var]bool {
	as, ok := n.(*ast.AssignStmt)
	if !ok || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return known
	}
	info := c.pass.TypesInfo
	for i, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || c.facts.captured[v] || c.facts.addrTaken[v] {
			continue
		}
		val, isConst := false, false
		if len(as.Lhs) == len(as.Rhs) {
			if tv, ok := info.Types[as.Rhs[i]]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
				val, isConst = constant.BoolVal(tv.Value), true
			}
		}
		if _, had := known[v]; !had && !isConst {
			continue
		}
		next := make(map[*types.Var]bool, len(known)+1)
		for k, x := range known {
			next[k] = x
		}
		if isConst {
			next[v] = val
		} else {
			delete(next, v)
		}
		known = next
	}
	return known
}

// decideBranch returns the successor a two-way block takes given known
// boolean values, or -1.
func (c *checker) decideBranch(b *cfg.Block, known map[*types.Var]bool) int {
	if len(known) == 0 || len(b.Nodes) == 0 {
		return -1
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok {
		return -1
	}
	val, ok := c.evalBool(cond, known)
	switch {
	case !ok:
		return -1
	case val:
		return 0
	}
	return 1
}

func (c *checker) evalBool(e ast.Expr, known map[*types.Var]bool) (val, ok bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, isVar := c.pass.TypesInfo.ObjectOf(e).(*types.Var); isVar {
			val, ok = known[v]
		}
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			val, ok = c.evalBool(e.X, known)
			val = !val
		}
	case *ast.BinaryExpr:
		x, xk := c.evalBool(e.X, known)
		y, yk := c.evalBool(e.Y, known)
		switch e.Op {
		case token.LAND:
			if (xk && !x) || (yk && !y) {
				return false, true
			}
			return true, xk && yk
		case token.LOR:
			if (xk && x) || (yk && y) {
				return true, true
			}
			return false, xk && yk
		}
	}
	return val, ok
}

func knownKey(known map[*types.Var]bool) string {
	if len(known) == 0 {
		return ""
	}
	keys := make([]string, 0, len(known))
	for v, x := range known {
		keys = append(keys, fmt.Sprintf("%d=%t", v.Pos(), x))
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// exhaustiveBoolSwitches finds switches on a boolean with a true and a false
// case and no default, and returns the blocks testing their last case: the
// path past that test, where no case matched, cannot happen.
func (c *checker) exhaustiveBoolSwitches(fn ast.Node, g *cfg.CFG) map[*cfg.Block]bool {
	info := c.pass.TypesInfo
	lastExprs := map[ast.Expr]bool{}
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == fn
		case *ast.SwitchStmt:
			if n.Tag == nil {
				return true
			}
			if b, ok := info.TypeOf(n.Tag).Underlying().(*types.Basic); !ok || b.Kind() != types.Bool && b.Kind() != types.UntypedBool {
				return true
			}
			seen := map[bool]bool{}
			var last ast.Expr
			for _, cl := range n.Body.List {
				cc := cl.(*ast.CaseClause)
				if cc.List == nil {
					return true // a default: the CFG already has no gap
				}
				for _, e := range cc.List {
					if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
						seen[constant.BoolVal(tv.Value)] = true
					}
					last = e
				}
			}
			if seen[true] && seen[false] && last != nil {
				lastExprs[last] = true
			}
		}
		return true
	})
	dead := map[*cfg.Block]bool{}
	if len(lastExprs) == 0 {
		return dead
	}
	for _, b := range g.Blocks {
		if len(b.Succs) == 2 && len(b.Nodes) > 0 {
			if e, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr); ok && lastExprs[e] {
				dead[b] = true
			}
		}
	}
	return dead
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

// sameStickyWriter reports an overwrite of the error of a write into a
// *bufio.Writer (its own method, or a helper handed the writer) by another
// write into the same writer: the writer keeps its first error and returns
// it from every later write and from Flush, so the last write's error
// carries the first failure (an encoder writing a command piece by piece,
// err = writeN(o, ...); err = writeB(o, ...)).
func (c *checker) sameStickyWriter(call *ast.CallExpr, at ast.Node) bool {
	w := c.bufioWriter(call)
	if w == "" {
		return false
	}
	var next *ast.CallExpr
	switch n := at.(type) {
	case *ast.AssignStmt:
		if len(n.Rhs) == 1 {
			next, _ = ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
		}
	case *ast.ValueSpec:
		if len(n.Values) == 1 {
			next, _ = ast.Unparen(n.Values[0]).(*ast.CallExpr)
		}
	}
	return next != nil && c.bufioWriter(next) == w && c.stickyWrite(call) && c.stickyWrite(next)
}

// stickyWrite reports a call whose error can only be a write error of a
// *bufio.Writer, which the writer keeps: the writer's own method, or a
// function of this package whose every return is nil, such a call, or a
// local (or named result) only ever assigned such calls. A helper that can
// also return an error of its own (return fmt.Errorf("can't marshal %T",
// v)) is not: that error is not repeated by the next write.
func (c *checker) stickyWrite(call *ast.CallExpr) bool {
	info := c.pass.TypesInfo
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal &&
			recvTypeName(info.TypeOf(sel.X)) == "*bufio.Writer" {
			return true
		}
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil {
		return false
	}
	if v, ok := c.stickyHelpers[fn]; ok {
		return v
	}
	if c.stickyHelpers == nil {
		c.stickyHelpers = map[*types.Func]bool{}
	}
	c.stickyHelpers[fn] = false // recursion
	v := c.stickyHelper(fn)
	c.stickyHelpers[fn] = v
	return v
}

func (c *checker) stickyHelper(fn *types.Func) bool {
	info := c.pass.TypesInfo
	fd := c.declOf(fn)
	res := fn.Signature().Results()
	if fd == nil || res.Len() == 0 || !types.Identical(res.At(res.Len()-1).Type(), errorType) {
		return false
	}
	within := func(v *types.Var) bool {
		return v.Pos() >= fd.Body.Pos() && v.Pos() <= fd.Body.End() ||
			fd.Type.Results != nil && v.Pos() >= fd.Type.Results.Pos() && v.Pos() <= fd.Type.Results.End()
	}
	var sticky func(e ast.Expr) bool
	// stickyVar reports a local or named result only ever assigned nil or
	// sticky writes' errors, and whose address is never taken.
	stickyVar := func(v *types.Var) bool {
		if !within(v) {
			return false // a parameter, a package variable
		}
		only := true
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			var lhs, rhs []ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				lhs, rhs = n.Lhs, n.Rhs
			case *ast.ValueSpec:
				for _, name := range n.Names {
					lhs = append(lhs, name)
				}
				rhs = n.Values
			case *ast.UnaryExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.ObjectOf(id) == v {
					only = false
				}
				return only
			default:
				return only
			}
			for i, l := range lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok || info.ObjectOf(id) != v {
					continue
				}
				switch {
				case len(rhs) == 0:
					// var err error: nil.
				case len(lhs) == len(rhs):
					only = only && sticky(rhs[i])
				case len(rhs) == 1:
					// _, err := o.WriteString(s): the call's error result.
					call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
					only = only && ok && i == len(lhs)-1 && c.stickyWrite(call)
				default:
					only = false
				}
			}
			return only
		})
		return only
	}
	sticky = func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if isNil(info, e) {
			return true
		}
		switch e := e.(type) {
		case *ast.CallExpr:
			return c.stickyWrite(e)
		case *ast.Ident:
			v, ok := info.ObjectOf(e).(*types.Var)
			return ok && stickyVar(v)
		}
		return false
	}
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch len(n.Results) {
			case res.Len():
				ok = sticky(n.Results[len(n.Results)-1])
			case 0: // a bare return of the named results
				ok = stickyVar(res.At(res.Len() - 1))
			default:
				ok = false
			}
		}
		return ok
	})
	return ok
}

// bufioWriter names the *bufio.Writer a call writes into: its receiver, or
// its first argument of that type; "" when there is none.
func (c *checker) bufioWriter(call *ast.CallExpr) string {
	info := c.pass.TypesInfo
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			if recvTypeName(info.TypeOf(sel.X)) == "*bufio.Writer" {
				return types.ExprString(sel.X)
			}
		}
	}
	for _, arg := range call.Args {
		if recvTypeName(info.TypeOf(arg)) == "*bufio.Writer" {
			return types.ExprString(arg)
		}
	}
	return ""
}
