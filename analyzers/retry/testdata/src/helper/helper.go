// Package helper holds delay helpers used by package a, so that the facts
// exported on them are what decides the findings there.
package helper

import (
	"context"
	"math/rand/v2"
	"time"
)

// SleepBackoff waits an exponential, fully jittered delay or until ctx ends.
func SleepBackoff(ctx context.Context, attempt int) error {
	d := min(10*time.Second, 100*time.Millisecond<<attempt)
	t := time.NewTimer(time.Duration(rand.Int64N(int64(d)) + 1))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Pause waits a fixed second: a delay without jitter.
func Pause() { time.Sleep(time.Second) }

// Wait waits for d: whether it jitters depends on the caller.
func Wait(d time.Duration) { time.Sleep(d) }

// Backoff grows without jitter.
func Backoff(attempt int) time.Duration { return 100 * time.Millisecond << attempt }

// Jittered grows with jitter.
func Jittered(attempt int) time.Duration {
	d := 100 * time.Millisecond << attempt
	return d/2 + rand.N(d/2)
}

// indirect shows that the fact travels through calls.
func indirect() { Pause() }

// Rest waits through another helper.
func Rest() { indirect() }
