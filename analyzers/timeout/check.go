package timeout

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// check is the second walk: it judges uses, returns and escapes of tracked
// values, and the call-shaped rules.
func (st *state) check(f *ast.File) {
	isTest := strings.HasSuffix(st.a.fileName(f), "_test.go")
	st.inTest = isTest
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.CallExpr:
			st.checkCall(n, stack, isTest)
		case *ast.SelectorExpr:
			st.checkMethodValue(n, stack)
		case *ast.ReturnStmt:
			st.checkReturn(n, stack)
		case *ast.AssignStmt:
			st.checkStore(n)
		case *ast.CompositeLit:
			st.checkLiteralStore(n)
		case *ast.SendStmt:
			st.escape(st.eval(n.Value, n.Pos()), nil, "sent on a channel")
		}
		return true
	})
}

func (st *state) emit(d analysis.Diagnostic) {
	if st.report {
		st.a.report(d)
	}
}

// describe names a tracked value in a message.
func describe(o *obj) string {
	switch {
	case o.helper != nil:
		return o.name
	case o.name == "":
		return o.kind.String() + " literal"
	}
	return o.kind.String() + " " + o.name
}

func (st *state) noteParamUse(o *obj) {
	f := st.paramFact(o.paramFn)
	f.Params[o.param] |= effUses
}

func (st *state) paramFact(fn *types.Func) *funcFact {
	f := st.newSummaries[fn]
	if f == nil {
		f = &funcFact{Params: make([]uint8, fn.Type().(*types.Signature).Params().Len())}
		st.newSummaries[fn] = f
	}
	return f
}

// useClient judges a client that sends a request at pos.
//
// carriesContext says the request sent has a context the caller chose
// (NewRequestWithContext, WithContext): a DefaultClient call is then
// bounded by it and not reported.
//
// withDeadline says the request sent carries a context with a deadline made
// in this function (context.WithTimeout): that exchange is bounded even
// through a client without Timeout.
func (st *state) useClient(o *obj, pos token.Pos, what string, carriesContext, withDeadline bool) {
	if o == nil || o.kind != kClient || o.reported || withDeadline {
		return
	}
	if o.param >= 0 {
		if !o.bounded(pos) {
			st.noteParamUse(o)
		}
		return
	}
	if o.bounded(pos) {
		return
	}
	if o.isDefault {
		if carriesContext {
			return
		}
		st.emit(analysis.Diagnostic{
			Pos: pos, Category: RuleHTTPDefaultClient,
			Message: fmt.Sprintf("%s sends through http.DefaultClient, which has no timeout", what),
		})
		return
	}
	st.reportClient(o, "")
}

// reportClient reports o where it is built. where says how it leaves the
// function when that is why it is reported ("returned by F").
func (st *state) reportClient(o *obj, where string) {
	o.reported = true
	suffix := ""
	if where != "" {
		suffix = " (" + where + ")"
	}
	if o.usesDefaultTransport() {
		st.emit(analysis.Diagnostic{
			Pos: o.site.Pos(), End: o.site.End(), Category: RuleHTTPDefaultClient,
			Message: fmt.Sprintf("%s uses http.DefaultTransport as-is (no response header timeout) and has no Timeout%s", describe(o), suffix),
		})
		return
	}
	st.emit(analysis.Diagnostic{
		Pos: o.site.Pos(), End: o.site.End(), Category: RuleHTTPClientTimeout,
		Message: fmt.Sprintf("%s has no Timeout and its transport does not bound dial, TLS handshake and response headers%s", describe(o), suffix),
	})
}

// escape judges a client that leaves the function's view (stored, sent,
// passed to a callee that neither configures nor uses it). field is the
// struct field it is stored in, when known.
func (st *state) escape(o *obj, field *types.Var, via string) {
	if o == nil || o.kind != kClient || o.param >= 0 || o.isDefault || o.reported {
		return
	}
	if field != nil && (st.fieldConfigured[field] || st.fieldSendsBounded(field)) {
		return
	}
	// Tests build clients to check configuration far more often than to
	// send with them; there, only a client seen sending is reported.
	if st.inTest || o.bounded(token.NoPos) {
		return
	}
	st.reportClient(o, via)
}

func (st *state) startServer(o *obj, call *ast.CallExpr, what string) {
	if o == nil || o.kind != kServer || o.reported {
		return
	}
	if o.bounded(call.Pos()) {
		return
	}
	if o.param >= 0 {
		st.noteParamUse(o)
		return
	}
	st.emit(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(), Category: RuleHTTPServerTimeout,
		Message: fmt.Sprintf("%s is started by %s without ReadHeaderTimeout or ReadTimeout", describe(o), what),
	})
}

// startFieldServer judges s.srv.ListenAndServe() where srv is a struct
// field: it is reported when every server stored in that field anywhere in
// the package lacks a read timeout and none is set through the field.
func (st *state) startFieldServer(sel *ast.SelectorExpr, call *ast.CallExpr, what string) {
	inner, ok := astutil.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return
	}
	s := st.info.Selections[inner]
	if s == nil || s.Kind() != types.FieldVal {
		return
	}
	fv, _ := s.Obj().(*types.Var)
	objs := st.fieldServers[fv]
	if fv == nil || len(objs) == 0 || st.fieldConfigured[fv] || slices.Contains(objs, nil) {
		return
	}
	for _, o := range objs {
		if o.bounded(token.NoPos) || o.reported {
			return
		}
	}
	st.emit(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(), Category: RuleHTTPServerTimeout,
		Message: fmt.Sprintf("http.Server in field %s is started by %s, and no server stored there has ReadHeaderTimeout or ReadTimeout", fv.Name(), what),
	})
}

func (st *state) dialWith(o *obj, call *ast.CallExpr, what string) {
	if o == nil || o.kind != kDialer || o.reported || o.bounded(call.Pos()) {
		return
	}
	if o.param >= 0 {
		st.noteParamUse(o)
		return
	}
	st.emit(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(), Category: RuleDialTimeout,
		Message: fmt.Sprintf("%s dials with %s but has no Timeout or Deadline", describe(o), what),
	})
}

var (
	clientRequestMethods = []string{"Do", "Get", "Head", "Post", "PostForm"}
	serverStartMethods   = []string{"ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"}
	// LookupPort is not listed: it reads the local services database (and
	// parses numeric ports), so it has no network wait for a context to cut.
	lookupFuncs = []string{"LookupAddr", "LookupCNAME", "LookupHost", "LookupIP", "LookupMX", "LookupNS", "LookupSRV", "LookupTXT"}
)

func (st *state) checkCall(call *ast.CallExpr, stack []ast.Node, isTest bool) {
	fn := typeutil.StaticCallee(st.info, call)
	st.checkDetached(call, stack, isTest)
	if fn == nil {
		return
	}
	what := types.ExprString(call.Fun)
	switch {
	case isFunc(fn, "net/http", "Get", "Head", "Post", "PostForm"):
		st.emit(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: RuleHTTPDefaultClient,
			Message: fmt.Sprintf("%s sends through http.DefaultClient, which has no timeout", what),
		})
	case isFunc(fn, "net/http", serverStartMethods...):
		st.emit(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: RuleHTTPServerTimeout,
			Message: fmt.Sprintf("%s starts a server without ReadHeaderTimeout or ReadTimeout", what),
		})
	case isFunc(fn, "net", "Dial", "DialTCP"), isFunc(fn, "crypto/tls", "Dial"):
		if isFunc(fn, "net", "Dial") && len(call.Args) > 0 && connectionless(st.info, call.Args[0]) {
			break
		}
		st.emit(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: RuleDialTimeout,
			Message: fmt.Sprintf("%s waits for the operating system's connect timeout; use a net.Dialer with Timeout or DialContext", what),
		})
	case isFunc(fn, "crypto/tls", "DialWithDialer") && len(call.Args) > 0:
		st.dialWith(st.eval(call.Args[0], call.Pos()), call, what)
	case isFunc(fn, "net/http", "NewRequest"):
		if !st.requestGetsContext(call, stack, isTest) && !(len(call.Args) > 1 && relativeURL(st.info, call.Args[1])) &&
			!st.requestReturned(call, stack) {
			st.emitWithContextFix(call, stack, RuleRequestWithoutContext,
				fmt.Sprintf("%s builds a request no context can cancel; use NewRequestWithContext", what),
				"NewRequestWithContext", "")
		}
	case isMethod(fn, "crypto/tls", "Conn", "Handshake"):
		// Without a context in reach there is nothing better to pass, and a
		// deadline on the conn (SetDeadline) is the bound; with one, the
		// handshake ignores the caller's cancellation (a DialTLSContext that
		// dials with ctx and then calls Handshake).
		if len(st.contextsAt(call.Pos(), stack, true)) > 0 {
			st.emitWithContextFix(call, stack, RuleRequestWithoutContext,
				fmt.Sprintf("%s ignores the context in scope; use HandshakeContext with it", what),
				"HandshakeContext", "")
		}
	case isFunc(fn, "net", lookupFuncs...):
		st.emit(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: RuleRequestWithoutContext,
			Message: fmt.Sprintf("%s resolves without a context; use (*net.Resolver).%s with the caller's context", what, fn.Name()),
		})
	case isMethod(fn, "net/http", "Client", clientRequestMethods...):
		if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s := st.info.Selections[sel]; s != nil {
				st.useClient(st.evalRecv(sel, s, call.Pos()), call.Pos(), what, st.sendsContext(fn, call), st.sendsDeadline(fn, call))
				if len(implicitFields(s)) == 0 {
					if pl, ok := st.placeOf(sel.X); ok && st.mayBeDefault(pl, call.Pos()) {
						st.useClient(st.defaultClient, call.Pos(), what, st.sendsContext(fn, call), st.sendsDeadline(fn, call))
					}
				}
			}
		}
	case isMethod(fn, "net/http", "Server", serverStartMethods...):
		if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s := st.info.Selections[sel]; s != nil {
				if o := st.evalRecv(sel, s, call.Pos()); o != nil {
					st.startServer(o, call, what)
				} else {
					st.startFieldServer(sel, call, what)
				}
			}
		}
	case isMethod(fn, "net", "Dialer", "Dial"):
		if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s := st.info.Selections[sel]; s != nil {
				st.dialWith(st.evalRecv(sel, s, call.Pos()), call, what)
			}
		}
	default:
		if f := st.a.summary(fn); f != nil && f.BareRequest {
			if !st.requestGetsContext(call, stack, isTest) && !st.requestReturned(call, stack) {
				st.emit(analysis.Diagnostic{
					Pos: call.Pos(), End: call.End(), Category: RuleRequestWithoutContext,
					Message: fmt.Sprintf("%s returns a request without a context and none is given to it; attach the caller's context with req.WithContext(ctx)", what),
				})
			}
			break
		}
		if twin := sqlTwin(fn); twin != "" {
			if st.insideContextlessTwin(stack) {
				break
			}
			extra := ""
			if twin == "BeginTx" {
				extra = "nil"
			}
			st.emitWithContextFix(call, stack, RuleRequestWithoutContext,
				fmt.Sprintf("%s cannot be cancelled; use %s with the caller's context", what, twin),
				twin, extra)
			break
		}
		if twin := libraryTwin(fn); twin != nil {
			if f := st.a.summary(fn); f == nil || !f.ContextlessTwin || st.insideContextlessTwin(stack) {
				break
			}
			st.emitWithContextFix(call, stack, RuleRequestWithoutContext,
				fmt.Sprintf("%s cannot be cancelled; use %s with the caller's context", what, twin.Name()),
				twin.Name(), "")
		}
	}
	st.checkArgs(call, fn)
}

// sendsContext reports a Client.Do call whose request carries a context.
func (st *state) sendsContext(fn *types.Func, call *ast.CallExpr) bool {
	if fn.Name() != "Do" || len(call.Args) != 1 {
		return false
	}
	arg := astutil.Unparen(call.Args[0])
	if inner, ok := arg.(*ast.CallExpr); ok {
		f := typeutil.StaticCallee(st.info, inner)
		return f != nil && isMethod(f, "net/http", "Request", "WithContext", "Clone") &&
			st.givesLiveContext(inner)
	}
	pl, ok := st.placeOf(arg)
	return ok && st.requestsCarryContext[pl]
}

// sendsDeadline reports a Client.Do call whose request carries a context
// made by context.WithTimeout or WithDeadline in this function.
func (st *state) sendsDeadline(fn *types.Func, call *ast.CallExpr) bool {
	if fn.Name() != "Do" || len(call.Args) != 1 {
		return false
	}
	arg := astutil.Unparen(call.Args[0])
	if inner, ok := arg.(*ast.CallExpr); ok {
		f := typeutil.StaticCallee(st.info, inner)
		return f != nil && isMethod(f, "net/http", "Request", "WithContext", "Clone") &&
			len(inner.Args) == 1 && st.isDeadlineContext(inner.Args[0])
	}
	pl, ok := st.placeOf(arg)
	return ok && st.requestsWithDeadline[pl]
}

// connectionless reports a constant network name whose dial does not wait
// for a remote peer, so it cannot hang: UDP and raw IP send nothing, and a
// unix socket connect fails at once when the listener's queue is full.
func connectionless(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	n := constant.StringVal(tv.Value)
	return strings.HasPrefix(n, "udp") || strings.HasPrefix(n, "ip") || strings.HasPrefix(n, "unix")
}

// relativeURL reports a constant URL with no scheme and host: such a
// request can only be served in process (handler tests), never sent.
func relativeURL(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.String &&
		!strings.Contains(constant.StringVal(tv.Value), "://")
}

// sqlTwin is the context-aware method a database/sql call should use, or "".
func sqlTwin(fn *types.Func) string {
	if fn.Pkg() == nil || fn.Pkg().Path() != "database/sql" {
		return ""
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return ""
	}
	t := types.Unalias(sig.Recv().Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || !slices.Contains([]string{"DB", "Tx", "Conn", "Stmt"}, n.Obj().Name()) {
		return ""
	}
	twin := fn.Name() + "Context"
	if fn.Name() == "Begin" {
		twin = "BeginTx"
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), false, n.Obj().Pkg(), twin)
	if _, ok := obj.(*types.Func); !ok {
		return ""
	}
	return twin
}

// contextTwin returns the context-aware twin of fn: a function or method
// named fn's name plus "Context", beside fn (same receiver type, or same
// package for a function), that takes a context.Context followed by exactly
// fn's parameters and returns the same results (sqlx's Select and
// SelectContext, Queryx and QueryxContext, Connect and ConnectContext).
// fn itself must take no context.
func contextTwin(fn *types.Func) *types.Func {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil
	}
	for v := range sig.Params().Variables() {
		if isContextType(v.Type()) {
			return nil
		}
	}
	name := fn.Name() + "Context"
	var obj types.Object
	if recv := sig.Recv(); recv != nil {
		t := types.Unalias(recv.Type())
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		n, ok := t.(*types.Named)
		if !ok {
			return nil
		}
		obj, _, _ = types.LookupFieldOrMethod(types.NewPointer(n), false, fn.Pkg(), name)
	} else {
		obj = fn.Pkg().Scope().Lookup(name)
	}
	twin, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	tsig, ok := twin.Type().(*types.Signature)
	if !ok || tsig.Variadic() != sig.Variadic() || tsig.Params().Len() != sig.Params().Len()+1 ||
		!isContextType(tsig.Params().At(0).Type()) || !types.Identical(tsig.Results(), sig.Results()) {
		return nil
	}
	for i := range sig.Params().Len() {
		if !types.Identical(tsig.Params().At(i+1).Type(), sig.Params().At(i).Type()) {
			return nil
		}
	}
	return twin
}

// libraryTwin is contextTwin for methods outside the standard library
// (callers are told only when the method's fact says it makes a
// context-less call: a future's Wait beside WaitContext waits on work that
// already has its context),
// whose context-less calls with twins are named one by one above
// (database/sql, net.Lookup*, tls.Conn.Handshake). Package functions are
// left out: grpc.Dial and DialContext are such a pair, and Dial does not
// block unless told to.
func libraryTwin(fn *types.Func) *types.Func {
	if fn.Pkg() == nil || !strings.Contains(strings.Split(fn.Pkg().Path(), "/")[0], ".") {
		return nil
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() == nil {
		return nil
	}
	return contextTwin(fn)
}

// insideContextlessTwin reports a context-less call inside the
// context-less half of a method pair such as sqlx's Queryx and
// QueryxContext: the method has no context to pass on, so the call is not
// reported there; the method's fact says it makes such a call, and its
// callers are told to use the twin instead. Functions are not spared, as
// their callers are not told (libraryTwin).
func (st *state) insideContextlessTwin(stack []ast.Node) bool {
	for _, n := range stack {
		if decl, ok := n.(*ast.FuncDecl); ok {
			fn, _ := st.info.Defs[decl.Name].(*types.Func)
			if fn == nil || libraryTwin(fn) == nil {
				return false
			}
			st.paramFact(fn).ContextlessTwin = true
			return true
		}
	}
	return false
}

// requestGetsContext reports whether the request built by call is stored in
// a variable that is later given a context with WithContext or Clone.
//
// In tests, where requests are also built to exercise code that never
// sends them (request cloning, curl rendering), a request must be seen
// going to Client.Do or a RoundTrip method to be reported.
func (st *state) requestGetsContext(call *ast.CallExpr, stack []ast.Node, isTest bool) bool {
	if len(stack) < 2 {
		return false
	}
	var lhs ast.Expr
	switch p := stack[len(stack)-2].(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) >= 1 {
			lhs = p.Lhs[0]
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) >= 1 {
			lhs = p.Names[0]
		}
	}
	if lhs == nil {
		return isTest
	}
	pl, ok := st.placeOf(lhs)
	if !ok {
		return isTest
	}
	return st.requestIs(st.requestsWithContext, pl) || st.requestIs(st.servedLocally, pl) ||
		(isTest && !st.requestIs(st.sentRequests, pl))
}

// requestIs reports whether the request at pl, or a place it was copied to
// (s.req = req), is in m.
func (st *state) requestIs(m map[place]bool, pl place) bool {
	if m[pl] {
		return true
	}
	for _, c := range st.requestCopies[pl] {
		if m[c] {
			return true
		}
	}
	return false
}

// requestReturned reports a request built by call that the innermost
// enclosing function returns (return http.NewRequest(...), or req returned
// after being built). Building a request in a helper and attaching the
// context where it is sent is how API clients are written, so the finding
// goes to the callers: a named function records it in its fact, and a
// function literal (a request factory handed to a transport) leaves it to
// whoever calls it.
func (st *state) requestReturned(call *ast.CallExpr, stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	var body *ast.BlockStmt
	var fn *types.Func
	for i := len(stack) - 1; i >= 0 && body == nil; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			body = n.Body
		case *ast.FuncDecl:
			body = n.Body
			fn, _ = st.info.Defs[n.Name].(*types.Func)
		}
	}
	if body == nil {
		return false
	}
	returned := false
	switch p := stack[len(stack)-2].(type) {
	case *ast.ReturnStmt:
		returned = true
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && len(p.Lhs) >= 1 {
			returned = returnsVar(st.info, body, p.Lhs[0])
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && len(p.Names) >= 1 {
			returned = returnsVar(st.info, body, p.Names[0])
		}
	}
	if returned && fn != nil {
		st.paramFact(fn).BareRequest = true
	}
	return returned
}

// returnsVar reports whether a return statement of body (not of a nested
// function literal) returns the variable e names.
func returnsVar(info *types.Info, body *ast.BlockStmt, e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	if !ok {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if rid, ok := unconvert(info, r).(*ast.Ident); ok && info.Uses[rid] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// unconvert strips parentheses and pointer conversions from e: an API
// client that gives the request a type of its own (type Request
// http.Request) returns (*Request)(req) and sends (*http.Request)(r), and
// both still name the one request.
func unconvert(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = astutil.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		tv, ok := info.Types[call.Fun]
		if !ok || !tv.IsType() {
			return e
		}
		if _, ptr := tv.Type.Underlying().(*types.Pointer); !ptr {
			return e
		}
		e = call.Args[0]
	}
}

// checkArgs applies what the callee does with tracked values passed to it.
func (st *state) checkArgs(call *ast.CallExpr, fn *types.Func) {
	sig, _ := st.info.TypeOf(call.Fun).(*types.Signature)
	if sig == nil {
		return
	}
	var f *funcFact
	if fn != nil {
		f = st.a.summary(fn)
	}
	for i, arg := range call.Args {
		k := kindOf(st.info.TypeOf(arg))
		if k == kNone {
			continue
		}
		o := st.eval(arg, call.Pos())
		if o == nil || o.kind != k {
			continue
		}
		var eff uint8
		if f != nil && i < len(f.Params) {
			eff = f.Params[i]
		}
		if fn != nil && st.a.trusted(fn, k) {
			eff |= effConfigures
		}
		switch {
		case eff&effUses != 0:
			what := "passing it to " + funcName(fn)
			switch k {
			case kClient:
				// A helper handed a live context with the client sends
				// requests bound to it, like DefaultClient.Do(req) with
				// a request that carries one.
				st.useClient(o, arg.Pos(), what, st.passesLiveContext(call), false)
			case kServer:
				st.startServer(o, call, funcName(fn))
			case kDialer:
				st.dialWith(o, call, funcName(fn))
			}
		case eff&effConfigures != 0:
		default:
			via := "passed to " + types.ExprString(call.Fun)
			if fn != nil {
				via = "passed to " + funcName(fn)
			}
			st.escape(o, nil, via)
		}
	}
}

func (st *state) checkMethodValue(sel *ast.SelectorExpr, stack []ast.Node) {
	s := st.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return
	}
	if len(stack) >= 2 {
		if call, ok := stack[len(stack)-2].(*ast.CallExpr); ok && call.Fun == sel {
			return
		}
	}
	fn, ok := s.Obj().(*types.Func)
	if !ok {
		return
	}
	if isMethod(fn, "net/http", "Client", clientRequestMethods...) {
		st.useClient(st.evalRecv(sel, s, sel.Pos()), sel.Pos(), types.ExprString(sel), false, false)
	}
}

func (st *state) checkReturn(ret *ast.ReturnStmt, stack []ast.Node) {
	var fd *ast.FuncDecl
	for i := len(stack) - 1; i >= 0; i-- {
		if lit, ok := stack[i].(*ast.FuncLit); ok {
			st.checkLiteralReturn(ret, lit)
			return
		}
		if d, ok := stack[i].(*ast.FuncDecl); ok {
			fd = d
			break
		}
	}
	if fd == nil {
		return
	}
	fn, _ := st.info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return
	}
	res := fn.Type().(*types.Signature).Results()
	idx := -1
	for i := range res.Len() {
		if kindOf(res.At(i).Type()) != kNone {
			idx = i
			break
		}
	}
	if idx < 0 {
		return
	}
	var o *obj
	switch {
	case len(ret.Results) == res.Len():
		e := ret.Results[idx]
		if isZeroConst(st.info, e) {
			return // return nil, err
		}
		o = st.eval(e, ret.Pos())
	case len(ret.Results) == 1:
		if call, ok := astutil.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
			o = st.callResult(call, idx)
		}
	case len(ret.Results) == 0 && res.At(idx).Name() != "":
		o = st.lookup(place{root: res.At(idx)}, ret.Pos())
	}
	if o != nil && o.param >= 0 && !o.bounded(token.NoPos) {
		o = nil // passes the caller's value through: the caller judges it
	}
	st.retIdx[fn] = idx
	st.returns[fn] = append(st.returns[fn], o)
}

// checkLiteralReturn judges a client that a function literal builds and
// returns (a lazy initializer: sync.OnceValue(func() *http.Client {…})).
// Its callers are not followed, so the client leaves the analyzer's view
// as if stored. A client built outside the literal is judged where it was
// built.
func (st *state) checkLiteralReturn(ret *ast.ReturnStmt, lit *ast.FuncLit) {
	sig, _ := st.info.TypeOf(lit).(*types.Signature)
	if sig == nil || sig.Results().Len() != len(ret.Results) {
		return
	}
	for i, e := range ret.Results {
		if kindOf(sig.Results().At(i).Type()) != kClient || isZeroConst(st.info, e) {
			continue
		}
		o := st.eval(e, ret.Pos())
		if o == nil || o.site == nil || o.site.Pos() < lit.Pos() || o.site.End() > lit.End() {
			continue
		}
		st.escape(o, nil, "returned by a function literal")
	}
}

// checkStore judges clients assigned somewhere the function loses track of
// them: a struct field, a map or slice element, a package variable.
func (st *state) checkStore(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		if kindOf(st.info.TypeOf(as.Rhs[i])) != kClient {
			continue
		}
		var field *types.Var
		switch l := astutil.Unparen(lhs).(type) {
		case *ast.Ident:
			v, _ := st.info.ObjectOf(l).(*types.Var)
			if v == nil || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
				continue // a local variable: followed through bindings
			}
		case *ast.SelectorExpr:
			if s := st.info.Selections[l]; s != nil {
				field, _ = s.Obj().(*types.Var)
			}
		}
		st.escape(st.eval(as.Rhs[i], as.End()), field, "stored in "+types.ExprString(lhs))
	}
}

func (st *state) checkLiteralStore(lit *ast.CompositeLit) {
	t := st.info.TypeOf(lit)
	if kindOf(t) != kNone || t == nil {
		return
	}
	s := structOf(t)
	for _, el := range lit.Elts {
		var field *types.Var
		val := el
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			val = kv.Value
			if key, ok := kv.Key.(*ast.Ident); ok && s != nil {
				for i := range s.NumFields() {
					if s.Field(i).Name() == key.Name {
						field = s.Field(i)
					}
				}
			}
		}
		if kindOf(st.info.TypeOf(val)) != kClient {
			continue
		}
		tname := types.TypeString(t, types.RelativeTo(st.a.pass.Pkg))
		via := "stored in a " + tname
		if field != nil {
			via = "stored in " + tname + "." + field.Name()
		}
		st.escape(st.eval(val, lit.Pos()), field, via)
	}
}

// finish turns this round's returns and parameter uses into summaries, and
// reports exported helpers that hand out a client without a timeout: their
// callers may live outside the analyzed code.
func (st *state) finish() {
	for fn, rets := range st.returns {
		if slices.Contains(rets, nil) || len(rets) == 0 {
			continue
		}
		var fields []string
		for i, o := range rets {
			s := o.summarize()
			if i == 0 {
				fields = s
				continue
			}
			fields = slices.DeleteFunc(fields, func(f string) bool { return !slices.Contains(s, f) })
		}
		k := rets[0].kind
		sum := &valueSummary{Index: st.retIdx[fn], Kind: uint8(k), Fields: fields}
		probe := &obj{kind: k, param: -1, sets: map[string][]token.Pos{}}
		for _, f := range fields {
			probe.sets[f] = []token.Pos{token.NoPos}
		}
		if slices.Contains(fields, pseudoTransportDefault) {
			probe.transport = st.defaultTransport
		}
		if k == kClient && !slices.Contains(fields, pseudoDefaultClient) && !probe.bounded(token.NoPos) && fn.Exported() {
			for _, o := range rets {
				if !o.reported {
					st.reportClient(o, "returned by "+funcName(fn))
				}
			}
			sum.Reported = true
		}
		if slices.ContainsFunc(rets, func(o *obj) bool { return o.reported }) {
			sum.Reported = true
		}
		st.paramFact(fn).Result = sum
	}
	for _, o := range st.params {
		// Setting a transport that does not bound the exchange (resty's
		// default one) is not configuring the client.
		if o.bounded(token.NoPos) {
			st.paramFact(o.paramFn).Params[o.param] |= effConfigures
		}
	}
}
