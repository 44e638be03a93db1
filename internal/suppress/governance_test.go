package suppress

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/finding"
)

// lockedConfig is a team config at dir/.relcheck.yaml whose shared config
// at dir/platform/relcheck.yaml locks the given rules at line 4.
func lockedConfig(dir string, ids ...string) *config.Config {
	c := config.Default(dir)
	c.File = filepath.Join(dir, ".relcheck.yaml")
	for _, id := range ids {
		c.Locks = append(c.Locks, config.Lock{Pattern: id, File: filepath.Join(dir, "platform", "relcheck.yaml"), Line: 4, Col: 5})
	}
	return c
}

func TestLockedRuleSuppression(t *testing.T) {
	dir := t.TempDir()
	goFile := writeFile(t, dir, "main.go", `package main

import "net/http"

func main() {
	//relcheck:ignore go/unchecked-error,go/http-server-timeout -- behind a proxy; errors are logged by it
	http.ListenAndServe(":8080", nil)
	//relcheck:ignore go/unchecked-error -- nothing to hide here, and locked anyway
	_ = 1
	//relcheck:ignore go/unchecked-error
	_ = 2
}
`)
	in := Input{
		Findings: []finding.Finding{
			{Rule: "go/http-server-timeout", File: "main.go", Line: 7},
			{Rule: "go/unchecked-error", File: "main.go", Line: 7},
			{Rule: "k8s/readiness-probe", File: "deploy/worker.yaml", Line: 20, Resource: "Deployment/shop/worker"},
			{Rule: "k8s/min-replicas", File: "deploy/worker.yaml", Line: 9, Resource: "Deployment/shop/worker"},
		},
		Files: []string{goFile},
		Annotations: []Annotation{{File: "deploy/worker.yaml", Resource: "Deployment/shop/worker", Line: 6, Col: 5,
			Value: "k8s/readiness-probe -- no traffic; k8s/min-replicas -- batch worker"}},
		Base:    dir,
		Catalog: testCatalog(t),
		Config:  lockedConfig(dir, "go/unchecked-error", "k8s/readiness-*"),
	}
	res := Apply(in)
	// The locked rules' findings stay; the unlocked ones in the same
	// directives are suppressed as usual.
	if got, want := brief(res.Kept), []string{"main.go:7 go/unchecked-error", "deploy/worker.yaml:20 k8s/readiness-probe"}; !reflect.DeepEqual(got, want) {
		t.Errorf("kept = %q, want %q", got, want)
	}
	if res.Suppressed != 2 {
		t.Errorf("Suppressed = %d, want 2", res.Suppressed)
	}
	finding.Sort(res.New)
	var got []string
	for _, f := range res.New {
		got = append(got, brief([]finding.Finding{f})[0]+" "+f.Severity.String()+" "+f.Message)
	}
	want := []string{
		"deploy/worker.yaml:6 relcheck/locked-rule-suppression medium suppression of k8s/readiness-probe hides nothing: the rule is locked by platform/relcheck.yaml:4; fix the finding, or ask the owners of that file for a waiver there",
		"main.go:6 relcheck/locked-rule-suppression medium suppression of go/unchecked-error hides nothing: the rule is locked by platform/relcheck.yaml:4; fix the finding, or ask the owners of that file for a waiver there",
		// Reported as locked, not as unused, though it matches no finding.
		"main.go:8 relcheck/locked-rule-suppression medium suppression of go/unchecked-error hides nothing: the rule is locked by platform/relcheck.yaml:4; fix the finding, or ask the owners of that file for a waiver there",
		// No reason is still the first thing to say.
		"main.go:10 relcheck/suppression-reason medium suppression of go/unchecked-error has no reason, so it suppresses nothing; write the reason after \" -- \"",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("new findings:\n got %q\nwant %q", got, want)
	}

	// Without the lock the same input suppresses both.
	in.Findings = in.Findings[:0]
	in.Findings = append(in.Findings,
		finding.Finding{Rule: "go/unchecked-error", File: "main.go", Line: 7},
		finding.Finding{Rule: "k8s/readiness-probe", File: "deploy/worker.yaml", Line: 20, Resource: "Deployment/shop/worker"})
	in.Config = lockedConfig(dir)
	if res := Apply(in); len(res.Kept) != 0 || res.Suppressed != 2 {
		t.Errorf("unlocked: kept %q, suppressed %d", brief(res.Kept), res.Suppressed)
	}
}

func TestWaiverInExtendedFile(t *testing.T) {
	dir := t.TempDir()
	w := batchWaiver
	w.File = filepath.Join(dir, "platform", "relcheck.yaml")
	in := Input{
		Findings: []finding.Finding{{Rule: "k8s/min-replicas", File: "deploy/batch/worker.yaml", Line: 7, Resource: "Deployment/batch/worker"}},
		Files:    files(dir, "deploy/batch/worker.yaml"),
		Base:     dir,
		Catalog:  testCatalog(t),
		Config:   waiverConfig(dir, w),
		Today:    day("2027-04-01"),
	}
	if got, want := brief(Apply(in).New), []string{"platform/relcheck.yaml:3 relcheck/expired-waiver"}; !reflect.DeepEqual(got, want) {
		t.Errorf("expired waiver of a shared config: %q, want %q", got, want)
	}
	// Staging only the team's own config does not judge the shared file's
	// waivers; staging the shared file does.
	in.Findings = nil
	in.Only = map[string]bool{".relcheck.yaml": true}
	if got := Apply(in).New; len(got) != 0 {
		t.Errorf("judged a shared waiver when only .relcheck.yaml was named: %q", brief(got))
	}
	in.Only = map[string]bool{"platform/relcheck.yaml": true}
	if got := brief(Apply(in).New); len(got) != 1 {
		t.Errorf("naming the shared file: %q", got)
	}
}
