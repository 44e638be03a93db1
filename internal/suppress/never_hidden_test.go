package suppress

import (
	"reflect"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
)

// TestGovernanceFindingsAreNeverHidden: a baseline does not record expired
// waivers or suppressions of locked rules, a baseline that holds them does
// not hide them, and only-new mode keeps them though their lines are old.
func TestGovernanceFindingsAreNeverHidden(t *testing.T) {
	fs := []finding.Finding{
		{Rule: "go/unchecked-error", File: "main.go", Line: 14, Fingerprint: "a"},
		{Rule: RuleExpired, File: ".relcheck.yaml", Line: 3, Fingerprint: "b"},
		{Rule: RuleLocked, File: "main.go", Line: 20, Fingerprint: "c"},
		{Rule: RuleUnused, File: "main.go", Line: 30, Fingerprint: "d"},
	}
	b := NewBaseline(fs)
	var recorded []string
	for _, e := range b.Findings {
		recorded = append(recorded, e.Rule)
	}
	if want := []string{"go/unchecked-error", RuleUnused}; !reflect.DeepEqual(recorded, want) {
		t.Errorf("baseline records %q, want %q", recorded, want)
	}

	// A baseline written before this rule (or by hand) may hold them.
	old := &Baseline{Version: BaselineVersion}
	for _, f := range fs {
		old.Findings = append(old.Findings, BaselineEntry{Rule: f.Rule, File: f.File, Fingerprint: f.Fingerprint})
	}
	kept, hidden := old.Filter(fs)
	if got := brief(kept); hidden != 2 || !reflect.DeepEqual(got, []string{".relcheck.yaml:3 " + RuleExpired, "main.go:20 " + RuleLocked}) {
		t.Errorf("baseline kept %q, hid %d", got, hidden)
	}

	root := t.TempDir()
	for _, f := range []string{"main.go", ".relcheck.yaml"} {
		writeFile(t, root, f, "x\n")
	}
	c, err := ParseDiff(strings.NewReader("--- a/main.go\n+++ b/main.go\n@@ -1 +1 @@\n-y\n+x\n"))
	if err != nil {
		t.Fatal(err)
	}
	c.Root = root
	kept, hidden = c.OnlyNew(fs, root)
	if got := brief(kept); hidden != 2 || !reflect.DeepEqual(got, []string{".relcheck.yaml:3 " + RuleExpired, "main.go:20 " + RuleLocked}) {
		t.Errorf("only-new kept %q, hid %d", got, hidden)
	}
}
