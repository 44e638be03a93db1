// Package backoff is a test stub with the API shape of cenkalti/backoff v5.
package backoff

import (
	"context"
	"time"
)

type BackOff interface {
	NextBackOff() time.Duration
	Reset()
}

type ExponentialBackOff struct{ RandomizationFactor float64 }

func NewExponentialBackOff() *ExponentialBackOff {
	return &ExponentialBackOff{RandomizationFactor: 0.5}
}
func (b *ExponentialBackOff) NextBackOff() time.Duration { return time.Second }
func (b *ExponentialBackOff) Reset()                     {}

type RetryOption func()

func WithBackOff(b BackOff) RetryOption            { return func() {} }
func WithMaxTries(n uint) RetryOption              { return func() {} }
func WithMaxElapsedTime(time.Duration) RetryOption { return func() {} }

func Retry[T any](ctx context.Context, operation func() (T, error), opts ...RetryOption) (T, error) {
	return operation()
}
