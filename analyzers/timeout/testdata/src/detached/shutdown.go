package detached

import (
	"context"
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
