// Package uncheckederr reports dropped and lost errors.
//
// Rules (diagnostic Category is the rule id):
//
//   - go/unchecked-error: a call's error result is dropped by an expression
//     statement, a go or defer statement, or (check-blank) an assignment whose
//     left side is all blank.
//   - go/unchecked-close-on-write: Close, Flush or Sync with a dropped error
//     on a value that was written to, and csv.Writer.Flush without Error().
//   - go/error-overwritten: an error from a call is overwritten, or the
//     function ends, on some control-flow path that never reads it.
//   - go/unchecked-type-assertion: single-value x.(T); off by default.
//
// Close, Flush and Sync are classified before reporting. A value is written
// if it came from os.Create, os.CreateTemp or os.OpenFile with a write flag,
// if a Write-like method is called on it, if it is passed where an interface
// with a Write method is expected (io.Copy's dst, bufio.NewWriter,
// json.NewEncoder, fmt.Fprintf), or if its type can write but not read
// (bufio.Writer, gzip.Writer, io.WriteCloser); Sync and a Flush that returns
// an error always are. Such a dropped error is go/unchecked-close-on-write.
// A value is read-only if it came from os.Open or os.OpenFile with a
// read-only flag and is not written, or if its type can read but not write
// (io.ReadCloser such as http.Response.Body, gzip.Reader), or if it is a
// query's result set (*sql.Rows, and types embedding it); its Close is never
// reported. Anything else (an io.Closer parameter, a net.Listener, sql.Stmt)
// cannot be told apart, and its dropped Close is go/unchecked-error, as
// errcheck would report it.
//
// A Close on a written file closed on a path that already returns another
// error (`f.Close(); return err`, or a wrapped or new error; a returned call
// such as `return os.Rename(tmp, dst)` ends the path that succeeded and
// does not count), a Close of a pipe (io.PipeWriter, the
// write end of os.Pipe, exec.Cmd.StdinPipe) or of a network connection
// (anything with net.Conn's methods: a Write is in the kernel when it
// returns, and Close does not report delivery), and a Sync or Close of
// os.Stdout or os.Stderr, or a Flush of a writer that can only reach them
// (built over them, over a local always assigned one, or over what a
// function named …Stdout or …Stderr returns, such as cobra's
// cmd.OutOrStdout()), are go/unchecked-error, not lost writes. So is a
// Close whose data is made safe or discarded elsewhere: after a checked
// Sync, right before os.Remove of the same file (or before a deferred
// removal), or a deferred Close beside the same Close called and checked,
// directly or through a variable it was assigned to (`finish = zw.Close`),
// or beside an explicit Close of the same local outside a defer in the same
// function (that explicit Close is judged instead). An encoder built over
// nil and never written or Reset (zstd.NewWriter(nil) for EncodeAll) has
// nothing to lose.
// A file that is only handed to the caller (`return f, nil`) is not written
// by the function that opens it, nor is a writer behind an interface that
// is only closed. A parameter of an unexported function to which every
// call passes a connection or pipe is one (`go stream(pw)` with pw from
// net.Pipe). A Close right after CloseWithError(err) on the stream it feeds
// only releases. Writers of the standard library built over an in-memory
// buffer or io.Discard (bufio, compress/*, the encoding/* encoders over a
// bytes.Buffer or strings.Builder) cannot fail, and no call on them is
// reported; another library's writer over memory is go/unchecked-error.
// A write to a *bufio.Writer (its Write methods, or fmt.Fprint* and
// io.WriteString into it) is not reported when the same function later
// checks that writer's Flush: bufio.Writer keeps its first write error and
// Flush returns it. io.Copy and ReadFrom into it still are, since read
// errors are not kept.
// check-blank governs `_ = f.Close()` for both rules.
//
// go/error-overwritten works on the control-flow graph of each function
// (ctrlflow). An overwrite counts on any path; a return only if no path
// reads the error; an overwrite reached by going around the assignment's
// loop only if nothing in the loop reads the error on the way and the loop
// neither leaves when the error is nil (trying servers in turn) nor repeats
// one attempt (`for range 20`, `for time.Now().Before(deadline)`): there
// the last attempt's error is the one meant to be kept. Nor is the error
// of a write into a *bufio.Writer (its method, or a helper of the package
// handed the writer that returns nothing but such writes' errors) judged
// overwritten by another write into the same writer: the writer keeps its
// first error and returns it from every later write. A
// boolean set to a
// constant after the call decides later tests of it, and a switch on a
// boolean with both cases has no path past them. An error made up by
// errors.New or by fmt.Errorf without an error argument is not the failure
// of an operation and is not judged. Variables captured by closures, address-taken
// variables and named results reaching a return count as read, and a branch
// on another result of the same call (`ok, err = f(); if ok {`) ends a path,
// and so does a store of nil (`if n > 0 { errs = nil }`), a deliberate
// discard.
//
// The same rule reports an error that a deferred function literal stores
// in a variable of the function deferring it that is not one of its named
// results (`defer func() { err = errors.Join(err, f.Close()) }()` in a
// function returning plain `error`, or an err that shadows the named
// one): deferred calls run after the results are set, so the store reaches
// nobody. A read of the variable later in the literal, or a use in another
// closure, spares it.
//
// Calls to functions documented never to fail are not reported; the list is
// default_excludes.txt, in errcheck's exclude syntax, and users add to it
// with the exclude and exclude-file settings. Two shapes that cannot fail
// are recognised in code: rewinding a strings.Reader or bytes.Reader to a
// constant position, and pem.Encode of a block literal without Headers
// into a bytes.Buffer or strings.Builder. Files marked as generated are
// skipped.
package uncheckederr

const doc = `report dropped and lost errors

uncheckederr reports calls whose error result is dropped (go/unchecked-error),
dropped errors of Close/Flush/Sync on written files and writers
(go/unchecked-close-on-write), errors overwritten before they are read
(go/error-overwritten) and single-value type assertions
(go/unchecked-type-assertion, off by default in relcheck).`
