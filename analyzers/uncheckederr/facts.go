package uncheckederr

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// origin records where the values of a variable came from, as a bit set,
// because a variable may be assigned on several paths.
type origin uint8

const (
	originWrite origin = 1 << iota // os.Create, os.OpenFile with a write flag
	originRead                     // os.Open, os.OpenFile read-only
	originOther                    // anything we cannot classify
	// originPipe: the write end of an OS pipe (os.Pipe, exec.Cmd's
	// StdinPipe). Each Write hands its bytes to the kernel, so Close has
	// nothing buffered to lose.
	originPipe
)

// varFacts is what one walk over the package learns about variables and
// struct fields. Keys are objects, not names, so shadowing and closures are
// handled by the type checker. Fields are keyed by their declaration, which
// merges all instances of a struct: good enough to tell a written file
// field from a read one, and never used for go/error-overwritten.
type varFacts struct {
	assigns   map[*types.Var]int // assignments with a value, definitions included
	addrTaken map[*types.Var]bool
	origins   map[*types.Var]origin
	openedBy  map[*types.Var]string    // the call that made a write origin, for messages
	writtenAt map[*types.Var]token.Pos // first write through the variable
	methods   map[*types.Var]map[string]bool
	// methodValue maps a variable defined as `x := recv.Method` to that
	// selector, so a later call x() resolves to the method.
	methodValue map[*types.Var]*ast.SelectorExpr
	// declFunc and captured serve go/error-overwritten: a local error read
	// by a closure may be read at any time, so it is left alone.
	declFunc    map[*types.Var]ast.Node
	captured    map[*types.Var]bool
	writeIdents map[*ast.Ident]bool // identifiers in a pure-write position
	// fileUsed marks *os.File variables used for more than the methods in
	// noDataMethods: passed on, stored, or read and written through.
	// A file opened for writing but only closed has no data to lose.
	fileUsed map[*types.Var]bool
	// dataUse is fileUsed for variables of any type: a local writer that is
	// only closed (opened to check permissions, created and discarded) has
	// had nothing written through it in the function that holds it.
	dataUse map[*types.Var]bool
	// checkedCalls records methods called on a variable whose error result
	// is used somewhere, keyed by method name: a deferred Close next to a
	// checked one is a safety net, not a lost write.
	checkedCalls map[*types.Var]map[string]bool
	// memorySink marks writers built by a constructor whose only
	// destination is an in-memory buffer or io.Discard
	// (base64.NewEncoder(enc, &buf), bufio.NewWriter(&sb)): their Close and
	// Flush have no I/O to fail.
	memorySink map[*types.Var]bool
	// stdStreamAssigns marks writers built over os.Stdout or os.Stderr
	// (tabwriter.NewWriter(os.Stdout, ...)): flushing them prints, and a
	// failed print to a terminal is the standard streams' business, not a
	// lost write. It counts a variable's assignments of such a writer; a
	// variable all of whose assignments are counted is one (stdStreamSink).
	stdStreamAssigns map[*types.Var]int
	// plainCalls records, per variable and method name, the functions
	// that call it outside a defer: a deferred Close beside an explicit
	// one is a safety net for the paths that skip it.
	plainCalls map[*types.Var]map[string][]ast.Node
	// nilSink marks writers built over a nil destination
	// (zstd.NewWriter(nil) for EncodeAll): until Reset gives them one,
	// there is nowhere their Close could lose data.
	nilSink map[*types.Var]bool
	// stdEncoder marks writers made by a standard library encoder
	// constructor (base64.NewEncoder and its kin), whose types are hidden
	// behind io.WriteCloser.
	stdEncoder map[*types.Var]bool
	// openPath is the path expression a file was created or opened with,
	// to recognise the cleanup `f.Close(); os.Remove(path)`.
	openPath map[*types.Var]string
	// nameOf maps a variable holding f.Name() to the file f.
	nameOf map[*types.Var]*types.Var
	// unbufferedParams marks parameters of unexported functions to which
	// every call in the package passes a connection or a pipe (`go
	// streamSnapshot(pw)` with pw from net.Pipe): inside, they are that.
	unbufferedParams map[*types.Var]bool
	// deferredRemoves lists, per function, the files whose removal is
	// deferred: a deferred Close that runs before it loses nothing anyone
	// will read.
	deferredRemoves map[ast.Node][]removal
}

// removal is a deferred os.Remove or os.RemoveAll of a file, by variable
// (os.Remove(f.Name())) or by path expression.
type removal struct {
	v       *types.Var
	path    string
	pathVar *types.Var // the path is a variable (name := f.Name())
}

// noDataMethods move no data through a file.
var noDataMethods = map[string]bool{
	"Close": true, "Name": true, "Stat": true, "Fd": true, "Chmod": true, "Chown": true, "Sync": true,
}

// writeMethods mark their receiver as written to.
var writeMethods = map[string]bool{
	"Write": true, "WriteString": true, "WriteAt": true, "WriteByte": true,
	"WriteRune": true, "ReadFrom": true, "Truncate": true,
}

func collectFacts(pass *analysis.Pass, in *inspector.Inspector) *varFacts {
	f := &varFacts{
		assigns:          map[*types.Var]int{},
		addrTaken:        map[*types.Var]bool{},
		origins:          map[*types.Var]origin{},
		openedBy:         map[*types.Var]string{},
		writtenAt:        map[*types.Var]token.Pos{},
		methods:          map[*types.Var]map[string]bool{},
		methodValue:      map[*types.Var]*ast.SelectorExpr{},
		declFunc:         map[*types.Var]ast.Node{},
		captured:         map[*types.Var]bool{},
		writeIdents:      map[*ast.Ident]bool{},
		fileUsed:         map[*types.Var]bool{},
		dataUse:          map[*types.Var]bool{},
		checkedCalls:     map[*types.Var]map[string]bool{},
		memorySink:       map[*types.Var]bool{},
		stdEncoder:       map[*types.Var]bool{},
		stdStreamAssigns: map[*types.Var]int{},
		nilSink:          map[*types.Var]bool{},
		plainCalls:       map[*types.Var]map[string][]ast.Node{},
		openPath:         map[*types.Var]string{},
		nameOf:           map[*types.Var]*types.Var{},

		deferredRemoves:  map[ast.Node][]removal{},
		unbufferedParams: map[*types.Var]bool{},
	}
	info := pass.TypesInfo
	usedIn := map[*types.Var][]ast.Node{}
	// bound maps a function variable to the methods assigned to it
	// (`flush = zw.Close`); checkedFuncVars are such variables called with
	// their result used (`if err := flush(); err != nil`).
	type boundMethod struct {
		recv *types.Var
		name string
	}
	bound := map[*types.Var][]boundMethod{}
	checkedFuncVars := map[*types.Var]bool{}
	markWritten := func(e ast.Expr) {
		if v := varOf(info, e); v != nil {
			if _, ok := f.writtenAt[v]; !ok {
				f.writtenAt[v] = e.Pos()
			}
		}
	}
	// assign records lhs = rhs, where rhs is result index idx of a call when
	// call is non-nil.
	assign := func(lhs, rhs ast.Expr, call *ast.CallExpr, idx int, define bool) {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			f.writeIdents[id] = true
		}
		v := varOf(info, lhs)
		if v == nil {
			return
		}
		f.assigns[v]++
		if call != nil {
			o, by := callOrigin(info, call, idx)
			f.origins[v] |= o
			if o == originWrite {
				f.openedBy[v] = by
			}
			if p := openedPath(info, call, idx); p != "" {
				f.openPath[v] = p
			}
			if fv := nameCallOf(info, call); fv != nil && define {
				f.nameOf[v] = fv
			}
			if idx == 0 && writesOnlyTo(info, call, isNilValue) {
				f.nilSink[v] = true
			}
			if idx == 0 && f.overStdStream(info, call) {
				f.stdStreamAssigns[v]++
			}
			if idx == 0 && writesOnlyToMemory(info, call) {
				f.memorySink[v] = true
				if fn := typeutil.StaticCallee(info, call); fn != nil && fn.Name() == "NewEncoder" && fn.Pkg() != nil && stdEncoderPkgs[fn.Pkg().Path()] {
					f.stdEncoder[v] = true
				}
			}
		} else {
			f.origins[v] |= originOther
			if rhs != nil && isStdStream(info, rhs) {
				f.stdStreamAssigns[v]++
			}
			if sel, ok := ast.Unparen(rhs).(*ast.SelectorExpr); ok && define {
				if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
					f.methodValue[v] = sel
				}
			}
			if isWriterIface(v.Type()) {
				markWritten(rhs)
			}
			if sel, ok := ast.Unparen(rhs).(*ast.SelectorExpr); ok {
				if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
					if recv := varOf(info, sel.X); recv != nil {
						bound[v] = append(bound[v], boundMethod{recv, sel.Sel.Name})
					}
				}
			}
		}
	}
	assignAll := func(lhs, rhs []ast.Expr, define bool) {
		if len(rhs) == 1 && len(lhs) > 1 {
			call, _ := ast.Unparen(rhs[0]).(*ast.CallExpr)
			for i, l := range lhs {
				assign(l, nil, call, i, define)
			}
			return
		}
		for i, l := range lhs {
			if i < len(rhs) {
				call, _ := ast.Unparen(rhs[i]).(*ast.CallExpr)
				assign(l, rhs[i], call, 0, define)
			}
		}
	}

	nodeTypes := []ast.Node{
		(*ast.Ident)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.UnaryExpr)(nil), (*ast.CallExpr)(nil), (*ast.RangeStmt)(nil),
		(*ast.KeyValueExpr)(nil), (*ast.DeferStmt)(nil),
	}
	for cur := range in.Root().Preorder(nodeTypes...) {
		switch n := cur.Node().(type) {
		case *ast.Ident:
			v, ok := info.ObjectOf(n).(*types.Var)
			if !ok {
				continue
			}
			if info.Uses[n] == v && !f.dataUse[v] && usesFile(cur, n) {
				f.dataUse[v] = true
				if isOSFile(v.Type()) {
					f.fileUsed[v] = true
				}
			}
			if !isLocalError(v) {
				continue
			}
			fn := enclosingFunc(cur)
			if info.Defs[n] == v {
				f.declFunc[v] = fn
			} else {
				usedIn[v] = append(usedIn[v], fn)
			}
		case *ast.AssignStmt:
			if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
				assignAll(n.Lhs, n.Rhs, n.Tok == token.DEFINE)
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				f.writeIdents[id] = true
			}
			if len(n.Values) > 0 {
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				assignAll(lhs, n.Values, true)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := varOf(info, n.X); v != nil {
					f.addrTaken[v] = true
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					f.writeIdents[id] = true
				}
			}
		case *ast.DeferStmt:
			if r, ok := removedFile(info, n.Call); ok {
				fn := enclosingFunc(cur)
				f.deferredRemoves[fn] = append(f.deferredRemoves[fn], r)
			}
		case *ast.KeyValueExpr:
			if key, ok := n.Key.(*ast.Ident); ok {
				if fld, ok := info.Uses[key].(*types.Var); ok && fld.IsField() && isWriterIface(fld.Type()) {
					markWritten(n.Value)
				}
			}
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				if len(n.Args) == 1 && isWriterIface(tv.Type) {
					markWritten(n.Args[0])
				}
				continue
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
					if v := varOf(info, sel.X); v != nil {
						if f.methods[v] == nil {
							f.methods[v] = map[string]bool{}
						}
						f.methods[v][sel.Sel.Name] = true
						if _, deferred := cur.Parent().Node().(*ast.DeferStmt); !deferred && !inDeferredFunc(cur) {
							if f.plainCalls[v] == nil {
								f.plainCalls[v] = map[string][]ast.Node{}
							}
							f.plainCalls[v][sel.Sel.Name] = append(f.plainCalls[v][sel.Sel.Name], enclosingFunc(cur))
						}
						if writeMethods[sel.Sel.Name] {
							markWritten(sel.X)
						}
						if resultUsed(cur) {
							if f.checkedCalls[v] == nil {
								f.checkedCalls[v] = map[string]bool{}
							}
							f.checkedCalls[v][sel.Sel.Name] = true
						}
					}
				}
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && resultUsed(cur) {
				if v, ok := info.Uses[id].(*types.Var); ok {
					checkedFuncVars[v] = true
				}
			}
			sig, ok := info.TypeOf(n.Fun).Underlying().(*types.Signature)
			if !ok {
				continue
			}
			for i, arg := range n.Args {
				if pt := paramType(sig, i, n.Ellipsis.IsValid()); pt != nil && isWriterIface(pt) {
					markWritten(arg)
				}
			}
		}
	}
	// A method called, checked, through a variable it was assigned to
	// counts as checked on its receiver.
	for fv := range checkedFuncVars {
		for _, m := range bound[fv] {
			if f.checkedCalls[m.recv] == nil {
				f.checkedCalls[m.recv] = map[string]bool{}
			}
			f.checkedCalls[m.recv][m.name] = true
		}
	}
	f.findUnbufferedParams(pass, in)
	for v, fns := range usedIn {
		for _, fn := range fns {
			if fn != f.declFunc[v] {
				f.captured[v] = true
			}
		}
	}
	return f
}

// resultUsed reports whether the results of the call at cur are used:
// not discarded by an expression, go or defer statement or an all-blank
// assignment.
func resultUsed(cur inspector.Cursor) bool {
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	switch p := parent.Node().(type) {
	case *ast.ExprStmt, *ast.GoStmt, *ast.DeferStmt:
		return false
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
				return true
			}
		}
		return false
	}
	return true
}

func isOSFile(t types.Type) bool {
	return recvTypeName(t) == "*os.File"
}

// usesFile reports whether the use id of a variable (a file, a writer) can
// move data: anything but a call of a noDataMethods method, an assignment
// to it, or handing it to the caller.
func usesFile(cur inspector.Cursor, id *ast.Ident) bool {
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr:
		if call, ok := parent.Parent().Node().(*ast.CallExpr); ok && call.Fun == p && noDataMethods[p.Sel.Name] {
			return false
		}
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == id {
				return false
			}
		}
	case *ast.ReturnStmt:
		// Handing the file to the caller moves no data here; a Close in
		// this function happens on a path that does not return it (the
		// file is closed on a failed setup, returned on success).
		return false
	}
	return true
}

// paramType is the type the i'th argument is assigned to.
func paramType(sig *types.Signature, i int, spread bool) types.Type {
	params := sig.Params()
	n := params.Len()
	if n == 0 {
		return nil
	}
	if sig.Variadic() && i >= n-1 {
		t := params.At(n - 1).Type()
		if spread {
			return t
		}
		if s, ok := t.Underlying().(*types.Slice); ok {
			return s.Elem()
		}
		return nil
	}
	if i < n {
		return params.At(i).Type()
	}
	return nil
}

// isWriterIface: handing a value to an interface that can Write but not
// Read is how io.Copy, bufio.NewWriter, json.NewEncoder and fmt.Fprintf
// write to it. An interface that can do both (net.Conn, io.ReadWriter) says
// nothing about the direction, and counting it made reads look like writes.
func isWriterIface(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Interface); !ok {
		return false
	}
	return hasMethod(t, "Write") && !hasMethod(t, "Read")
}

// callOrigin classifies result idx of call as the source of a file.
func callOrigin(info *types.Info, call *ast.CallExpr, idx int) (origin, string) {
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return originOther, ""
	}
	switch {
	case fn.Pkg().Path() == "os" && fn.Name() == "Pipe" && idx == 1,
		fn.Pkg().Path() == "os/exec" && fn.Name() == "StdinPipe" && idx == 0:
		return originPipe, ""
	}
	if fn.Pkg().Path() != "os" || idx != 0 || fn.Signature().Recv() != nil {
		return originOther, ""
	}
	switch fn.Name() {
	case "Create", "CreateTemp":
		return originWrite, "os." + fn.Name()
	case "Open":
		return originRead, ""
	case "OpenFile":
		if len(call.Args) < 2 {
			return originOther, ""
		}
		tv := info.Types[call.Args[1]]
		if tv.Value == nil {
			return originOther, ""
		}
		flags, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok {
			return originOther, ""
		}
		// Only the access mode decides: O_CREATE or O_APPEND without
		// O_WRONLY or O_RDWR opens a descriptor that cannot be written.
		// The values come from the os package being analyzed rather than
		// from one platform's numbers.
		var mask int64
		for _, name := range []string{"O_WRONLY", "O_RDWR"} {
			if c, ok := fn.Pkg().Scope().Lookup(name).(*types.Const); ok {
				if x, ok := constant.Int64Val(constant.ToInt(c.Val())); ok {
					mask |= x
				}
			}
		}
		if flags&mask != 0 {
			return originWrite, "os.OpenFile for writing"
		}
		return originRead, ""
	}
	return originOther, ""
}

// varOf returns the variable or struct field an expression denotes.
func varOf(info *types.Info, e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := info.ObjectOf(e).(*types.Var)
		return v
	case *ast.SelectorExpr:
		if s := info.Selections[e]; s != nil && s.Kind() == types.FieldVal {
			v, _ := s.Obj().(*types.Var)
			return v
		}
		// A qualified identifier: a package-level variable such as os.Stdout.
		v, _ := info.Uses[e.Sel].(*types.Var)
		return v
	}
	return nil
}

var errorType = types.Universe.Lookup("error").Type()

func isLocalError(v *types.Var) bool {
	if v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	return types.Identical(v.Type(), errorType)
}

// funcOf returns the function declaration or literal that directly holds
// cur.
func funcOf(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

func enclosingFunc(cur inspector.Cursor) ast.Node {
	if c, ok := funcOf(cur); ok {
		return c.Node()
	}
	return nil
}

// stdEncoderPkgs have a NewEncoder whose writer fails only when its
// destination does.
var stdEncoderPkgs = map[string]bool{"encoding/base64": true, "encoding/base32": true, "encoding/ascii85": true, "encoding/hex": true}

// memoryWriterTypes are in-memory buffers: writing to them cannot fail.
var memoryWriterTypes = map[string]bool{"*bytes.Buffer": true, "*strings.Builder": true}

// writesOnlyToMemory reports a call that takes io.Writer destinations, all of
// them in-memory buffers, and returns a value: a writer built on top of
// memory, such as base64.NewEncoder(enc, &buf) or gzip.NewWriter(&buf).
func writesOnlyToMemory(info *types.Info, call *ast.CallExpr) bool {
	return writesOnlyTo(info, call, func(info *types.Info, arg ast.Expr) bool {
		return memoryWriterTypes[recvTypeName(info.TypeOf(arg))] || isDiscard(info, arg)
	})
}

// writesOnlyTo reports a call that takes io.Writer destinations, all of
// which satisfy sink, and returns a value.
func writesOnlyTo(info *types.Info, call *ast.CallExpr, sink func(*types.Info, ast.Expr) bool) bool {
	sig, ok := info.TypeOf(call.Fun).Underlying().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return false
	}
	sinks := 0
	for i, arg := range call.Args {
		pt := paramType(sig, i, call.Ellipsis.IsValid())
		if pt == nil || !isWriterIface(pt) {
			continue
		}
		if !sink(info, arg) {
			return false
		}
		sinks++
	}
	return sinks > 0
}

// stdStreamSink reports a variable every assignment of which is a writer
// over the standard streams.
func (f *varFacts) stdStreamSink(v *types.Var) bool {
	return f.stdStreamAssigns[v] > 0 && f.stdStreamAssigns[v] == f.assigns[v]
}

// overStdStream reports a writer that can only reach the process's standard
// streams: os.Stdout and os.Stderr themselves, a writer built only over
// them (colorable.NewNonColorable(os.Stdout), bufio.NewWriter(os.Stderr)),
// a local variable every assignment of which is one, and what a function
// named for them returns (cobra's cmd.OutOrStdout(), colorable's
// NewColorableStdout()).
func (f *varFacts) overStdStream(info *types.Info, e ast.Expr) bool {
	if isStdStream(info, e) {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		return ok && f.stdStreamSink(v)
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(info, e).(*types.Func); ok && isWriterIface(info.TypeOf(e)) &&
			(strings.HasSuffix(fn.Name(), "Stdout") || strings.HasSuffix(fn.Name(), "Stderr")) {
			return true
		}
		return writesOnlyTo(info, e, f.overStdStream)
	}
	return false
}

func isNilValue(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// unwrittenNilSink reports a writer built over nil and never written,
// read into or Reset to a destination: encoders used only for their
// one-shot methods (EncodeAll).
func (f *varFacts) unwrittenNilSink(v *types.Var) bool {
	if !f.nilSink[v] || f.assigns[v] != 1 {
		return false
	}
	for m := range f.methods[v] {
		if writeMethods[m] || m == "Reset" {
			return false
		}
	}
	_, written := f.writtenAt[v]
	return !written
}

// isDiscard reports io.Discard (or ioutil.Discard), which never fails.
func isDiscard(info *types.Info, e ast.Expr) bool {
	v := varOf(info, e)
	return v != nil && v.Pkg() != nil && v.Name() == "Discard" && v.Parent() == v.Pkg().Scope() &&
		(v.Pkg().Path() == "io" || v.Pkg().Path() == "io/ioutil")
}

// removedFile recognises os.Remove and os.RemoveAll of a file, named as
// f.Name() or by a path expression.
func removedFile(info *types.Info, call *ast.CallExpr) (removal, bool) {
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "os" || (fn.Name() != "Remove" && fn.Name() != "RemoveAll") || len(call.Args) != 1 {
		return removal{}, false
	}
	arg := ast.Unparen(call.Args[0])
	if inner, ok := arg.(*ast.CallExpr); ok {
		if v := nameCallOf(info, inner); v != nil {
			return removal{v: v}, true
		}
	}
	r := removal{path: types.ExprString(arg)}
	if id, ok := arg.(*ast.Ident); ok {
		r.pathVar, _ = info.Uses[id].(*types.Var)
	}
	return r, true
}

// nameCallOf returns f for the call f.Name() on an *os.File variable.
func nameCallOf(info *types.Info, call *ast.CallExpr) *types.Var {
	if len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Name" {
		return nil
	}
	if v := varOf(info, sel.X); v != nil && isOSFile(v.Type()) {
		return v
	}
	return nil
}

// openedPath is the path argument of os.Create, os.Open or os.OpenFile
// when result idx of call is the file, or "".
func openedPath(info *types.Info, call *ast.CallExpr, idx int) string {
	fn := typeutil.StaticCallee(info, call)
	if idx != 0 || fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "os" || fn.Signature().Recv() != nil || len(call.Args) == 0 {
		return ""
	}
	switch fn.Name() {
	case "Create", "Open", "OpenFile":
		return types.ExprString(call.Args[0])
	}
	return ""
}

// removes reports whether r removes the file held by v.
func (f *varFacts) removes(r removal, v *types.Var) bool {
	if r.v != nil {
		return r.v == v
	}
	if r.pathVar != nil && f.nameOf[r.pathVar] == v && f.assigns[r.pathVar] == 1 {
		return true
	}
	p, ok := f.openPath[v]
	return ok && p == r.path
}

// findUnbufferedParams fills unbufferedParams. Only unexported functions
// and methods qualify, and only if they are never used other than by being
// called: then every caller is in this package and seen here.
func (f *varFacts) findUnbufferedParams(pass *analysis.Pass, in *inspector.Inspector) {
	info := pass.TypesInfo
	calls := map[*types.Func][][]bool{} // per call site, per argument: unbuffered?
	escaped := map[*types.Func]bool{}
	for cur := range in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != pass.Pkg || fn.Exported() {
			continue
		}
		fn = fn.Origin()
		// The identifier must be the callee of a call: f(...) or x.f(...).
		node := ast.Node(id)
		parent := cur.Parent()
		if sel, ok := parent.Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			node, parent = sel, parent.Parent()
		}
		call, ok := parent.Node().(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != node || call.Ellipsis.IsValid() {
			escaped[fn] = true
			continue
		}
		site := make([]bool, len(call.Args))
		for i, arg := range call.Args {
			site[i] = f.unbufferedValue(info, arg)
		}
		calls[fn] = append(calls[fn], site)
	}
	for fn, sites := range calls {
		if escaped[fn] {
			continue
		}
		params := fn.Signature().Params()
		for i := range params.Len() {
			all := true
			for _, site := range sites {
				if i >= len(site) || !site[i] {
					all = false
					break
				}
			}
			if all {
				f.unbufferedParams[params.At(i)] = true
			}
		}
	}
}

// unbufferedValue reports an argument that is a connection or a pipe: by
// its static type, or a variable assigned from net.Pipe, io.Pipe, os.Pipe
// or exec.Cmd.StdinPipe.
func (f *varFacts) unbufferedValue(info *types.Info, arg ast.Expr) bool {
	t := info.TypeOf(arg)
	if t == nil {
		return false
	}
	name := strings.TrimPrefix(recvTypeName(t), "*")
	if unbufferedTypes[name] || isConnLike(t) {
		return true
	}
	v := varOf(info, arg)
	return v != nil && f.origins[v] == originPipe
}
