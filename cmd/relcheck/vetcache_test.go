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
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	stdout, stderr, code := run(t, exe, dir, "check", "--only", "go", "--fail-on", "low", ".")
	require.Equal(t, 0, code, "excluded: %s%s", stdout, stderr)
	require.NotContains(t, stdout, "go/unchecked-error")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "errcheck-excludes.txt"), []byte("os.Unsetenv\n"), 0o644))
	stdout, stderr, code = run(t, exe, dir, "check", "--only", "go", "--fail-on", "low", ".")
	require.Equal(t, 1, code, "%s%s", stdout, stderr)
	require.Contains(t, stdout, "main.go:6:2")
	require.Contains(t, stdout, "go/unchecked-error")
}
