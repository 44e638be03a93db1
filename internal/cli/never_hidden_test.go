package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/cli"
)

// TestGovernanceFindingsSurviveBaselineAndOnlyNew: an expired waiver is not
// recorded in a baseline, and neither a baseline nor --new-from-rev hides
// it: its line in .relcheck.yaml is as old as the waiver.
func TestGovernanceFindingsSurviveBaselineAndOnlyNew(t *testing.T) {
	dir := waiverRepo(t)
	t.Chdir(dir)
	code, _, errs := waiverRun(t, "2027-04-01", "baseline", "write", "--only", "manifests", "baseline.json", ".")
	if code != cli.ExitOK || !strings.Contains(errs, "1 findings about expired waivers or suppressions of locked rules were not recorded") {
		t.Fatalf("baseline write: exit %d, %q", code, errs)
	}
	data, err := os.ReadFile("baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	var b struct{ Findings []struct{ Rule string } }
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	for _, f := range b.Findings {
		if f.Rule == "relcheck/expired-waiver" {
			t.Errorf("the baseline records an expired waiver")
		}
	}
	if len(b.Findings) == 0 {
		t.Fatalf("empty baseline")
	}
	got, r := waiverCheck(t, "2027-04-01", cli.ExitOK, "--only", "manifests", "--baseline", "baseline.json", ".")
	if len(got) != 1 || got[0] != ".relcheck.yaml:3 relcheck/expired-waiver" || r.Summary.Hidden != len(b.Findings) {
		t.Errorf("with the baseline: %q, hidden %d; want the expired waiver only", got, r.Summary.Hidden)
	}

	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("git is required in CI: %v", err)
		}
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-q", "-m", "shop"}} {
		cmd := exec.Command("git", append([]string{"-c", "user.name=relcheck test", "-c", "user.email=test@relcheck.dev", "-c", "init.defaultBranch=main"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	got, _ = waiverCheck(t, "2027-04-01", cli.ExitOK, "--only", "manifests", "--new-from-rev", "HEAD", ".")
	if len(got) != 1 || got[0] != ".relcheck.yaml:3 relcheck/expired-waiver" {
		t.Errorf("only-new on an unchanged tree: %q; want the expired waiver only", got)
	}
}
