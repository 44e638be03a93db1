package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPreCommitHook installs the relcheck hook from this checkout (its
// committed HEAD, as pre-commit clones it) into a fresh repository, and
// checks that committing a file with a reliability problem is refused and
// committing the fixed file goes through.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relcheck through pre-commit")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pre-commit is not installed; .ci/run installs it with apt-get")
		}
		t.Skip("pre-commit is not installed (apt-get install pre-commit)")
	}
	root := repoRoot(t)
	head := strings.TrimSpace(gitOut(t, root, "rev-parse", "HEAD"))
	if _, err := exec.Command("git", "-C", root, "cat-file", "-e", head+":.pre-commit-hooks.yaml").CombinedOutput(); err != nil {
		t.Skip("HEAD has no .pre-commit-hooks.yaml yet (commit it first)")
	}

	repo := t.TempDir()
	home := t.TempDir()
	env := append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(home, "pre-commit"), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "NO_COLOR=1")
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	mustGit := func(args ...string) {
		out, err := git(args...)
		require.NoError(t, err, "git %v: %s", args, out)
	}
	mustGit("init", "-q", "-b", "main")
	write(t, repo, ".pre-commit-config.yaml", "repos:\n  - repo: "+root+"\n    rev: "+head+"\n    hooks:\n      - id: relcheck\n")
	write(t, repo, "go.mod", "module example.com/svc\n\ngo 1.22\n")
	write(t, repo, "main.go", "package main\n\nfunc main() {}\n")
	mustGit("add", ".")
	mustGit("commit", "-q", "--no-verify", "-m", "init")

	install := exec.Command("pre-commit", "install")
	install.Dir, install.Env = repo, env
	iout, err := install.CombinedOutput()
	require.NoError(t, err, "%s", iout)

	// The bad file: a server without timeouts and a Deployment without a
	// readiness probe.
	write(t, repo, "server.go", "package main\n\nimport \"net/http\"\n\nfunc serve() error { return http.ListenAndServe(\":8080\", nil) }\n")
	mustGit("add", "server.go")
	out, err := git("commit", "-m", "add server")
	require.Error(t, err, "the commit must be refused:\n%s", out)
	require.Contains(t, out, "go/http-server-timeout")
	require.Contains(t, out, "server.go:5")
	require.NotContains(t, out, "main.go", "findings only in the passed files")

	// The good file.
	write(t, repo, "server.go", `package main

import (
	"net/http"
	"time"
)

func serve() error {
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
	return srv.ListenAndServe()
}
`)
	mustGit("add", "server.go")
	out, err = git("commit", "-m", "add server with timeouts")
	require.NoError(t, err, "the fixed file must pass:\n%s", out)
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
}

func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
	require.NoError(t, err)
	return string(out)
}
