package retry

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/cfg"
)

// roles says what a branch condition's outcome implies about an operation:
// tf "true means it failed", ff "false means it failed", ts and fs likewise
// for success. vars are the error and response variables it tests.
type roles struct {
	tf, ff, ts, fs bool
	vars           []*types.Var
}

func isErrorType(t types.Type) bool {
	errorType := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	return t != nil && types.Implements(t, errorType)
}

// isResponse matches *net/http.Response and the response types of HTTP
// client libraries that expose a status code the same way.
func isResponse(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Response"
}

func (a *state) failureRoles(ix *funcIndex, e ast.Expr) roles {
	e = ast.Unparen(e)
	if sw := ix.caseSwitch[e]; sw != nil {
		// case 429, 503: in a switch on the status code.
		if v := a.statusVar(sw.Tag); v != nil {
			if c, ok := a.intConst(e); ok && failureStatus(c) {
				return roles{tf: true, vars: []*types.Var{v}}
			}
		}
		return roles{}
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			r := a.failureRoles(ix, e.X)
			return roles{tf: r.ff, ff: r.tf, ts: r.fs, fs: r.ts, vars: r.vars}
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND, token.LOR:
			x, y := a.failureRoles(ix, e.X), a.failureRoles(ix, e.Y)
			var r roles
			if e.Op == token.LAND {
				r = roles{tf: x.tf || y.tf, ts: x.ts || y.ts, ff: x.ff && y.ff, fs: x.fs && y.fs}
			} else {
				r = roles{tf: x.tf && y.tf, ts: x.ts && y.ts, ff: x.ff || y.ff, fs: x.fs || y.fs}
			}
			r.vars = append(append(r.vars, x.vars...), y.vars...)
			return r
		case token.EQL, token.NEQ:
			if v := a.nilTest(e); v != nil {
				if e.Op == token.NEQ {
					return roles{tf: true, fs: true, vars: []*types.Var{v}}
				}
				return roles{ts: true, ff: true, vars: []*types.Var{v}}
			}
		}
		return a.statusTest(e)
	case *ast.CallExpr:
		// errors.Is(err, ErrLockNotObtained), errors.As(err, &target):
		// true only for a non-nil err, so true means the call failed;
		// false says nothing (err may be nil or another error).
		if v := a.errorMatch(e); v != nil {
			return roles{tf: true, vars: []*types.Var{v}}
		}
	}
	return roles{}
}

// errorMatch returns err for errors.Is(err, X) with X not nil, or for
// errors.As(err, target), where err is an error variable.
func (a *state) errorMatch(call *ast.CallExpr) *types.Var {
	info := a.pass.TypesInfo
	fn := calleeFunc(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "errors" || (fn.Name() != "Is" && fn.Name() != "As") || len(call.Args) != 2 {
		return nil
	}
	if info.Types[ast.Unparen(call.Args[1])].IsNil() {
		return nil
	}
	return a.errorVar(call.Args[0])
}

// errorVar returns the variable e names when it is of type error.
func (a *state) errorVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := a.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || !isErrorType(v.Type()) {
		return nil
	}
	return v
}

// nilTest returns err for `err != nil` and `err == nil`.
func (a *state) nilTest(e *ast.BinaryExpr) *types.Var {
	info := a.pass.TypesInfo
	x, y := ast.Unparen(e.X), ast.Unparen(e.Y)
	if info.Types[x].IsNil() {
		x, y = y, x
	}
	if !info.Types[y].IsNil() {
		return nil
	}
	return a.errorVar(x)
}

// statusVar returns resp for resp.StatusCode or resp.StatusCode().
func (a *state) statusVar(e ast.Expr) *types.Var {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 0 {
		e = call.Fun
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "StatusCode" {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := a.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || !isResponse(v.Type()) {
		return nil
	}
	return v
}

func (a *state) intConst(e ast.Expr) (int64, bool) {
	tv, ok := a.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}

// failureStatus is what retry loops treat as a failure worth retrying.
func failureStatus(c int64) bool { return c == 429 || (c >= 500 && c < 600) }

func (a *state) statusTest(e *ast.BinaryExpr) roles {
	op := e.Op
	v := a.statusVar(e.X)
	c, ok := a.intConst(e.Y)
	if v == nil {
		v = a.statusVar(e.Y)
		c, ok = a.intConst(e.X)
		op = mirror(op)
	}
	if v == nil || !ok {
		return roles{}
	}
	vars := []*types.Var{v}
	ok2xx := c >= 200 && c < 300
	switch op {
	case token.EQL:
		if failureStatus(c) {
			return roles{tf: true, vars: vars}
		}
		if ok2xx {
			return roles{ts: true, vars: vars}
		}
	case token.NEQ:
		if ok2xx {
			return roles{tf: true, vars: vars}
		}
	case token.GEQ, token.GTR:
		lo := c
		if op == token.GTR {
			lo++
		}
		if lo >= 300 && lo <= 500 { // status >= 500, > 399, >= 400
			return roles{tf: true, fs: lo <= 300, vars: vars}
		}
	case token.LSS, token.LEQ:
		hi := c
		if op == token.LEQ {
			hi++
		}
		if hi >= 300 && hi <= 500 { // status < 300, < 500
			return roles{ts: hi <= 300, ff: true, vars: vars}
		}
	}
	return roles{}
}

func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// opCall returns the call whose result v holds when the check at pos runs:
// the nearest assignment before it inside the loop, or, for a check at the
// loop head (for err != nil { ... }), the last one in the loop. Calls that
// only build an error, and waits, are not operations.
func (a *state) opCall(ix *funcIndex, fn ast.Node, loopStmt ast.Stmt, v *types.Var, pos token.Pos, opsOnly bool) *ast.CallExpr {
	var before, after *ast.CallExpr
	var beforePos, afterPos token.Pos
	for _, as := range ix.assigns[v] {
		if as.fn != fn || !within(loopStmt, as.pos) {
			continue
		}
		call := a.resultCall(as.rhs)
		if as.pos < pos {
			if as.pos >= beforePos {
				before, beforePos = call, as.pos
			}
		} else if as.pos >= afterPos {
			after, afterPos = call, as.pos
		}
	}
	call := after
	if beforePos != token.NoPos {
		call = before
	}
	// The nearest write decides: if it is not a call to an operation
	// (err = fmt.Errorf(...), err = limiter.Wait(ctx)), the check is not
	// about a retried operation.
	if call == nil || (opsOnly && !a.isOperation(ix, call)) {
		return nil
	}
	return call
}

// resultCall returns the call whose outcome e, the value written to an
// error variable, reports. That is e itself, or the operation behind an
// error read off its result: c.Ping(ctx).Err() (a command object, as
// go-redis returns) or db.First(&u).Error (a field, as gorm's chain
// carries it).
func (a *state) resultCall(e ast.Expr) *ast.CallExpr {
	info := a.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Err" || len(e.Args) != 0 {
			return e
		}
		if s := info.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
			return e
		}
		if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok && !isContextType(info.TypeOf(inner)) {
			return inner
		}
		return e
	case *ast.SelectorExpr:
		s := info.Selections[e]
		if s == nil || s.Kind() != types.FieldVal || !isErrorType(s.Obj().Type()) {
			return nil
		}
		inner, _ := ast.Unparen(e.X).(*ast.CallExpr)
		return inner
	}
	return nil
}

func isContextType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

func (a *state) isOperation(ix *funcIndex, call *ast.CallExpr) bool {
	info := a.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return false
	}
	if fn := calleeFunc(info, call); fn != nil && fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "errors", "fmt", "context":
			return false
		}
		if fn.Name() == "Err" && len(call.Args) == 0 {
			return false
		}
	}
	return a.callDelay(ix, call, true) == kNone
}

// varying returns the variables that change from one iteration of the loop
// to the next: range keys and values, counters stepped in a for post
// statement, iterators advanced in the loop condition (rows.Next()), and
// locals computed from those or received from a channel. A call that uses
// one of them works on something new each time: it is not retried.
//
// A variable declared in the loop body and handed by pointer to a call that
// fills it (binary.Read(r, order, &n), proto.Unmarshal(buf, rec)) holds
// what that call read this time; op is the call being judged, whose own
// out-parameters do not count (a retried Scan(&id) fills id itself).
func (a *state) varying(ix *funcIndex, fn ast.Node, loopStmt ast.Stmt, op *ast.CallExpr) (map[*types.Var]bool, map[string]bool) {
	info := a.pass.TypesInfo
	vs := map[*types.Var]bool{}
	add := func(e ast.Expr) {
		if v := rootVar(info, e); v != nil {
			vs[v] = true
		}
	}
	for v := range a.iterationVars(loopStmt) {
		vs[v] = true
	}
	if body := loopBodyOf(loopStmt); body != nil {
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if op != nil && within(op, n.Pos()) {
					return true
				}
				// A read fills a buffer through a slice: io.ReadFull(r,
				// buf), r.Read(oct[:]), a strings.Reader's too. Only a
				// read: c.Write(buf) fills nothing.
				if a.readsStream(n) {
					for _, arg := range n.Args {
						if v := slicedVar(info, arg); v != nil && within(body, v.Pos()) {
							vs[v] = true
						}
					}
				}
				if !a.fetches(n) {
					return true
				}
				for _, arg := range n.Args {
					if v := filledVar(info, arg); v != nil && within(body, v.Pos()) {
						vs[v] = true
					}
				}
			}
			return true
		})
	}
	ast.Inspect(loopStmt, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.RangeStmt:
			add(n.Key)
			add(n.Value)
		case *ast.ForStmt:
			for v := range a.iterationVars(n) {
				vs[v] = true
			}
		}
		return true
	})
	// Values computed in the loop from those, received from a channel, or
	// returned by a call that fetches something (sub.NextMsg(), q.Pop())
	// are new each time; a request rebuilt by a constructor is not.
	// A field stepped in the loop (m.index++) makes m.batches[m.index] a
	// new item each time; the field is tracked by its path so that the
	// rest of m does not count as changing.
	paths := map[string]bool{}
	var assigns []*ast.AssignStmt
	ast.Inspect(loopStmt, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			assigns = append(assigns, n)
		case *ast.IncDecStmt:
			if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok {
				paths[types.ExprString(sel)] = true
			} else {
				add(n.X)
			}
		}
		return true
	})
	// A variable computed from its own previous value, directly or through
	// others (cur = filepath.Dir(cur); n = n.next; next := up(cur); cur =
	// next) steps through something: a walk, not a retry.
	deps := map[*types.Var]map[*types.Var]bool{}
	for _, as := range assigns {
		for i, l := range as.Lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok {
				continue
			}
			lv, ok := info.ObjectOf(id).(*types.Var)
			if !ok {
				continue
			}
			rhs := as.Rhs[0]
			if len(as.Rhs) == len(as.Lhs) {
				rhs = as.Rhs[i]
			}
			ast.Inspect(rhs, func(n ast.Node) bool {
				if rid, ok := n.(*ast.Ident); ok {
					if rv, ok := info.ObjectOf(rid).(*types.Var); ok {
						if deps[lv] == nil {
							deps[lv] = map[*types.Var]bool{}
						}
						deps[lv][rv] = true
					}
				}
				return true
			})
		}
	}
	for v := range deps {
		if dependsOn(deps, v, v) {
			vs[v] = true
		}
	}
	// A variable a closure assigns (a callback handed to a receive or a
	// visitor) can hold something new after any call.
	if ix != nil {
		for v, as := range ix.assigns {
			for _, w := range as {
				if lit, ok := w.fn.(*ast.FuncLit); ok && !within(lit, v.Pos()) {
					vs[v] = true
				}
			}
		}
	}
	for range 3 {
		for _, as := range assigns {
			for i, l := range as.Lhs {
				rhs := as.Rhs[0]
				if len(as.Rhs) == len(as.Lhs) {
					rhs = as.Rhs[i]
				}
				if mentions(info, rhs, vs) || isRecv(rhs) || a.fetchesAny(rhs) {
					// m.header = h(k) changes what m's methods work on; only
					// a fetched value stored in a field (c.conn, err =
					// dial()) leaves the rest of c alone.
					sel, isSel := ast.Unparen(l).(*ast.SelectorExpr)
					if isSel {
						paths[types.ExprString(sel)] = true
					}
					if !isSel || mentions(info, rhs, vs) || isRecv(rhs) {
						add(l)
					}
				}
			}
		}
	}
	return vs, paths
}

// filledVar returns x for an argument &x, or for x of pointer type: a
// variable a call can write through.
func filledVar(info *types.Info, arg ast.Expr) *types.Var {
	arg = ast.Unparen(arg)
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		if id, ok := ast.Unparen(u.X).(*ast.Ident); ok {
			v, _ := info.ObjectOf(id).(*types.Var)
			return v
		}
		return nil
	}
	id, ok := arg.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	if v == nil {
		return nil
	}
	if _, ok := v.Type().Underlying().(*types.Pointer); !ok {
		return nil
	}
	return v
}

// slicedVar returns x for an argument x of slice type or a slice x[i:j]
// of an array or slice variable: a variable a call can write into.
func slicedVar(info *types.Info, arg ast.Expr) *types.Var {
	arg = ast.Unparen(arg)
	if se, ok := arg.(*ast.SliceExpr); ok {
		arg = ast.Unparen(se.X)
	} else if _, ok := info.TypeOf(arg).Underlying().(*types.Slice); !ok {
		return nil
	}
	id, ok := arg.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

func loopBodyOf(s ast.Stmt) *ast.BlockStmt {
	switch s := s.(type) {
	case *ast.ForStmt:
		return s.Body
	case *ast.RangeStmt:
		return s.Body
	}
	return nil
}

// dependsOn reports whether from reaches to through deps (at least one step).
func dependsOn(deps map[*types.Var]map[*types.Var]bool, from, to *types.Var) bool {
	seen := map[*types.Var]bool{}
	stack := []*types.Var{from}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for d := range deps[v] {
			if d == to {
				return true
			}
			if !seen[d] {
				seen[d] = true
				stack = append(stack, d)
			}
		}
	}
	return false
}

// iterationVars returns the variables a loop statement itself steps: range
// keys and values, the variables of a for post statement, and iterators
// advanced in the condition (rows.Next(), it.Scan()).
func (a *state) iterationVars(s ast.Stmt) map[*types.Var]bool {
	info := a.pass.TypesInfo
	vs := map[*types.Var]bool{}
	add := func(e ast.Expr) {
		if v := rootVar(info, e); v != nil {
			vs[v] = true
		}
	}
	switch s := s.(type) {
	case *ast.RangeStmt:
		add(s.Key)
		add(s.Value)
	case *ast.ForStmt:
		switch p := s.Post.(type) {
		case *ast.IncDecStmt:
			add(p.X)
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				add(l)
			}
		}
		if s.Cond != nil {
			ast.Inspect(s.Cond, func(m ast.Node) bool {
				call, ok := m.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
					t := info.TypeOf(sel.X)
					if !isNamed(t, "context", "Context") && !isNamed(t, "time", "Time") {
						add(sel.X)
					}
				}
				return true
			})
		}
	}
	return vs
}

// iteratesItems reports a loop that walks a collection, whatever it does on
// failure: a counter loop whose counter indexes something (srvPool[i]), or a
// range over anything but an int whose key or value the body uses, other
// than as the delay of a retry schedule (for _, d := range delays).
func (a *state) iteratesItems(s ast.Stmt) bool {
	info := a.pass.TypesInfo
	switch s := s.(type) {
	case *ast.ForStmt:
		// Stepped variables: the loop's own counter, and counters or
		// fields stepped in the body (pp.highWatermark--).
		vars := a.iterationVars(s)
		paths := map[string]bool{}
		ast.Inspect(s.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.IncDecStmt:
				if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok {
					paths[types.ExprString(sel)] = true
				} else if v := rootVar(info, n.X); v != nil {
					vars[v] = true
				}
			}
			return true
		})
		if len(vars) == 0 && len(paths) == 0 {
			return false
		}
		found := false
		ast.Inspect(s.Body, func(n ast.Node) bool {
			if ix, ok := n.(*ast.IndexExpr); ok && (mentions(info, ix.Index, vars) || mentionsPath(ix.Index, paths)) {
				found = true
			}
			return !found
		})
		return found
	case *ast.RangeStmt:
		if t, ok := info.TypeOf(s.X).Underlying().(*types.Basic); ok && t.Info()&types.IsInteger != 0 {
			return false
		}
		vars := a.iterationVars(s)
		if len(vars) == 0 {
			return false
		}
		found := false
		ast.Inspect(s.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if a.callDelay(nil, n, true) != kNone {
					return false
				}
				if fn := calleeFunc(info, n); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" {
					return false // time.After(d), time.NewTimer(d), t.Reset(d)
				}
			case *ast.Ident:
				if v, ok := info.ObjectOf(n).(*types.Var); ok && vars[v] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	return false
}

// fetchesAny reports whether e calls anything that fetches, at any depth:
// fmt.Sprintf("%s/%d", prefix, time.Now().UnixNano()) is a new key each
// time even though Sprintf itself is pure.
func (a *state) fetchesAny(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if a.fetches(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// fetches reports a call that returns something new each time: anything
// but constructors and pure helpers of the standard library.
func (a *state) fetches(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	info := a.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return false
	}
	fn := calleeFunc(info, call)
	if fn == nil {
		return false
	}
	for _, p := range []string{"New", "new", "Make", "make", "Build", "build", "With", "Clone", "Copy", "Marshal", "Encode", "Sprint", "Format"} {
		if strings.HasPrefix(fn.Name(), p) {
			return false
		}
	}
	if fn.Pkg() != nil {
		switch p := fn.Pkg().Path(); {
		case p == "time":
			return fn.Name() == "Now" // a timestamp in a key or an id is new each time
		case p == "strings", p == "bytes", p == "strconv", p == "fmt", p == "context", p == "net/url",
			p == "path", p == "path/filepath", strings.HasPrefix(p, "encoding/"):
			return false
		}
	}
	if b, ok := info.ObjectOf(calleeIdent(call)).(*types.Builtin); ok && b != nil {
		return false
	}
	return true
}

func calleeIdent(call *ast.CallExpr) *ast.Ident {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	}
	return nil
}

func isRecv(e ast.Expr) bool {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW
}

// bounded reports whether the loop has a way out other than success: a
// branch that leaves the loop (on one side only) and tests something other
// than the outcome of the retried operations. An attempt counter, a time
// budget, ctx.Err(), a select on ctx.Done() or a stop channel, and a closed
// flag all qualify; `if isPermanent(err) { return err }` does not.
func (a *state) bounded(ix *funcIndex, fn ast.Node, lp *loop, ops map[*ast.CallExpr]bool) bool {
	if _, ok := lp.stmt.(*ast.RangeStmt); ok {
		// Over a collection or an int it ends; over a channel, the sender
		// decides (a backoff ticker's channel closes when the policy gives
		// up).
		return true
	}
	for _, b := range lp.g.Blocks {
		if !b.Live || !lp.in[b.Index] || len(b.Succs) != 2 {
			continue
		}
		if !a.isGuard(ix, fn, lp, b, ops) {
			continue
		}
		w0, w1 := lp.forward(b.Succs[0]), lp.forward(b.Succs[1])
		// One side always leaves (i < max is false, ctx is done), or the
		// two sides leave through different doors.
		if (!w0.head && len(w0.exits) > 0) || (!w1.head && len(w1.exits) > 0) || !sameKeys(w0.exits, w1.exits) {
			return true
		}
	}
	return false
}

func sameKeys(x, y map[int32]bool) bool {
	if len(x) != len(y) {
		return false
	}
	for k := range x {
		if !y[k] {
			return false
		}
	}
	return true
}

func (a *state) isGuard(ix *funcIndex, fn ast.Node, lp *loop, b *cfg.Block, ops map[*ast.CallExpr]bool) bool {
	if b.Succs[0].Kind == cfg.KindSelectCaseBody {
		return true // a select case: ctx.Done(), a stop channel or a timeout
	}
	if len(b.Nodes) == 0 {
		return false
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok {
		return false
	}
	if sw := ix.caseSwitch[cond]; sw != nil {
		cond = sw.Tag
	}
	return a.guardExpr(ix, fn, lp, cond, ops)
}

// guardExpr reports whether cond tests anything besides the outcome of the
// retried operations.
func (a *state) guardExpr(ix *funcIndex, fn ast.Node, lp *loop, cond ast.Expr, ops map[*ast.CallExpr]bool) bool {
	info := a.pass.TypesInfo
	guard := false
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if guard {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr:
			if s := info.Selections[n]; s != nil {
				if s.Kind() == types.FieldVal {
					// A field of the response or error is part of the outcome;
					// a field of anything else (c.closed, s.opts.MaxRetries)
					// is a guard.
					if root := rootVar(info, n.X); root == nil || !a.outcomeVar(ix, fn, lp, root, ops) {
						guard = true
					}
					return false
				}
				ast.Inspect(n.X, visit) // method: judge the receiver
				return false
			}
			ast.Inspect(n.Sel, visit) // qualified identifier
			return false
		case *ast.Ident:
			switch obj := info.ObjectOf(n).(type) {
			case *types.Var:
				if obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
					p := obj.Pkg().Path()
					guard = p == "context" || p == "os"
				} else if !a.outcomeVar(ix, fn, lp, obj, ops) {
					guard = true
				}
			}
		}
		return !guard
	}
	ast.Inspect(cond, visit)
	return guard
}

func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			v, _ := info.ObjectOf(x).(*types.Var)
			return v
		default:
			return nil
		}
	}
}

// outcomeVar reports whether v holds the outcome of a retried operation
// rather than something that bounds the loop. An error returned by a wait
// that watches a context (sleepCtx(ctx, d), limiter.Wait(ctx)) is a way
// out, not an outcome.
func (a *state) outcomeVar(ix *funcIndex, fn ast.Node, lp *loop, v *types.Var, ops map[*ast.CallExpr]bool) bool {
	switch {
	case isResponse(v.Type()):
		return true
	case isErrorType(v.Type()):
		call := a.opCall(ix, fn, lp.stmt, v, token.NoPos, false)
		// opCall with NoPos picks the last write in the loop.
		if call == nil || ops[call] {
			return true
		}
		for _, arg := range call.Args {
			if isNamed(a.pass.TypesInfo.TypeOf(arg), "context", "Context") {
				return false
			}
		}
		return a.callDelay(ix, call, false) == kNone
	case ix.asserted[v]:
		return true
	}
	return false
}
