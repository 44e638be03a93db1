package detached

import (
	"context"
	"net/http"
	"time"
)

type store struct{}

func (store) Load(ctx context.Context, key string) (string, error) { return "", nil }
func (store) Save(ctx context.Context, key, val string) error      { return nil }

// The request's context is dropped through a local: reported once, at the
// definition, for both uses.
func (s store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := context.Background() // want `context.Background\(\), held in ctx and passed to s.Load \(line 18\), discards r.Context\(\), the context this function received`
	v, err := s.Load(ctx, r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = s.Save(ctx, r.URL.Path, v)
}

func (s store) Copy(ctx context.Context, from, to string) error {
	bg := context.TODO() // want `context.TODO\(\), held in bg and passed to s.Load \(line 28\), discards ctx, the context this function received`
	v, err := s.Load(bg, from)
	if err != nil {
		return err
	}
	return s.Save(ctx, to, v)
}

// --- negatives -------------------------------------------------------------

// Reassigned: the local holds what the caller chose on some path.
func (s store) LoadMaybe(ctx context.Context, key string, detach bool) (string, error) {
	lctx := ctx
	if detach {
		lctx = context.Background()
	}
	return s.Load(lctx, key)
}

// Only used after the request: a cleanup in a defer and a goroutine.
func (s store) Flush(w http.ResponseWriter, r *http.Request) {
	bg := context.Background()
	defer s.Save(bg, "last", r.URL.Path)
	go func() {
		_ = s.Save(bg, "seen", r.URL.Path)
	}()
}

// A timeout on a fresh root, used only by the goroutine started with it.
func (s store) Prefetch(ctx context.Context, keys []string) {
	root := context.Background()
	pctx, cancel := context.WithTimeout(root, time.Minute)
	go func() {
		defer cancel()
		for _, k := range keys {
			_, _ = s.Load(pctx, k)
		}
	}()
}

// Roots of long-lived things.
func (s store) Start(ctx context.Context) (context.Context, context.CancelFunc) {
	root := context.Background()
	return context.WithCancel(root)
}

// No context received.
func (s store) Warm(keys []string) {
	ctx := context.Background()
	for _, k := range keys {
		_, _ = s.Load(ctx, k)
	}
}

// A closure with its own context using a fresh local of the function
// around it: the closure did not make the choice.
func (s store) Hooks() func(context.Context) error {
	bg := context.Background()
	return func(ctx context.Context) error {
		return s.Save(bg, "hook", "ran")
	}
}

// After the caller's context is done, a fresh one is all that works.
func (s store) Drain(ctx context.Context) error {
	<-ctx.Done()
	bg := context.Background()
	return s.Save(bg, "drained", "yes")
}

// An adapter from http.Handler to handlers that take a context: the
// request's context is the one to hand on.
type ctxHandlerFunc func(context.Context, http.ResponseWriter, *http.Request)

func (f ctxHandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := context.TODO() // want `context.TODO\(\), held in ctx and passed to f \(line 103\), discards r.Context\(\)`
	f(ctx, w, r)
}

type ctxHandler func(context.Context, http.ResponseWriter, *http.Request)

func (h ctxHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h(context.Background(), w, r) // want `context.Background\(\) passed to h discards r.Context\(\)`
}
