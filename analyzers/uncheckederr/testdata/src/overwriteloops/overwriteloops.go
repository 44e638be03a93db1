// Package overwriteloops holds error overwrites that the control-flow graph
// shows but the program never takes or means, beside the real ones. Each
// comes from a pattern measured on real modules
// (docs/measurements/uncheckederr.md, 2026-11-28).
package overwriteloops

import (
	"errors"
	"fmt"
	"time"
)

func post(string) ([]byte, error)  { return nil, nil }
func get(string) ([]byte, error)   { return nil, nil }
func parse([]byte) (string, error) { return "", nil }
func probe() error                 { return nil }
func process(string) error         { return nil }

// Try each server in turn; a failure is superseded by the next server's
// attempt, success leaves the loop, and the last failure is returned.
func firstResponder(servers []string) (string, error) {
	var err error
	var status string
	for _, u := range servers {
		raw, postErr := post(u)
		if postErr != nil {
			raw, err = get(u)
			if err != nil {
				err = errors.Join(postErr, err)
				continue
			}
		}
		if status, err = parse(raw); err != nil {
			err = fmt.Errorf("server %s: %w", u, err)
			continue
		}
		break
	}
	if err != nil {
		return "", fmt.Errorf("all servers failed: %w", err)
	}
	return status, nil
}

// Every item's error matters, and only the last one is returned: reported.
func processAll(items []string) error {
	var err error
	for _, it := range items {
		err = process(it) // want `error from process\(\) stored in err is overwritten by the next loop iteration before it is checked`
	}
	return err
}

// The same with a second assignment in the loop: reported.
func processPairs(items []string) error {
	var err error
	for _, it := range items {
		err = process(it)          // want `error from process\(\) stored in err is overwritten at line \d+ before it is checked`
		err = process(it + ".bak") // want `error from process\(\) stored in err is overwritten at line \d+ in the next loop iteration before it is checked`
	}
	return err
}

// Polling: the same check repeated, only the last result counts.
func waitHealthy() error {
	var lastErr error
	for range 20 {
		lastErr = nil
		if err := probe(); err != nil {
			lastErr = fmt.Errorf("not healthy: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return lastErr
}

func pollUntil(deadline time.Time) error {
	var err error
	for time.Now().Before(deadline) {
		err = probe()
		time.Sleep(10 * time.Millisecond)
	}
	return err
}

// A poll whose last result is replaced after the loop loses every error.
func pollIgnored() error {
	var err error
	for range 3 {
		err = probe() // want `error from probe\(\) stored in err is overwritten at line \d+ before it is checked`
	}
	err = process("after")
	return err
}

// A flag set with the call decides the test that guards the overwrite.
func cached(useCache bool) ([]byte, error) {
	var value []byte
	var err error
	var served bool
	if useCache {
		value, err = get("cache")
		served = true
	}
	if !served {
		value, err = get("origin")
	}
	if err != nil {
		return nil, err
	}
	return value, nil
}

// Without the flag the overwrite is real: reported.
func cachedWrong(useCache bool) ([]byte, error) {
	var value []byte
	var err error
	if useCache {
		value, err = get("cache") // want `error from get\(\) stored in err is overwritten at line \d+ before it is checked`
	}
	value, err = get("origin")
	if err != nil {
		return nil, err
	}
	return value, nil
}

// A switch on a boolean with both cases leaves no path past them.
func expectFailure(shouldFail bool) error {
	err := probe()
	switch shouldFail {
	case true:
		if err == nil {
			return errors.New("expected a failure")
		}
	case false:
		if err != nil {
			return err
		}
	}
	err = probe()
	return err
}

// With only one case, the other value skips the check: reported.
func expectFailureHalf(shouldFail bool) error {
	err := probe() // want `error from probe\(\) stored in err is overwritten at line \d+ before it is checked`
	switch shouldFail {
	case true:
		if err == nil {
			return errors.New("expected a failure")
		}
	}
	err = probe()
	return err
}

type retryError struct {
	status string
	after  int
}

func (e *retryError) Error() string { return e.status }

// A default error made up on the spot and replaced by a more specific one:
// no failure of an operation is lost.
func statusError(status string, retryAfter int) error {
	err := errors.New(status)
	if retryAfter > 0 {
		err = &retryError{status, retryAfter}
	}
	return err
}

// A wrapped failure replaced the same way loses the cause: reported.
func statusErrorWrapped(status string, retryAfter int) error {
	err := fmt.Errorf("%s: %w", status, probe()) // want `error from fmt.Errorf\(\) stored in err is overwritten at line \d+ before it is checked`
	if retryAfter > 0 {
		err = &retryError{status, retryAfter}
	}
	return err
}

// So does an operation's own error.
func probeStatus(retryAfter int) error {
	err := probe() // want `error from probe\(\) stored in err is overwritten at line \d+ before it is checked`
	if retryAfter > 0 {
		err = &retryError{"busy", retryAfter}
	}
	return err
}

type pipeliner struct{ maxRedirects int }

func (p *pipeliner) send([]string) ([]string, error) { return nil, nil }
func (p *pipeliner) firstErr([]string) error         { return nil }

// A counter loop bounded by a field of the receiver repeats one attempt:
// the body uses p everywhere and the counter only to scale a backoff, so
// only the last error counts.
func (p *pipeliner) exec(cmds []string) error {
	var lastErr error
	for attempt := 0; attempt <= p.maxRedirects; attempt++ {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * 10 * time.Millisecond)
		}
		failed, _ := p.send(cmds)
		if len(failed) == 0 {
			break
		}
		cmds = failed
		lastErr = p.firstErr(cmds)
	}
	return lastErr
}

// A counter loop stepping through items keeps only the last item's error:
// reported, even with the bound read from the receiver.
func (p *pipeliner) execEach(batches [][]string) error {
	var lastErr error
	for i := 0; i < len(batches) && i <= p.maxRedirects; i++ {
		_, lastErr = p.send(batches[i]) // want `error from p.send\(\) stored in lastErr is overwritten by the next loop iteration before it is checked`
	}
	return lastErr
}

type node struct {
	name string
	next *node
}

// A loop that walks a list steps through items as much as one that indexes
// a slice: the post statement advances to the next node, and every node's
// error but the last is lost.
func processList(head *node) error {
	var err error
	for n := head; n != nil; n = n.next {
		err = process(n.name) // want `error from process\(\) stored in err is overwritten by the next loop iteration before it is checked`
	}
	return err
}

type iterator struct{ keys []string }

func (it *iterator) Rewind()     {}
func (it *iterator) Valid() bool { return false }
func (it *iterator) Next()       {}
func (it *iterator) Key() string { return "" }

// An iterator's post statement (`it.Next()`, badger's and pebble's loops)
// moves to the next item: every item's error but the last is lost.
func processKeys(it *iterator) error {
	var err error
	for it.Rewind(); it.Valid(); it.Next() {
		err = process(it.Key()) // want `error from process\(\) stored in err is overwritten by the next loop iteration before it is checked`
	}
	return err
}

// A delay doubled in the post statement scales a backoff: each iteration is
// the same attempt, and only the last error counts.
func (p *pipeliner) execDoubling(cmds []string) error {
	var lastErr error
	for delay := time.Millisecond; delay < time.Second; delay = delay * 2 {
		time.Sleep(delay)
		failed, _ := p.send(cmds)
		if len(failed) == 0 {
			break
		}
		cmds = failed
		lastErr = p.firstErr(cmds)
	}
	return lastErr
}

// A day moved along by its own method steps through days.
func processDays(from, to time.Time) error {
	var err error
	for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
		err = process(day.String()) // want `error from process\(\) stored in err is overwritten by the next loop iteration before it is checked`
	}
	return err
}

// Errors gathered from every peer are dropped on purpose once one peer
// answered: storing nil is a decision to discard them, not an accident
// (a cluster join that succeeds if any seed does).
func appendErr(errs, err error) error { return errors.Join(errs, err) }

func joinAny(peers []string) (int, error) {
	n := 0
	var errs error
	for _, p := range peers {
		if _, err := get(p); err != nil {
			errs = appendErr(errs, fmt.Errorf("join %s: %w", p, err))
			continue
		}
		n++
	}
	if n > 0 {
		errs = nil
	}
	return n, errs
}

// A failure replaced by a later call's result is still lost: only nil is
// a discard.
func joinLast(peers []string) (int, error) {
	n := 0
	var errs error
	for _, p := range peers {
		if _, err := get(p); err != nil {
			errs = appendErr(errs, err) // want `error from appendErr\(\) stored in errs is overwritten at line \d+ before it is checked`
			continue
		}
		n++
	}
	if n > 0 {
		errs = probe()
	}
	return n, errs
}
