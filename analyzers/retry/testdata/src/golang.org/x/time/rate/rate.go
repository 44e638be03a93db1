// Package rate is a test stub with the API shape of golang.org/x/time/rate.
package rate

import "context"

type Limit float64
type Limiter struct{}

func NewLimiter(r Limit, b int) *Limiter          { return &Limiter{} }
func (l *Limiter) Wait(ctx context.Context) error { return ctx.Err() }
func (l *Limiter) Allow() bool                    { return true }
