// Package notretry holds loops that repeat a call after it failed without
// retrying it, beside the retries they resemble. Each pair comes from a
// pattern measured on real modules (docs/measurements/retry.md, 2026-11-28).
package notretry

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var (
	ErrTimeout = errors.New("timeout")
	errDenied  = errors.New("permission denied")
	errClosed  = errors.New("closed")
)

func renew() error                     { return nil }
func fetchBatch(n int) ([]int, error)  { return nil, nil }
func handle([]int)                     {}
func publish(string) error             { return nil }
func receive(cb func(v int) bool) bool { return cb(0) }
func assign(v int) error               { return nil }

// After "permission denied" the loop stops renewing and only waits for the
// lease to run out: the failure switches the loop to another branch.
func watchLease(stop chan struct{}, ttl time.Duration) error {
	fallback := false
	for {
		select {
		case <-stop:
			return nil
		default:
		}
		var wait time.Duration
		switch {
		case fallback:
			wait = ttl
		default:
			err := renew()
			if err != nil && errors.Is(err, errDenied) {
				fallback = true
				continue
			}
			if err != nil {
				return err
			}
			wait = ttl / 2
		}
		select {
		case <-stop:
			return nil
		case <-time.After(wait):
		}
	}
}

// A counter that bounds the retries is not a mode: reported.
func renewBounded() error {
	attempts := 0
	for {
		if attempts >= 3 {
			return errDenied
		}
		err := renew() // want `retry loop \(line \d+\) repeats renew with no delay before the next attempt`
		if err != nil {
			attempts = attempts + 1
			continue
		}
		return nil
	}
}

// Walking up a directory tree: each iteration stats another path.
func nearestExisting(dir string) string {
	cur := dir
	for {
		next := filepath.Dir(cur)
		if next == cur {
			return next
		}
		if _, err := os.Stat(next); err == nil {
			return next
		}
		cur = next
	}
}

// The same path every time: reported.
func waitForFile(p string) {
	for { // want `retry loop \(line \d+\) retries os.Stat until it succeeds, with no attempt bound`
		if _, err := os.Stat(p); err == nil { // want `retry loop \(line \d+\) repeats os.Stat with no delay before the next attempt`
			return
		}
	}
}

// The value handed to the retried call is filled by a callback on each
// receive: a corrupt value is dropped and the next one is tried.
func receiveValid() bool {
	var got int
	cb := func(v int) bool {
		got = v
		return true
	}
	for {
		if !receive(cb) {
			return false
		}
		if err := assign(got); err == nil {
			return true
		}
	}
}

// Only a timeout is retried: the call already waited for it.
func consume(stop chan struct{}) error {
	for {
		batch, err := fetchBatch(100)
		if err != nil {
			if errors.Is(err, errClosed) {
				return nil
			}
			if !errors.Is(err, ErrTimeout) {
				return err
			}
			continue
		}
		handle(batch)
	}
}

// Any error is retried at once: reported.
func consumeAll() {
	for { // want `retry loop \(line \d+\) retries fetchBatch until it succeeds, with no attempt bound`
		batch, err := fetchBatch(100) // want `retry loop \(line \d+\) repeats fetchBatch with no delay before the next attempt`
		if err != nil {
			continue
		}
		handle(batch)
		return
	}
}

// A proxy: a failed dial drops this client, and the loop waits for the next.
func proxy(l net.Listener, backend string) {
	for {
		client, err := l.Accept()
		if err != nil {
			return
		}
		server, err := net.DialTimeout("tcp", backend, time.Second)
		if err != nil {
			client.Close()
			continue
		}
		go pipe(client, server)
	}
}

func pipe(a, b net.Conn) {}

// An accept loop that spins on a persistent error: reported.
func acceptLoop(l net.Listener) {
	for {
		c, err := l.Accept() // want `retry loop \(line \d+\) repeats l.Accept with no delay before the next attempt`
		if err != nil {
			continue
		}
		go pipe(c, c)
	}
}

// A test helper taking testing.TB: Fatalf ends the test, the loop never
// goes around after the failure.
type frameReader struct{ buf []byte }

func (r *frameReader) empty() bool { return len(r.buf) == 0 }
func (r *frameReader) refill()     {}
func (r *frameReader) next() (byte, error) {
	if len(r.buf) == 0 {
		return 0, errClosed
	}
	b := r.buf[0]
	r.buf = r.buf[1:]
	return b, nil
}

func readFrame(t testing.TB, r *frameReader) byte {
	for {
		if r.empty() {
			r.refill()
			continue
		}
		b, err := r.next()
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		if b == 0 {
			r.refill()
			continue
		}
		return b
	}
}

// Logging the failure instead keeps the loop going: reported.
func readFrameLogged(t testing.TB, r *frameReader) byte {
	for { // want `retry loop \(line \d+\) retries r.next until it succeeds, with no attempt bound`
		b, err := r.next() // want `retry loop \(line \d+\) repeats r.next with no delay before the next attempt`
		if err != nil {
			t.Logf("read: %v", err)
			continue
		}
		return b
	}
}

// A periodic publisher: it sends on every tick, failed or not.
func ticker(done chan struct{}, counted func()) error {
	for {
		select {
		case <-done:
			return nil
		case <-time.After(10 * time.Millisecond):
			err := publish("tick")
			if err == nil {
			} else if errors.Is(err, ErrTimeout) {
				counted()
				continue
			}
			if err != nil {
				return err
			}
		}
	}
}

// Publishing until it works, with a fixed pause: reported.
func publishUntilDone(done chan struct{}) {
	for {
		err := publish("once")
		if err == nil {
			return
		}
		select { // want `retry loop \(line \d+\) retries publish after a constant delay with no random jitter`
		case <-done:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// A stress loop in a test: a failure is recorded with t.Errorf and the loop
// goes on hammering, as it does on success.
func stress(t *testing.T, done *int32, get func() (io.Closer, error)) {
	for atomic.LoadInt32(done) == 0 {
		resp, err := get()
		if err != nil {
			t.Errorf("request failed: %v", err)
		} else {
			resp.Close()
		}
	}
}

// Only logged: the failure is retried at once (reported).
func stressLogged(t *testing.T, done *int32, get func() error, send func() error) {
	for *done == 0 {
		if err := send(); err != nil { // want `retry loop \(line \d+\) repeats send with no delay before the next attempt`
			t.Logf("send failed: %v", err)
			continue
		}
		_ = get()
	}
}

type record struct{ Key []byte }

func decode(b []byte, r *record) error { r.Key = b; return nil }
func parseID(s string) (int, error)    { return len(s), nil }

// Reading records from a stream: each iteration decodes a new record into
// a fresh variable, so a bad record is skipped, not retried.
func loadRecords(br *bufio.Reader) int {
	n := 0
	for {
		var size uint32
		if err := binary.Read(br, binary.BigEndian, &size); err != nil {
			return n
		}
		buf := make([]byte, size)
		if _, err := io.ReadFull(br, buf); err != nil {
			return n
		}
		rec := &record{}
		if err := decode(buf, rec); err != nil {
			return n
		}
		if _, err := parseID(string(rec.Key)); err != nil {
			continue
		}
		n++
	}
}

// The retried call filling its own variable is still a retry (reported).
func scanUntilFound(query func(*int) error) int {
	for { // want `retry loop \(line \d+\) retries query until it succeeds, with no attempt bound`
		var id int
		if err := query(&id); err != nil { // want `retry loop \(line \d+\) repeats query with no delay before the next attempt`
			continue
		}
		return id
	}
}

// A call guarded by the line just read: it is tried again only when a new
// line asks for it.
func watchOutput(br *bufio.Reader, create func() (io.WriteCloser, error)) {
	var out io.WriteCloser
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		if out == nil && strings.HasPrefix(line, "panic:") {
			out, err = create()
			if err != nil {
				continue
			}
		}
		if out != nil {
			io.WriteString(out, line)
		}
	}
}

// A reader loop that skips unknown messages: the failed read consumed the
// message, and any other error ends the loop.
var errUnknown = errors.New("unknown message")

type wire struct{ r io.Reader }

func (w *wire) readHeader(b []byte) error {
	_, err := io.ReadFull(w.r, b)
	return err
}

func (w *wire) readMessage(b []byte) (int, error) {
	if err := w.readHeader(b); err != nil {
		return 0, err
	}
	if b[0] == 0 {
		return 0, errUnknown
	}
	return int(b[0]), nil
}

func (w *wire) readerLoop(out chan<- int) {
	buf := make([]byte, 4)
	for {
		msg, err := w.readMessage(buf)
		if err != nil {
			if err == errUnknown {
				continue
			}
			return
		}
		out <- msg
	}
}

// Continuing on any error spins on a closed stream (reported).
func (w *wire) readerLoopSpins(out chan<- int) {
	buf := make([]byte, 4)
	for {
		msg, err := w.readMessage(buf) // want `retry loop \(line \d+\) repeats w.readMessage with no delay before the next attempt`
		if err != nil {
			continue
		}
		out <- msg
	}
}

// Reading fixed-size fields into a buffer declared in the loop: the read
// fills the buffer through a slice of it (oct[:]) or the slice itself
// (buf), so a parse that fails on this field is not retried, the next
// iteration reads the next one (an unquoting loop, reviewdog diff/parse.go).
func unquoteOctal(r *strings.Reader) []byte {
	var res []byte
	for {
		var oct [3]byte
		if n, _ := r.Read(oct[:]); n < 3 {
			return res
		}
		v, err := strconv.ParseUint(string(oct[:]), 8, 8)
		if err != nil {
			res = append(res, oct[:]...)
			continue
		}
		res = append(res, byte(v))
	}
}

func readIDs(br *bufio.Reader) []int {
	var ids []int
	for {
		buf := make([]byte, 4)
		if _, err := io.ReadFull(br, buf); err != nil {
			return ids
		}
		id, err := parseID(string(buf))
		if err != nil {
			continue
		}
		ids = append(ids, id)
	}
}

func sendFrame(c net.Conn, b []byte) error { _, err := c.Write(b); return err }

// A buffer that a call only writes out (a copy to a log) is not refilled:
// sending it again is a retry (reported).
func resendHeader(log io.Writer, c net.Conn) {
	for { // want `retry loop \(line \d+\) retries sendFrame until it succeeds, with no attempt bound, context check or time budget`
		var hdr [4]byte
		hdr[0] = 1
		log.Write(hdr[:])
		if err := sendFrame(c, hdr[:]); err != nil { // want `retry loop \(line \d+\) repeats sendFrame with no delay before the next attempt`
			continue
		}
		return
	}
}

// A client reading datagrams until the reply to its query arrives skips a
// short read and a reply to some other query: either way the failed read
// consumed a datagram, and every other error leaves the loop (a DNS
// upstream's reply loop). The skip is a compound condition, and a reply
// that came back with the error counts as consumed input.
var errShortRead = errors.New("short read")

type reply struct{ id uint16 }

type replyConn struct{ net.Conn }

func (c *replyConn) ReadReply() (*reply, error) {
	var b [2]byte
	if _, err := io.ReadFull(c, b[:]); err != nil {
		return nil, err
	}
	r := &reply{id: binary.BigEndian.Uint16(b[:])}
	if r.id == 0 {
		return r, errors.New("bad id")
	}
	return r, nil
}

func awaitReply(c *replyConn, udp bool, id uint16) (*reply, error) {
	for {
		r, err := c.ReadReply()
		if err != nil {
			if udp && ((r == nil && errors.Is(err, errShortRead)) || (r != nil && r.id != id)) {
				continue
			}
			return nil, err
		}
		if r.id == id {
			return r, nil
		}
	}
}

// The same loop skipping whenever no reply came back: every error that
// returns no reply goes around again, and a closed connection spins.
func awaitReplySpins(c *replyConn, udp bool, id uint16) (*reply, error) {
	for {
		r, err := c.ReadReply() // want `retry loop \(line \d+\) repeats c.ReadReply with no delay before the next attempt`
		if err != nil {
			if udp && (r == nil || r.id != id) {
				continue
			}
			return nil, err
		}
		if r.id == id {
			return r, nil
		}
	}
}
