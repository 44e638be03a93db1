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
