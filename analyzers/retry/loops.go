package retry

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// delay is one wait found on the path of a retry.
type delay struct {
	pos  token.Pos
	kind kind
	// timeout marks evidence that the failed call itself waited out a
	// deadline (ne.Timeout()): such a loop is a blocking read, not a loop
	// that retries until success.
	timeout bool
}

func (a *state) checkFunc(d *ast.FuncDecl) {
	ix := a.indexes[d]
	a.checkWaitRetries(d)
	a.checkBody(ix, d, d.Body, a.cfgs.FuncDecl(d))
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			a.checkBody(ix, lit, lit.Body, a.cfgs.FuncLit(lit))
		}
		return true
	})
}

// checkBody checks the loops of one function body (not those of the
// function literals inside it, which have CFGs of their own).
func (a *state) checkBody(ix *funcIndex, fn ast.Node, body *ast.BlockStmt, g *cfg.CFG) {
	if g == nil || body == nil {
		return
	}
	var loops []ast.Stmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n.(ast.Stmt))
		}
		return true
	})
	if len(loops) == 0 {
		return
	}
	preds := make([][]*cfg.Block, len(g.Blocks))
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			preds[s.Index] = append(preds[s.Index], b)
		}
	}
	// Inner loops first: a failed call belongs to the innermost loop that
	// retries it, and outer loops must not report it again.
	claimed := map[*ast.CallExpr]bool{}
	for i := len(loops) - 1; i >= 0; i-- {
		lp := newLoop(g, preds, loops[i])
		if lp == nil {
			continue
		}
		lp.abort = a.abortBlocks(g)
		a.checkLoop(ix, fn, lp, claimed)
	}
}

// loop is one for or range statement seen on the CFG of its function.
type loop struct {
	stmt  ast.Stmt
	g     *cfg.CFG
	preds [][]*cfg.Block
	head  *cfg.Block // target of the back edge
	in    []bool     // blocks of the loop, by index
	// abort marks blocks that end in a call the CFG does not know never
	// returns: t.Fatal and its kin called through the testing.TB
	// interface.
	abort []bool
}

func newLoop(g *cfg.CFG, preds [][]*cfg.Block, s ast.Stmt) *loop {
	lp := &loop{stmt: s, g: g, preds: preds, in: make([]bool, len(g.Blocks))}
	for _, b := range g.Blocks {
		if b.Stmt == s {
			switch b.Kind {
			case cfg.KindForLoop, cfg.KindRangeLoop:
				lp.head = b
			case cfg.KindForBody:
				if s.(*ast.ForStmt).Cond == nil {
					lp.head = b
				}
			}
		}
		// Blocks are attributed to the loop by the statement that gave rise
		// to them; the loop's own exit block is outside it.
		if b.Stmt != nil && b.Stmt.Pos() >= s.Pos() && b.Stmt.End() <= s.End() &&
			!(b.Stmt == s && (b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone)) {
			lp.in[b.Index] = true
		}
	}
	if lp.head == nil || !lp.head.Live {
		return nil
	}
	return lp
}

// walk is the result of a forward search inside a loop that stops at the
// loop head.
type walk struct {
	seen   []bool
	blocks []*cfg.Block
	head   bool           // the head was reached: the path goes around again
	exits  map[int32]bool // blocks outside the loop reached, and blocks that return
	// aborts are the exits through a call that does not return (t.Fatal,
	// log.Fatal, panic): a way out of the loop, but never a success.
	aborts map[int32]bool
}

func (lp *loop) forward(start *cfg.Block) walk {
	w := walk{seen: make([]bool, len(lp.g.Blocks)), blocks: lp.g.Blocks, exits: map[int32]bool{}, aborts: map[int32]bool{}}
	if !lp.in[start.Index] {
		w.exits[start.Index] = true
		return w
	}
	stack := []*cfg.Block{start}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == lp.head {
			w.head = true
			continue
		}
		if w.seen[b.Index] {
			continue
		}
		w.seen[b.Index] = true
		if len(b.Succs) == 0 || lp.aborts(b) {
			w.exits[b.Index] = true
			if b.Return() == nil {
				w.aborts[b.Index] = true
			}
			if len(b.Succs) > 0 {
				continue
			}
		}
		for _, s := range b.Succs {
			if !lp.in[s.Index] {
				w.exits[s.Index] = true
				continue
			}
			stack = append(stack, s)
		}
	}
	return w
}

func (lp *loop) aborts(b *cfg.Block) bool {
	return lp.abort != nil && lp.abort[b.Index]
}

// abortBlocks marks the blocks holding a call of testing.TB's Fatal,
// Fatalf, FailNow, Skip, Skipf or SkipNow: test helpers take a testing.TB,
// and through the interface the CFG builder cannot see that these calls
// never return.
func (a *state) abortBlocks(g *cfg.CFG) []bool {
	marks := make([]bool, len(g.Blocks))
	for _, b := range g.Blocks {
		marks[b.Index] = a.callsTesting(b, "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow")
	}
	return marks
}

// callsTesting reports whether block b calls one of the named methods of
// package testing (outside function literals).
func (a *state) callsTesting(b *cfg.Block, names ...string) bool {
	info := a.pass.TypesInfo
	found := false
	for _, n := range b.Nodes {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if fn := calleeFunc(info, n); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "testing" && slices.Contains(names, fn.Name()) {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// forwardFailed is forward from a failure branch, knowing that v holds a
// non-nil error until something assigns it: branches that test v again
// (if err != nil { return err } further down, for err == nil && ... at the
// head) are followed only on the side they take.
func (a *state) forwardFailed(lp *loop, start *cfg.Block, v *types.Var) walk {
	return a.forwardKnowing(lp, start, v, true)
}

// forwardSucceeded is forward from a success branch, knowing that v is nil
// until something assigns it: `if err == nil { ... } else if ... { continue }`
// followed by `if err != nil { return err }` does not return on success.
func (a *state) forwardSucceeded(lp *loop, start *cfg.Block, v *types.Var) walk {
	return a.forwardKnowing(lp, start, v, false)
}

func (a *state) forwardKnowing(lp *loop, start *cfg.Block, v *types.Var, failed bool) walk {
	if v == nil {
		return lp.forward(start)
	}
	n := len(lp.g.Blocks)
	w := walk{seen: make([]bool, n), blocks: lp.g.Blocks, exits: map[int32]bool{}, aborts: map[int32]bool{}}
	if !lp.in[start.Index] {
		w.exits[start.Index] = true
		return w
	}
	type item struct {
		b     *cfg.Block
		fresh bool
	}
	visited := [2][]bool{make([]bool, n), make([]bool, n)}
	stack := []item{{start, true}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		b, fresh := it.b, it.fresh
		if b == lp.head {
			if fresh && len(b.Succs) == 2 && a.evalKnown(b, v, failed) == 1 && !lp.in[b.Succs[1].Index] {
				w.exits[b.Succs[1].Index] = true // for err == nil && ...: the loop ends
			} else {
				w.head = true
			}
			continue
		}
		f := 0
		if fresh {
			f = 1
		}
		if visited[f][b.Index] {
			continue
		}
		visited[f][b.Index] = true
		w.seen[b.Index] = true
		if fresh && a.blockAssigns(b, v) {
			fresh = false
		}
		if len(b.Succs) == 0 || lp.aborts(b) {
			w.exits[b.Index] = true
			if b.Return() == nil {
				w.aborts[b.Index] = true
			}
			if len(b.Succs) > 0 {
				continue
			}
		}
		succs := b.Succs
		if fresh && len(succs) == 2 {
			if k := a.evalKnown(b, v, failed); k >= 0 {
				succs = succs[k : k+1]
			}
		}
		for _, s := range succs {
			if !lp.in[s.Index] {
				w.exits[s.Index] = true
				continue
			}
			stack = append(stack, item{s, fresh})
		}
	}
	return w
}

// evalKnown returns which successor of branch block b is taken when v
// holds an error (failed) or nil (!failed), or -1 if the condition does not
// tell.
func (a *state) evalKnown(b *cfg.Block, v *types.Var, failed bool) int {
	if len(b.Nodes) == 0 {
		return -1
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok {
		return -1
	}
	val, known := a.evalUnder(cond, v, failed)
	switch {
	case !known:
		return -1
	case val:
		return 0
	}
	return 1
}

func (a *state) evalUnder(e ast.Expr, v *types.Var, failed bool) (val, known bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			val, known = a.evalUnder(e.X, v, failed)
			return !val, known
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND, token.LOR:
			x, xk := a.evalUnder(e.X, v, failed)
			y, yk := a.evalUnder(e.Y, v, failed)
			if e.Op == token.LAND {
				if (xk && !x) || (yk && !y) {
					return false, true
				}
				return true, xk && yk
			}
			if (xk && x) || (yk && y) {
				return true, true
			}
			return false, xk && yk
		case token.EQL, token.NEQ:
			if a.nilTest(e) == v {
				return (e.Op == token.NEQ) == failed, true
			}
		}
	}
	return false, false
}

func (a *state) blockAssigns(b *cfg.Block, v *types.Var) bool {
	info := a.pass.TypesInfo
	for _, n := range b.Nodes {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
						found = true
					}
				}
			case *ast.ValueSpec:
				for _, id := range n.Names {
					if info.ObjectOf(id) == v {
						found = true
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND { // &err handed to a call
					if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.ObjectOf(id) == v {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// between returns the blocks on some path from `from` to `to` inside the
// loop that does not pass through the head in between. from == head means
// the path starts at the head.
func (lp *loop) between(from, to *cfg.Block) []bool {
	n := len(lp.g.Blocks)
	fwd := make([]bool, n)
	stack := []*cfg.Block{from}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if fwd[b.Index] || !lp.in[b.Index] {
			continue
		}
		fwd[b.Index] = true
		if b == to || (b == lp.head && b != from) {
			continue
		}
		stack = append(stack, b.Succs...)
	}
	bwd := make([]bool, n)
	stack = []*cfg.Block{to}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if bwd[b.Index] || !lp.in[b.Index] {
			continue
		}
		bwd[b.Index] = true
		if b == from || (b == lp.head && b != to) {
			continue
		}
		stack = append(stack, lp.preds[b.Index]...)
	}
	for i := range fwd {
		fwd[i] = fwd[i] && bwd[i]
	}
	return fwd
}

// check is one branch that tells whether an operation of the loop failed.
type check struct {
	block *cfg.Block
	// other is the opposite side: success, plus, for a condition such as
	// err != nil && retryable(err), the failures the branch does not retry.
	fail, other *cfg.Block
	calls       []*ast.CallExpr
	errVar      *types.Var // the error variable tested, if any
	// nilOnly: the condition is just `err != nil` or `err == nil`, so the
	// other side is exactly the success.
	nilOnly bool
}

// retried is what the loop does after one operation fails.
type retried struct {
	call         *ast.CallExpr
	noDelay      bool
	delays       []delay
	successExits bool
}

func (a *state) checkLoop(ix *funcIndex, fn ast.Node, lp *loop, claimed map[*ast.CallExpr]bool) {
	var checks []check
	for _, b := range lp.g.Blocks {
		if !b.Live || !lp.in[b.Index] || len(b.Succs) != 2 || len(b.Nodes) == 0 {
			continue
		}
		cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
		if !ok {
			continue
		}
		r := a.failureRoles(ix, cond)
		var c check
		c.block = b
		switch {
		case r.tf:
			c.fail, c.other = b.Succs[0], b.Succs[1]
		case r.ff:
			c.fail, c.other = b.Succs[1], b.Succs[0]
		default:
			continue
		}
		if be, ok := ast.Unparen(cond).(*ast.BinaryExpr); ok && (be.Op == token.EQL || be.Op == token.NEQ) {
			c.nilOnly = a.nilTest(be) != nil
		}
		for _, v := range r.vars {
			if c.errVar == nil && isErrorType(v.Type()) {
				c.errVar = v
			}
			if call := a.opCall(ix, fn, lp.stmt, v, cond.Pos(), true); call != nil {
				c.calls = append(c.calls, call)
			}
		}
		if len(c.calls) > 0 {
			checks = append(checks, c)
		}
	}
	if len(checks) == 0 {
		return
	}

	if a.iteratesItems(lp.stmt) {
		return
	}
	byCall := map[*ast.CallExpr]*retried{}
	var order []*retried
	for _, c := range checks {
		rf := a.forwardFailed(lp, c.fail, c.errVar)
		if !rf.head {
			continue // the failure leaves the loop: no retry
		}
		if a.failsTest(rf) {
			continue // t.Errorf: the failure is asserted, not retried
		}
		rs := lp.forward(c.other)
		if c.nilOnly {
			rs = a.forwardSucceeded(lp, c.other, c.errVar)
		}
		successExits := len(rs.exits) > len(rs.aborts)
		// A loop that does the same work whether or not the call failed is
		// periodic work, not a retry: require the success side to do
		// something the failure side skips, or to leave.
		differs := false
		for _, b := range lp.g.Blocks {
			if rs.seen[b.Index] && !rf.seen[b.Index] && len(b.Nodes) > 0 {
				differs = true
				break
			}
		}
		// A counting loop that goes on after a success does N things,
		// not N attempts at one; only an endless loop (a reconnect loop in
		// a goroutine) retries by skipping the rest of its body.
		if !successExits && (!differs || countingLoop(a.pass.TypesInfo, lp.stmt)) {
			continue
		}
		// An endless loop that only skips its work when the call fails
		// (if b, err := get(); err == nil { use(b) }) is a poll or a stress
		// loop; a reconnect loop handles the failure in a branch of its own.
		if !successExits && !a.explicitFailure(c, rf) {
			continue
		}
		for _, call := range c.calls {
			if claimed[call] || deterministic(a.pass.TypesInfo, call) {
				continue
			}
			varying, varyingPaths := a.varying(ix, fn, lp.stmt, call)
			if mentions(a.pass.TypesInfo, call, varying) || mentionsPath(call, varyingPaths) {
				continue
			}
			if a.switchesMode(lp, c, rf, call, varying) {
				continue
			}
			if a.skipsBadItem(lp, c, rf, call) {
				continue
			}
			cb, idx := lp.blockOf(call)
			if cb == nil {
				continue
			}
			ds := a.cycleDelays(ix, lp, c.block, c.fail, cb, idx, call)
			r := byCall[call]
			if r == nil {
				r = &retried{call: call}
				byCall[call] = r
				order = append(order, r)
			}
			timedOut := false
			for _, d := range ds {
				timedOut = timedOut || d.timeout
			}
			r.successExits = r.successExits || (successExits && !timedOut)
			if len(ds) == 0 {
				r.noDelay = true
			}
			r.delays = append(r.delays, ds...)
		}
	}
	if len(order) == 0 {
		return
	}
	line := a.pass.Fset.Position(lp.stmt.Pos()).Line
	reportedJitter := map[token.Pos]bool{}
	var opCalls = map[*ast.CallExpr]bool{}
	untilSuccess := false
	for _, r := range order {
		claimed[r.call] = true
		opCalls[r.call] = true
		untilSuccess = untilSuccess || r.successExits
	}
	for _, r := range order {
		if r.noDelay {
			a.pass.Report(analysis.Diagnostic{
				Pos: r.call.Pos(), End: r.call.End(), Category: RuleNoBackoff,
				Message: fmt.Sprintf("retry loop (line %d) repeats %s with no delay before the next attempt", line, callName(r.call)),
			})
			continue
		}
		k := kNone
		for _, d := range r.delays {
			k = join(k, d.kind)
		}
		if lacksJitter(k) && !reportedJitter[r.delays[0].pos] {
			reportedJitter[r.delays[0].pos] = true
			a.pass.Report(analysis.Diagnostic{
				Pos: r.delays[0].pos, Category: RuleNoJitter,
				Message: fmt.Sprintf("retry loop (line %d) retries %s after a %s delay with no random jitter", line, sharedDelayNames(order, r.delays[0].pos), k),
			})
		}
	}
	if untilSuccess && !a.bounded(ix, fn, lp, opCalls) {
		first := order[0].call
		for _, r := range order {
			if r.successExits {
				first = r.call
				break
			}
		}
		a.pass.Report(analysis.Diagnostic{
			Pos: lp.stmt.Pos(), End: lp.stmt.Pos() + token.Pos(len("for")), Category: RuleUnbounded,
			Message: fmt.Sprintf("retry loop (line %d) retries %s until it succeeds, with no attempt bound, context check or time budget", line, callName(first)),
		})
	}
}

// deterministic reports a call of a standard-library parser or decoder,
// whose result depends only on its arguments: called again with the same
// arguments (varying ones were already ruled out) it fails the same way,
// so it is never what a loop retries. Its failure only chooses what the
// loop tries next (certmagic's robustTryListen parses the address as a
// file descriptor and, when that fails, binds with net.Listen).
func deterministic(info *types.Info, call *ast.CallExpr) bool {
	fn := calleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	name := fn.Name()
	switch fn.Pkg().Path() {
	case "strconv":
		return true
	case "net":
		return fn.Signature().Recv() == nil && (strings.HasPrefix(name, "Parse") || name == "SplitHostPort")
	case "net/netip", "net/mail", "net/url", "time", "mime":
		return fn.Signature().Recv() == nil && (strings.HasPrefix(name, "Parse") || strings.HasSuffix(name, "Unescape"))
	case "regexp":
		return name == "Compile" || name == "CompilePOSIX"
	case "encoding/hex", "encoding/base64", "encoding/base32":
		return strings.HasPrefix(name, "Decode")
	case "encoding/json", "encoding/xml":
		return name == "Unmarshal"
	}
	return false
}

// sharedDelayNames names the retried calls whose first delay is at pos,
// in source order: "a.Dial or net.Listen" when the loop retries either,
// whichever failed.
func sharedDelayNames(ops []*retried, pos token.Pos) string {
	var names []string
	seen := map[string]bool{}
	for _, r := range ops {
		if r.noDelay || len(r.delays) == 0 || r.delays[0].pos != pos {
			continue
		}
		if n := callName(r.call); !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, " or ")
}

// failsTest reports a failure path that marks the test failed (t.Error,
// t.Errorf, t.Fail): a test that loops on (stress, polling under load)
// after recording the failure is not retrying the call, whose failure
// already decides the outcome.
func (a *state) failsTest(rf walk) bool {
	for i, seen := range rf.seen {
		if seen && a.callsTesting(rf.blocks[i], "Error", "Errorf", "Fail") {
			return true
		}
	}
	return false
}

// switchesMode reports a failure path that sets a local variable which a
// branch guarding the call tests, where the side of that branch that skips
// the call stays in the loop: after the failure the loop falls back to
// other work (`if denied { nonRenewable = true; continue }` with `switch {
// case nonRenewable: wait for expiry; default: renew() }`), it does not
// retry the call. A bound check (`if attempts >= max { return err }`)
// leaves the loop on that side and is not a mode.
//
// The same holds when the guard tests something new each iteration
// (`if strings.HasPrefix(line, "panic:") { f, err = os.Create(...) }` in a
// loop reading lines): the call is attempted again only when new input
// asks for it.
func (a *state) switchesMode(lp *loop, c check, rf walk, call *ast.CallExpr, varying map[*types.Var]bool) bool {
	info := a.pass.TypesInfo
	flips := map[*types.Var]bool{}
	for v := range varying {
		flips[v] = true
	}
	delete(flips, c.errVar)
	for i, seen := range rf.seen {
		if !seen {
			continue
		}
		for _, n := range rf.blocks[i].Nodes {
			as, ok := n.(*ast.AssignStmt)
			if !ok || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) || within(as, call.Pos()) {
				continue
			}
			for _, l := range as.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok {
					if v, ok := info.ObjectOf(id).(*types.Var); ok && v != c.errVar {
						flips[v] = true
					}
				}
			}
		}
	}
	if len(flips) == 0 {
		return false
	}
	cb, _ := lp.blockOf(call)
	if cb == nil {
		return false
	}
	toCall := lp.between(lp.head, cb)
	for _, b := range lp.g.Blocks {
		if !toCall[b.Index] || b == cb || len(b.Succs) != 2 || len(b.Nodes) == 0 {
			continue
		}
		cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
		if !ok || !mentions(info, cond, flips) {
			continue
		}
		r0 := lp.between(b.Succs[0], cb)[cb.Index]
		r1 := lp.between(b.Succs[1], cb)[cb.Index]
		if r0 == r1 {
			continue
		}
		other := b.Succs[1]
		if r1 {
			other = b.Succs[0]
		}
		if lp.forward(other).head {
			return true
		}
	}
	return false
}

// skipsBadItem reports a call that consumes input (a read from a stream, or
// a function of this package that reads one) retried only after particular
// errors
// (`if err == errUnknownMessage { continue }`, every other error leaving
// the loop): the failed call has already consumed the bad message, and the
// next call reads the next one. The same holds when the skip tests another
// result of the read (`if r != nil && r.ID != want { continue }`, a reply to
// some other query): a read that returned something consumed it. A reader
// loop that continues on any error still spins on a closed stream and is
// still reported.
func (a *state) skipsBadItem(lp *loop, c check, rf walk, call *ast.CallExpr) bool {
	if c.errVar == nil {
		return false
	}
	fn := calleeFunc(a.pass.TypesInfo, call)
	if fn == nil || !a.readsStream(call) {
		return false
	}
	results := a.otherResults(lp, call, c.errVar)
	// The failure test itself may take a particular error only: the loop
	// condition `errors.Is(err, bufio.ErrBufferFull)`, or
	// `if errors.Is(err, errBadFrame) { continue }`.
	if len(c.block.Nodes) > 0 {
		if cond, ok := c.block.Nodes[len(c.block.Nodes)-1].(ast.Expr); ok && a.consumedWhen(cond, c.errVar, results, c.fail == c.block.Succs[0]) {
			return true
		}
	}
	tags := caseTags(lp.stmt)
	seen := make([]bool, len(lp.g.Blocks))
	stack := []*cfg.Block{c.fail}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == lp.head {
			return false // some other error goes around
		}
		if !lp.in[b.Index] || seen[b.Index] || lp.aborts(b) {
			continue
		}
		seen[b.Index] = true
		succs := b.Succs
		if len(succs) == 2 && len(b.Nodes) > 0 {
			if cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr); ok {
				// A case of `switch err` ends its block with the case
				// expression alone; the branch tests tag == expression.
				if tag := tags[cond]; tag != nil {
					cond = &ast.BinaryExpr{X: tag, Op: token.EQL, Y: cond}
				}
				if k := a.otherErrorSide(cond, c.errVar, results); k >= 0 {
					succs = succs[k : k+1]
				}
			}
		}
		stack = append(stack, succs...)
	}
	return true
}

// caseTags maps each case expression of a switch with a tag inside s
// (switch err { case bufio.ErrBufferFull: … }) to that tag: on the
// control-flow graph such a case is a block ending in the expression alone,
// branching to the case body when the tag equals it.
func caseTags(s ast.Stmt) map[ast.Expr]ast.Expr {
	tags := map[ast.Expr]ast.Expr{}
	ast.Inspect(s, func(n ast.Node) bool {
		sw, ok := n.(*ast.SwitchStmt)
		if !ok || sw.Tag == nil {
			return true
		}
		for _, cl := range sw.Body.List {
			for _, e := range cl.(*ast.CaseClause).List {
				tags[e] = sw.Tag
			}
		}
		return true
	})
	return tags
}

// otherResults returns the variables other than errVar that the statement
// holding call (r, err := c.ReadReply()) assigns from it.
func (a *state) otherResults(lp *loop, call *ast.CallExpr, errVar *types.Var) map[*types.Var]bool {
	info := a.pass.TypesInfo
	vars := map[*types.Var]bool{}
	ast.Inspect(lp.stmt, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		if len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != call {
			return true
		}
		for _, l := range as.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if v, ok := info.ObjectOf(id).(*types.Var); ok && v != errVar {
					vars[v] = true
				}
			}
		}
		return false
	})
	return vars
}

// otherErrorSide returns the successor of a branch on cond taken when v is
// some error other than a particular one and the read returned nothing, or
// -1 if neither side is known to be that one. See consumedWhen.
func (a *state) otherErrorSide(cond ast.Expr, v *types.Var, results map[*types.Var]bool) int {
	switch {
	case a.consumedWhen(cond, v, results, true):
		return 1
	case a.consumedWhen(cond, v, results, false):
		return 0
	}
	return -1
}

// consumedWhen reports whether cond evaluating to truth implies that the
// read consumed input: v holds a particular error (v == X, errors.Is(v, X)
// with X not nil, errors.As(v, &target)), or one of results, the read's other results, is not nil
// (r != nil). Conditions combine with !, && and ||, as in a DNS client's
// `udp && ((r == nil && errors.Is(err, ErrShortRead)) || (r != nil && r.Id
// != q.Id))`.
func (a *state) consumedWhen(cond ast.Expr, v *types.Var, results map[*types.Var]bool, truth bool) bool {
	info := a.pass.TypesInfo
	is := func(e ast.Expr, vars func(*types.Var) bool) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		w, ok := info.ObjectOf(id).(*types.Var)
		return ok && vars(w)
	}
	isV := func(e ast.Expr) bool { return is(e, func(w *types.Var) bool { return w == v }) }
	isResult := func(e ast.Expr) bool { return is(e, func(w *types.Var) bool { return results[w] }) }
	isNil := func(e ast.Expr) bool {
		tv, ok := info.Types[e]
		return ok && tv.IsNil()
	}
	notNil := func(e ast.Expr) bool {
		tv, ok := info.Types[e]
		return ok && !tv.IsNil()
	}
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return a.consumedWhen(e.X, v, results, !truth)
		}
	case *ast.BinaryExpr:
		x := func(t bool) bool { return a.consumedWhen(e.X, v, results, t) }
		y := func(t bool) bool { return a.consumedWhen(e.Y, v, results, t) }
		switch e.Op {
		case token.LAND:
			if truth {
				return x(true) || y(true)
			}
			return x(false) && y(false)
		case token.LOR:
			if truth {
				return x(true) && y(true)
			}
			return x(false) || y(false)
		case token.EQL, token.NEQ:
			if (isV(e.X) && notNil(e.Y)) || (isV(e.Y) && notNil(e.X)) {
				return truth == (e.Op == token.EQL)
			}
			if (isResult(e.X) && isNil(e.Y)) || (isResult(e.Y) && isNil(e.X)) {
				return truth == (e.Op == token.NEQ)
			}
		}
	case *ast.CallExpr:
		// errors.As(err, &perr) holds for one particular error type (a
		// *csv.ParseError for the record the Read just consumed), as
		// errors.Is does for one particular error.
		if v != nil && a.errorMatch(e) == v {
			return truth
		}
	}
	return false
}

// blockOf finds the block and node index holding call.
func (lp *loop) blockOf(call *ast.CallExpr) (*cfg.Block, int) {
	for _, b := range lp.g.Blocks {
		if !lp.in[b.Index] || !b.Live {
			continue
		}
		for i, n := range b.Nodes {
			if n.Pos() <= call.Pos() && call.End() <= n.End() {
				return b, i
			}
		}
	}
	return nil, 0
}

// cycleDelays returns the waits on the way from a failure back to the
// failed call: from the failure branch to the head, and from the head to
// the call. A wait anywhere on those paths counts, even if some path
// avoids it (`if attempt > 0 { sleep }` at the top of the loop is a common
// and correct shape that the CFG cannot prove always runs).
func (a *state) cycleDelays(ix *funcIndex, lp *loop, check, fail, callBlock *cfg.Block, callIdx int, op *ast.CallExpr) []delay {
	toHead := lp.between(fail, lp.head)
	toCall := lp.between(lp.head, callBlock)
	var ds []delay
	// The failure test itself runs on the way back: errors.Is(err,
	// ErrTimeout) names what the failed call already waited for.
	if check != nil && len(check.Nodes) > 0 {
		ds = append(ds, a.nodeDelays(ix, check.Nodes[len(check.Nodes)-1], op)...)
	}
	for _, b := range lp.g.Blocks {
		onBack := toHead[b.Index] && b != lp.head
		if !onBack && !toCall[b.Index] {
			continue
		}
		nodes := b.Nodes
		if b == callBlock && !onBack {
			nodes = nodes[:callIdx+1]
		}
		if b.Kind == cfg.KindRangeLoop {
			if rs, ok := b.Stmt.(*ast.RangeStmt); ok && isChan(a.pass.TypesInfo.TypeOf(rs.X)) {
				ds = append(ds, delay{rs.Pos(), kUnknown, false})
			}
		}
		for _, n := range nodes {
			ds = append(ds, a.nodeDelays(ix, n, op)...)
		}
	}
	return ds
}

// explicitFailure reports whether the code has a branch dedicated to the
// failure (if err != nil { ... }, even an empty one ending in continue), or
// does something with the error on the way back to the head.
func (a *state) explicitFailure(c check, rf walk) bool {
	switch c.fail.Kind {
	case cfg.KindIfThen, cfg.KindIfElse, cfg.KindSwitchCaseBody:
		return true
	}
	if c.errVar == nil {
		return false
	}
	vars := map[*types.Var]bool{c.errVar: true}
	for i, seen := range rf.seen {
		if !seen {
			continue
		}
		for _, n := range rf.blocks[i].Nodes {
			if mentions(a.pass.TypesInfo, n, vars) {
				return true
			}
		}
	}
	return false
}

// countingLoop reports a loop that runs a bounded number of times by
// construction: a for loop with a post statement, or a range over anything
// but a channel.
func countingLoop(info *types.Info, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ForStmt:
		return s.Post != nil
	case *ast.RangeStmt:
		return !isChan(info.TypeOf(s.X))
	}
	return false
}

func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// nodeDelays returns the waits in one CFG node.
//
// An accept on a listener waits for the next peer; it counts as a wait
// unless it is the retried operation op itself (an accept loop that spins
// on a persistent error is what go/retry-no-backoff is for).
func (a *state) nodeDelays(ix *funcIndex, n ast.Node, op *ast.CallExpr) []delay {
	if s, ok := n.(ast.Stmt); ok {
		if sel := ix.commSelect[s]; sel != nil {
			// A select's comm clauses are separate nodes; judge the
			// select once, at its first clause.
			if first := firstComm(sel); first == s {
				if k := a.selectKind(ix, sel, false); k != kNone {
					return []delay{{sel.Pos(), k, false}}
				}
			}
			return nil
		}
	}
	info := a.pass.TypesInfo
	var ds []delay
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				k, _ := a.recvKind(ix, n.X)
				ds = append(ds, delay{n.Pos(), k, false})
			}
		case *ast.CallExpr:
			if k := a.callDelay(ix, n, false); k != kNone {
				ds = append(ds, delay{n.Pos(), k, false})
			} else if n != op && isAccept(info, n) {
				ds = append(ds, delay{n.Pos(), kUnknown, false})
			} else if waitedForTimeout(info, n) {
				ds = append(ds, delay{n.Pos(), kUnknown, true})
			}
		case *ast.Ident:
			// errors.Is(err, context.DeadlineExceeded): the failed call
			// already waited out its deadline. (The identifier is the Sel
			// of a qualified name, or a sentinel of this package.)
			if timeoutSentinel(info.ObjectOf(n)) {
				ds = append(ds, delay{n.Pos(), kUnknown, true})
			}
		}
		return true
	})
	return ds
}

// isAccept reports a call of Accept, AcceptTCP or AcceptUnix on a listener
// of package net (net.Listener, *net.TCPListener, *net.UnixListener).
func isAccept(info *types.Info, call *ast.CallExpr) bool {
	fn := calleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "net" {
		return false
	}
	switch fn.Name() {
	case "Accept", "AcceptTCP", "AcceptUnix":
		return fn.Signature().Recv() != nil
	}
	return false
}

// timeoutSentinel reports a package-level error value or code that means
// the call waited out a deadline before failing: context.DeadlineExceeded,
// os.ErrDeadlineExceeded, and the same convention in client libraries
// (nats.ErrTimeout, codes.DeadlineExceeded, redis's ErrTimeout...).
func timeoutSentinel(obj types.Object) bool {
	if obj == nil || obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() || !obj.Exported() {
		return false
	}
	switch obj := obj.(type) {
	case *types.Var:
		if !isErrorType(obj.Type()) {
			return false
		}
	case *types.Const:
	default:
		return false
	}
	name := obj.Name()
	return name == "DeadlineExceeded" || name == "ErrDeadlineExceeded" ||
		(strings.HasPrefix(name, "Err") && strings.HasSuffix(name, "Timeout"))
}

// waitedForTimeout reports a timeout test, ne.Timeout() or os.IsTimeout(err):
// an operation that timed out has already waited before failing.
func waitedForTimeout(info *types.Info, call *ast.CallExpr) bool {
	fn := calleeFunc(info, call)
	if fn == nil {
		return false
	}
	if fn.Name() == "Timeout" && len(call.Args) == 0 {
		return true
	}
	return fn.Pkg() != nil && fn.Pkg().Path() == "os" && fn.Name() == "IsTimeout"
}

func firstComm(sel *ast.SelectStmt) ast.Stmt {
	for _, cc := range sel.Body.List {
		if comm := cc.(*ast.CommClause).Comm; comm != nil {
			return comm
		}
	}
	return nil
}

// mentions reports whether n refers to any of vars.
func mentions(info *types.Info, n ast.Node, vars map[*types.Var]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok && vars[v] {
				found = true
			}
		}
		return !found
	})
	return found
}

// mentionsPath reports whether n contains one of the selector expressions
// in paths (m.index).
func mentionsPath(n ast.Node, paths map[string]bool) bool {
	if len(paths) == 0 {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && paths[types.ExprString(sel)] {
			found = true
		}
		return !found
	})
	return found
}

func within(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }
