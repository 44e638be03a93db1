// Package backoff is a test stub with the API shape of cenkalti/backoff v4.
package backoff

import (
	"context"
	"math/rand"
	"time"
)

const Stop time.Duration = -1

type BackOff interface {
	NextBackOff() time.Duration
	Reset()
}

type ExponentialBackOff struct {
	InitialInterval     time.Duration
	RandomizationFactor float64
	Multiplier          float64
	MaxInterval         time.Duration
	current             time.Duration
}

func NewExponentialBackOff() *ExponentialBackOff {
	return &ExponentialBackOff{InitialInterval: 500 * time.Millisecond, RandomizationFactor: 0.5, Multiplier: 1.5, MaxInterval: time.Minute}
}

func (b *ExponentialBackOff) Reset() { b.current = b.InitialInterval }

func (b *ExponentialBackOff) NextBackOff() time.Duration { // want NextBackOff:"returns\\(jitter\\)"
	d := b.current
	b.current = time.Duration(float64(b.current) * b.Multiplier)
	delta := b.RandomizationFactor * float64(d)
	return time.Duration(float64(d) - delta + rand.Float64()*2*delta)
}

type ConstantBackOff struct{ Interval time.Duration }

func NewConstantBackOff(d time.Duration) *ConstantBackOff { return &ConstantBackOff{Interval: d} }
func (b *ConstantBackOff) Reset()                         {}
func (b *ConstantBackOff) NextBackOff() time.Duration     { return b.Interval }

type Operation func() error

type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }

func Permanent(err error) error { return &PermanentError{err} }

func WithContext(b BackOff, ctx context.Context) BackOff { return b }

// Retry mirrors the library's own loop: it must produce no finding.
func Retry(o Operation, b BackOff) error {
	return RetryNotify(o, b, nil)
}

func RetryNotify(operation Operation, b BackOff, notify func(error, time.Duration)) error {
	var err error
	var next time.Duration
	var timer *time.Timer
	ctx := context.Background()
	b.Reset()
	for {
		if err = operation(); err == nil {
			return nil
		}
		if _, ok := err.(*PermanentError); ok {
			return err
		}
		if next = b.NextBackOff(); next == Stop {
			return err
		}
		if notify != nil {
			notify(err, next)
		}
		if timer == nil {
			timer = time.NewTimer(next)
		} else {
			timer.Reset(next)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		}
	}
}
