// Package closedelivered holds the Close, Flush and Sync calls that look
// like lost writes but are not, next to the ones that are. Each pair comes
// from a pattern measured on real modules (docs/measurements/uncheckederr.md,
// 2026-11-28).
package closedelivered

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/klauspost/compress/zstd"
	"github.com/mattn/go-colorable"
)

// A socket write is in the kernel when Write returns; Close cannot lose it.
func notifyPeer(addr string, msg []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if _, err := conn.Write(msg); err != nil {
		return err
	}
	conn.Close() // want `error returned by conn.Close\(\) is not checked`
	return nil
}

func sendTLS(c *tls.Conn, msg []byte) {
	defer c.Close() // want `error returned by c.Close\(\) is not checked in a defer`
	c.Write(msg)    // want `error returned by c.Write\(\) is not checked`
}

// A buffered writer over the socket still holds data until Flush.
func sendBuffered(conn net.Conn, msg []byte) {
	bw := bufio.NewWriter(conn)
	bw.Write(msg) // want `error returned by bw.Write\(\) is not checked`
	bw.Flush()    // want `error of bw.Flush\(\) is not checked, but bw was written to`
}

// The write end of a child's stdin or of os.Pipe is a pipe.
func feedChild(cmd *exec.Cmd, input []byte) error {
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	go func() {
		stdin.Write(input) // want `error returned by stdin.Write\(\) is not checked`
		stdin.Close()      // want `error returned by stdin.Close\(\) is not checked`
	}()
	return cmd.Run()
}

func fakeStdin(input string) (*os.File, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	if _, err := w.WriteString(input); err != nil {
		return nil, err
	}
	w.Close() // want `error returned by w.Close\(\) is not checked`
	return r, nil
}

// A file removed right after its Close: nobody reads what was lost.
func downloadPart(path string, src io.Reader) (err error) {
	part, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	keep := false
	defer func() {
		if !keep {
			_ = part.Close()    // want `error returned by part.Close\(\) is assigned to _`
			_ = os.Remove(path) // want `error returned by os.Remove\(\) is assigned to _`
		}
	}()
	if _, err = io.Copy(part, src); err != nil {
		return err
	}
	keep = true
	return part.Close()
}

func scratchFile(b []byte) {
	f, err := os.CreateTemp("", "scratch")
	if err != nil {
		return
	}
	defer os.Remove(f.Name()) // want `error returned by os.Remove\(\) is not checked in a defer`
	defer f.Close()           // want `error returned by f.Close\(\) is not checked in a defer`
	f.Write(b)                // want `error returned by f.Write\(\) is not checked`
}

// But a Close before the file is read back, by this process or another, can
// lose what the reader needs, even if the file is removed later.
func tokenFile(b []byte) string {
	f, err := os.CreateTemp("", "token")
	if err != nil {
		return ""
	}
	defer os.Remove(f.Name()) // want `error returned by os.Remove\(\) is not checked in a defer`
	f.Write(b)                // want `error returned by f.Write\(\) is not checked`
	f.Close()                 // want `error of f.Close\(\) is not checked, but f was written to`
	return readBack(f.Name())
}

func readBack(string) string { return "" }

// A removal of some other file does not excuse the Close.
func otherRemoved(p, old string, b []byte) {
	f, err := os.Create(p)
	if err != nil {
		return
	}
	f.Write(b)     // want `error returned by f.Write\(\) is not checked`
	f.Close()      // want `error of f.Close\(\) is not checked, but f was written to`
	os.Remove(old) // want `error returned by os.Remove\(\) is not checked`
}

// Writers over memory: the standard encoders and compressors fail only when
// their destination does, and a bytes.Buffer never fails.
func authHeader(sum []byte) string {
	var buf bytes.Buffer
	enc := base64.NewEncoder(base64.StdEncoding, &buf)
	enc.Write(sum)
	enc.Close()
	return buf.String()
}

func compressed(b []byte) []byte {
	out := new(bytes.Buffer)
	zw := gzip.NewWriter(out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

func rendered(parts []string) string {
	var sb strings.Builder
	w := bufio.NewWriter(&sb)
	for _, p := range parts {
		w.WriteString(p)
	}
	w.Flush()
	return sb.String()
}

// A writer of another library over memory cannot be trusted the same way:
// its Close is an ordinary unchecked error, not a lost write.
type frameWriter struct{ w io.Writer }

func newFrameWriter(w io.Writer) *frameWriter      { return &frameWriter{w} }
func (f *frameWriter) Write(p []byte) (int, error) { return f.w.Write(p) }
func (f *frameWriter) Flush() error                { return nil }

func framed(b []byte) []byte {
	var buf bytes.Buffer
	fw := newFrameWriter(&buf)
	fw.Write(b) // want `error returned by fw.Write\(\) is not checked`
	fw.Flush()  // want `error returned by fw.Flush\(\) is not checked`
	return buf.Bytes()
}

// The same compressor over a file still loses data.
func compressTo(f *os.File, b []byte) {
	zw := gzip.NewWriter(f)
	zw.Write(b) // want `error returned by zw.Write\(\) is not checked`
	zw.Close()  // want `error of zw.Close\(\) is not checked, but zw was written to`
}

// A checked Sync made the data durable; the Close after it has nothing left
// to report about the data.
func install(path string, body io.Reader) error {
	dst, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	defer dst.Close() // want `error returned by dst.Close\(\) is not checked in a defer`
	if _, err := io.Copy(dst, body); err != nil {
		return err
	}
	return dst.Sync()
}

// An unchecked Sync does not help.
func installCareless(path string, body io.Reader) error {
	dst, err := os.Create(path)
	if err != nil {
		return err
	}
	defer dst.Close() // want `error of dst.Close\(\) is not checked in a defer, but dst was written to`
	if _, err := io.Copy(dst, body); err != nil {
		return err
	}
	dst.Sync() // want `error of dst.Sync\(\) is not checked, but dst was written to`
	return nil
}

// The deferred Close is a safety net when the same Close, assigned to a
// variable, is called and checked on the success path.
func archive(w io.Writer, b []byte, compress bool) error {
	finish := func() error { return nil }
	var out io.Writer = w
	if compress {
		zw := gzip.NewWriter(w)
		finish = zw.Close
		defer zw.Close() // want `error returned by zw.Close\(\) is not checked in a defer`
		out = zw
	}
	if _, err := out.Write(b); err != nil {
		return err
	}
	return finish()
}

// A file handed to the caller on success and closed on the failed setup
// path was never written here.
func openLog(path string, check bool) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if _, err := f.Stat(); err != nil && check {
		_ = f.Close() // want `error returned by f.Close\(\) is assigned to _`
		return nil, err
	}
	return f, nil
}

// Written before it is handed on: the Close on the rotation path can lose
// the header.
func openWithHeader(path string, limit int64) (*os.File, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString("# log\n"); err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.Size() > limit {
		f.Close() // want `error of f.Close\(\) is not checked, but f was written to`
		return os.Create(path + ".1")
	}
	return f, nil
}

// An upgraded connection typed as io.ReadWriteCloser is still a connection.
func tunnel(upstream io.ReadWriteCloser, hello []byte) {
	bw := bufio.NewWriterSize(upstream, 1)
	bw.Write(hello)  // want `error returned by bw.Write\(\) is not checked`
	bw.Flush()       // want `error of bw.Flush\(\) is not checked, but bw was written to`
	upstream.Close() // want `error returned by upstream.Close\(\) is not checked`
}

// A duplex value known to be a file opened for writing is still a file.
func rewrite(p string, b []byte) {
	f, err := os.Create(p)
	if err != nil {
		return
	}
	var rw io.ReadWriteCloser = f
	rw.Write(b) // want `error returned by rw.Write\(\) is not checked`
	f.Close()   // want `error of f.Close\(\) is not checked, but f was written to`
}

// The safety net inside a deferred function literal, beside the checked
// Close on the success path.
func saveConfig(dir string, b []byte) (retErr error) {
	temp, err := os.CreateTemp(dir, "config")
	if err != nil {
		return err
	}
	defer func() {
		_ = temp.Close() // want `error returned by temp.Close\(\) is assigned to _`
		if retErr != nil {
			os.Remove(temp.Name()) // want `error returned by os.Remove\(\) is not checked`
		}
	}()
	if _, err := temp.Write(b); err != nil {
		return err
	}
	if err := temp.Close(); err != nil {
		return err
	}
	return os.Rename(temp.Name(), dir+"/config")
}

// Without the checked Close, the deferred literal's Close is the only one.
func saveConfigCareless(dir string, b []byte) error {
	temp, err := os.CreateTemp(dir, "config")
	if err != nil {
		return err
	}
	defer func() {
		_ = temp.Close() // want `error of temp.Close\(\) is assigned to _, but temp was written to`
	}()
	_, err = temp.Write(b)
	return err
}

// A failed write, then cleanup of a file opened with computed flags.
func writeFileSync(name string, data []byte, sync bool) error {
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if sync {
		flags |= os.O_SYNC
	}
	tmp := name + ".tmp"
	f, err := os.OpenFile(tmp, flags, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()      // want `error returned by f.Close\(\) is assigned to _`
		_ = os.Remove(tmp) // want `error returned by os.Remove\(\) is assigned to _`
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

type logConfig struct{ path string }

func (c logConfig) open() (io.WriteCloser, error) { return os.Create(c.path) }

// A writer opened to check what opening it does, and closed unwritten.
func checkPermissions(c logConfig) error {
	w, err := c.open()
	if err != nil {
		return err
	}
	_ = w.Close() // want `error returned by w.Close\(\) is assigned to _`
	_, err = os.Stat(c.path)
	return err
}

// Written through the interface: a lost write.
func logOnce(c logConfig, line string) {
	w, err := c.open()
	if err != nil {
		return
	}
	defer w.Close()         // want `error of w.Close\(\) is not checked in a defer, but w was written to`
	io.WriteString(w, line) // want `error returned by io.WriteString\(\) is not checked`
}

// A temp file removed by a defer registered after the Close's defer (so
// removed first), closed once through sync.Once.
func spool(b []byte, upload func(string) error) error {
	f, err := os.CreateTemp("", "spool")
	if err != nil {
		return err
	}
	name := f.Name()
	var once sync.Once
	defer once.Do(func() {
		f.Close() // want `error returned by f.Close\(\) is not checked`
	})
	defer os.Remove(name) // want `error returned by os.Remove\(\) is not checked in a defer`
	if _, err := f.Write(b); err != nil {
		return err
	}
	return upload(name)
}

// A snapshot streamed into a synchronous in-memory pipe: every caller of the
// unexported producer passes one end of net.Pipe, so its Close loses
// nothing; the compressor above it still buffers.
func snapshot(b []byte) net.Conn {
	pr, pw := net.Pipe()
	go streamTo(pw, b)
	return pr
}

func streamTo(w io.WriteCloser, b []byte) {
	defer w.Close() // want `error returned by w.Close\(\) is not checked in a defer`
	zw := gzip.NewWriter(w)
	defer zw.Close() // want `error of zw.Close\(\) is not checked in a defer, but zw was written to`
	zw.Write(b)      // want `error returned by zw.Write\(\) is not checked`
}

// An exported producer may be handed a file by another package.
func StreamTo(w io.WriteCloser, b []byte) {
	defer w.Close() // want `error of w.Close\(\) is not checked in a defer, but w was written to`
	w.Write(b)      // want `error returned by w.Write\(\) is not checked`
}

// One caller passing a file is enough to keep the Close a lost write.
func dump(w io.WriteCloser, b []byte) {
	w.Write(b) // want `error returned by w.Write\(\) is not checked`
	w.Close()  // want `error of w.Close\(\) is not checked, but w was written to`
}

func dumpBoth(p string, b []byte) {
	_, pw := net.Pipe()
	dump(pw, b)
	f, err := os.Create(p)
	if err != nil {
		return
	}
	dump(f, b)
}

// A compressor feeding a pipe that was just failed with an error: its Close
// only releases.
func compressStream(src io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		zw := gzip.NewWriter(pw)
		if _, err := io.Copy(zw, src); err != nil {
			pw.CloseWithError(err)
			zw.Close() // want `error returned by zw.Close\(\) is not checked`
			return
		}
		zw.Close() // want `error of zw.Close\(\) is not checked, but zw was written to`
		pw.Close()
	}()
	return pr
}

// A writer over io.Discard has nowhere to fail.
func measure(rows []string) {
	w := bufio.NewWriter(io.Discard)
	for _, r := range rows {
		w.WriteString(r)
	}
	w.Flush()
}

// A field's Sync checked in one method does not make another method's
// Close safe: each instance has its own history.
type block struct{ fd *os.File }

func (b *block) flush(p []byte) error {
	if _, err := b.fd.Write(p); err != nil {
		return err
	}
	return b.fd.Sync()
}

func (b *block) close() {
	b.fd.Close() // want `error of b.fd.Close\(\) is not checked, but b.fd was written to`
}

// A table printed to standard output: a failed Flush is a failed print.
func printTable(rows [][2]string) {
	tw := tabwriter.NewWriter(os.Stdout, 1, 1, 1, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1]) // want `error returned by fmt.Fprintf\(\) is not checked`
	}
	tw.Flush() // want `error returned by tw.Flush\(\) is not checked`
}

// Wrappers of the standard streams print too: a colour-translating console
// writer, a writer built over one, or a command's output stream.
func printRoutes(routes []string, noColor bool) {
	out := colorable.NewColorableStdout()
	if noColor {
		out = colorable.NewNonColorable(os.Stdout)
	}
	tw := tabwriter.NewWriter(out, 1, 1, 1, ' ', 0)
	for _, r := range routes {
		_, _ = fmt.Fprintf(tw, "%s\n", r) // want `error returned by fmt.Fprintf\(\) is assigned to _`
	}
	_ = tw.Flush() // want `error returned by tw.Flush\(\) is assigned to _`
}

type command struct{ out io.Writer }

func (c *command) OutOrStdout() io.Writer {
	if c.out != nil {
		return c.out
	}
	return os.Stdout
}

func (c *command) list(items []string) {
	w := tabwriter.NewWriter(c.OutOrStdout(), 0, 8, 1, '\t', 0)
	defer w.Flush() // want `error returned by w.Flush\(\) is not checked in a defer`
	for _, it := range items {
		fmt.Fprintln(w, it) // want `error returned by fmt.Fprintln\(\) is not checked`
	}
}

// One way to the terminal and one to a file: the file can lose rows.
func exportRoutes(routes []string, f *os.File) {
	out := colorable.NewColorableStdout()
	if f != nil {
		out = f
	}
	tw := tabwriter.NewWriter(out, 1, 1, 1, ' ', 0)
	for _, r := range routes {
		fmt.Fprintf(tw, "%s\n", r) // want `error returned by fmt.Fprintf\(\) is not checked`
	}
	tw.Flush() // want `error of tw.Flush\(\) is not checked, but tw was written to`
}

// An encoder built over nil is used for EncodeAll: its Close only releases
// it. Reset to a destination and written, it is a stream like any other.
func compressAll(blocks [][]byte) [][]byte {
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		return nil
	}
	defer enc.Close() // want `error returned by enc.Close\(\) is not checked in a defer`
	out := make([][]byte, 0, len(blocks))
	for _, b := range blocks {
		out = append(out, enc.EncodeAll(b, nil))
	}
	return out
}

func compressInto(f *os.File, blocks [][]byte) {
	enc, _ := zstd.NewWriter(nil)
	enc.Reset(f)
	for _, b := range blocks {
		enc.Write(b) // want `error returned by enc.Write\(\) is not checked`
	}
	enc.Close() // want `error of enc.Close\(\) is not checked, but enc was written to`
}

// The explicit Close on the main path is the one that can lose the file;
// the deferred one covers the early returns and otherwise closes a closed
// file.
func download(dst string, r io.Reader) error {
	tmp := dst + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer f.Close() // want `error returned by f.Close\(\) is not checked in a defer`
	if _, err := io.Copy(f, r); err != nil {
		return err
	}
	f.Close() // want `error of f.Close\(\) is not checked, but f was written to`
	return os.Rename(tmp, dst)
}

// A Close in another function literal is not this function's main path.
func downloadAsync(dst string, r io.Reader, done chan<- error) {
	f, err := os.Create(dst)
	if err != nil {
		done <- err
		return
	}
	defer f.Close() // want `error of f.Close\(\) is not checked in a defer, but f was written to`
	io.Copy(f, r)   // want `error returned by io.Copy\(\) is not checked`
	go func() {
		g := f
		g.Close() // want `error returned by g.Close\(\) is not checked`
	}()
}

// The same table written to a file can lose rows.
func saveTable(f *os.File, rows [][2]string) {
	tw := tabwriter.NewWriter(f, 1, 1, 1, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1]) // want `error returned by fmt.Fprintf\(\) is not checked`
	}
	tw.Flush() // want `error of tw.Flush\(\) is not checked, but tw was written to`
}

// A file abstraction behind an interface is still a file.
type File interface {
	io.ReadWriteCloser
	Sync() error
}

type Filesystem interface {
	Create(name string) (File, error)
}

func writeVia(fsys Filesystem, name string, b []byte) error {
	fd, err := fsys.Create(name)
	if err != nil {
		return err
	}
	defer fd.Close() // want `error of fd.Close\(\) is not checked in a defer, but fd was written to`
	_, err = fd.Write(b)
	return err
}

// An atomic file cancelled: closed, then removed in the return statement
// or in a checked removal. Nobody reads what a failed Close lost.
type atomicFile struct {
	f *os.File
}

func (a *atomicFile) Write(p []byte) (int, error) { return a.f.Write(p) }

func (a *atomicFile) Cancel() error {
	_ = a.f.Close() // want `error returned by a.f.Close\(\) is assigned to _`
	return os.Remove(a.f.Name())
}

func abandonPart(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close() // want `error returned by f.Close\(\) is not checked`
		if err := os.Remove(path); err != nil {
			return err
		}
		return err
	}
	return f.Close()
}

// Returning the removal of another file excuses nothing.
func (a *atomicFile) rotate(old string) error {
	_ = a.f.Close() // want `error of a.f.Close\(\) is assigned to _, but a.f was written to`
	return os.Remove(old)
}

// The removal returned beside another result.
func writeTemp(dir string, b []byte) (string, error) {
	f, err := os.CreateTemp(dir, "part-")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(b); err != nil {
		f.Close() // want `error returned by f.Close\(\) is not checked`
		return "", os.Remove(f.Name())
	}
	return f.Name(), f.Close()
}
