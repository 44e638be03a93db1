// Package k8sretry holds retries driven by k8s.io/apimachinery's wait and
// client-go's util/retry, as controllers write them: the wait.Backoff
// decides the delays, and only a nonzero Jitter spreads them.
package k8sretry

import (
	"context"
	"errors"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/util/retry"
)

type lease struct{ holder string }

type client struct{}

func (client) Get(ctx context.Context, name string) (*lease, error) { return &lease{}, nil }
func (client) Update(ctx context.Context, l *lease) error           { return nil }
func (client) Ping() error                                          { return nil }

var errUnavailable = errors.New("unavailable")

func isUnavailable(err error) bool { return errors.Is(err, errUnavailable) }

// A literal without Jitter: every controller replica retries at 1s, 2s,
// 4s, 8s.
func waitForAPI(c client) error { // want waitForAPI:"delays\\(growing\\)"
	return wait.ExponentialBackoff(wait.Backoff{Duration: time.Second, Factor: 2, Steps: 5}, func() (bool, error) { // want `wait.ExponentialBackoff retries with a growing delay and no random jitter: the wait.Backoff sets no Jitter`
		return c.Ping() == nil, nil
	})
}

func waitForAPIContext(ctx context.Context, c client) error { // want waitForAPIContext:"delays\\(growing\\)"
	backoff := wait.Backoff{
		Duration: 500 * time.Millisecond,
		Factor:   1.5,
		Steps:    8,
		Cap:      10 * time.Second,
	}
	return wait.ExponentialBackoffWithContext(ctx, backoff, func(ctx context.Context) (bool, error) { // want `wait.ExponentialBackoffWithContext retries with a growing delay and no random jitter`
		_, err := c.Get(ctx, "leader")
		return err == nil, nil
	})
}

// A custom policy for a conflict retry, Jitter spelled out as zero.
var updateBackoff = wait.Backoff{Steps: 10, Duration: 100 * time.Millisecond, Factor: 1.0, Jitter: 0}

func renew(ctx context.Context, c client, holder string) error { // want renew:"delays\\(constant\\)"
	return retry.RetryOnConflict(updateBackoff, func() error { // want `retry.RetryOnConflict retries with a constant delay and no random jitter`
		l, err := c.Get(ctx, "leader")
		if err != nil {
			return err
		}
		l.holder = holder
		return c.Update(ctx, l)
	})
}

func renewOnError(ctx context.Context, c client, l *lease) error { // want renewOnError:"delays\\(growing\\)"
	return retry.OnError(wait.Backoff{Steps: 5, Duration: time.Second, Factor: 2}, isUnavailable, func() error { // want `retry.OnError retries with a growing delay and no random jitter`
		return c.Update(ctx, l)
	})
}

// A manual loop stepping a wait.Backoff that has no Jitter.
func stepLoop(ctx context.Context, c client) error {
	b := wait.Backoff{Duration: time.Second, Factor: 2, Steps: 6}
	var err error
	for b.Steps > 0 {
		if _, err = c.Get(ctx, "leader"); err == nil {
			return nil
		}
		time.Sleep(b.Step()) // want `retry loop \(line 72\) retries c.Get after a growing delay with no random jitter`
	}
	return err
}

// ok: the Jitter field is set.
func waitForAPIJittered(c client) error { // want waitForAPIJittered:"delays\\(jitter\\)"
	return wait.ExponentialBackoff(wait.Backoff{Duration: time.Second, Factor: 2, Jitter: 0.1, Steps: 5}, func() (bool, error) {
		return c.Ping() == nil, nil
	})
}

// ok: client-go's defaults jitter (Jitter: 0.1).
func renewDefault(ctx context.Context, c client, l *lease) error { // want renewDefault:"delays\\(jitter\\)"
	if err := retry.RetryOnConflict(retry.DefaultRetry, func() error { return c.Update(ctx, l) }); err != nil {
		return err
	}
	return retry.OnError(retry.DefaultBackoff, isUnavailable, func() error { return c.Update(ctx, l) })
}

// ok: the policy comes from the caller or from configuration.
func renewWith(ctx context.Context, c client, l *lease, b wait.Backoff) error { // want renewWith:"delays\\(jitter\\)"
	return retry.RetryOnConflict(b, func() error { return c.Update(ctx, l) })
}

// ok: Jitter is set after the literal.
func renewTuned(ctx context.Context, c client, l *lease, jitter float64) error { // want renewTuned:"delays\\(jitter\\)"
	b := wait.Backoff{Steps: 5, Duration: time.Second, Factor: 2}
	b.Jitter = jitter
	return retry.RetryOnConflict(b, func() error { return c.Update(ctx, l) })
}

// ok: a single step does not retry.
func once(c client) error { // want once:"delays\\(jitter\\)"
	return wait.ExponentialBackoff(wait.Backoff{Duration: time.Second, Steps: 1}, func() (bool, error) {
		return c.Ping() == nil, nil
	})
}

// ok: a manual loop stepping a jittered wait.Backoff.
func stepLoopJittered(ctx context.Context, c client) error {
	b := wait.Backoff{Duration: time.Second, Factor: 2, Jitter: 0.5, Steps: 6}
	var err error
	for b.Steps > 0 {
		if _, err = c.Get(ctx, "leader"); err == nil {
			return nil
		}
		time.Sleep(b.Step())
	}
	return err
}

// A parameter given a literal only when the caller left it zero: on the
// other path the policy is the caller's, which may jitter.
func renewDefaulted(ctx context.Context, c client, l *lease, b wait.Backoff) error { // want renewDefaulted:"delays\\(jitter\\)"
	if b.Steps == 0 {
		b = wait.Backoff{Steps: 5, Duration: time.Second, Factor: 2}
	}
	return retry.RetryOnConflict(b, func() error { return c.Update(ctx, l) })
}
