package detached

import (
	"context"
	"testing"
)

// Tests build their own contexts on purpose: not reported.
func helper(t *testing.T, ctx context.Context, r *Repo) {
	r.Get(context.Background(), 1)
}
