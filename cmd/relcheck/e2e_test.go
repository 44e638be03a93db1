package main_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// buildRelcheck builds the binary once per test run, the way a user gets it.
func buildRelcheck(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "relcheck")
	cmd := exec.Command("go", "build", "-ldflags", "-X github.com/relcheck/relcheck/internal/cli.Version=test", "-o", exe, ".")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return exe
}

// repoRoot is where the README's commands run.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	return root
}

func run(t *testing.T, exe, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("running relcheck: %v", err)
	}
	return o.String(), e.String(), code
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(repoRoot(t), "testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/relcheck -update")
	require.Equal(t, string(want), string(got), "%s is stale; run go test ./cmd/relcheck -update and review the diff", name)
}

// TestDemo runs the README's first command on the bundled example and
// compares the JSON report with the golden file. The demo holds a positive
// case of the first rules of each engine, so the exit code is 1.
func TestDemo(t *testing.T) {
	exe := buildRelcheck(t)
	root := repoRoot(t)
	out, stderr, code := run(t, exe, root, "check", "--format", "json", "./testdata/demo")
	require.Equal(t, 1, code, "stderr: %s", stderr)
	require.Empty(t, stderr)
	golden(t, "demo.json", []byte(out))

	// The same input gives byte-identical reports.
	again, _, _ := run(t, exe, root, "check", "--format", "json", "./testdata/demo")
	require.Equal(t, out, again)

	for _, id := range []string{`"go/http-client-timeout"`, `"k8s/readiness-probe"`, `"tf/aws-rds-multi-az"`} {
		require.Contains(t, out, id)
	}

	text, _, code := run(t, exe, root, "check", "--no-color", "./testdata/demo")
	require.Equal(t, 1, code)
	golden(t, "demo.txt", []byte(text))
	require.NotContains(t, text, "\x1b[", "no colour when not a terminal")

	// The README's "only some paths", inside a Go module: directories with
	// no Go file add no package pattern (go vet refuses a pattern that
	// matches no package, which made this exit 3).
	demo := filepath.Join(root, "testdata", "demo")
	text, stderr, code = run(t, exe, demo, "check", "--no-color", "deploy/", "terraform/")
	require.Equal(t, 1, code, "stderr: %s", stderr)
	require.Empty(t, stderr)
	require.Contains(t, text, "deploy/web.yaml:29:11: high k8s/readiness-probe")
	require.Contains(t, text, "terraform/main.tf:12:1: high tf/aws-rds-multi-az")
	require.NotContains(t, text, ".go:")
}
