package cli_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/cli"
)

// relcheck policy test --strict holds a team's policies to the standard the
// built-in library is held to (opa check --strict); without it the same
// sloppy policy still runs its tests.
func TestPolicyTestStrict(t *testing.T) {
	dir := t.TempDir()
	supWrite(t, dir, map[string]string{
		"policy/owner.rego":      ownerPolicy + "\nunused_helper(x) := y if {\n\ty := 1\n}\n\nsloppy if {\n\tkind := input.kind\n\ttrue\n}\n",
		"policy/owner_test.rego": ownerPolicyTest,
	})
	t.Chdir(dir)
	r := relcheck(t, "", "policy", "test", "policy")
	require.Equal(t, 0, r.code, r.stdout+r.stderr)
	require.Contains(t, r.stdout, "2 passed, 0 failed")

	r = relcheck(t, "", "policy", "test", "--strict", "policy")
	require.Equal(t, cli.ExitUsage, r.code, r.stdout)
	require.Contains(t, r.stderr, filepath.ToSlash("policy/owner.rego")+":")
	require.Contains(t, r.stderr, "var kind unused")
}
