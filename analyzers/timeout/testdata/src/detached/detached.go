package detached

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

type Repo struct{ db *sql.DB }

func (r *Repo) Get(ctx context.Context, id int) (string, error) {
	var name string
	err := r.db.QueryRowContext(context.Background(), "SELECT name FROM t WHERE id = ?", id).Scan(&name) // want `context.Background\(\) passed to r.db.QueryRowContext discards ctx, the context this function received`
	return name, err
}

func (r *Repo) WithDeadline(ctx context.Context) error {
	tctx, cancel := context.WithTimeout(context.TODO(), 5*time.Second) // want `context.TODO\(\) passed to context.WithTimeout discards ctx`
	defer cancel()
	return r.db.PingContext(tctx)
}

func handler(repo *Repo) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		if _, err := repo.Get(context.Background(), 1); err != nil { // want `context.Background\(\) passed to repo.Get discards req.Context\(\)`
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}
}

// Two contexts received: reported without a fix.
func merge(ctx, other context.Context, repo *Repo) {
	repo.Get(context.Background(), 2) // want `context.Background\(\) passed to repo.Get discards the context this function received`
}

// --- negatives -------------------------------------------------------------

func noContext(repo *Repo) {
	repo.Get(context.Background(), 3)
}

func detachOnPurpose(ctx context.Context, repo *Repo) {
	repo.Get(context.WithoutCancel(ctx), 4)
}

func background(ctx context.Context, repo *Repo) {
	go func() {
		repo.Get(context.Background(), 5)
	}()
	defer repo.db.PingContext(context.Background())
}

func ignoredParam(_ context.Context, repo *Repo) {
	repo.Get(context.Background(), 6)
}

func init() {
	_ = context.Background()
}

// A shutdown hook runs after the caller's context is done: it is not
// reported.
func start(ctx context.Context, repo *Repo) func() error {
	return func() error {
		tctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return repo.db.PingContext(tctx)
	}
}

// Roots of long-lived things are detached on purpose.
type worker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

type key struct{}

func (w *worker) Start(ctx context.Context, repo *Repo) context.Context {
	w.ctx, w.cancel = context.WithCancel(context.Background())
	return context.WithValue(context.Background(), key{}, repo)
}
