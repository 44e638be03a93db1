package a

import (
	"bufio"
	"context"
	cryptorand "crypto/rand"
	"database/sql"
	"fmt"
	"io"
	"math/big"
	"math/rand"
	randv2 "math/rand/v2"
	"net"
	"net/http"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	backoff4 "github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/go-retryablehttp"
	goretry "github.com/sethvargo/go-retry"
	"golang.org/x/time/rate"
	grpcbackoff "google.golang.org/grpc/backoff"
	"k8s.io/apimachinery/pkg/util/wait"

	"helper"
)

// Loops the family must not report. Each function starts with "ok:" and
// names its shape; TestTestdataCoverage counts them and requires at least 25.

func sendItem(s string) error { return nil }
func ready() bool             { return true }
func fetch() (int, error)     { return 0, nil }
func publish(int)             {}
func dial(addr string) error  { return nil }
func jitter(d time.Duration) time.Duration { // want jitter:"returns\\(jitter\\)"
	return d/2 + time.Duration(rand.Int63n(int64(d/2)))
}

// ok: a range loop moves to the next item on failure.
func n1(items []string) {
	for _, item := range items {
		if err := sendItem(item); err != nil {
			continue
		}
	}
}

// ok: a counter loop indexing a slice moves to the next item.
func n2(items []string) {
	for i := 0; i < len(items); i++ {
		if err := sendItem(items[i]); err != nil {
			continue
		}
	}
}

// ok: polling without errors.
func n3() {
	for !ready() {
		time.Sleep(100 * time.Millisecond)
	}
}

// ok: exponential backoff with full jitter (math/rand).
func n4() error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		d := min(10*time.Second, 100*time.Millisecond<<attempt)
		time.Sleep(time.Duration(rand.Int63n(int64(d)) + 1))
	}
	return err
}

// ok: jitter from math/rand/v2 through a local variable.
func n5(ctx context.Context) error {
	base := time.Second
	for {
		if err := opCtx(ctx); err == nil {
			return nil
		}
		wait := base + randv2.N(base)
		base *= 2
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// ok: jitter from crypto/rand.
func n6() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		n, _ := cryptorand.Int(cryptorand.Reader, big.NewInt(1000))
		time.Sleep(time.Duration(n.Int64()) * time.Millisecond)
	}
	return err
}

// ok: cenkalti/backoff v4 drives the retries.
func n7() error { // want n7:"delays\\(jitter\\)"
	return backoff4.Retry(op, backoff4.NewExponentialBackOff())
}

// ok: a manual loop sleeping cenkalti's jittered NextBackOff.
func n8() error {
	b := backoff4.NewExponentialBackOff()
	var err error
	for i := 0; i < 5; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(b.NextBackOff())
	}
	return err
}

// ok: cenkalti/backoff v5 drives the retries.
func n9(ctx context.Context) (int, error) { // want n9:"delays\\(jitter\\)"
	return backoff5.Retry(ctx, fetch, backoff5.WithBackOff(backoff5.NewExponentialBackOff()))
}

// ok: k8s wait.ExponentialBackoff drives the retries.
func n10() error { // want n10:"delays\\(jitter\\)"
	return wait.ExponentialBackoff(wait.Backoff{Duration: time.Second, Factor: 2, Jitter: 0.1, Steps: 5}, func() (bool, error) {
		return op() == nil, nil
	})
}

// ok: a manual loop sleeping wait.Jitter.
func n11(ctx context.Context) error {
	for {
		if err := opCtx(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait.Jitter(time.Second, 0.5)):
		}
	}
}

// ok: avast/retry-go drives the retries.
func n12() error { // want n12:"delays\\(jitter\\)"
	return retrygo.Do(op, retrygo.Attempts(5), retrygo.Delay(time.Second))
}

// ok: a manual loop over sethvargo/go-retry's backoff.
func n13(ctx context.Context) error {
	b := goretry.WithMaxRetries(5, goretry.WithJitter(time.Second, goretry.NewExponential(time.Second)))
	for {
		err := opCtx(ctx)
		if err == nil {
			return nil
		}
		d, stop := b.Next()
		if stop {
			return err
		}
		time.Sleep(d)
	}
}

// ok: go-retryablehttp retries inside Do; the loop here pages.
func n14(c *retryablehttp.Client, urls []string) error {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
	return nil
}

// ok: a rate limiter paces the attempts.
func n15(ctx context.Context, lim *rate.Limiter) error {
	for {
		if err := lim.Wait(ctx); err != nil {
			return err
		}
		if err := opCtx(ctx); err == nil {
			return nil
		}
	}
}

// ok: a delay computed from grpc's backoff config with jitter.
func n16(ctx context.Context) error {
	cfg := grpcbackoff.DefaultConfig
	d := cfg.BaseDelay
	for attempt := 0; attempt < 5; attempt++ {
		if err := opCtx(ctx); err == nil {
			return nil
		}
		time.Sleep(jitter(d))
		d = time.Duration(float64(d) * cfg.Multiplier)
	}
	return ctx.Err()
}

// ok: a delay helper in another package, recognized through its fact.
func n17(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		if err := opCtx(ctx); err == nil {
			return nil
		}
		if err := helper.SleepBackoff(ctx, attempt); err != nil {
			return err
		}
	}
}

// ok: a select on ctx.Done() and a jittered timer.
func n18(ctx context.Context) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		if err := opCtx(ctx); err == nil {
			return nil
		}
		t.Reset(jitter(time.Second))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// ok: the error leaves the loop.
func n19(items []string) error {
	for {
		if err := op(); err != nil {
			return err
		}
		if ready() {
			return nil
		}
	}
}

// ok: log.Fatal does not return.
func n20(addr string) {
	for i := 0; i < 3; i++ {
		if err := dial(addr); err != nil {
			panic(err)
		}
	}
}

// ok: periodic work on a ticker; a failure waits for the next tick.
func n21(t *time.Ticker) {
	for range t.C {
		if err := op(); err != nil {
			continue
		}
		handle()
	}
}

// ok: periodic work in a select loop.
func n22(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := fetch()
		if err != nil {
			continue
		}
		publish(n)
	}
}

// ok: rows.Next() advances; Scan works on a new row each time.
func n23(rows *sql.Rows) {
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			continue
		}
	}
}

// ok: jobs from a channel.
func n24(jobs <-chan string) {
	for job := range jobs {
		if err := sendItem(job); err != nil {
			continue
		}
	}
}

// ok: a read that timed out already waited for its deadline.
func n25(conn net.Conn, buf []byte) error {
	for {
		conn.SetReadDeadline(time.Now().Add(time.Second))
		_, err := conn.Read(buf)
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				continue
			}
			return err
		}
		return nil
	}
}

// ok: the wait sits at the top of the loop behind `attempt > 0`.
func n26(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		if attempt > 0 {
			time.Sleep(jitter(time.Duration(attempt) * time.Second))
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
	}
	return nil, errBusy
}

// ok: a stream read ends on io.EOF and returns other errors.
func n27(r *bufio.Reader) error {
	for {
		_, err := r.ReadString('\n')
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// ok: waiting for a reconnect signal blocks for as long as it takes.
func n28(ctx context.Context, reconnect <-chan struct{}) error {
	for {
		if err := opCtx(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-reconnect:
		}
	}
}

// ok: failover across servers tries each once.
func n29(servers []string) error {
	for _, srv := range servers {
		if err := dial(srv); err == nil {
			return nil
		}
	}
	return errBusy
}

// ok: a jittered helper of this package (fact, same package).
func sleepJittered(attempt int) { // want sleepJittered:"delays\\(jitter\\)"
	time.Sleep(jitter(time.Second << attempt))
}

func n30() error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		sleepJittered(attempt)
	}
	return err
}

// ok: a logging loop that does the same on success and failure.
func n31() {
	for i := 0; i < 10; i++ {
		if err := op(); err != nil {
			handle()
		}
		time.Sleep(time.Second)
	}
}

// ok: the jitter is added to a growing delay.
func n32() error {
	d := time.Second
	var err error
	for i := 0; i < 5; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(d + time.Duration(rand.Int63n(int64(time.Second))))
		d *= 2
	}
	return err
}

// ok: the jittered delay helper from another package.
func n33() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(helper.Jittered(i))
	}
	return err
}

type server struct{ addr string }
type pool struct {
	servers []server
	current server
}

func (p *pool) connect() error { return nil }

// ok: a connect loop over a server pool: the counter indexes the pool.
func n34(p *pool) error {
	var err error
	for i := 0; i < len(p.servers); i++ {
		p.current = p.servers[i]
		if err = p.connect(); err == nil {
			return nil
		}
	}
	return err
}

type msg struct{ header map[string]string }

func (m *msg) encode() ([]byte, error) { return nil, nil }

// ok: a field written from the range value makes the call new each time.
func n35(keys []string) {
	for _, k := range keys {
		m := &msg{}
		m.header = map[string]string{k: "v"}
		if _, err := m.encode(); err != nil {
			continue
		}
	}
}

type sub struct{}

func (s *sub) next(ctx context.Context) (*msg, error) { return nil, ctx.Err() }
func check(m *msg) error                              { return nil }

// ok: each iteration fetches a new message; a bad one is skipped.
func n36(ctx context.Context, s *sub) error {
	for {
		m, err := s.next(ctx)
		if err != nil {
			return err
		}
		if err := check(m); err != nil {
			continue
		}
		handle()
	}
}

// ok: a later test of the same error leaves the loop.
func n37(r *bufio.Reader) error {
	for {
		line, err := r.ReadString('\n')
		if err == nil {
			if line == "" {
				continue
			}
			handle()
		}
		if err != nil {
			return err
		}
	}
}

// ok: the loop condition ends the loop once the call fails.
func n38(s *sub, ctx context.Context, want int) error {
	var err error
	got := 0
	for err == nil && got < want {
		if _, err = s.next(ctx); err == nil {
			got++
		}
	}
	return err
}

func secret() (string, error)   { return "", nil }
func password() (string, error) { return "", nil }

// ok: a range over mechanisms; a failure moves to the next mechanism.
func n39(mechs []string) (string, error) {
	var errs []error
	for _, mech := range mechs {
		switch mech {
		case "CRAM-MD5":
			s, err := secret()
			if err != nil {
				errs = append(errs, err)
				continue
			}
			return s, nil
		case "PLAIN":
			p, err := password()
			if err != nil {
				errs = append(errs, err)
				continue
			}
			return p, nil
		}
	}
	return "", errBusy
}

// ok: a retry schedule from a slice of delays is a deliberate policy whose
// values the analyzer does not judge.
func n40() error {
	var err error
	for _, d := range []time.Duration{time.Second, 3 * time.Second, 10 * time.Second} {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(d)
	}
	return err
}

type record struct{}
type batch struct{}

func (b *batch) read() (*record, error) { return nil, io.EOF }

type multiReader struct {
	batches []*batch
	index   int
}

// ok: on io.EOF the reader steps to the next batch (m.index++).
func (m *multiReader) n41() (*record, error) {
	for {
		if m.index == len(m.batches) {
			return nil, io.EOF
		}
		r, err := m.batches[m.index].read()
		if err == nil {
			return r, nil
		}
		if err != io.EOF {
			return nil, err
		}
		m.index++
	}
}

func report(err error) {}

// ok: a counting loop that reads N messages and reports failures goes on
// after a success: N reads, not N attempts at one.
func n42(conn net.Conn, buf []byte) {
	for i := 0; i < 10; i++ {
		n, err := conn.Read(buf)
		if err != nil {
			report(err)
			continue
		}
		if n != i {
			report(errBusy)
		}
	}
}

type group struct {
	next chan int
	errs chan error
}

// next blocks until the group has something to say.
func (g *group) nextGen(ctx context.Context) (int, error) { // want nextGen:"blocks"
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case err := <-g.errs:
		return 0, err
	case n := <-g.next:
		return n, nil
	}
}

// ok: the retried call itself blocks on channels until an event arrives.
func n43(ctx context.Context, g *group) (int, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var n int
		if n, err = g.nextGen(ctx); err == nil {
			return n, nil
		}
	}
	return 0, err
}

// ok: an assertion that aborts is not a success that leaves the loop.
func n44(conn net.Conn, buf []byte) {
	for i := 0; i < 10; i++ {
		_, err := conn.Read(buf)
		if err != nil {
			report(err)
		}
		if len(buf) != 10 {
			panic("short buffer")
		}
	}
}

func lookup() (int, error) { return 0, nil }

// ok: a stress loop in a goroutine: failures are ignored, not retried.
func n45(stop <-chan struct{}, seen map[int]bool) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		if n, err := lookup(); err == nil {
			seen[n] = true
		}
	}
}

type level struct{ buf []string }

type flusher struct {
	levels []level
	high   int
	leader *server
}

func (f *flusher) updateLeader() error { return nil }

// ok: draining levels: a failure drops this level and moves to the next.
func (f *flusher) n46() {
	for {
		f.high--
		if f.leader == nil {
			if err := f.updateLeader(); err != nil {
				f.levels[f.high].buf = nil
			}
		}
		if f.high == 0 {
			break
		}
	}
}

func putNew(key string) error { return nil }

// ok: a collision on a generated key is resolved with a new key, not retried.
func n47(prefix string) (string, error) {
	for {
		key := fmt.Sprintf("%s/%d", prefix, time.Now().UnixNano())
		err := putNew(key)
		if err == nil {
			return key, nil
		}
		if err != errBusy {
			return "", err
		}
	}
}

// ok: the wait helper gets a stop channel beside a jittered duration.
func n48(stop <-chan struct{}) {
	d := 250 * time.Millisecond
	for {
		if err := op(); err == nil {
			return
		}
		if waitOrStop(stop, jitter(d)) {
			return
		}
		d *= 2
	}
}
