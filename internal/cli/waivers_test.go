package cli_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/cli"
)

// waiverRun runs relcheck on a fixed day: waiver tests never read the
// wall clock.
func waiverRun(t *testing.T, today string, args ...string) (int, string, string) {
	t.Helper()
	now, err := time.Parse(time.DateOnly, today)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := cli.Main(args, cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" },
		Now: func() time.Time { return now.Add(18 * time.Hour) }})
	return code, out.String(), errb.String()
}

// waiverCheck runs a check with the JSON report on a fixed day and returns
// its findings as "file:line rule" and as they were reported.
func waiverCheck(t *testing.T, today string, wantCode int, args ...string) ([]string, supReport) {
	t.Helper()
	code, out, errs := waiverRun(t, today, append([]string{"check", "--format", "json"}, args...)...)
	if code != wantCode {
		t.Fatalf("relcheck %v on %s exited %d, want %d\nstdout:\n%s\nstderr:\n%s", args, today, code, wantCode, out, errs)
	}
	var r supReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("JSON report: %v\n%s", err, out)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.File+":"+strconv.Itoa(f.Line)+" "+f.Rule)
	}
	return got, r
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// waiverRepo is a shop with a single-replica batch worker (namespace batch)
// and a single-replica web Deployment (namespace shop), and two files that
// drop os.Remove's error. The config waives the worker's replica count and
// main.go's dropped error, and nothing else.
func waiverRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	one := strings.Replace(supDeployment, "replicas: 2", "replicas: 1", 1)
	supWrite(t, dir, map[string]string{
		"go.mod":   supGoMod,
		"main.go":  "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.Remove(\"/tmp/shop.lock\")\n}\n",
		"clean.go": "package main\n\nimport \"os\"\n\nfunc clean() {\n\tos.Remove(\"/tmp/shop.cache\")\n}\n",
		"deploy/batch/worker.yaml": strings.NewReplacer("name: web", "name: worker", "app: web", "app: worker",
			"namespace: shop", "namespace: batch").Replace(one),
		"deploy/web/web.yaml": one,
		".relcheck.yaml": `fail-on: high
waivers:
  - rule: k8s/min-replicas
    paths: [deploy/batch/**]
    resource: Deployment/batch/*
    owner: team-batch@example.com
    reason: single-replica batch worker, the queue absorbs restarts
    expires: 2027-03-31
  - rule: go/unchecked-error
    paths: [main.go]
    owner: platform@example.com
    reason: a stale lock file is harmless
    expires: 2027-03-31
`,
	})
	return dir
}

func TestCheckActiveWaivers(t *testing.T) {
	t.Chdir(waiverRepo(t))
	got, _ := waiverCheck(t, "2027-03-31", cli.ExitFindings, ".")
	for _, hidden := range []string{"deploy/batch/worker.yaml:7 k8s/min-replicas", "main.go:6 go/unchecked-error"} {
		if contains(got, hidden) {
			t.Errorf("waived finding reported: %s", hidden)
		}
	}
	for _, kept := range []string{
		"deploy/web/web.yaml:7 k8s/min-replicas",          // not in the waiver's paths
		"deploy/batch/worker.yaml:17 k8s/readiness-probe", // another rule
		"clean.go:6 go/unchecked-error",                   // the same rule in another file
	} {
		if !contains(got, kept) {
			t.Errorf("a waiver hid %s:\n%s", kept, strings.Join(got, "\n"))
		}
	}
	for _, g := range got {
		if strings.Contains(g, "relcheck/") {
			t.Errorf("active, used waivers reported: %s", g)
		}
	}

	// Output stays byte-identical run to run.
	_, a, _ := waiverRun(t, "2027-03-31", "check", "--format", "sarif", "--only", "manifests", ".")
	_, b, _ := waiverRun(t, "2027-03-31", "check", "--format", "sarif", "--only", "manifests", ".")
	if a != b || a == "" {
		t.Errorf("SARIF reports differ between runs")
	}
}

func TestCheckExpiredWaiver(t *testing.T) {
	t.Chdir(waiverRepo(t))
	got, r := waiverCheck(t, "2027-04-01", cli.ExitFindings, "--only", "manifests", ".")
	for _, want := range []string{
		"deploy/batch/worker.yaml:7 k8s/min-replicas", // reported again
		".relcheck.yaml:3 relcheck/expired-waiver",
	} {
		if !contains(got, want) {
			t.Errorf("missing %s in\n%s", want, strings.Join(got, "\n"))
		}
	}
	if contains(got, ".relcheck.yaml:9 relcheck/expired-waiver") {
		t.Errorf("the Go waiver was judged though the Go engine was skipped")
	}
	for _, f := range r.Findings {
		if f.Rule == "relcheck/expired-waiver" {
			want := "waiver for k8s/min-replicas owned by team-batch@example.com expired after 2027-03-31; its findings are reported again"
			if f.Message != want || f.Fingerprint == "" {
				t.Errorf("expired waiver: message %q, fingerprint %q; want %q", f.Message, f.Fingerprint, want)
			}
		}
	}

	code, out, _ := waiverRun(t, "2027-04-01", "check", "--no-color", "--only", "manifests", ".")
	if code != cli.ExitFindings || !strings.Contains(out, ".relcheck.yaml:3:5: medium relcheck/expired-waiver waiver for k8s/min-replicas owned by team-batch@example.com expired after 2027-03-31") {
		t.Errorf("text report (exit %d):\n%s", code, out)
	}
	// Medium: an expired waiver fails a run at --fail-on medium, as any
	// medium finding does, and its severity can be raised in the config.
	if code, _, _ := waiverRun(t, "2027-04-01", "check", "--fail-on", "medium", "--only", "manifests", "deploy/batch/worker.yaml", ".relcheck.yaml"); code != cli.ExitFindings {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestCheckUnusedWaiver(t *testing.T) {
	dir := waiverRepo(t)
	// The worker got a second replica: the waiver has nothing left to hide.
	supWrite(t, dir, map[string]string{"deploy/batch/worker.yaml": strings.NewReplacer("name: web", "name: worker", "app: web", "app: worker",
		"namespace: shop", "namespace: batch").Replace(supDeployment)})
	t.Chdir(dir)
	got, r := waiverCheck(t, "2027-01-01", cli.ExitFindings, "--only", "manifests", ".")
	var unused []string
	for _, f := range r.Findings {
		if f.Rule == "relcheck/unused-suppression" {
			unused = append(unused, f.File+":"+strconv.Itoa(f.Line)+" "+f.Message)
		}
	}
	want := []string{".relcheck.yaml:3 waiver for k8s/min-replicas owned by team-batch@example.com matches no finding in deploy/batch/** for Deployment/batch/*; remove it"}
	if !reflect.DeepEqual(unused, want) {
		t.Errorf("unused waivers:\n got %q\nwant %q\nall: %q", unused, want, got)
	}

	// Pre-commit passes the staged files only: a waiver of files that were
	// not checked is not unused.
	got, _ = waiverCheck(t, "2027-01-01", cli.ExitFindings, "--only", "manifests", "deploy/web/web.yaml")
	for _, g := range got {
		if strings.HasPrefix(g, ".relcheck.yaml") {
			t.Errorf("waiver of unchecked files reported: %s", g)
		}
	}
	got, _ = waiverCheck(t, "2027-01-01", cli.ExitFindings, "--only", "manifests", "deploy/batch/worker.yaml")
	if !contains(got, ".relcheck.yaml:3 relcheck/unused-suppression") {
		t.Errorf("with the worker staged the waiver is unused; got\n%s", strings.Join(got, "\n"))
	}
}

func TestCheckWaiverConfigErrors(t *testing.T) {
	const head = "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n"
	for name, tt := range map[string]struct{ cfg, want string }{
		"missing owner": {head + "    reason: batch worker\n    expires: 2027-03-31\n",
			".relcheck.yaml:2: waiver for k8s/min-replicas: owner is required"},
		"missing expires": {head + "    owner: team-batch\n    reason: batch worker\n",
			".relcheck.yaml:2: waiver for k8s/min-replicas: expires is required (YYYY-MM-DD)"},
		"bad date": {head + "    owner: team-batch\n    reason: batch worker\n    expires: 2027-31-03\n",
			`.relcheck.yaml:6: waiver for k8s/min-replicas: expires: "2027-31-03" is not a date as YYYY-MM-DD`},
		// The CLI checks ids against the catalog with the user's policies.
		"unknown rule": {"waivers:\n  - owner: team-batch\n    rule: k8s/min-replica\n    paths: [deploy/**]\n    reason: batch worker\n    expires: 2027-03-31\n",
			`.relcheck.yaml:3: waiver: unknown rule "k8s/min-replica" (see ` + "`relcheck rules`)"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			supWrite(t, dir, map[string]string{".relcheck.yaml": tt.cfg, "deploy/web.yaml": supDeployment})
			code, _, errs := waiverRun(t, "2027-01-01", "check", dir)
			if code != cli.ExitUsage || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line with %q", code, errs, tt.want)
			}
		})
	}
}

// Two weeks before a waiver ends, every run says so on standard error, so
// its owner can fix or renew it before CI starts failing; the findings and
// the exit code do not change.
func TestWaiverEndingSoonIsAnnounced(t *testing.T) {
	dir := t.TempDir()
	supWrite(t, dir, map[string]string{
		".relcheck.yaml":  "fail-on: critical\nwaivers:\n  - rule: k8s/pod-spread\n    paths: [deploy/**]\n    owner: team-batch\n    reason: batch worker\n    expires: 2027-03-31\n",
		"deploy/web.yaml": supDeployment,
	})
	t.Chdir(dir)
	for day, want := range map[string]string{
		"2027-03-16": "",
		"2027-03-17": "in 15 days",
		"2027-03-30": "after tomorrow",
		"2027-03-31": "after today",
		"2027-04-01": "",
	} {
		code, out, errs := waiverRun(t, day, "check", "--only", "manifests", ".")
		require.Equal(t, 0, code, day)
		if want == "" {
			require.NotContains(t, errs, "ends", day)
			continue
		}
		require.Contains(t, errs, "relcheck: .relcheck.yaml:3: waiver for k8s/pod-spread owned by team-batch ends "+want+" (expires 2027-03-31); fix its findings or renew it\n", day)
		require.NotContains(t, out, "k8s/pod-spread", "still waived on %s", day)
	}
	_, _, errs := waiverRun(t, "2027-03-30", "check", "-q", "--only", "manifests", ".")
	require.NotContains(t, errs, "ends", "-q keeps quiet")
}
