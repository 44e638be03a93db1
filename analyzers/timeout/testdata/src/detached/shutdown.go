package detached

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Once the caller's context is done, a graceful shutdown needs a fresh
// context: passing the cancelled one would make Shutdown return at once.
func serveUntilDone(ctx context.Context, srv *http.Server) error {
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

func drainOnCancel(ctx context.Context, srv *http.Server, errs <-chan error) error {
	for {
		select {
		case err := <-errs:
			return err
		case <-ctx.Done():
			grace, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			return srv.Shutdown(grace)
		}
	}
}

// Waiting on some other channel says nothing about ctx: it may still be
// live, and its deadline is discarded.
func stopOnSignal(ctx context.Context, srv *http.Server, stop <-chan struct{}) error {
	<-stop
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // want `context.Background\(\) passed to context.WithTimeout discards ctx`
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

func flushOnTick(ctx context.Context, srv *http.Server, tick <-chan time.Time) error {
	select {
	case <-tick:
		return srv.Shutdown(context.Background()) // want `context.Background\(\) passed to srv.Shutdown discards ctx`
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Inside `if ctx.Err() != nil`, ctx is known to be done: recording the
// outcome needs a context of its own, as after <-ctx.Done().
type jobStore interface {
	Save(ctx context.Context, state string) error
}

func finishJob(ctx context.Context, s jobStore, run func(context.Context) error) error {
	err := run(ctx)
	if ctx.Err() != nil {
		return s.Save(context.Background(), "cancelled")
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return s.Save(context.Background(), "timed out")
	}
	if err != nil && ctx.Err() == context.Canceled {
		return s.Save(context.Background(), "cancelled")
	}
	return s.Save(ctx, "done")
}

// A test of some other error, or of ctx.Err() == nil, says ctx may be live.
func finishJobWrongly(ctx context.Context, s jobStore, run func(context.Context) error) error {
	if err := run(ctx); err != nil {
		return s.Save(context.Background(), "failed") // want `context.Background\(\) passed to s.Save discards ctx`
	}
	if ctx.Err() == nil {
		return s.Save(context.Background(), "done") // want `context.Background\(\) passed to s.Save discards ctx`
	}
	return nil
}
