package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVetCacheKeepsFindingsOfDependencies runs the real binary with the go
// vet driver twice over one cache: first on a package that imports
// another, then on the imported package itself. go vet's cache does not
// tell a dependency's facts-only run from a full one, and the second run
// used to replay the first one's empty output (0 findings instead of 1).
// The first run must not report the dependency's finding either.
func TestVetCacheKeepsFindingsOfDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relcheck")
	}
	bin := filepath.Join(t.TempDir(), "relcheck")
	build := exec.Command("go", "build", "-o", bin, "./cmd/relcheck")
	build.Dir = repoRoot(t)
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	mod := t.TempDir()
	write(t, mod, "go.mod", "module example.com/vc\n\ngo 1.22\n")
	write(t, mod, "store/store.go", "package store\n\nimport \"os\"\n\n// Reset drops the journal.\nfunc Reset() { os.Remove(\"journal\") }\n")
	write(t, mod, "api/api.go", "package api\n\nimport \"example.com/vc/store\"\n\n// Handle resets the store.\nfunc Handle() { store.Reset() }\n")
	run := func(pkg string) string {
		cmd := exec.Command(bin, "check", "--no-color", "--fail-on", "critical", pkg)
		// A cache of its own: the bug needs the first run's entry, and a
		// shared cache might hold a full run from an earlier test.
		cmd.Dir, cmd.Env = mod, append(os.Environ(), "GOCACHE="+filepath.Join(mod, ".cache"), "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		return string(out)
	}
	first := run("./api")
	require.Contains(t, first, "no findings", "api itself is clean; store's finding is not api's")
	second := run("./store")
	require.Contains(t, second, "store/store.go:6:16: high go/unchecked-error")
}
