package a

import (
	"context"
	"errors"
	"io"
	"math/rand"
	"time"
)

var errLockNotObtained = errors.New("lock not obtained")

type sessionLock struct{}

func (sessionLock) Obtain(ctx context.Context, ttl time.Duration) error { return nil }
func (sessionLock) Next() ([]byte, error)                               { return nil, nil }

// A lock held by another request is waited for in fixed 10 ms steps: the
// failure is told apart with errors.Is, not err != nil.
func obtainSessionLock(ctx context.Context, l sessionLock) error {
	deadline, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var obtained bool
	for !obtained {
		select {
		case <-deadline.Done():
			return errors.New("timeout obtaining session lock")
		default:
			err := l.Obtain(ctx, time.Second)
			if err != nil && !errors.Is(err, errLockNotObtained) {
				return err
			} else if errors.Is(err, errLockNotObtained) {
				time.Sleep(10 * time.Millisecond) // want `retry loop \(line 24\) retries l.Obtain after a constant delay with no random jitter`
				continue
			}
			obtained = true
		}
	}
	return nil
}

func obtainOrGiveUp(ctx context.Context, l sessionLock) error {
	for attempt := 0; attempt < 50; attempt++ {
		err := l.Obtain(ctx, time.Second)
		if errors.Is(err, errLockNotObtained) {
			time.Sleep(100 * time.Millisecond) // want `retry loop \(line 43\) retries l.Obtain after a constant delay with no random jitter`
			continue
		}
		return err
	}
	return errLockNotObtained
}

// ok: errors.Is(err, io.EOF) ends the loop; every other error too.
func drainLock(l sessionLock) error {
	for {
		msg, err := l.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		_ = msg
	}
}

// ok: the contended lock is waited for with a jittered delay.
func obtainJittered(ctx context.Context, l sessionLock) error {
	for attempt := 0; attempt < 50; attempt++ {
		err := l.Obtain(ctx, time.Second)
		if errors.Is(err, errLockNotObtained) {
			time.Sleep(time.Duration(rand.Int63n(int64(100 * time.Millisecond))))
			continue
		}
		return err
	}
	return errLockNotObtained
}
