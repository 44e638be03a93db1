// Package retry is a test stub with the API shape of avast/retry-go v4.
package retry

import "time"

type RetryableFunc func() error
type Option func()

func Attempts(n uint) Option                   { return func() {} }
func Delay(d time.Duration) Option             { return func() {} }
func Do(f RetryableFunc, opts ...Option) error { return f() }
