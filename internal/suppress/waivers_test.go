package suppress

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/finding"
)

// day is a fixed "today" for waivers: tests never read the wall clock.
func day(s string) time.Time {
	t, err := time.Parse(config.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t.Add(13 * time.Hour) // any time of the day counts as that day
}

// waiverConfig is a config file at dir/.relcheck.yaml holding ws.
func waiverConfig(dir string, ws ...config.Waiver) *config.Config {
	c := config.Default(dir)
	c.File = filepath.Join(dir, ".relcheck.yaml")
	c.Waivers = ws
	return c
}

var batchWaiver = config.Waiver{
	Rule: "k8s/min-replicas", Paths: []string{"deploy/batch/**"}, Resource: "Deployment/batch/*",
	Owner: "team-batch@example.com", Reason: "single-replica batch worker", Expires: "2027-03-31", Line: 3, Col: 5,
}

// touch creates empty files at display paths under dir: waivers whose
// paths name nothing on disk are reported as unused.
func touch(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// files makes absolute paths of display paths under dir.
func files(dir string, names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, filepath.Join(dir, filepath.FromSlash(n)))
	}
	return out
}

func TestWaiverHidesOnlyItsRulePathsAndResource(t *testing.T) {
	dir := t.TempDir()
	dirWaiver := config.Waiver{Rule: "tf/aws-rds-multi-az", Paths: []string{"infra/staging"}, Owner: "dba", Reason: "rebuilt nightly",
		Expires: "2027-03-31", Line: 9, Col: 5}
	in := Input{
		Findings: []finding.Finding{
			{Rule: "k8s/min-replicas", File: "deploy/batch/worker.yaml", Line: 7, Resource: "Deployment/batch/worker"},
			{Rule: "k8s/min-replicas", File: "deploy/batch/nested/report.yaml", Line: 7, Resource: "Deployment/batch/report"},
			{Rule: "k8s/min-replicas", File: "deploy/batch/worker.yaml", Line: 30, Resource: "Deployment/shop/worker"}, // another namespace
			{Rule: "k8s/readiness-probe", File: "deploy/batch/worker.yaml", Line: 17, Resource: "Deployment/batch/worker"},
			{Rule: "k8s/min-replicas", File: "deploy/web/web.yaml", Line: 7, Resource: "Deployment/batch/web"},
			{Rule: "k8s/min-replicas", File: "deploy/batchjobs/x.yaml", Line: 7, Resource: "Deployment/batch/x"},
			{Rule: "tf/aws-rds-multi-az", File: "infra/staging/main.tf", Line: 2, Resource: "aws_db_instance.staging"},
			{Rule: "tf/aws-rds-multi-az", File: "infra/prod/main.tf", Line: 2, Resource: "aws_db_instance.prod"},
		},
		Files:   files(dir, "deploy/batch/worker.yaml", "deploy/batch/nested/report.yaml", "deploy/web/web.yaml", "deploy/batchjobs/x.yaml", "infra/staging/main.tf", "infra/prod/main.tf"),
		Base:    dir,
		Catalog: testCatalog(t),
		Config:  waiverConfig(dir, batchWaiver, dirWaiver),
		Today:   day("2027-03-31"), // the expiry day itself is still covered
	}
	res := Apply(in)
	want := []string{
		"deploy/batch/worker.yaml:30 k8s/min-replicas",
		"deploy/batch/worker.yaml:17 k8s/readiness-probe",
		"deploy/web/web.yaml:7 k8s/min-replicas",
		"deploy/batchjobs/x.yaml:7 k8s/min-replicas",
		"infra/prod/main.tf:2 tf/aws-rds-multi-az",
	}
	if got := brief(res.Kept); !reflect.DeepEqual(got, want) {
		t.Errorf("kept:\n got %q\nwant %q", got, want)
	}
	if res.Suppressed != 3 {
		t.Errorf("Suppressed = %d, want 3", res.Suppressed)
	}
	if len(res.New) != 0 {
		t.Errorf("an active, used waiver was reported: %+v", res.New)
	}
}

func TestWaiverPathsAreRelativeToTheConfigFile(t *testing.T) {
	base := t.TempDir()
	cfg := waiverConfig(filepath.Join(base, "svc", "batch"), batchWaiver)
	in := Input{
		Findings: []finding.Finding{
			{Rule: "k8s/min-replicas", File: "svc/batch/deploy/batch/worker.yaml", Line: 7, Resource: "Deployment/batch/worker"},
			{Rule: "k8s/min-replicas", File: "deploy/batch/worker.yaml", Line: 7, Resource: "Deployment/batch/worker"},
		},
		Base: base, Catalog: testCatalog(t), Config: cfg, Today: day("2027-01-01"),
	}
	res := Apply(in)
	if got, want := brief(res.Kept), []string{"deploy/batch/worker.yaml:7 k8s/min-replicas"}; !reflect.DeepEqual(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
}

func TestExpiredWaiverHidesNothingAndIsReported(t *testing.T) {
	dir := t.TempDir()
	fs := func() []finding.Finding {
		return []finding.Finding{{Rule: "k8s/min-replicas", File: "deploy/batch/worker.yaml", Line: 7, Resource: "Deployment/batch/worker"}}
	}
	in := Input{
		Findings: fs(),
		Files:    files(dir, "deploy/batch/worker.yaml"),
		Base:     dir, Catalog: testCatalog(t), Config: waiverConfig(dir, batchWaiver),
		Today: day("2027-04-01"),
	}
	res := Apply(in)
	if got, want := brief(res.Kept), []string{"deploy/batch/worker.yaml:7 k8s/min-replicas"}; !reflect.DeepEqual(got, want) || res.Suppressed != 0 {
		t.Errorf("an expired waiver hid findings: kept %q, suppressed %d", got, res.Suppressed)
	}
	if len(res.New) != 1 {
		t.Fatalf("want one expired-waiver finding, got %+v", res.New)
	}
	f := res.New[0]
	want := finding.Finding{
		Rule: RuleExpired, Severity: finding.Medium, File: ".relcheck.yaml", Line: 3, Col: 5,
		Message: "waiver for k8s/min-replicas owned by team-batch@example.com expired after 2027-03-31; its findings are reported again",
	}
	if f.Rule != want.Rule || f.Severity != want.Severity || f.File != want.File || f.Line != want.Line || f.Col != want.Col || f.Message != want.Message {
		t.Errorf("expired waiver reported as\n%+v\nwant\n%+v", f, want)
	}
	if !strings.Contains(f.Fix, "renew") || f.Anchor == "" {
		t.Errorf("the finding has no fix or no anchor for its fingerprint: %+v", f)
	}

	// An expired waiver with no findings left is reported as expired, not
	// as unused.
	in.Findings = nil
	res = Apply(in)
	if got := brief(res.New); !reflect.DeepEqual(got, []string{".relcheck.yaml:3 relcheck/expired-waiver"}) {
		t.Errorf("expired waiver without findings: %q", got)
	}
}

func TestUnusedWaiver(t *testing.T) {
	dir := t.TempDir()
	touch(t, dir, "deploy/batch/worker.yaml")
	goWaiver := config.Waiver{Rule: "go/unchecked-error", Paths: []string{"**"}, Owner: "platform", Reason: "legacy",
		Expires: "2027-03-31", Line: 10, Col: 5}
	offWaiver := config.Waiver{Rule: "go/retry-no-jitter", Paths: []string{"**"}, Owner: "platform", Reason: "off by default",
		Expires: "2027-03-31", Line: 20, Col: 5}
	in := Input{
		// The worker got a second replica; nothing is left to waive.
		Findings: []finding.Finding{{Rule: "k8s/readiness-probe", File: "deploy/batch/worker.yaml", Line: 17, Resource: "Deployment/batch/worker"}},
		// No Go file was analyzed, so the Go waiver could not match.
		Files: files(dir, "deploy/batch/worker.yaml"),
		Base:  dir, Catalog: testCatalog(t), Config: waiverConfig(dir, batchWaiver, goWaiver, offWaiver),
		Today: day("2027-01-01"),
	}
	res := Apply(in)
	var got []string
	for _, f := range res.New {
		got = append(got, brief([]finding.Finding{f})[0]+" "+f.Severity.String()+" "+f.Message)
	}
	want := []string{".relcheck.yaml:3 relcheck/unused-suppression low waiver for k8s/min-replicas owned by team-batch@example.com matches no finding in deploy/batch/** for Deployment/batch/*; remove it"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unused waivers:\n got %q\nwant %q", got, want)
	}

	// With the manifest engine skipped, the rule did not run.
	in.NoManifests = true
	if res := Apply(in); len(res.New) != 0 {
		t.Errorf("waiver of a rule whose engine was skipped reported: %+v", res.New)
	}
	// Nor when the rule is disabled.
	in.NoManifests = false
	off := false
	in.Config.Rules["k8s/min-replicas"] = config.RuleConfig{Enabled: &off}
	if res := Apply(in); len(res.New) != 0 {
		t.Errorf("waiver of a disabled rule reported: %+v", res.New)
	}
}

// TestWaiverOfFilesNotCheckedIsNotJudged is the pre-commit case: the run
// reports findings only in the staged files, so a waiver for other files
// is neither unused nor, unless the config file itself is staged, expired.
func TestWaiverOfFilesNotCheckedIsNotJudged(t *testing.T) {
	dir := t.TempDir()
	touch(t, dir, "deploy/batch/worker.yaml")
	in := Input{
		Files: files(dir, "main.go", "deploy/web/web.yaml"),
		Base:  dir, Catalog: testCatalog(t), Config: waiverConfig(dir, batchWaiver),
		Today: day("2027-01-01"),
		Only:  map[string]bool{"deploy/web/web.yaml": true},
	}
	if res := Apply(in); len(res.New) != 0 {
		t.Errorf("waiver of files outside the run called unused: %+v", res.New)
	}
	// A full run over the same files does not check deploy/batch either.
	in.Only = nil
	if res := Apply(in); len(res.New) != 0 {
		t.Errorf("waiver whose paths hold no checked file called unused: %+v", res.New)
	}

	in.Only = map[string]bool{"deploy/web/web.yaml": true}
	in.Today = day("2027-06-01")
	if res := Apply(in); len(res.New) != 0 {
		t.Errorf("expired waiver of files outside a restricted run reported: %+v", res.New)
	}
	in.Only[".relcheck.yaml"] = true
	if got := brief(Apply(in).New); !reflect.DeepEqual(got, []string{".relcheck.yaml:3 relcheck/expired-waiver"}) {
		t.Errorf("with the config file staged: %q, want the expired waiver", got)
	}

	// A staged file in the waiver's paths makes it judged.
	in.Today = day("2027-01-01")
	in.Files = files(dir, "deploy/batch/worker.yaml")
	in.Only = map[string]bool{"deploy/batch/worker.yaml": true}
	if got := brief(Apply(in).New); !reflect.DeepEqual(got, []string{".relcheck.yaml:3 relcheck/unused-suppression"}) {
		t.Errorf("with a staged file in its paths: %q, want it unused", got)
	}
}

// TestWaiverAndInlineSuppressionOverlap: a finding both hide marks both as
// used, so neither is reported as unused.
func TestWaiverAndInlineSuppressionOverlap(t *testing.T) {
	dir := t.TempDir()
	yamlFile := writeFile(t, dir, "deploy/batch/worker.yaml", `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: batch
spec:
  replicas: 1 # relcheck:ignore k8s/min-replicas -- one replica by design
`)
	in := Input{
		Findings: []finding.Finding{{Rule: "k8s/min-replicas", File: "deploy/batch/worker.yaml", Line: 7, Resource: "Deployment/batch/worker"}},
		Files:    []string{yamlFile},
		Base:     dir, Catalog: testCatalog(t), Config: waiverConfig(dir, batchWaiver),
		Today: day("2027-01-01"),
	}
	res := Apply(in)
	if len(res.Kept) != 0 || res.Suppressed != 1 || len(res.New) != 0 {
		t.Errorf("kept %q, suppressed %d, new %q; want the finding hidden once and nothing unused", brief(res.Kept), res.Suppressed, brief(res.New))
	}
}

// A waiver whose paths name nothing on disk (the files were moved or
// deleted) is unused even though no run checks those files: otherwise it
// would wait in the config until it expires and then fail a build about
// code that is gone. A run on named files (pre-commit) does not judge it,
// and paths outside the config's directory are never judged this way.
func TestWaiverOfDeletedFilesIsUnused(t *testing.T) {
	dir := t.TempDir()
	touch(t, dir, "deploy/web/web.yaml", "infra/prod/main.tf")
	literal := config.Waiver{Rule: "tf/aws-rds-multi-az", Paths: []string{"infra/staging"}, Owner: "dba", Reason: "rebuilt nightly",
		Expires: "2027-03-31", Line: 9, Col: 5}
	present := config.Waiver{Rule: "tf/aws-rds-multi-az", Paths: []string{"infra/gone", "./infra/prod/"}, Owner: "dba", Reason: "x",
		Expires: "2027-03-31", Line: 15, Col: 5}
	outside := config.Waiver{Rule: "k8s/min-replicas", Paths: []string{"../shared/**"}, Owner: "o", Reason: "r",
		Expires: "2027-03-31", Line: 21, Col: 5}
	in := Input{
		Files: files(dir, "deploy/web/web.yaml"),
		Base:  dir, Catalog: testCatalog(t), Config: waiverConfig(dir, batchWaiver, literal, present, outside),
		Today: day("2027-01-01"),
	}
	var got []string
	for _, f := range Apply(in).New {
		got = append(got, brief([]finding.Finding{f})[0]+" "+f.Message)
	}
	want := []string{
		".relcheck.yaml:3 relcheck/unused-suppression waiver for k8s/min-replicas owned by team-batch@example.com matches no file or directory (deploy/batch/**); were they moved or deleted? remove it or fix its paths",
		".relcheck.yaml:9 relcheck/unused-suppression waiver for tf/aws-rds-multi-az owned by dba matches no file or directory (infra/staging); were they moved or deleted? remove it or fix its paths",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("waivers of deleted files:\n got %q\nwant %q", got, want)
	}

	// The files come back: the glob waiver is judged by the run again (no
	// checked file in its paths, so it is not reported).
	touch(t, dir, "deploy/batch/jobs/report.yaml", "infra/staging/main.tf")
	if res := Apply(in); len(res.New) != 0 {
		t.Errorf("waivers whose files exist again reported: %+v", res.New)
	}

	in.Only = map[string]bool{"deploy/web/web.yaml": true}
	in.Config = waiverConfig(dir, config.Waiver{Rule: "k8s/min-replicas", Paths: []string{"old/**"}, Owner: "o", Reason: "r", Expires: "2027-03-31", Line: 3, Col: 5})
	if res := Apply(in); len(res.New) != 0 {
		t.Errorf("a pre-commit run judged a waiver of other files: %+v", res.New)
	}
}
