package main_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// go vet caches each package's result under a key of the tool's flags.
// An errcheck exclude file named in .relcheck.yaml changes the result
// without changing the config file, so its contents must reach the key:
// otherwise removing a function from it would keep hiding its findings.
func TestVetCacheSeesExcludeFileEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relcheck and runs go vet")
	}
	exe := buildRelcheck(t)
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":                "module example.com/vetcache\n\ngo 1.22\n",
		"main.go":               "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.Setenv(\"A\", \"b\")\n}\n",
		".relcheck.yaml":        "rules:\n  go/unchecked-error:\n    settings:\n      exclude-file: errcheck-excludes.txt\n",
		"errcheck-excludes.txt": "os.Setenv\n",
	}
	writeFiles(t, dir, files)
	stdout, stderr, code := run(t, exe, dir, "check", "--only", "go", "--fail-on", "low", ".")
	require.Equal(t, 0, code, "excluded: %s%s", stdout, stderr)
	require.NotContains(t, stdout, "go/unchecked-error")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "errcheck-excludes.txt"), []byte("os.Unsetenv\n"), 0o644))
	stdout, stderr, code = run(t, exe, dir, "check", "--only", "go", "--fail-on", "low", ".")
	require.Equal(t, 1, code, "%s%s", stdout, stderr)
	require.Contains(t, stdout, "main.go:6:2")
	require.Contains(t, stdout, "go/unchecked-error")
}

// go vet's cache key does not say whether a run was facts-only (a
// dependency) or full. A package first vetted as a dependency of another
// and then checked itself used to replay the facts-only run's empty output:
// no findings, where a fresh cache found one. The first check must not
// report the dependency's finding either.
func TestVetCacheKeepsFindingsOfDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relcheck and runs go vet")
	}
	exe := buildRelcheck(t)
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":         "module example.com/vc\n\ngo 1.22\n",
		"store/store.go": "package store\n\nimport \"os\"\n\n// Reset drops the journal.\nfunc Reset() { os.Remove(\"journal\") }\n",
		"api/api.go":     "package api\n\nimport \"example.com/vc/store\"\n\n// Handle resets the store.\nfunc Handle() { store.Reset() }\n",
	}
	writeFiles(t, dir, files)
	// A cache of its own: the bug needs the first run's entry, and a shared
	// cache might hold a full run of store from an earlier test.
	t.Setenv("GOCACHE", t.TempDir())
	stdout, stderr, code := run(t, exe, dir, "check", "--fail-on", "critical", "./api")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, "no findings", "api itself is clean; store's finding is not api's")
	stdout, stderr, code = run(t, exe, dir, "check", "--fail-on", "critical", "./store")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, "store/store.go:6:16: high go/unchecked-error")
}

// A module replaced by a directory (replace example.com/b => ../b) has a
// version in go vet's config (the required v0.0.0), yet it is the user's
// code: checking the module that imports it, then the replaced module
// itself, must keep the latter's finding, and the former must not report
// it.
func TestVetCacheKeepsFindingsOfReplacedModules(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relcheck and runs go vet")
	}
	exe := buildRelcheck(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b/go.mod": "module example.com/b\n\ngo 1.22\n",
		"b/b.go":   "package b\n\nimport \"os\"\n\n// Reset drops the journal.\nfunc Reset() { os.Remove(\"journal\") }\n",
		"a/go.mod": "module example.com/a\n\ngo 1.22\n\nrequire example.com/b v0.0.0\n\nreplace example.com/b => ../b\n",
		"a/a.go":   "package a\n\nimport \"example.com/b\"\n\n// Handle resets the store.\nfunc Handle() { b.Reset() }\n",
	})
	t.Setenv("GOCACHE", t.TempDir())
	t.Setenv("GOFLAGS", "-mod=mod")
	stdout, stderr, code := run(t, exe, dir, "check", "--fail-on", "critical", "./a")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, "no findings", "b's finding is not a's")
	stdout, stderr, code = run(t, exe, dir, "check", "--fail-on", "critical", "./b")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, "b/b.go:6:16: high go/unchecked-error")
}

// writeFiles writes a small module: file names are relative to dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
}
