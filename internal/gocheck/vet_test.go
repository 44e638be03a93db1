package gocheck

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// Type errors name files relative to the module root, where go vet ran;
// relcheck reports them relative to the base, as findings are.
func TestRebaseErrorPath(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "svc")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "broken"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "broken", "b.go"), []byte("package broken\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "main.go"), []byte("package main\n"), 0o644))
	for in, want := range map[string]string{
		`broken/b.go:2:23: cannot use "s" as int value`: `svc/broken/b.go:2:23: cannot use "s" as int value`,
		`vet: ./main.go:1:1: expected declaration`:      `vet: svc/main.go:1:1: expected declaration`,
		`gone.go:3:1: undefined: x`:                     `gone.go:3:1: undefined: x`,
		`go: updates to go.mod needed; to update it:`:   `go: updates to go.mod needed; to update it:`,
	} {
		require.Equal(t, want, rebaseErrorPath(in, root, base), in)
	}
}

// go vet prints what the vet tool reports for dependencies too; only the
// packages the patterns name, in the target's own module, are kept.
func TestTargetFilter(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a", "b/c", "tools", "tools/gen"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	require.NoError(t, os.WriteFile(filepath.Join(root, "tools", "go.mod"), []byte("module tools\n"), 0o644))
	at := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	for _, c := range []struct {
		patterns []string
		in, out  []string
	}{
		{[]string{"./..."}, []string{"main.go", "a/a.go", "b/c/c.go"}, []string{"tools/t.go", "tools/gen/g.go", "../elsewhere/x.go"}},
		{[]string{"."}, []string{"main.go"}, []string{"a/a.go"}},
		{[]string{"./b"}, nil, []string{"b/c/c.go", "a/a.go", "main.go"}},
		{[]string{"./b/..."}, []string{"b/c/c.go"}, []string{"a/a.go"}},
		{[]string{"./a", "./b/c"}, []string{"a/a.go", "b/c/c.go"}, []string{"main.go"}},
	} {
		f := newTargetFilter(root, c.patterns)
		for _, in := range c.in {
			require.True(t, f.holds(at(in)), "%v should hold %s", c.patterns, in)
		}
		for _, out := range c.out {
			require.False(t, f.holds(at(out)), "%v should not hold %s", c.patterns, out)
		}
	}
}
