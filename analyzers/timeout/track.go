package timeout

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// kind is the type of a value that needs a timeout.
type kind uint8

const (
	kNone kind = iota
	kClient
	kServer
	kDialer
	kTransport
)

func (k kind) String() string {
	switch k {
	case kClient:
		return "http.Client"
	case kServer:
		return "http.Server"
	case kDialer:
		return "net.Dialer"
	case kTransport:
		return "http.Transport"
	}
	return "none"
}

// kindOf matches by package path and type name, so aliased imports and type
// aliases resolve to the same kind.
func kindOf(t types.Type) kind {
	if t == nil {
		return kNone
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return kNone
	}
	switch n.Obj().Pkg().Path() + "." + n.Obj().Name() {
	case "net/http.Client":
		return kClient
	case "net/http.Server":
		return kServer
	case "net.Dialer":
		return kDialer
	case "net/http.Transport":
		return kTransport
	}
	return kNone
}

// Pseudo fields carried by summaries for state that is not one field.
const (
	pseudoTransportOK      = "transport:bounded" // client: transport bounds everything (or is not ours to judge)
	pseudoTransportDefault = "transport:default" // client: http.DefaultTransport set explicitly
	pseudoDial             = "dial"              // transport: dialing is bounded
	pseudoDefaultClient    = "=default-client"   // the value is http.DefaultClient itself
)

// obj is one tracked value: built at site, or received as a parameter.
type obj struct {
	kind kind
	site ast.Node // where the value comes from; findings about the value go here
	name string   // how messages name it
	sets map[string][]token.Pos

	isDefault bool // http.DefaultClient or http.DefaultTransport

	// client: the transport. transportUnknown means it was set to a value
	// the analyzer cannot judge, which is trusted.
	transport        *obj
	transportSet     bool
	transportUnknown bool

	// transport: the dialer behind DialContext, or unknown (trusted).
	dial        *obj
	dialUnknown bool

	param    int // index when the value is a parameter of the function being summarized, else -1
	paramFn  *types.Func
	reported bool
	helper   *types.Func // set when the value was returned by a helper
}

func (o *obj) set(field string, pos token.Pos) {
	if o.sets == nil {
		o.sets = map[string][]token.Pos{}
	}
	o.sets[field] = append(o.sets[field], pos)
}

// has reports whether field was set, before pos when pos is valid.
func (o *obj) has(field string, before token.Pos) bool {
	for _, p := range o.sets[field] {
		if !before.IsValid() || p < before {
			return true
		}
	}
	return false
}

func (o *obj) bounded(before token.Pos) bool {
	switch o.kind {
	case kClient:
		return o.has("Timeout", token.NoPos) || o.transportOK()
	case kServer:
		return o.has("ReadHeaderTimeout", before) || o.has("ReadTimeout", before)
	case kDialer:
		return o.has("Timeout", token.NoPos) || o.has("Deadline", token.NoPos)
	case kTransport:
		return o.transportBounded()
	}
	return true
}

func (o *obj) transportOK() bool {
	if o.transportUnknown || o.has(pseudoTransportOK, token.NoPos) {
		return true
	}
	if o.transport != nil {
		return o.transport.transportBounded()
	}
	return false
}

// usesDefaultTransport reports whether the client sends through
// http.DefaultTransport as-is, set explicitly.
func (o *obj) usesDefaultTransport() bool {
	if o.has(pseudoTransportDefault, token.NoPos) {
		return true
	}
	return o.transport != nil && o.transport.isDefault && !o.transport.transportBounded()
}

func (o *obj) transportBounded() bool {
	dial := o.dialUnknown || o.has(pseudoDial, token.NoPos) || (o.dial != nil && o.dial.bounded(token.NoPos))
	tls := o.has("TLSHandshakeTimeout", token.NoPos) || o.has("DialTLSContext", token.NoPos) || o.has("DialTLS", token.NoPos)
	return dial && tls && o.has("ResponseHeaderTimeout", token.NoPos)
}

// summarize turns o into the fields a fact carries.
func (o *obj) summarize() []string {
	if o.isDefault && o.kind == kClient {
		return []string{pseudoDefaultClient}
	}
	var out []string
	for f := range o.sets {
		out = append(out, f)
	}
	switch o.kind {
	case kClient:
		if o.usesDefaultTransport() {
			out = append(out, pseudoTransportDefault)
		} else if o.transportOK() {
			out = append(out, pseudoTransportOK)
		}
	case kTransport:
		if o.dialUnknown || (o.dial != nil && o.dial.bounded(token.NoPos)) {
			out = append(out, pseudoDial)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// place is a variable or a field path below one ("s.client").
type place struct {
	root *types.Var
	path string
}

type binding struct {
	pos token.Pos // the value is bound from here on
	o   *obj      // nil: bound to something the analyzer cannot follow
	// guardEnd is the end of the if statement (without else) whose body
	// makes this binding directly; zero for any other binding.
	guardEnd token.Pos
}

// state is one round over a package.
type state struct {
	a      *pkgRun
	info   *types.Info
	report bool
	inTest bool // the file being checked is a _test.go file

	memo     map[ast.Node]*obj
	params   map[*types.Var]*obj
	bindings map[place][]binding
	// guarded maps the end of an assignment made directly in the body of
	// an if without else to the end of that if statement.
	guarded map[token.Pos]token.Pos
	// fieldConfigured holds struct fields whose client or server gets a
	// timeout or transport assigned somewhere in the package, typically in
	// a constructor or an option. A value stored there is trusted.
	fieldConfigured map[*types.Var]bool
	// fieldReads and fieldDeadlineSends count, per struct field holding a
	// client, the reads of the field and the sends through it (f.c.Do(req))
	// whose request carries a deadline made where it is sent. An
	// unexported field read only for such sends bounds every exchange of
	// the client stored there, with or without a Timeout of its own.
	fieldReads         map[*types.Var]int
	fieldDeadlineSends map[*types.Var]int
	// fieldWrites holds selectors assigned to, which are not reads.
	fieldWrites map[ast.Expr]bool
	// requestsWithContext holds places (a variable, r.RawRequest) whose
	// *http.Request is given a context (WithContext, Clone) somewhere.
	requestsWithContext map[place]bool
	// servedLocally holds places whose request is handed to a handler in
	// process (ServeHTTP, a func(w, r)): it is never sent.
	servedLocally map[place]bool
	// sentRequests holds places whose request is passed to Client.Do or a
	// RoundTrip method: in tests, only those are known to leave the process.
	sentRequests map[place]bool
	// requestCopies holds, per place holding a request, the places it is
	// copied to (s.req = req): a context given to the copy is given to
	// the request.
	requestCopies map[place][]place
	// requestsCarryContext holds places whose request was built with a
	// context (NewRequestWithContext) or given one.
	requestsCarryContext map[place]bool
	// requestsWithDeadline holds places whose request carries a context
	// made by context.WithTimeout or WithDeadline in this function: sending
	// it is bounded whatever the client's settings.
	requestsWithDeadline map[place]bool
	// deadlineContexts are variables assigned the context of
	// context.WithTimeout or context.WithDeadline.
	deadlineContexts map[*types.Var]bool
	// fieldServers holds, per struct field, the servers stored in it (nil
	// for one the analyzer cannot follow), to judge s.srv.ListenAndServe()
	// in a method other than the constructor.
	fieldServers map[*types.Var][]*obj

	defaultClient    *obj
	defaultTransport *obj

	newSummaries map[*types.Func]*funcFact
	// returns collects, per function, the tracked value of each return
	// statement (nil when one is not tracked).
	returns map[*types.Func][]*obj
	retIdx  map[*types.Func]int
}

func newState(a *pkgRun, report bool) *state {
	st := &state{
		a:                    a,
		info:                 a.pass.TypesInfo,
		report:               report,
		memo:                 map[ast.Node]*obj{},
		params:               map[*types.Var]*obj{},
		bindings:             map[place][]binding{},
		guarded:              map[token.Pos]token.Pos{},
		fieldConfigured:      map[*types.Var]bool{},
		fieldReads:           map[*types.Var]int{},
		fieldDeadlineSends:   map[*types.Var]int{},
		fieldWrites:          map[ast.Expr]bool{},
		requestsWithContext:  map[place]bool{},
		servedLocally:        map[place]bool{},
		sentRequests:         map[place]bool{},
		requestCopies:        map[place][]place{},
		requestsCarryContext: map[place]bool{},
		requestsWithDeadline: map[place]bool{},
		deadlineContexts:     map[*types.Var]bool{},
		fieldServers:         map[*types.Var][]*obj{},
		newSummaries:         map[*types.Func]*funcFact{},
		returns:              map[*types.Func][]*obj{},
		retIdx:               map[*types.Func]int{},
	}
	st.defaultClient = &obj{kind: kClient, isDefault: true, name: "http.DefaultClient", param: -1}
	// DefaultTransport bounds dialing and the TLS handshake but not the wait
	// for response headers.
	st.defaultTransport = &obj{kind: kTransport, isDefault: true, name: "http.DefaultTransport", param: -1}
	st.defaultTransport.set(pseudoDial, token.NoPos)
	st.defaultTransport.set("TLSHandshakeTimeout", token.NoPos)
	return st
}

func (st *state) newObj(k kind, site ast.Node, name string) *obj {
	if o, ok := st.memo[site]; ok {
		return o
	}
	o := &obj{kind: k, site: site, name: name, param: -1}
	st.memo[site] = o
	return o
}

func isPkgVar(v *types.Var, path, name string) bool {
	return v != nil && v.Pkg() != nil && v.Pkg().Path() == path && v.Name() == name &&
		v.Parent() == v.Pkg().Scope()
}

// placeOf resolves an expression naming a variable or a field path. Field
// paths through embedded fields include the implicit field names, so that
// c.Client and c (with Client embedded) are the same place.
func (st *state) placeOf(e ast.Expr) (place, bool) {
	e = unconvert(st.info, e)
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := st.info.ObjectOf(e).(*types.Var)
		if !ok || v.IsField() {
			return place{}, false
		}
		return place{root: v}, true
	case *ast.StarExpr:
		return st.placeOf(e.X)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return st.placeOf(e.X)
		}
	case *ast.SelectorExpr:
		sel := st.info.Selections[e]
		if sel == nil {
			// qualified identifier
			v, ok := st.info.Uses[e.Sel].(*types.Var)
			if !ok {
				return place{}, false
			}
			return place{root: v}, true
		}
		if sel.Kind() != types.FieldVal {
			return place{}, false
		}
		base, ok := st.placeOf(e.X)
		if !ok {
			return place{}, false
		}
		for _, name := range implicitFields(sel) {
			base.path += "." + name
		}
		base.path += "." + e.Sel.Name
		return base, true
	}
	return place{}, false
}

// implicitFields names the embedded fields a selection goes through before
// its final field or method.
func implicitFields(sel *types.Selection) []string {
	idx := sel.Index()
	if len(idx) <= 1 {
		return nil
	}
	var names []string
	t := sel.Recv()
	for _, i := range idx[:len(idx)-1] {
		st := structOf(t)
		if st == nil || i >= st.NumFields() {
			return nil
		}
		f := st.Field(i)
		names = append(names, f.Name())
		t = f.Type()
	}
	return names
}

func structOf(t types.Type) *types.Struct {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	s, _ := t.Underlying().(*types.Struct)
	return s
}

func (st *state) bind(pl place, o *obj, pos token.Pos) {
	if o != nil && o.name == "" {
		o.name = pl.root.Name() + pl.path
	}
	st.bindings[pl] = append(st.bindings[pl], binding{pos, o, st.guarded[pos]})
}

// mayBeDefault reports a local place holding http.DefaultClient that a
// later binding replaces only under an if without else, which ends before
// at: c := http.DefaultClient; if cli != nil { c = cli }; c.Do(req). When
// the condition is false the call sends through DefaultClient.
func (st *state) mayBeDefault(pl place, at token.Pos) bool {
	if pl.root.Pkg() != nil && pl.root.Parent() == pl.root.Pkg().Scope() {
		return false
	}
	bs := st.bindings[pl]
	last := -1
	for i, b := range bs {
		if b.pos < at {
			last = i
		}
	}
	for i := last; i >= 0; i-- {
		b := bs[i]
		// A binding made in the body of an if that the call is also inside
		// holds whenever the call runs, like an unguarded one: the nearest
		// such binding is the value the guarded ones after it may replace.
		// (c := http.DefaultClient; if cli != nil { c = cli }; c.Get(url)
		// written inside a branch.)
		if b.guardEnd == 0 || b.guardEnd > at {
			return i < last && b.o != nil && b.o.isDefault && b.o.kind == kClient
		}
	}
	return false
}

func (st *state) lookup(pl place, at token.Pos) *obj {
	if pl.path == "" {
		switch {
		case isPkgVar(pl.root, "net/http", "DefaultClient"):
			return st.defaultClient
		case isPkgVar(pl.root, "net/http", "DefaultTransport"):
			return st.defaultTransport
		}
	}
	bs := st.bindings[pl]
	if pl.root.Pkg() != nil && pl.root.Parent() == pl.root.Pkg().Scope() {
		// Package variables are assigned from anywhere; only a single
		// binding (the initializer) is certain.
		if len(bs) == 1 {
			return bs[0].o
		}
		return nil
	}
	var found *obj
	ok := false
	for _, b := range bs {
		if b.pos < at {
			found, ok = b.o, true
		}
	}
	if ok {
		return found
	}
	if pl.path == "" {
		return st.params[pl.root]
	}
	return nil
}

// eval follows e to the tracked value it denotes at position at, or nil.
func (st *state) eval(e ast.Expr, at token.Pos) *obj {
	e = astutil.Unparen(e)
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return st.eval(e.X, at)
		}
	case *ast.StarExpr:
		o := st.eval(e.X, at)
		if o != nil && o.isDefault && o.kind == kClient {
			// A copy of the default client starts with its (absent) timeout.
			return st.newObj(kClient, e, "copy of *http.DefaultClient")
		}
		return o
	case *ast.CompositeLit:
		return st.literal(e)
	case *ast.CallExpr:
		return st.callResult(e, 0)
	case *ast.TypeAssertExpr:
		return st.eval(e.X, at)
	case *ast.Ident, *ast.SelectorExpr:
		if pl, ok := st.placeOf(e); ok {
			return st.lookup(pl, at)
		}
	}
	return nil
}

func isZeroConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if ok && tv.IsNil() {
		return true
	}
	if !ok || tv.Value == nil {
		return false
	}
	switch tv.Value.Kind() {
	case constant.Int, constant.Float:
		return constant.Sign(tv.Value) == 0
	case constant.Bool:
		return !constant.BoolVal(tv.Value)
	case constant.String:
		return constant.StringVal(tv.Value) == ""
	}
	return false
}

func (st *state) literal(lit *ast.CompositeLit) *obj {
	k := kindOf(st.info.TypeOf(lit))
	if k == kNone {
		return nil
	}
	if o, ok := st.memo[lit]; ok {
		return o
	}
	for _, el := range lit.Elts {
		if _, ok := el.(*ast.KeyValueExpr); !ok {
			return nil // positional literal of a std struct: not written by people
		}
	}
	o := st.newObj(k, lit, "")
	for _, el := range lit.Elts {
		kv := el.(*ast.KeyValueExpr)
		key, ok := kv.Key.(*ast.Ident)
		if !ok || isZeroConst(st.info, kv.Value) {
			continue
		}
		st.setField(o, key.Name, kv.Value, kv.Pos())
	}
	return o
}

// setField records field = value on o.
func (st *state) setField(o *obj, field string, value ast.Expr, pos token.Pos) {
	if isZeroConst(st.info, value) {
		return
	}
	o.set(field, pos)
	switch {
	case o.kind == kClient && field == "Transport":
		o.transportSet = true
		t := st.eval(value, pos)
		// A parameter is the caller's to judge, like any value not built here.
		if t == nil || t.kind != kTransport || t.param >= 0 {
			o.transport, o.transportUnknown = nil, true
		} else {
			o.transport, o.transportUnknown = t, false
		}
	case o.kind == kTransport && (field == "DialContext" || field == "Dial"):
		// (&net.Dialer{...}).DialContext or d.DialContext: judge the dialer.
		if sel, ok := astutil.Unparen(value).(*ast.SelectorExpr); ok {
			if s := st.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
				if d := st.eval(sel.X, pos); d != nil && d.kind == kDialer && d.param < 0 {
					o.dial = d
					return
				}
			}
		}
		o.dialUnknown = true
	}
}

// callResult is the tracked value result i of call denotes.
func (st *state) callResult(call *ast.CallExpr, i int) *obj {
	if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := st.info.Uses[id].(*types.Builtin); ok && b.Name() == "new" && len(call.Args) == 1 && i == 0 {
			if k := kindOf(st.info.TypeOf(call.Args[0])); k != kNone {
				return st.newObj(k, call, "")
			}
			return nil
		}
	}
	fn := typeutil.StaticCallee(st.info, call)
	if fn == nil {
		return nil
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "net/http" && fn.Name() == "Clone" && i == 0 {
		recvType := fn.Type().(*types.Signature).Recv()
		if recvType != nil && kindOf(recvType.Type()) == kTransport {
			sel, _ := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
			if sel == nil {
				return nil
			}
			src := st.eval(sel.X, call.Pos())
			if src == nil || src.param >= 0 {
				return nil
			}
			o := st.newObj(kTransport, call, "")
			if o.sets == nil {
				for f, ps := range src.sets {
					o.sets = mapSet(o.sets, f, ps)
				}
				o.dial, o.dialUnknown = src.dial, src.dialUnknown
			}
			return o
		}
	}
	res := fn.Type().(*types.Signature).Results()
	if i >= res.Len() {
		return nil
	}
	k := kindOf(res.At(i).Type())
	if k == kNone || st.a.trusted(fn, k) {
		return nil
	}
	f := st.a.summary(fn)
	if f == nil || f.Result == nil || f.Result.Index != i {
		return nil
	}
	r := f.Result
	if slices.Contains(r.Fields, pseudoDefaultClient) {
		return st.defaultClient
	}
	o := st.newObj(kind(r.Kind), call, "")
	if o.sets == nil {
		o.sets = map[string][]token.Pos{}
		for _, fl := range r.Fields {
			o.sets[fl] = []token.Pos{token.NoPos}
		}
		if slices.Contains(r.Fields, pseudoTransportDefault) {
			o.transport = st.defaultTransport
		}
		o.helper = fn
		// A helper in another package may live in a dependency whose
		// findings nobody sees, so only this package's reports count.
		o.reported = r.Reported && fn.Pkg() == st.a.pass.Pkg
		o.name = "the " + kind(r.Kind).String() + " returned by " + funcName(fn)
	}
	return o
}

func mapSet(m map[string][]token.Pos, k string, v []token.Pos) map[string][]token.Pos {
	if m == nil {
		m = map[string][]token.Pos{}
	}
	m[k] = append([]token.Pos(nil), v...)
	return m
}

// funcName names fn the way its caller would write it.
func funcName(fn *types.Func) string {
	name := fn.Name()
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + name
		}
		return name
	}
	if fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + name
	}
	return name
}

// configField is the field whose assignment configures a value of kind k in
// the eyes of a struct-field check.
func configFields(k kind) []string {
	switch k {
	case kClient:
		return []string{"Timeout", "Transport"}
	case kServer:
		return []string{"ReadHeaderTimeout", "ReadTimeout"}
	case kDialer:
		return []string{"Timeout", "Deadline"}
	case kTransport:
		return []string{"ResponseHeaderTimeout"}
	}
	return nil
}

// collect is the first walk: bindings, field assignments, values configured
// by callees, requests given a context.
func (st *state) collect(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			st.declareParams(n)
		case *ast.GenDecl:
			if n.Tok == token.VAR {
				for _, spec := range n.Specs {
					st.varSpec(spec.(*ast.ValueSpec), n.End())
				}
			}
		case *ast.IfStmt:
			if n.Else == nil {
				for _, s := range n.Body.List {
					if as, ok := s.(*ast.AssignStmt); ok {
						st.guarded[as.End()] = n.End()
					}
				}
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				st.fieldWrites[astutil.Unparen(lhs)] = true
			}
			st.assign(n)
		case *ast.SelectorExpr:
			if fv := st.clientField(n); fv != nil && !st.fieldWrites[n] {
				st.fieldReads[fv]++
			}
		case *ast.CallExpr:
			st.collectCall(n)
			st.collectFieldSend(n)
		case *ast.CompositeLit:
			if s := structOf(st.info.TypeOf(n)); s != nil && kindOf(st.info.TypeOf(n)) == kNone {
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if key, ok := kv.Key.(*ast.Ident); ok {
							if fv, ok := st.info.Uses[key].(*types.Var); ok && fv.IsField() {
								st.noteFieldServer(fv, kv.Value, n.End())
							}
						}
					}
				}
			}
		}
		return true
	})
}

// declareParams gives tracked pointer parameters an object of their own, so
// the function's effect on them can be summarized.
func (st *state) declareParams(fd *ast.FuncDecl) {
	fn, _ := st.info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return
	}
	sig := fn.Type().(*types.Signature)
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if _, ptr := types.Unalias(p.Type()).(*types.Pointer); !ptr {
			continue
		}
		if k := kindOf(p.Type()); k != kNone {
			o := &obj{kind: k, name: p.Name(), param: i, paramFn: fn}
			st.params[p] = o
		}
	}
}

func (st *state) varSpec(vs *ast.ValueSpec, end token.Pos) {
	for i, name := range vs.Names {
		v, _ := st.info.Defs[name].(*types.Var)
		if v == nil {
			continue
		}
		pl := place{root: v}
		switch {
		case len(vs.Values) == len(vs.Names):
			st.bindExpr(pl, vs.Values[i], end)
		case len(vs.Values) == 1:
			if call, ok := astutil.Unparen(vs.Values[0]).(*ast.CallExpr); ok && kindOf(v.Type()) != kNone {
				st.bind(pl, st.callResult(call, i), end)
			}
		case len(vs.Values) == 0:
			if _, ptr := types.Unalias(v.Type()).(*types.Pointer); !ptr {
				if k := kindOf(v.Type()); k != kNone {
					st.bind(pl, st.newObj(k, name, ""), end)
				}
			}
		}
	}
}

// bindExpr binds pl to the value of e, and the fields of a struct literal
// to their values, so that a.client is followed after a := &A{client: c}.
func (st *state) bindExpr(pl place, e ast.Expr, pos token.Pos) {
	if kindOf(st.info.TypeOf(e)) != kNone {
		st.bind(pl, st.eval(e, pos), pos)
		return
	}
	inner := astutil.Unparen(e)
	if u, ok := inner.(*ast.UnaryExpr); ok && u.Op == token.AND {
		inner = astutil.Unparen(u.X)
	}
	lit, ok := inner.(*ast.CompositeLit)
	if !ok {
		return
	}
	s := structOf(st.info.TypeOf(lit))
	if s == nil {
		return
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		sub := pl
		sub.path += "." + key.Name
		st.bindExpr(sub, kv.Value, pos)
	}
}

func (st *state) assign(as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
		return
	}
	if len(as.Lhs) == len(as.Rhs) {
		for i, lhs := range as.Lhs {
			rhs := as.Rhs[i]
			if pl, ok := st.placeOf(lhs); ok {
				st.bindExpr(pl, rhs, as.End())
			}
			st.fieldAssign(lhs, rhs, as.Pos())
			if sel, ok := astutil.Unparen(lhs).(*ast.SelectorExpr); ok {
				if s := st.info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
					fv, _ := s.Obj().(*types.Var)
					st.noteFieldServer(fv, rhs, as.End())
				}
			}
			st.requestContext(lhs, rhs)
			if isRequestPtr(st.info.TypeOf(rhs)) {
				if from, ok := st.placeOf(rhs); ok {
					if to, ok := st.placeOf(lhs); ok && to != from {
						st.requestCopies[from] = append(st.requestCopies[from], to)
					}
				}
			}
		}
		return
	}
	if len(as.Rhs) == 1 {
		call, ok := astutil.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return
		}
		if len(as.Lhs) > 0 {
			st.requestContext(as.Lhs[0], call)
			if isFunc(typeutil.StaticCallee(st.info, call), "context", "WithTimeout", "WithDeadline") {
				if id, ok := astutil.Unparen(as.Lhs[0]).(*ast.Ident); ok {
					if v, ok := st.info.ObjectOf(id).(*types.Var); ok {
						st.deadlineContexts[v] = true
					}
				}
			}
		}
		for i, lhs := range as.Lhs {
			if kindOf(st.info.TypeOf(lhs)) == kNone {
				continue
			}
			if pl, ok := st.placeOf(lhs); ok {
				st.bind(pl, st.callResult(call, i), as.End())
			}
		}
	}
}

// fieldAssign handles x.F = v where x is a tracked value.
func (st *state) fieldAssign(lhs, rhs ast.Expr, pos token.Pos) {
	sel, ok := astutil.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return
	}
	s := st.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return
	}
	k := kindOf(st.info.TypeOf(sel.X))
	if k == kNone {
		return
	}
	if o := st.evalRecv(sel, s, pos); o != nil && o.kind == k {
		st.setField(o, sel.Sel.Name, rhs, pos)
	}
	if slices.Contains(configFields(k), sel.Sel.Name) && !isZeroConst(st.info, rhs) && st.configuresField(k, sel.Sel.Name, rhs, pos) {
		if inner, ok := astutil.Unparen(sel.X).(*ast.SelectorExpr); ok {
			if is := st.info.Selections[inner]; is != nil && is.Kind() == types.FieldVal {
				if fv, ok := is.Obj().(*types.Var); ok {
					st.fieldConfigured[fv] = true
				}
			}
		}
	}
}

// configuresField reports whether assigning rhs to field of a stored value
// of kind k bounds it: a transport counts only when it is bounded or is
// not one the analyzer can judge.
func (st *state) configuresField(k kind, field string, rhs ast.Expr, pos token.Pos) bool {
	if k != kClient || field != "Transport" {
		return true
	}
	t := st.eval(rhs, pos)
	return t == nil || t.kind != kTransport || t.transportBounded()
}

// evalRecv is the tracked value a selection x.F or x.M() applies to,
// following embedded fields.
func (st *state) evalRecv(sel *ast.SelectorExpr, s *types.Selection, at token.Pos) *obj {
	implicit := implicitFields(s)
	if len(implicit) == 0 {
		return st.eval(sel.X, at)
	}
	pl, ok := st.placeOf(sel.X)
	if !ok {
		return nil
	}
	for _, name := range implicit {
		pl.path += "." + name
	}
	return st.lookup(pl, at)
}

// requestContext notes a variable assigned a request that carries a
// context: req = req.WithContext(ctx), NewRequestWithContext.
func (st *state) requestContext(lhs, rhs ast.Expr) {
	call, ok := astutil.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return
	}
	fn := typeutil.StaticCallee(st.info, call)
	if isFunc(fn, "net/http", "NewRequestWithContext") || (fn != nil && isMethod(fn, "net/http", "Request", "WithContext", "Clone")) {
		if pl, ok := st.placeOf(lhs); ok {
			// context.Background() is a context but bounds nothing: the
			// request is as unbounded as one without.
			if st.givesLiveContext(call) {
				st.requestsCarryContext[pl] = true
			}
			if len(call.Args) > 0 && st.isDeadlineContext(call.Args[0]) {
				st.requestsWithDeadline[pl] = true
			}
		}
	}
}

// isDeadlineContext reports a variable holding a context made by
// context.WithTimeout or context.WithDeadline.
func (st *state) isDeadlineContext(e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := st.info.ObjectOf(id).(*types.Var)
	return ok && st.deadlineContexts[v]
}

func (st *state) noteRequestContext(call *ast.CallExpr) {
	if sig, ok := st.info.TypeOf(call.Fun).(*types.Signature); ok && takesResponseWriter(sig) {
		for _, arg := range call.Args {
			if isRequestPtr(st.info.TypeOf(arg)) {
				if pl, ok := st.placeOf(arg); ok {
					st.servedLocally[pl] = true
				}
			}
		}
	}
	if callee, ok := typeutil.Callee(st.info, call).(*types.Func); ok && sendsRequest(callee) && len(call.Args) == 1 {
		if pl, ok := st.placeOf(call.Args[0]); ok {
			st.sentRequests[pl] = true
		}
	}
	// A request handed to a function together with a live context
	// (c.do(ctx, req), the shape of most API clients) is given that
	// context there: req.WithContext(ctx) is how such a function starts.
	if st.passesLiveContext(call) {
		for _, arg := range call.Args {
			if isRequestPtr(st.info.TypeOf(arg)) {
				if pl, ok := st.placeOf(arg); ok {
					st.requestsWithContext[pl] = true
				}
			}
		}
	}
	fn := typeutil.StaticCallee(st.info, call)
	if fn == nil || !isMethod(fn, "net/http", "Request", "WithContext", "Clone") {
		return
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if pl, ok := st.placeOf(sel.X); ok {
		st.requestsWithContext[pl] = true
		if st.givesLiveContext(call) {
			st.requestsCarryContext[pl] = true
		}
	}
}

// sendsRequest reports a method that sends the request it is given:
// Client.Do, any RoundTrip, and any other Do(*http.Request)
// (*http.Response, error), the "Doer" interface API clients accept in place
// of *http.Client (aws.HTTPClient, a retrying or signing wrapper).
func sendsRequest(fn *types.Func) bool {
	switch fn.Name() {
	case "RoundTrip":
		return true
	case "Do":
		sig, ok := fn.Type().(*types.Signature)
		return ok && sig.Recv() != nil && sig.Params().Len() == 1 && isRequestPtr(sig.Params().At(0).Type()) &&
			sig.Results().Len() == 2 && isResponsePtr(sig.Results().At(0).Type())
	}
	return false
}

func isResponsePtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Response"
}

// passesLiveContext reports a call with a context argument other than a
// fresh context.Background() or context.TODO().
func (st *state) passesLiveContext(call *ast.CallExpr) bool {
	for _, arg := range call.Args {
		if !isContextType(st.info.TypeOf(arg)) {
			continue
		}
		if st.freshContext(arg) {
			continue
		}
		return true
	}
	return false
}

// clientField is the struct field a selector x.f reads when it holds an
// HTTP client, else nil.
func (st *state) clientField(sel *ast.SelectorExpr) *types.Var {
	s := st.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal || kindOf(st.info.TypeOf(sel)) != kClient {
		return nil
	}
	fv, _ := s.Obj().(*types.Var)
	return fv
}

// collectFieldSend counts x.f.Do(req) where the request carries a deadline
// made in the sending function (see fieldDeadlineSends).
func (st *state) collectFieldSend(call *ast.CallExpr) {
	fn := typeutil.StaticCallee(st.info, call)
	if fn == nil || !isMethod(fn, "net/http", "Client", clientRequestMethods...) || !st.sendsDeadline(fn, call) {
		return
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if inner, ok := astutil.Unparen(sel.X).(*ast.SelectorExpr); ok {
		if fv := st.clientField(inner); fv != nil {
			st.fieldDeadlineSends[fv]++
		}
	}
}

// fieldSendsBounded reports an unexported client field that is read only
// to send requests carrying a deadline (see fieldDeadlineSends).
func (st *state) fieldSendsBounded(fv *types.Var) bool {
	return !fv.Exported() && st.fieldReads[fv] > 0 && st.fieldReads[fv] == st.fieldDeadlineSends[fv]
}

// collectCall applies what callees are known to do to the values passed to
// them: a helper that sets the timeout configures the caller's value.
func (st *state) collectCall(call *ast.CallExpr) {
	st.noteRequestContext(call)
	fn := typeutil.StaticCallee(st.info, call)
	if fn == nil {
		return
	}
	sig := fn.Type().(*types.Signature)
	var f *funcFact
	for i, arg := range call.Args {
		if i >= sig.Params().Len() {
			break
		}
		k := kindOf(st.info.TypeOf(arg))
		if k == kNone {
			continue
		}
		o := st.eval(arg, call.Pos())
		if o == nil || o.kind != k {
			continue
		}
		configured := st.a.trusted(fn, k)
		if !configured {
			if f == nil {
				f = st.a.summary(fn)
			}
			configured = f != nil && i < len(f.Params) && f.Params[i]&effConfigures != 0
		}
		if configured {
			markConfigured(o, call.Pos())
		}
	}
}

func markConfigured(o *obj, pos token.Pos) {
	switch o.kind {
	case kClient, kDialer:
		o.set("Timeout", pos)
	case kServer:
		o.set("ReadHeaderTimeout", pos)
	case kTransport:
		o.set(pseudoDial, pos)
		o.set("TLSHandshakeTimeout", pos)
		o.set("ResponseHeaderTimeout", pos)
	}
}

func takesResponseWriter(sig *types.Signature) bool {
	for i := range sig.Params().Len() {
		n, ok := types.Unalias(sig.Params().At(i).Type()).(*types.Named)
		if ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "ResponseWriter" {
			return true
		}
	}
	return false
}

// noteFieldServer records a server stored in a struct field.
func (st *state) noteFieldServer(field *types.Var, value ast.Expr, pos token.Pos) {
	if field == nil || kindOf(field.Type()) != kServer {
		return
	}
	o := st.eval(value, pos)
	if o != nil && o.param >= 0 {
		o = nil
	}
	st.fieldServers[field] = append(st.fieldServers[field], o)
}

func isMethod(fn *types.Func, pkg, typ string, names ...string) bool {
	if fn.Pkg() == nil || fn.Pkg().Path() != pkg || !slices.Contains(names, fn.Name()) {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	t := types.Unalias(sig.Recv().Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Name() == typ
}

func isFunc(fn *types.Func, pkg string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg || !slices.Contains(names, fn.Name()) {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() == nil
}
