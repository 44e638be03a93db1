// Package wait is a test stub with the API shape of k8s.io/apimachinery's wait.
package wait

import (
	"context"
	"math/rand"
	"time"
)

type Backoff struct {
	Duration time.Duration
	Factor   float64
	Jitter   float64
	Steps    int
	Cap      time.Duration
}

func (b *Backoff) Step() time.Duration { return b.Duration }

type ConditionFunc func() (bool, error)

func ExponentialBackoff(backoff Backoff, condition ConditionFunc) error {
	_, err := condition()
	return err
}

func PollUntilContextTimeout(ctx context.Context, interval, timeout time.Duration, immediate bool, condition func(context.Context) (bool, error)) error {
	_, err := condition(ctx)
	return err
}

func Until(f func(), period time.Duration, stopCh <-chan struct{}) { f() }

func Jitter(duration time.Duration, maxFactor float64) time.Duration {
	return duration + time.Duration(rand.Float64()*maxFactor*float64(duration))
}

type ConditionWithContextFunc func(context.Context) (bool, error)

func ExponentialBackoffWithContext(ctx context.Context, backoff Backoff, condition ConditionWithContextFunc) error {
	_, err := condition(ctx)
	return err
}
