package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/cli"
)

// TestFixRewritesAndCompiles runs check --fix on a module whose requests and
// queries ignore the caller's context, then proves the rewritten code
// compiles and no longer reports those findings.
func TestFixRewritesAndCompiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "go.mod", "module example.com/fixme\n\ngo 1.22\n")
	write(t, dir, "client/client.go", `package client

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

var c = &http.Client{Timeout: 5 * time.Second}

// Fetch builds its request without the caller's context.
func Fetch(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

// Count queries without the caller's context.
func Count(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

// Refresh detaches from the caller's context.
func Refresh(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(context.Background(), "REFRESH MATERIALIZED VIEW totals")
	return err
}
`)
	before := relcheck(t, "", "check", "--only", "go", "--format", "json", dir)
	require.Contains(t, before.stdout, "go/request-without-context", before.stderr)
	require.Contains(t, before.stdout, "go/context-detached")

	fixed := relcheck(t, "", "check", "--only", "go", "--fix", dir)
	require.Contains(t, fixed.stderr, "fixed")

	src, err := os.ReadFile(filepath.Join(dir, "client", "client.go"))
	require.NoError(t, err)
	require.Contains(t, string(src), "http.NewRequestWithContext(ctx, http.MethodGet, url, nil)")
	require.Contains(t, string(src), `db.QueryRowContext(ctx, "SELECT count(*) FROM orders")`)
	require.Contains(t, string(src), `db.ExecContext(ctx, "REFRESH MATERIALIZED VIEW totals")`)

	build := exec.Command("go", "build", "./...")
	build.Dir = dir
	out, err := build.CombinedOutput()
	require.NoError(t, err, "the fixed module must compile: %s", out)

	after := relcheck(t, "", "check", "--only", "go", "--format", "json", dir)
	require.NotContains(t, after.stdout, "go/request-without-context")
	require.NotContains(t, after.stdout, "go/context-detached")
	require.Equal(t, cli.ExitOK, after.code, after.stdout+after.stderr)
}
