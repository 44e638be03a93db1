package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/rules"
)

var update = flag.Bool("update", false, "regenerate README's rule table and docs/rules.md")

const begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"

// TestDocsFresh fails when the README's rules table or docs/rules.md no
// longer match the catalog, so documentation cannot drift from the rules.
func TestDocsFresh(t *testing.T) {
	cat, err := rules.Builtin()
	require.NoError(t, err)

	readme := filepath.Join("..", "README.md")
	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	s := string(data)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	require.True(t, i >= 0 && j > i, "README.md must hold the rules table between %q and %q", begin, end)
	fresh := s[:i+len(begin)] + rules.MarkdownTable(cat) + s[j:]

	ref := filepath.Join("..", "docs", "rules.md")
	if *update {
		require.NoError(t, os.WriteFile(readme, []byte(fresh), 0o644))
		require.NoError(t, os.WriteFile(ref, []byte(rules.MarkdownReference(cat)), 0o644))
		return
	}
	sameOrStale(t, "README.md", fresh, s)
	got, err := os.ReadFile(ref)
	require.NoError(t, err)
	sameOrStale(t, "docs/rules.md", rules.MarkdownReference(cat), string(got))
}

// sameOrStale reports the first differing line rather than both documents.
func sameOrStale(t *testing.T, name, want, got string) {
	t.Helper()
	if want == got {
		return
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			t.Fatalf("%s is stale (run go test ./rules -update); line %d:\n have: %s\n want: %s", name, i+1, gl, wl)
		}
	}
}

func TestCatalogComplete(t *testing.T) {
	cat, err := rules.Builtin()
	require.NoError(t, err)
	domains := map[string]int{}
	for _, r := range cat.All() {
		domains[r.Domain()]++
		require.NotEmpty(t, r.Title, r.ID)
		require.NotEmpty(t, r.Rationale, "%s has no rationale", r.ID)
		require.NotEmpty(t, r.Fix, "%s has no fix", r.ID)
		require.NotZero(t, r.Severity, r.ID)
	}
	for _, d := range []string{"go", "k8s", "tf", "compose", "relcheck"} {
		require.NotZero(t, domains[d], "no %s rules in the catalog", d)
	}
	// The first rules of each engine, which the demo exercises.
	for _, id := range []string{"go/http-client-timeout", "k8s/readiness-probe", "tf/aws-rds-multi-az"} {
		require.True(t, cat.Known(id), id)
	}
}
