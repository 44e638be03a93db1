package unchecked

import (
	"bufio"
	"bytes"
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/pem"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/maphash"
	"io"
	"math/rand"
	randv2 "math/rand/v2"
	"os"
	"strings"

	"github.com/valyala/bytebufferpool"
)

func remove(p string) error { return os.Remove(p) }

func pair() (int, error) { return 0, nil }

func noError() int { return 1 }

func statements(p string) {
	os.Remove(p)                // want `error returned by os.Remove\(\) is not checked`
	remove(p)                   // want `error returned by remove\(\) is not checked`
	pair()                      // want `error returned by pair\(\) is not checked`
	(remove)(p)                 // want `error returned by remove\(\) is not checked`
	go remove(p)                // want `error returned by remove\(\) is lost in a go statement`
	defer os.RemoveAll(p)       // want `error returned by os.RemoveAll\(\) is not checked in a defer`
	_ = remove(p)               // want `error returned by remove\(\) is assigned to _`
	_, _ = pair()               // want `error returned by pair\(\) is assigned to _`
	_, _ = remove(p), noError() // want `error returned by remove\(\) is assigned to _`
	noError()
	n, _ := pair() // a used value: the discard is visible and deliberate
	_ = n
	if err := remove(p); err != nil {
		return
	}
}

// A concrete error type is still an error.
type myErr struct{}

func (*myErr) Error() string { return "my" }

func concrete() *myErr { return nil }

func concreteDrop() {
	concrete() // want `error returned by concrete\(\) is not checked`
}

// Default exclusions: every entry of default_excludes.txt, none reported.
func defaults(w io.Writer, r io.Reader) {
	var b bytes.Buffer
	b.Write(nil)
	b.WriteByte('x')
	b.WriteRune('x')
	b.WriteString("x")
	var sb strings.Builder
	sb.Write(nil)
	sb.WriteByte('x')
	sb.WriteRune('x')
	sb.WriteString("x")
	h := sha256.New()
	h.Write(nil)
	var h32 hash.Hash32 = crc32.NewIEEE() // hash.Hash32 embeds hash.Hash
	h32.Write(nil)
	var mh maphash.Hash
	mh.Write(nil)
	mh.WriteByte('x')
	mh.WriteString("x")
	crand.Read(nil)
	rand.Read(nil)
	rand.New(rand.NewSource(1)).Read(nil)
	randv2.NewChaCha8([32]byte{}).Read(nil)
	pr, pw := io.Pipe()
	pr.CloseWithError(nil)
	pw.CloseWithError(nil)
	pr.Close()
	pw.Close()
	// Rewinding an in-memory reader to a constant position cannot fail.
	sr := strings.NewReader("body")
	sr.Seek(0, io.SeekStart)
	br := bytes.NewReader(nil)
	br.Seek(0, 0)
	fmt.Print("x")
	fmt.Printf("x")
	fmt.Println("x")
	fmt.Fprint(os.Stdout, "x")
	fmt.Fprintf(os.Stdout, "x")
	fmt.Fprintln(os.Stdout, "x")
	fmt.Fprint(os.Stderr, "x")
	fmt.Fprintf(os.Stderr, "x")
	fmt.Fprintln(os.Stderr, "x")
	fmt.Fprint(&b, "x")
	fmt.Fprintf(&b, "x")
	fmt.Fprintln(&b, "x")
	fmt.Fprint(&sb, "x")
	fmt.Fprintf(&sb, "x")
	fmt.Fprintln(&sb, "x")
	fmt.Fprint(h, "x")
	fmt.Fprintf(h, "%d", 1)
	fmt.Fprintln(h, "x")
	fmt.Fprintf(&mh, "%d", 1)
	_ = b.WriteByte('x')

	// fasthttp's pooled buffer appends to a slice: its writes cannot fail.
	bb := bytebufferpool.Get()
	bb.WriteString("x")
	_ = bb.WriteByte('x')
	_, _ = bb.Write(nil)
	fmt.Fprintf(bb, "%d", 1)
	bb.WriteTo(w) // want `error returned by bb.WriteTo\(\) is not checked`

	// A PEM block without headers, encoded into memory, cannot fail.
	var pemBuf bytes.Buffer
	pem.Encode(&pemBuf, &pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}})
	pem.Encode(&pemBuf, &pem.Block{Type: "X", Headers: map[string]string{"a:b": "c"}}) // want `error returned by pem.Encode\(\) is not checked`
	pem.Encode(w, &pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}})                   // want `error returned by pem.Encode\(\) is not checked`

	// The argument qualifier matters: to any other writer it can fail.
	fmt.Fprintf(w, "x") // want `error returned by fmt.Fprintf\(\) is not checked`
	b.ReadFrom(r)       // want `error returned by b.ReadFrom\(\) is not checked`
	// A computed offset can be negative.
	sr.Seek(int64(len(sb.String())-10), io.SeekStart) // want `error returned by sr.Seek\(\) is not checked`
}

// A struct embedding a buffer inherits the exclusion of its method.
type logBuf struct{ bytes.Buffer }

func embeddedStruct(l *logBuf) {
	l.WriteString("x")
}

// Interfaces and embedded interfaces resolve to the declared method.
type Store interface {
	io.Closer
	Put(k string) error
}

type CachedStore interface{ Store }

func interfaces(s Store, cs CachedStore) {
	s.Put("k")  // want `error returned by s.Put\(\) is not checked`
	cs.Put("k") // want `error returned by cs.Put\(\) is not checked`
	cs.Close()  // want `error returned by cs.Close\(\) is not checked`
}

// Method values and method expressions.
type conn struct{}

func (*conn) Send(b []byte) error { return nil }

func methodValues(c *conn, b *bytes.Buffer) {
	send := c.Send
	send(nil) // want `error returned by send\(\) is not checked`
	write := b.WriteString
	write("x")           // bound once to an excluded method: not reported
	(*conn).Send(c, nil) // want `error returned by \(\*conn\).Send\(\) is not checked`
	(*bytes.Buffer).WriteString(b, "x")
	var f func() error = c.Close2
	f() // want `error returned by f\(\) is not checked`
}

func (*conn) Close2() error { return nil }

// Generic functions and methods of generic types.
func Do[T any](v T) error { return nil }

type Queue[T any] struct{ items []T }

func (q *Queue[T]) Push(v T) error { q.items = append(q.items, v); return nil }

type Builder[T any] struct{ strings.Builder }

func generics(q *Queue[int], bq *Builder[string]) {
	Do(1)           // want `error returned by Do\(\) is not checked`
	Do[string]("x") // want `error returned by Do\[string\]\(\) is not checked`
	q.Push(1)       // want `error returned by q.Push\(\) is not checked`
	push := q.Push
	push(2) // want `error returned by push\(\) is not checked`
	bq.WriteString("x")
}

func closer[C io.Closer](c C) {
	c.Close() // want `error returned by c.Close\(\) is not checked`
}

// A parser peeks one rune and puts it back: UnreadRune right after a
// successful ReadRune on the same reader cannot fail.
func peekQuote(buf *strings.Reader) (bool, error) {
	r, _, err := buf.ReadRune()
	if err != nil {
		return false, err
	}
	if r != '"' {
		buf.UnreadRune()
		return false, nil
	}
	return true, nil
}

func peekByte(buf *bytes.Buffer) error {
	if _, err := buf.ReadByte(); err != nil {
		return err
	}
	buf.UnreadByte()
	return nil
}

// Another read between them, or none before: reported.
func unreadAfterOther(buf *bytes.Buffer, p []byte) error {
	if _, _, err := buf.ReadRune(); err != nil {
		return err
	}
	buf.Read(p)      // want `error returned by buf.Read\(\) is not checked`
	buf.UnreadRune() // want `error returned by buf.UnreadRune\(\) is not checked`
	return nil
}

func unreadFirst(buf *strings.Reader) {
	buf.UnreadRune() // want `error returned by buf.UnreadRune\(\) is not checked`
}

// ReadByte does not make UnreadRune safe.
func unreadMismatched(buf *strings.Reader) {
	buf.ReadByte()   // want `error returned by buf.ReadByte\(\) is not checked`
	buf.UnreadRune() // want `error returned by buf.UnreadRune\(\) is not checked`
}

// A bufio.Writer keeps its first write error, fails every later write with
// it and returns it from Flush: writing freely and checking Flush loses
// nothing.
func writeBuffered(w io.Writer, lines []string) error {
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
		fmt.Fprintf(bw, "%d\n", len(l))
		io.WriteString(bw, l)
	}
	return bw.Flush()
}

func writeBufferedChecked(w io.Writer, p []byte) {
	bw := bufio.NewWriter(w)
	bw.Write(p)
	if err := bw.Flush(); err != nil {
		fmt.Println(err)
	}
}

// Flush's error dropped too: the write errors are lost with it.
func writeBufferedFlushDropped(w io.Writer, p []byte) {
	bw := bufio.NewWriter(w)
	bw.Write(p)    // want `error returned by bw.Write\(\) is not checked`
	_ = bw.Flush() // want `error of bw.Flush\(\) is assigned to _, but bw was written to`
}

// Flush checked before the write: the later write's error is never seen.
func writeAfterFlush(w io.Writer, p []byte) error {
	bw := bufio.NewWriter(w)
	err := bw.Flush()
	bw.Write(p) // want `error returned by bw.Write\(\) is not checked`
	return err
}

// A read error in io.Copy is not kept by the writer.
func copyBuffered(w io.Writer, r io.Reader) error {
	bw := bufio.NewWriter(w)
	io.Copy(bw, r) // want `error returned by io.Copy\(\) is not checked`
	return bw.Flush()
}
