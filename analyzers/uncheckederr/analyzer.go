package uncheckederr

import (
	"fmt"
	"github.com/relcheck/relcheck/internal/generated"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

type checker struct {
	pass     *analysis.Pass
	settings Settings
	excludes excludeSet
	facts    *varFacts
	// readOnlyClosers caches readOnlyCloser per function of the package.
	readOnlyClosers map[*types.Func]bool
	decls           map[*types.Func]*ast.FuncDecl
	// stickyHelpers caches stickyWrite per function of the package.
	stickyHelpers map[*types.Func]bool
}

func (st *state) run(pass *analysis.Pass) (any, error) {
	excludes, err := st.config()
	if err != nil {
		return nil, err
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, settings: st.settings, excludes: excludes, facts: collectFacts(pass, in)}
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	for fc := range in.Root().Children() {
		file, ok := fc.Node().(*ast.File)
		if !ok || generated.File(pass.Fset, file) {
			continue
		}
		c.checkCalls(fc)
		c.checkOverwrites(fc, cfgs)
		c.checkDeferredLost(fc)
		c.checkAssertions(fc)
	}
	return nil, nil
}

// checkCalls finds the places where a call's results are thrown away.
func (c *checker) checkCalls(file inspector.Cursor) {
	nodes := []ast.Node{(*ast.ExprStmt)(nil), (*ast.GoStmt)(nil), (*ast.DeferStmt)(nil), (*ast.AssignStmt)(nil)}
	for cur := range file.Preorder(nodes...) {
		switch n := cur.Node().(type) {
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok {
				c.dropped(cur, call, dropStmt)
			}
		case *ast.GoStmt:
			c.dropped(cur, n.Call, dropGo)
		case *ast.DeferStmt:
			c.dropped(cur, n.Call, dropDefer)
		case *ast.AssignStmt:
			if !c.settings.CheckBlank || (n.Tok != token.ASSIGN && n.Tok != token.DEFINE) {
				continue
			}
			allBlank := true
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
					allBlank = false
				}
			}
			if !allBlank {
				continue
			}
			for _, r := range n.Rhs {
				if call, ok := ast.Unparen(r).(*ast.CallExpr); ok {
					c.dropped(cur, call, dropBlank)
				}
			}
		}
	}
}

// callee resolves the function a call invokes and the receiver expression
// of a method call. Calls through a variable bound once to a method value
// (`closeFn := f.Close; closeFn()`) resolve to the method.
func (c *checker) callee(call *ast.CallExpr) (*types.Func, ast.Expr) {
	info := c.pass.TypesInfo
	fun := ast.Unparen(call.Fun)
	switch obj := typeutil.Callee(info, call).(type) {
	case *types.Func:
		if sel, ok := fun.(*ast.SelectorExpr); ok {
			if s := info.Selections[sel]; s != nil {
				switch s.Kind() {
				case types.MethodVal:
					return obj, sel.X
				case types.MethodExpr:
					if len(call.Args) > 0 {
						return obj, call.Args[0]
					}
				}
			}
		}
		if ix, ok := fun.(*ast.IndexExpr); ok {
			if sel, ok := ix.X.(*ast.SelectorExpr); ok {
				if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
					return obj, sel.X
				}
			}
		}
		return obj, nil
	case *types.Var:
		if sel := c.facts.methodValue[obj]; sel != nil && c.facts.assigns[obj] == 1 && !c.facts.addrTaken[obj] {
			if fn, ok := info.Selections[sel].Obj().(*types.Func); ok {
				return fn, sel.X
			}
		}
	}
	return nil, nil
}

// errorResults reports whether any result of call is an error.
func errorResults(info *types.Info, call *ast.CallExpr) bool {
	isErr := func(t types.Type) bool {
		if _, ok := t.(*types.TypeParam); ok {
			return false
		}
		return types.Implements(t, errorType.Underlying().(*types.Interface))
	}
	switch t := info.TypeOf(call).(type) {
	case nil:
		return false
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if isErr(t.At(i).Type()) {
				return true
			}
		}
		return false
	default:
		return isErr(t)
	}
}

// dropKind is the statement that discards a call's results.
type dropKind int

const (
	dropStmt  dropKind = iota // f()
	dropGo                    // go f()
	dropDefer                 // defer f()
	dropBlank                 // _ = f()
)

func (k dropKind) verb() string {
	switch k {
	case dropGo:
		return "is lost in a go statement"
	case dropDefer:
		return "is not checked in a defer"
	case dropBlank:
		return "is assigned to _"
	}
	return "is not checked"
}

// dropped decides what, if anything, a call with discarded results is.
func (c *checker) dropped(cur inspector.Cursor, call *ast.CallExpr, how dropKind) {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		return
	}
	fn, recv := c.callee(call)
	if fn != nil && how != dropBlank && c.csvFlushUnchecked(fn, recv) {
		c.report(call, RuleUncheckedCloseOnWrite, nil,
			"%s on a csv.Writer reports write errors only through %s.Error(), which is never called",
			callText(call), types.ExprString(recv))
		return
	}
	if !errorResults(info, call) {
		return
	}
	if fn != nil && recv != nil && (c.memoryOnlyStdWriter(recv) || rewindsMemory(info, fn, call)) {
		return
	}
	if fn != nil && pemIntoMemory(info, fn, call) {
		return
	}
	if fn != nil && recv != nil && unreadsLastRead(cur, info, fn, recv, call) {
		return
	}
	if fn != nil && flushedAndChecked(cur, info, fn, recv, call) {
		return
	}
	if fn != nil {
		var arg0 ast.Expr
		if len(call.Args) > 0 {
			arg0 = call.Args[0]
		}
		if c.excludes.excluded(info, calleeNames(info, fn, recv), arg0) {
			return
		}
	}
	if fn != nil && c.readOnlyCloser(fn) {
		return
	}
	verb := how.verb()
	if fn != nil && recv != nil && isCloseLike(fn) {
		kind, why := c.classify(fn, recv)
		if kind == written && how != dropDefer && (c.beforeErrorReturn(cur) || c.afterAbort(cur)) {
			// Cleanup on a path that already fails: the write has
			// failed and its error is being returned, so Close's error
			// is secondary. errcheck reports it, and so do we, but not
			// as a lost write.
			kind = unknownUse
		}
		if v := varOf(info, recv); kind == written && v != nil && c.deliveredElsewhere(cur, fn, v) {
			kind = unknownUse
		}
		switch kind {
		case readOnly:
			return
		case written:
			var fixes []analysis.SuggestedFix
			if d, ok := cur.Node().(*ast.DeferStmt); ok {
				fixes = c.closeFix(cur, d, recv)
			}
			c.report(call, RuleUncheckedCloseOnWrite, fixes,
				"error of %s %s, but %s was written to (%s): a failed %s can lose that data",
				callText(call), verb, types.ExprString(recv), why, fn.Name())
			return
		}
	}
	c.report(call, RuleUncheckedError, nil, "error returned by %s %s", callText(call), verb)
}

// declOf returns the declaration, with a body, of a function of this
// package, or nil.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = map[*types.Func]*ast.FuncDecl{}
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	return c.decls[fn]
}

// readOnlyCloser reports a function of this package whose error result
// can only be the Close of something read-only: every return is nil or
// `x.Close()` on, for example, an http.Response's Body (consul's
// `closeResponseBody(resp)`: drain, then `return resp.Body.Close()`).
// Dropping its error is dropping that Close's, which is not reported.
func (c *checker) readOnlyCloser(fn *types.Func) bool {
	if v, ok := c.readOnlyClosers[fn]; ok {
		return v
	}
	if c.readOnlyClosers == nil {
		c.readOnlyClosers = map[*types.Func]bool{}
	}
	c.readOnlyClosers[fn] = false // recursion
	fd := c.declOf(fn)
	sig := fn.Signature()
	if fd == nil || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), errorType) {
		return false
	}
	info := c.pass.TypesInfo
	ok, closes := true, 0
	// A named result set anywhere, a deferred closure included
	// (defer func() { err = w.Flush() }()), or handed on by address, may
	// return another error.
	if res := sig.Results().At(0); res.Name() != "" {
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			isRes := func(e ast.Expr) bool {
				id, isIdent := ast.Unparen(e).(*ast.Ident)
				return isIdent && info.ObjectOf(id) == res
			}
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if isRes(l) {
						ok = false
					}
				}
			case *ast.UnaryExpr: // defer closeAll(&err)
				if n.Op == token.AND && isRes(n.X) {
					ok = false
				}
			}
			return ok
		})
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false // a bare return of a named result
				return false
			}
			r := ast.Unparen(n.Results[0])
			if isNil(info, r) {
				return false
			}
			call, isCall := r.(*ast.CallExpr)
			if !isCall {
				ok = false
				return false
			}
			cfn, recv := c.callee(call)
			if cfn == nil || recv == nil || !isCloseLike(cfn) || cfn.Name() != "Close" {
				ok = false
				return false
			}
			if kind, _ := c.classify(cfn, recv); kind != readOnly {
				ok = false
				return false
			}
			closes++
		}
		return true
	})
	v := ok && closes > 0
	c.readOnlyClosers[fn] = v
	return v
}

// afterAbort reports a statement right after a CloseWithError with a
// non-nil error (`pw.CloseWithError(err); zw.Close()`): the stream it
// feeds has already been failed, and this Close only releases.
func (c *checker) afterAbort(cur inspector.Cursor) bool {
	prev, ok := cur.PrevSibling()
	if !ok {
		return false
	}
	call := stmtCall(prev.Node())
	if call == nil || len(call.Args) != 1 || isNil(c.pass.TypesInfo, call.Args[0]) {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "CloseWithError"
}

// beforeErrorReturn reports whether the statement at cur is directly
// followed by a return of a non-nil error.
func (c *checker) beforeErrorReturn(cur inspector.Cursor) bool {
	next, ok := cur.NextSibling()
	if !ok {
		return false
	}
	ret, ok := next.Node().(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 {
		return false
	}
	last := ret.Results[len(ret.Results)-1]
	if id, ok := ast.Unparen(last).(*ast.Ident); ok && id.Name == "nil" {
		return false
	}
	info := c.pass.TypesInfo
	t := info.TypeOf(last)
	if t == nil || !types.Implements(t, errorType.Underlying().(*types.Interface)) {
		return false
	}
	// `return os.Rename(tmp, dst)` or `return tx.Commit()` is the last step
	// of the path that succeeded so far, not a failure being reported: a
	// call returns a failure when it makes or wraps one.
	if call, ok := ast.Unparen(last).(*ast.CallExpr); ok {
		if isFunc(typeutil.StaticCallee(info, call), "fmt", "Errorf") || isFunc(typeutil.StaticCallee(info, call), "errors", "New", "Join") {
			return true
		}
		for _, arg := range call.Args {
			if at := info.TypeOf(arg); at != nil && types.Implements(at, errorType.Underlying().(*types.Interface)) && !isNil(info, arg) {
				return true
			}
		}
		return false
	}
	return true
}

// isCloseLike matches Close, Flush and Sync methods of the shape
// func() error, the calls that deliver buffered writes.
func isCloseLike(fn *types.Func) bool {
	switch fn.Name() {
	case "Close", "Flush", "Sync":
	default:
		return false
	}
	sig := fn.Signature()
	return sig.Recv() != nil && sig.Params().Len() == 0 && sig.Results().Len() == 1 &&
		types.Identical(sig.Results().At(0).Type(), errorType)
}

type closeKind int

const (
	unknownUse closeKind = iota
	readOnly
	written
)

// Types whose method sets do not say which way data flows.
var (
	writeOnlyTypes = map[string]bool{"archive/zip.Writer": true}
	readOnlyTypes  = map[string]bool{"archive/zip.ReadCloser": true}
	// Each Write to an io.Pipe blocks until it is read, so nothing is
	// buffered for Close to lose.
	unbufferedTypes = map[string]bool{"io.PipeWriter": true}
)

// classify tells a Close on something written from one on something only
// read. The variable's history decides first, because an *os.File can do
// both; the static type decides next; otherwise the answer is unknown.
func (c *checker) classify(fn *types.Func, recv ast.Expr) (closeKind, string) {
	info := c.pass.TypesInfo
	t := info.TypeOf(recv)
	if t == nil {
		return unknownUse, ""
	}
	name := recvTypeName(t)
	if len(name) > 0 && name[0] == '*' {
		name = name[1:]
	}
	if unbufferedTypes[name] || isStdStream(info, recv) || isConnLike(t) {
		return unknownUse, ""
	}
	// A query's result set is only read (Next, Scan): its Close releases
	// the connection and loses nothing, and a failed read shows in Err.
	// Matched on the method, so types embedding *sql.Rows (sqlx) count.
	if fn.FullName() == "(*database/sql.Rows).Close" {
		return readOnly, ""
	}
	if v := varOf(info, recv); isDuplexIface(t) && (v == nil || c.facts.origins[v]&originWrite == 0) {
		return unknownUse, ""
	}
	if fn.Name() == "Sync" {
		return written, "Sync exists to make writes durable"
	}
	if v := varOf(info, recv); v != nil {
		if c.facts.origins[v] == originPipe || c.facts.memorySink[v] || c.facts.unbufferedParams[v] || c.facts.stdStreamSink(v) || c.facts.unwrittenNilSink(v) {
			return unknownUse, ""
		}
		if pos, ok := c.facts.writtenAt[v]; ok {
			return written, fmt.Sprintf("at line %d", c.pass.Fset.Position(pos).Line)
		}
		if o := c.facts.origins[v]; o&originWrite != 0 && c.facts.fileUsed[v] {
			return written, "opened by " + c.facts.openedBy[v]
		} else if o == originRead {
			return readOnly, ""
		}
	}
	canWrite, canRead := hasMethod(t, "Write"), hasMethod(t, "Read")
	// A writer behind an interface, assigned in this function and only
	// closed (or flushed, or handed back to the caller): its type says it
	// could be written, but nothing was (a log writer opened to check the
	// file's permissions). Concrete encoders are left to their type: a
	// gzip or zip writer's Close writes the format's header and trailer
	// even with no data, and a parameter may have been written by the
	// caller.
	if v := varOf(info, recv); v != nil && isLocal(v) && c.facts.assigns[v] > 0 && !c.facts.dataUse[v] && types.IsInterface(t) && canWrite {
		return unknownUse, ""
	}
	switch {
	case writeOnlyTypes[name] || (canWrite && !canRead):
		return written, "it is a " + types.TypeString(t, c.qualifier)
	case readOnlyTypes[name] || (canRead && !canWrite):
		return readOnly, ""
	case fn.Name() == "Flush" && canWrite:
		return written, "Flush exists to write buffered data"
	}
	return unknownUse, ""
}

// deliveredElsewhere reports a dropped Close, Flush or Sync of a written v
// whose data is made safe, or thrown away, by other code of the function:
//   - `defer f.Close()` as a safety net beside a checked `return f.Close()`,
//     also when that checked call goes through a variable the method was
//     assigned to (`flush = zw.Close; ...; if err := flush(); err != nil`);
//   - a Close after a checked f.Sync(): the data is on disk, and Close has
//     nothing left to report about it;
//   - a file removed right after its Close (`f.Close(); os.Remove(f.Name())`,
//     also as `return os.Remove(...)` or `if err := os.Remove(...); ...`)
//     or by a deferred removal that runs after the deferred Close: nobody
//     will read what a failed Close lost.
func (c *checker) deliveredElsewhere(cur inspector.Cursor, fn *types.Func, v *types.Var) bool {
	f := c.facts
	deferred := inDeferredFunc(cur) // the defer statement itself, or a deferred function literal
	if deferred && f.checkedCalls[v][fn.Name()] {
		return true
	}
	// `defer f.Close()` beside an explicit f.Close() on the main path: the
	// explicit call is the one that can lose data and is judged on its
	// own; the deferred one covers the early returns, and on the main
	// path only closes a closed file.
	if deferred && isLocal(v) {
		if d, ok := deferStmtOf(cur); ok && slices.Contains(f.plainCalls[v][fn.Name()], enclosingFunc(d)) {
			return true
		}
	}
	if fn.Name() != "Close" {
		return false
	}
	// Only for a local: a field's calls are merged over every instance and
	// method, so a Sync checked in one place says nothing about this Close.
	if isLocal(v) && f.checkedCalls[v]["Sync"] {
		return true
	}
	if next, ok := cur.NextSibling(); ok {
		if call := removalCall(next.Node()); call != nil {
			if r, ok := removedFile(c.pass.TypesInfo, call); ok && f.removes(r, v) {
				return true
			}
		}
	}
	if d, ok := deferStmtOf(cur); ok {
		// Both run when the function returns, in either order: the file is
		// gone, or about to be, whatever Close reports.
		for _, r := range f.deferredRemoves[enclosingFunc(d)] {
			if f.removes(r, v) {
				return true
			}
		}
	}
	return false
}

// inDeferredFunc reports a statement in a function literal that runs when
// the enclosing function returns: `defer func() { _ = f.Close() }()` is the
// same safety net as `defer f.Close()`.
func inDeferredFunc(cur inspector.Cursor) bool {
	_, ok := deferStmtOf(cur)
	return ok
}

// deferStmtOf returns the defer statement that runs the statement at cur:
// the statement itself, or the defer whose call is, or takes as an
// argument, the function literal directly holding cur
// (`defer once.Do(func() { f.Close() })`).
func deferStmtOf(cur inspector.Cursor) (inspector.Cursor, bool) {
	if _, ok := cur.Node().(*ast.DeferStmt); ok {
		return cur, true
	}
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		lit, ok := c.Node().(*ast.FuncLit)
		if !ok {
			return c, false
		}
		call, ok := c.Parent().Node().(*ast.CallExpr)
		if !ok {
			return c, false
		}
		if ast.Unparen(call.Fun) != lit && !slices.Contains(call.Args, ast.Expr(lit)) {
			return c, false
		}
		d := c.Parent().Parent()
		_, ok = d.Node().(*ast.DeferStmt)
		return d, ok
	}
	return cur, false
}

// isLocal reports a variable declared in a function: all its uses are in
// the package being analyzed and visible to varFacts.
func isLocal(v *types.Var) bool {
	return !v.IsField() && v.Pkg() != nil && v.Parent() != nil && v.Parent() != v.Pkg().Scope()
}

// removalCall is the call of a statement that may remove a file right
// after a Close: a call statement or assignment, `return os.Remove(...)`,
// or the init of `if err := os.Remove(...); err != nil`.
func removalCall(n ast.Node) *ast.CallExpr {
	switch n := n.(type) {
	case *ast.ReturnStmt:
		// return os.Remove(name), or return "", os.Remove(name): the
		// error comes last.
		if len(n.Results) > 0 {
			call, _ := ast.Unparen(n.Results[len(n.Results)-1]).(*ast.CallExpr)
			return call
		}
		return nil
	case *ast.IfStmt:
		if n.Init != nil {
			return stmtCall(n.Init)
		}
		return nil
	}
	return stmtCall(n)
}

// stmtCall is the call a statement makes: `f()`, `_ = f()`, `defer f()`.
func stmtCall(n ast.Node) *ast.CallExpr {
	var e ast.Expr
	switch n := n.(type) {
	case *ast.ExprStmt:
		e = n.X
	case *ast.AssignStmt:
		if len(n.Rhs) == 1 {
			e = n.Rhs[0]
		}
	case *ast.DeferStmt:
		return n.Call
	}
	call, _ := ast.Unparen(e).(*ast.CallExpr)
	return call
}

// isConnLike reports a network connection (anything with net.Conn's method
// set). A Write on a socket hands its bytes to the kernel before it
// returns, and closing the socket does not report whether the peer got
// them, so Close has no buffered data to lose: a dropped Close error is an
// ordinary unchecked error, as for pipes.
func isConnLike(t types.Type) bool {
	// A writer that knows its peer's address is a connection, or a
	// wrapper of one that reads through a reader of its own (go-redis's
	// pool.Conn has Write and RemoteAddr but no Read).
	if hasMethod(t, "Write") && hasMethod(t, "Close") && hasMethod(t, "RemoteAddr") {
		return true
	}
	for _, m := range []string{"Read", "Write", "Close", "LocalAddr", "RemoteAddr", "SetDeadline"} {
		if !hasMethod(t, m) {
			return false
		}
	}
	return true
}

// isDuplexIface reports an interface that can both Read and Write
// (io.ReadWriteCloser, a hijacked or upgraded connection, a stream): it
// stands for a connection far more often than for a buffered file, and its
// type says nothing about buffering. Like net.Conn, its Close is of unknown
// use unless the value is known to be a file opened for writing.
//
// A file abstraction (an fs.File, afero.File or billy.File interface) is
// not a stream: it can Sync, Seek or Truncate, and its Close is judged like
// an *os.File's.
func isDuplexIface(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Interface); !ok {
		return false
	}
	if hasMethod(t, "Sync") || hasMethod(t, "Seek") || hasMethod(t, "Truncate") {
		return false
	}
	return hasMethod(t, "Read") && hasMethod(t, "Write")
}

// stdMemoryWriters are standard library writers that fail only when their
// destination fails: over an in-memory buffer, none of their methods can
// return an error.
var stdMemoryWriters = map[string]bool{
	"*bufio.Writer": true, "*compress/gzip.Writer": true, "*compress/zlib.Writer": true,
	"*compress/flate.Writer": true, "*compress/lzw.Writer": true,
}

// memoryOnlyStdWriter reports a call on a standard library writer, built
// over an in-memory buffer, that cannot fail. The encoders of
// encoding/base64, base32, hex and ascii85 are unexported types behind
// io.WriteCloser, so they are recognised by the package of their
// constructor through memorySink and the static type io.WriteCloser.
func (c *checker) memoryOnlyStdWriter(recv ast.Expr) bool {
	v := varOf(c.pass.TypesInfo, recv)
	if v == nil || !c.facts.memorySink[v] || c.facts.assigns[v] != 1 {
		return false
	}
	return stdMemoryWriters[recvTypeName(v.Type())] || c.facts.stdEncoder[v]
}

// rewindsMemory reports Seek on a strings.Reader or bytes.Reader with a
// constant, non-negative offset and a constant whence: it fails only for a
// negative position or an unknown whence, so `body.Seek(0, io.SeekStart)`
// after hashing a request body cannot fail.
func rewindsMemory(info *types.Info, fn *types.Func, call *ast.CallExpr) bool {
	if fn.Name() != "Seek" || len(call.Args) != 2 {
		return false
	}
	switch recvTypeName(fn.Signature().Recv().Type()) {
	case "*strings.Reader", "*bytes.Reader":
	default:
		return false
	}
	off, ok1 := constInt(info, call.Args[0])
	whence, ok2 := constInt(info, call.Args[1])
	return ok1 && ok2 && off >= 0 && whence >= 0 && whence <= 2
}

// unreadsLastRead reports UnreadRune or UnreadByte on an in-memory or
// buffered reader whose previous method call in the function, by position,
// is the ReadRune or ReadByte it undoes (a parser peeking one rune and
// putting it back): the only failure is an unread that does not follow such
// a read.
func unreadsLastRead(cur inspector.Cursor, info *types.Info, fn *types.Func, recv ast.Expr, call *ast.CallExpr) bool {
	read := map[string]string{"UnreadRune": "ReadRune", "UnreadByte": "ReadByte"}[fn.Name()]
	if read == "" {
		return false
	}
	switch recvTypeName(fn.Signature().Recv().Type()) {
	case "*bytes.Buffer", "*bytes.Reader", "*strings.Reader", "*bufio.Reader":
	default:
		return false
	}
	v := varOf(info, recv)
	if v == nil {
		return false
	}
	body := enclosingFunc(cur)
	if body == nil {
		return false
	}
	var last *ast.SelectorExpr
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || n.Pos() >= call.Pos() {
			return false
		}
		if c, ok := n.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok && varOf(info, sel.X) == v {
				if last == nil || sel.Pos() > last.Pos() {
					last = sel
				}
			}
		}
		return true
	})
	return last != nil && last.Sel.Name == read
}

// flushedAndChecked reports a write to a *bufio.Writer (its Write,
// WriteString, WriteByte or WriteRune, or fmt.Fprint*/io.WriteString into
// it) in a function that later checks the error of the same writer's
// Flush. A bufio.Writer keeps its first write error, fails every later
// write with it, and Flush returns it: the idiom writes freely and checks
// once at the end, and nothing is lost. Read errors are not kept that way,
// so ReadFrom and io.Copy into the writer are still reported.
func flushedAndChecked(cur inspector.Cursor, info *types.Info, fn *types.Func, recv ast.Expr, call *ast.CallExpr) bool {
	var w ast.Expr
	switch {
	case recv != nil && recvTypeName(fn.Signature().Recv().Type()) == "*bufio.Writer":
		switch fn.Name() {
		case "Write", "WriteString", "WriteByte", "WriteRune":
			w = recv
		}
	case isFunc(fn, "fmt", "Fprint", "Fprintf", "Fprintln"), isFunc(fn, "io", "WriteString"):
		if len(call.Args) > 0 {
			if t, ok := info.TypeOf(call.Args[0]).(*types.Pointer); ok && recvTypeName(t) == "*bufio.Writer" {
				w = call.Args[0]
			}
		}
	}
	v := varOf(info, w)
	if v == nil {
		return false
	}
	fnc, ok := funcOf(cur)
	if !ok {
		return false
	}
	checked := false
	for c := range fnc.Preorder((*ast.CallExpr)(nil)) {
		fl := c.Node().(*ast.CallExpr)
		sel, ok := ast.Unparen(fl.Fun).(*ast.SelectorExpr)
		if checked || fl.Pos() < call.End() || !ok || sel.Sel.Name != "Flush" || varOf(info, sel.X) != v {
			continue
		}
		checked = resultUsed(c)
	}
	return checked
}

// pemIntoMemory reports pem.Encode of a block literal without Headers into
// an in-memory buffer (the way certificates and keys are PEM-encoded): it
// fails only when the writer does or a header key holds a colon, and here
// there is neither.
func pemIntoMemory(info *types.Info, fn *types.Func, call *ast.CallExpr) bool {
	if !isFunc(fn, "encoding/pem", "Encode") || len(call.Args) != 2 ||
		!memoryWriterTypes[recvTypeName(info.TypeOf(call.Args[0]))] {
		return false
	}
	arg := ast.Unparen(call.Args[1])
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = ast.Unparen(u.X)
	}
	lit, ok := arg.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return false // positional: Headers is set
		}
		if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Headers" {
			return false
		}
	}
	return true
}

func constInt(info *types.Info, e ast.Expr) (int64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

// isStdStream: a Sync or Close of os.Stdout or os.Stderr fails on terminals
// and pipes as a matter of course, and programs rightly ignore it.
func isStdStream(info *types.Info, recv ast.Expr) bool {
	v := varOf(info, recv)
	return v != nil && v.Pkg() != nil && v.Pkg().Path() == "os" && v.Parent() == v.Pkg().Scope() &&
		(v.Name() == "Stdout" || v.Name() == "Stderr" || v.Name() == "Stdin")
}

// csvFlushUnchecked: csv.Writer.Flush returns nothing and keeps the write
// error for Error(), so a Flush on a writer whose Error is never called
// drops it.
func (c *checker) csvFlushUnchecked(fn *types.Func, recv ast.Expr) bool {
	if fn.Name() != "Flush" || recv == nil || recvTypeName(fn.Origin().Signature().Recv().Type()) != "*encoding/csv.Writer" {
		return false
	}
	v := varOf(c.pass.TypesInfo, recv)
	// WriteAll flushes and returns Error() itself.
	return v != nil && !c.facts.methods[v]["Error"] && !c.facts.methods[v]["WriteAll"]
}

// qualifier spells types as the user's source does: package name, not path.
func (c *checker) qualifier(p *types.Package) string {
	if p == c.pass.Pkg {
		return ""
	}
	return p.Name()
}

func (c *checker) report(n ast.Node, rule string, fixes []analysis.SuggestedFix, format string, args ...any) {
	c.pass.Report(analysis.Diagnostic{
		Pos:            n.Pos(),
		End:            n.End(),
		Category:       rule,
		Message:        fmt.Sprintf(format, args...),
		SuggestedFixes: fixes,
	})
}

// callText names a call the way the user wrote it, shortened so a long
// argument list does not drown the message.
func callText(call *ast.CallExpr) string {
	s := types.ExprString(ast.Unparen(call.Fun))
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s + "()"
}

// isFunc reports a package-level function of pkg named one of names.
func isFunc(fn *types.Func, pkg string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg || fn.Signature().Recv() != nil {
		return false
	}
	return slices.Contains(names, fn.Name())
}
