package detached

import (
	"context"
	"time"
)

type renewer struct{}

func (renewer) renew(ctx context.Context, name string) error { return nil }

// A renewal started in the background and left running after the
// handshake returns: its context must outlive the handshake's.
func (r renewer) serveThenRenew(ctx context.Context, name string, left time.Duration) error {
	if left > 0 {
		renewCtx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		go func() {
			defer cancel()
			_ = r.renew(renewCtx, name)
		}()
		return nil
	}
	blockCtx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	return r.renew(blockCtx, name)
}

func (r renewer) renewAsync(ctx context.Context, names []string) {
	bg, cancel := context.WithTimeout(context.Background(), time.Minute)
	go r.renewAll(bg, cancel, names)
}

func (r renewer) renewAll(ctx context.Context, cancel context.CancelFunc, names []string) {
	defer cancel()
	for _, n := range names {
		_ = r.renew(ctx, n)
	}
}

// The fresh context is used here as well as by the goroutine: the caller's
// deadline is lost for the synchronous renewal.
func (r renewer) renewBoth(ctx context.Context, name string) error {
	both, cancel := context.WithTimeout(context.Background(), time.Minute) // want `context.Background\(\) passed to context.WithTimeout discards ctx`
	defer cancel()
	go func() { _ = r.renew(both, name+"-replica") }()
	return r.renew(both, name)
}
