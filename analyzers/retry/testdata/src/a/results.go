package a

import (
	"context"
	"math/rand"
	"time"
)

// Operations that return a result object carrying their error: a command
// whose Err() reports it (a Redis client's Ping(ctx).Err()) and a chain
// whose Error field does (an ORM's db.First(&row).Error).
type statusResult struct{ err error }

func (r *statusResult) Err() error { return r.err }

type kvStore interface {
	Ping(ctx context.Context) *statusResult
}

type chain struct{ Error error }

func (c *chain) First(dest any) *chain { return c }

// A queue waiting for its store at start-up: Ping retried ten times one
// second apart, every replica in step.
func waitForStore(ctx context.Context, s kvStore) error {
	var err error
	for range 10 {
		err = s.Ping(ctx).Err()
		if err == nil {
			break
		}
		time.Sleep(time.Second) // want `retry loop \(line \d+\) retries s.Ping after a constant delay with no random jitter`
	}
	return err
}

// The same read through the chain's Error field.
func loadWithRetry(db *chain, row any) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = db.First(row).Error; err == nil {
			return nil
		}
		time.Sleep(500 * time.Millisecond) // want `retry loop \(line \d+\) retries db.First after a constant delay with no random jitter`
	}
	return err
}

// ok: the wait doubles and is jittered.
func waitForStoreJittered(ctx context.Context, s kvStore) error {
	d := 100 * time.Millisecond
	var err error
	for range 10 {
		if err = s.Ping(ctx).Err(); err == nil {
			return nil
		}
		time.Sleep(d/2 + time.Duration(rand.Int63n(int64(d/2))))
		d *= 2
	}
	return err
}

// ok: one row loaded per item, a failed one skipped: a walk, not a retry.
func loadEach(db *chain, rows []any) (n int) {
	for _, row := range rows {
		if err := db.First(row).Error; err != nil {
			continue
		}
		n++
	}
	return n
}

// ok: the context's own Err() is not an operation.
func drain(ctx context.Context, next func() context.Context) error {
	for {
		if err := next().Err(); err != nil {
			return err
		}
		time.Sleep(time.Second)
	}
}
