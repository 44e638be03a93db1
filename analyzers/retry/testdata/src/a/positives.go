// Retry loops the family must report: one real-code shape per function, each
// with a want comment; TestTestdataCoverage requires 25 numbered shapes (Pn).
package a

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"net"
	"net/http"
	"time"

	"helper"
)

var errBusy = errors.New("busy")

func op() error                       { return nil }
func opCtx(ctx context.Context) error { return ctx.Err() }
func isTemporary(err error) bool      { return err != errBusy }
func serve(c net.Conn)                { c.Close() }
func handle()                         {}
func send(b []byte) error             { return nil }

// P1: counter loop around http.Client.Do, break on success.
func p1(c *http.Client, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = c.Do(req) // want `retry loop \(line 30\) repeats c.Do with no delay before the next attempt`
		if err == nil {
			break
		}
	}
	return resp, err
}

// P2: for {} with break on success and nothing else.
func p2() {
	for { // want `retry loop \(line 41\) retries op until it succeeds, with no attempt bound, context check or time budget`
		if err := op(); err == nil { // want `repeats op with no delay`
			break
		}
	}
}

// P3: labelled loop, continue to the label on failure.
func p3(c *http.Client, req *http.Request) error {
outer:
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req) // want `repeats c.Do with no delay`
		if err != nil {
			log.Printf("attempt %d: %v", attempt, err)
			continue outer
		}
		resp.Body.Close()
		return nil
	}
	return errBusy
}

// P4: status 429 and 5xx treated as failure, retried at once.
func p4(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 4; i++ {
		resp, err := c.Do(req) // want `repeats c.Do with no delay`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errBusy
}

// P5: switch on the status code.
func p5(c *http.Client, url string) (*http.Response, error) {
	for i := 0; i < 4; i++ {
		resp, err := c.Get(url) // want `repeats c.Get with no delay`
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errBusy
}

// P6: database ping until it answers.
func p6(ctx context.Context, db *sql.DB) error {
	var err error
	for i := 0; i < 10; i++ {
		if err = db.PingContext(ctx); err == nil { // want `repeats db.PingContext with no delay`
			return nil
		}
	}
	return err
}

// P7: a select with a default case does not wait.
func p7(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if err := op(); err == nil { // want `repeats op with no delay`
			return nil
		}
	}
}

// P8: reconnect in a goroutine; success serves, failure redials at once.
func p8(addr string) {
	go func() {
		for {
			conn, err := net.Dial("tcp", addr) // want `repeats net.Dial with no delay`
			if err != nil {
				log.Print(err)
				continue
			}
			serve(conn)
		}
	}()
}

// P9: the loop condition is the failure.
func p9() {
	err := op()
	for err != nil { // want `retries op until it succeeds`
		err = op() // want `repeats op with no delay`
	}
}

// P10: the sleep is on the success path only.
func p10(ctx context.Context) {
	for {
		if err := opCtx(ctx); err != nil { // want `repeats opCtx with no delay`
			continue
		}
		handle()
		time.Sleep(time.Second)
	}
}

// P11: constant sleep.
func p11() error {
	var err error
	for i := 0; i < 5; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second) // want `retry loop \(line 157\) retries op after a constant delay with no random jitter`
	}
	return err
}

// P12: doubling without jitter.
func p12() error {
	d := 100 * time.Millisecond
	var err error
	for i := 0; i < 5; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(d) // want `retries op after a growing delay with no random jitter`
		d *= 2
	}
	return err
}

// P13: constant sleep, forever.
func p13() {
	for { // want `retries op until it succeeds`
		if err := op(); err == nil {
			return
		}
		time.Sleep(2 * time.Second) // want `after a constant delay`
	}
}

// P14: a select on ctx.Done() and a fixed time.After.
func p14(ctx context.Context) error {
	for {
		err := opCtx(ctx)
		if err == nil {
			return nil
		}
		select { // want `retries opCtx after a constant delay`
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// P15: a timer reset to a doubling delay.
func p15(ctx context.Context) error {
	d := time.Second
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		if err := opCtx(ctx); err == nil {
			return nil
		}
		d = min(2*d, time.Minute)
		t.Reset(d)
		select { // want `after a growing delay`
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// P16: a helper in another package that waits a fixed second (fact).
func p16() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		helper.Pause() // want `after a constant delay`
	}
	return err
}

// P17: a duration helper in another package that grows without jitter.
func p17() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(helper.Backoff(i)) // want `after a growing delay`
	}
	return err
}

// P18: linear backoff from the attempt counter.
func p18() error {
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt) * time.Second) // want `after a growing delay`
	}
	return err
}

// P19: jittered, but forever.
func p19() {
	for { // want `retries op until it succeeds`
		if err := op(); err == nil {
			return
		}
		time.Sleep(helper.Jittered(3))
	}
}

// P20: success is err == nil and a status below 500, in one condition.
func p20(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req) // want `repeats c.Do with no delay`
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
	}
	return nil, errBusy
}

// P21: retry only temporary errors, immediately.
func p21() error {
	for i := 0; i < 3; i++ {
		err := op() // want `repeats op with no delay`
		if err != nil {
			if isTemporary(err) {
				continue
			}
			return err
		}
		return nil
	}
	return errBusy
}

// P22: accept loop that spins on a failing listener.
func p22(ln net.Listener) {
	for {
		conn, err := ln.Accept() // want `repeats ln.Accept with no delay`
		if err != nil {
			log.Printf("accept: %v", err)
			continue
		}
		go serve(conn)
	}
}

// P23: counting down the attempts.
func p23(conn net.Conn, buf []byte) error {
	var err error
	for attempts := 3; attempts > 0; attempts-- {
		if _, err = conn.Write(buf); err == nil { // want `repeats conn.Write with no delay`
			break
		}
	}
	return err
}

// P24: range over an int.
func p24(buf []byte) error {
	var err error
	for range 5 {
		if err = send(buf); err == nil { // want `repeats send with no delay`
			break
		}
	}
	return err
}

// P25: the operation is a function literal.
func p25(c *http.Client, url string) error {
	var err error
	for i := 0; i < 3; i++ {
		err = func() error { // want `repeats a function literal with no delay`
			resp, err := c.Get(url)
			if err != nil {
				return err
			}
			return resp.Body.Close()
		}()
		if err == nil {
			return nil
		}
	}
	return err
}

// P26: a fixed delay through a helper of this package (fact, same package).
func sleepFixed() { time.Sleep(500 * time.Millisecond) } // want sleepFixed:"delays\\(constant\\)"

func p26() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		sleepFixed() // want `after a constant delay`
	}
	return err
}

// P27: error or 5xx in one condition, then continue.
func p27(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := http.Get(url) // want `repeats http.Get with no delay`
		if err != nil || resp.StatusCode >= 500 {
			continue
		}
		return resp, nil
	}
	return nil, errBusy
}

// P28: a transaction retried on conflict.
func p28(ctx context.Context, db *sql.DB) error {
	var err error
	for i := 0; i < 5; i++ {
		_, err = db.ExecContext(ctx, "UPDATE t SET n = n + 1") // want `repeats db.ExecContext with no delay`
		if err == nil {
			return nil
		}
	}
	return err
}

// P29: the context goes into the call, but nothing checks it: forever.
func p29(ctx context.Context) error {
	for { // want `retries opCtx until it succeeds`
		if err := opCtx(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Second) // want `after a constant delay`
	}
}

// P30: the wait helper takes its duration from the caller: a constant one.
func p30() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		helper.Wait(3 * time.Second) // want `after a constant delay`
	}
	return err
}

// P31: the wait is a helper of this package that waits on a timer or a
// stop channel, and the loop doubles the duration it hands over: a
// growing delay without jitter (a secondary DNS server's zone transfer).
func waitOrStop(stop <-chan struct{}, d time.Duration) bool { // want waitOrStop:"delays\\(param\\) blocks"
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return false
	case <-stop:
		return true
	}
}

func p31(stop <-chan struct{}) {
	d, limit := 250*time.Millisecond, 10*time.Second
	for {
		if err := op(); err == nil {
			return
		}
		if waitOrStop(stop, d) { // want `after a growing delay with no random jitter`
			return
		}
		d <<= 1
		if d > limit {
			d = limit
		}
	}
}

// P32: the same with the caller's context beside the duration.
func sleepCtx(ctx context.Context, d time.Duration) error { // want sleepCtx:"delays\\(param\\) blocks"
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

func p32(ctx context.Context) error {
	d := time.Second
	for attempt := 0; attempt < 5; attempt++ {
		if err := opCtx(ctx); err == nil {
			return nil
		}
		if err := sleepCtx(ctx, d); err != nil { // want `after a growing delay with no random jitter`
			return err
		}
		d *= 2
	}
	return errBusy
}
