// Package retry is a test stub with the API shape of sethvargo/go-retry.
package retry

import (
	"context"
	"time"
)

type Backoff interface {
	Next() (next time.Duration, stop bool)
}

type exp struct{ d time.Duration }

func (e *exp) Next() (time.Duration, bool) { e.d *= 2; return e.d, false }

func NewExponential(base time.Duration) Backoff     { return &exp{base} }
func WithJitter(j time.Duration, b Backoff) Backoff { return b }
func WithMaxRetries(n uint64, b Backoff) Backoff    { return b }

type RetryFunc func(ctx context.Context) error

func RetryableError(err error) error { return err }

func Do(ctx context.Context, b Backoff, f RetryFunc) error { return f(ctx) }
