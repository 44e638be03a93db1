package closeonwrite

import (
	"archive/zip"
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
)

// Read-only: the noise errcheck users hate. Nothing is reported.
func readConfig(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func readOnlyFlag(p string) error {
	f, err := os.OpenFile(p, os.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

func fetch(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func gunzip(r io.Reader) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	_ = zr.Close()
	return io.ReadAll(zr)
}

func listZip(p string) (int, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	return len(zr.File), nil
}

// Written: the dropped Close can lose data.
func save(p string, b []byte) {
	f, err := os.Create(p)
	if err != nil {
		return
	}
	defer f.Close() // want `error of f.Close\(\) is not checked in a defer, but f was written to \(at line \d+\)`
	f.Write(b)      // want `error returned by f.Write\(\) is not checked`
}

func appendLog(p, line string) {
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	logTo(f, line)
	f.Close() // want `error of f.Close\(\) is not checked, but f was written to \(opened by os.OpenFile for writing\)`
}

func copyTo(dst string, src io.Reader) {
	var out *os.File
	out, _ = os.OpenFile(dst, os.O_RDWR, 0)
	defer out.Close() // want `but out was written to \(at line \d+\)`
	io.Copy(out, src) // want `error returned by io.Copy\(\) is not checked`
}

func encode(p string, v any) {
	f, _ := os.Create(p)
	_ = f.Close() // want `error returned by f.Close\(\) is assigned to _`
	g, _ := os.CreateTemp("", "x")
	enc := json.NewEncoder(g)
	if enc.Encode(v) != nil {
		return
	}
	g.Sync()  // want `error of g.Sync\(\) is not checked, but g was written to \(Sync exists`
	g.Close() // want `error of g.Close\(\) is not checked, but g was written to \(at line \d+\)`
}

func buffered(w io.Writer) {
	bw := bufio.NewWriter(w)
	defer bw.Flush() // want `error of bw.Flush\(\) is not checked in a defer, but bw was written to \(at line \d+\)`
	zw := gzip.NewWriter(bw)
	defer zw.Close() // want `error of zw.Close\(\) is not checked in a defer, but zw was written to`
	arc := zip.NewWriter(w)
	arc.Close() // want `error of arc.Close\(\) is not checked, but arc was written to \(it is a \*zip.Writer\)`
}

func wc(w io.WriteCloser) {
	w.Close() // want `error of w.Close\(\) is not checked, but w was written to \(it is a io.WriteCloser\)`
}

func csvNoError(f io.Writer, rows [][]string) {
	w := csv.NewWriter(f)
	for _, r := range rows {
		if w.Write(r) != nil {
			return
		}
	}
	w.Flush() // want `w.Flush\(\) on a csv.Writer reports write errors only through w.Error\(\), which is never called`
}

func csvChecked(f io.Writer, rows [][]string) error {
	w := csv.NewWriter(f)
	defer w.Flush()
	return w.WriteAll(rows)
}

func csvError(f io.Writer) error {
	w := csv.NewWriter(f)
	w.Flush()
	return w.Error()
}

// A socket's Write hands the bytes to the kernel before it returns, and
// Close does not say whether the peer got them: nothing buffered is lost,
// so the dropped Close is an ordinary unchecked error (like a pipe's).
func dial(addr string, msg []byte) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer c.Close() // want `error returned by c.Close\(\) is not checked in a defer`
	if _, err := c.Write(msg); err != nil {
		return
	}
}

// Unknown provenance: reported as errcheck would, under go/unchecked-error.
func closeAll(cs []io.Closer, l net.Listener, f *os.File) {
	for _, c := range cs {
		c.Close() // want `error returned by c.Close\(\) is not checked`
	}
	defer l.Close() // want `error returned by l.Close\(\) is not checked in a defer`
	defer f.Close() // want `error returned by f.Close\(\) is not checked in a defer`
}

// A field written somewhere in the package makes its Close a write close.
type sink struct{ out *os.File }

func (s *sink) emit(b []byte) error {
	_, err := s.out.Write(b)
	return err
}

func (s *sink) stop() {
	s.out.Close() // want `error of s.out.Close\(\) is not checked, but s.out was written to`
}

// Close via a method value on a written file.
func viaMethodValue(p string) {
	f, _ := os.Create(p)
	closeFn := f.Close
	defer closeFn() // want `error of closeFn\(\) is not checked in a defer, but f was written to`
}

// O_CREATE alone opens a read-only descriptor: nothing can be written
// through it, so its Close is read-only.
func touch(p string) {
	f, err := os.OpenFile(p, os.O_CREATE, 0o400)
	if err != nil {
		return
	}
	defer f.Close()
}

// On a path that already returns the write's error, the Close error is
// secondary: reported as go/unchecked-error, as errcheck does.
func writeAll(p string, b []byte) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close() // want `error returned by f.Close\(\) is not checked`
		return err
	}
	return f.Close()
}

// The same with the failure wrapped.
func writeAllWrapped(p string, b []byte) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close() // want `error returned by f.Close\(\) is not checked`
		return fmt.Errorf("write %s: %w", p, err)
	}
	return f.Close()
}

// A call returned after the Close is the success path's last step, not a
// failure: the rename publishes whatever the failed Close lost.
func writeAtomic(p string, b []byte) error {
	tmp := p + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close() // want `error returned by f.Close\(\) is not checked`
		return err
	}
	f.Close() // want `error of f.Close\(\) is not checked, but f was written to`
	return os.Rename(tmp, p)
}

// A pipe buffers nothing, so its Close cannot lose written data; and
// io.PipeWriter.Close is CloseWithError(nil), which always returns nil.
func pipe(b []byte) {
	r, w := io.Pipe()
	go func() {
		w.Write(b) // want `error returned by w.Write\(\) is not checked`
		w.Close()
	}()
	_, _ = io.ReadAll(r) // want `error returned by io.ReadAll\(\) is assigned to _`
}

// A bidirectional interface parameter says nothing about direction: c is
// only read here, so its Close is of unknown use.
func readFrom(c net.Conn) ([]byte, error) { return io.ReadAll(c) }

func serveOne(l net.Listener) {
	c, err := l.Accept()
	if err != nil {
		return
	}
	defer c.Close() // want `error returned by c.Close\(\) is not checked in a defer`
	if _, err := readFrom(c); err != nil {
		return
	}
}

func logTo(f *os.File, line string) {}

// Created or truncated but never written through: nothing for Close to
// lose, so it is an ordinary unchecked error.
func create(p string) {
	f, err := os.Create(p)
	if err != nil {
		return
	}
	_ = f.Name()
	f.Close() // want `error returned by f.Close\(\) is not checked`
}

// Syncing the standard streams fails on terminals and pipes; nobody checks it.
func flushStdout() {
	os.Stdout.Write([]byte("x")) // want `error returned by os.Stdout.Write\(\) is not checked`
	_ = os.Stdout.Sync()         // want `error returned by os.Stdout.Sync\(\) is assigned to _`
}

// A deferred Close as a safety net beside the checked one on the success
// path: the write's fate is checked, so it is only an unchecked error.
func safetyNet(w io.Writer, b []byte) error {
	zw := gzip.NewWriter(w)
	defer zw.Close() // want `error returned by zw.Close\(\) is not checked in a defer`
	if _, err := zw.Write(b); err != nil {
		return err
	}
	return zw.Close()
}

// A connection of a client's pool (go-redis's pool.Conn): it writes
// straight to its socket and reads through a reader of its own, so it has
// Write but no Read. Knowing its peer's address makes it a connection, and
// its Close loses nothing written, like net.Conn's.
type poolConn struct{ nc net.Conn }

func (cn *poolConn) Write(b []byte) (int, error) { return cn.nc.Write(b) }
func (cn *poolConn) RemoteAddr() net.Addr        { return cn.nc.RemoteAddr() }
func (cn *poolConn) Close() error                { return cn.nc.Close() }

// Written elsewhere (through a callback), closed here when it is dropped
// from the pool.
func remove(cn *poolConn) {
	_ = cn.Close() // want `error returned by cn.Close\(\) is assigned to _`
}

// The same writer without a peer address is judged by its type.
type spool struct{ f *os.File }

func (s *spool) Write(b []byte) (int, error) { return s.f.Write(b) }
func (s *spool) Close() error                { return s.f.Close() }

func discard(s *spool) {
	_ = s.Close() // want `error of s.Close\(\) is assigned to _, but s was written to \(it is a \*spool\)`
}
