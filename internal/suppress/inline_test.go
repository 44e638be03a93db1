package suppress

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/manifest"
	"github.com/relcheck/relcheck/rules"
)

func testCatalog(t *testing.T) *rules.Catalog {
	t.Helper()
	cat, err := rules.New([]rules.Rule{
		{ID: "go/http-server-timeout", Severity: finding.High, Engine: "go"},
		{ID: "go/unchecked-error", Severity: finding.High, Engine: "go"},
		{ID: "go/retry-no-jitter", Severity: finding.Low, Engine: "go", DefaultOff: true},
		{ID: "k8s/min-replicas", Severity: finding.Medium, Engine: "rego"},
		{ID: "k8s/readiness-probe", Severity: finding.High, Engine: "rego"},
		{ID: "tf/aws-rds-multi-az", Severity: finding.High, Engine: "rego"},
	}, rules.Own)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestParseDirective(t *testing.T) {
	tests := []struct {
		in     string
		ids    []string
		reason string
	}{
		{" go/unchecked-error -- flushed by caller", []string{"go/unchecked-error"}, "flushed by caller"},
		{" go/a,go/b -- two at once", []string{"go/a", "go/b"}, "two at once"},
		{" go/a, go/b --reason", []string{"go/a", "go/b"}, "reason"},
		{" go/a", []string{"go/a"}, ""},
		{" go/a --   ", []string{"go/a"}, ""},
		{" -- only a reason", nil, "only a reason"},
		{"k8s/min-replicas -- batch worker, one replica by design", []string{"k8s/min-replicas"}, "batch worker, one replica by design"},
		{" go/a -- a reason -- with dashes", []string{"go/a"}, "a reason -- with dashes"},
	}
	for _, tt := range tests {
		ids, reason := parseDirective(tt.in)
		if !reflect.DeepEqual(ids, tt.ids) || reason != tt.reason {
			t.Errorf("parseDirective(%q) = %q, %q; want %q, %q", tt.in, ids, reason, tt.ids, tt.reason)
		}
	}
}

// span is what a directive covers, for comparing scan results.
type span struct {
	Line, From, To int
	IDs            string
	Reason         string
	Scope          string
}

func spans(ds []*directive) []span {
	var out []span
	for _, d := range ds {
		out = append(out, span{d.line, d.from, d.to, strings.Join(d.ids, ","), d.reason, d.scope})
	}
	return out
}

func TestScanGo(t *testing.T) {
	src := `package p

import "net/http"

func a() {
	//relcheck:ignore go/http-server-timeout -- behind the proxy's timeouts
	http.ListenAndServe(":8080", nil)
	http.ListenAndServe(":8081", nil) //relcheck:ignore go/http-server-timeout,go/unchecked-error -- dev only
	// relcheck:ignore go/unchecked-error -- a space after the slashes is fine
	// and a second comment line does not break it
	_ = 1
}

// b starts the debug server.
//
//relcheck:ignore go/http-server-timeout -- debug server on localhost
func b() {
	http.ListenAndServe("localhost:6060", nil)
}

func c() { //relcheck:ignore go/unchecked-error -- whole function, trailing on its line
	f()
}

func d() {
	s := "//relcheck:ignore go/unchecked-error -- in a string, not a comment"
	// mentions relcheck:ignore in prose, which is not a directive
	/* relcheck:ignore go/unchecked-error */
	_ = s
}
`
	got := spans(scanGo("p.go", []byte(src)))
	want := []span{
		{6, 6, 7, "go/http-server-timeout", "behind the proxy's timeouts", ""},
		{8, 8, 8, "go/http-server-timeout,go/unchecked-error", "dev only", ""},
		{9, 9, 11, "go/unchecked-error", "a space after the slashes is fine", ""},
		{16, 17, 19, "go/http-server-timeout", "debug server on localhost", "function"},
		{21, 21, 23, "go/unchecked-error", "whole function, trailing on its line", "function"},
		{28, 28, 29, "go/unchecked-error", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scanGo:\n got %+v\nwant %+v", got, want)
	}
}

func TestScanHash(t *testing.T) {
	yamlSrc := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # relcheck:ignore k8s/min-replicas -- trailing covers its own line
spec:
  template:
    spec:
      containers:
        # relcheck:ignore k8s/readiness-probe -- worker without traffic
        # (kept for the rollout)
        - name: web
          args: ["--flag # relcheck:ignore k8s/x -- inside quotes"]
          command: 'echo # relcheck:ignore k8s/y -- in single quotes'
#relcheck:ignore k8s/min-replicas
`
	got := spans(scanHash("web.yaml", []byte(yamlSrc), []string{"#"}))
	want := []span{
		{4, 4, 4, "k8s/min-replicas", "trailing covers its own line", ""},
		{9, 9, 11, "k8s/readiness-probe", "worker without traffic", ""},
		{14, 14, 15, "k8s/min-replicas", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("yaml:\n got %+v\nwant %+v", got, want)
	}

	hcl := `# relcheck:ignore tf/aws-rds-multi-az -- dev database, rebuilt nightly
resource "aws_db_instance" "dev" {
  engine = "postgres" // relcheck:ignore tf/aws-rds-multi-az -- slash comments work too
  name   = "a#relcheck:ignore"
}
`
	got = spans(scanHash("main.tf", []byte(hcl), []string{"#", "//"}))
	want = []span{
		{1, 1, 2, "tf/aws-rds-multi-az", "dev database, rebuilt nightly", ""},
		{3, 3, 3, "tf/aws-rds-multi-az", "slash comments work too", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hcl:\n got %+v\nwant %+v", got, want)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// brief renders findings as "file:line rule" for comparisons.
func brief(fs []finding.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.File+":"+strconv.Itoa(f.Line)+" "+f.Rule)
	}
	return out
}

func TestInline(t *testing.T) {
	dir := t.TempDir()
	goFile := writeFile(t, dir, "main.go", `package main

import "net/http"

func main() {
	//relcheck:ignore go/http-server-timeout -- behind a proxy that enforces timeouts
	http.ListenAndServe(":8080", nil)
	http.ListenAndServe(":8081", nil) //relcheck:ignore go/http-server-timeout
	//relcheck:ignore go/unchecked-error -- nothing here to suppress
	_ = 1
	//relcheck:ignore go/no-such-rule -- typo in the id
	_ = 2
	//relcheck:ignore go/retry-no-jitter -- the rule is off, so this is not unused
	_ = 3
	//relcheck:ignore relcheck/suppression-reason -- trying to excuse itself
	_ = 4
}
`)
	yamlFile := writeFile(t, dir, "deploy/web.yaml", `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        # relcheck:ignore k8s/readiness-probe -- worker, takes no traffic
        - name: web
`)
	in := Input{
		Findings: []finding.Finding{
			{Rule: "go/http-server-timeout", File: "main.go", Line: 7},
			{Rule: "go/unchecked-error", File: "main.go", Line: 7},
			{Rule: "go/http-server-timeout", File: "main.go", Line: 8},
			{Rule: "k8s/readiness-probe", File: "deploy/web.yaml", Line: 10, Resource: "Deployment/web"},
			{Rule: "k8s/min-replicas", File: "deploy/web.yaml", Line: 5, Resource: "Deployment/web"},
		},
		Files:   []string{goFile, yamlFile},
		Base:    dir,
		Catalog: testCatalog(t),
		Config:  config.Default(dir),
	}
	res := Apply(in)
	if res.Suppressed != 2 {
		t.Errorf("Suppressed = %d, want 2", res.Suppressed)
	}
	gotKept := brief(res.Kept)
	wantKept := []string{"main.go:7 go/unchecked-error", "main.go:8 go/http-server-timeout", "deploy/web.yaml:5 k8s/min-replicas"}
	if !reflect.DeepEqual(gotKept, wantKept) {
		t.Errorf("kept = %q, want %q", gotKept, wantKept)
	}
	finding.Sort(res.New)
	var gotNew []string
	for _, f := range res.New {
		gotNew = append(gotNew, f.File+" "+f.Rule+" "+f.Severity.String()+" "+f.Message)
	}
	wantNew := []string{
		"main.go relcheck/suppression-reason medium suppression of go/http-server-timeout has no reason, so it suppresses nothing; write the reason after \" -- \"",
		"main.go relcheck/unused-suppression low suppression of go/unchecked-error matches no finding on this line or the next; remove it",
		"main.go relcheck/unused-suppression low suppression names unknown rule id \"go/no-such-rule\" (see `relcheck rules`)",
		"main.go relcheck/unused-suppression low relcheck/suppression-reason findings cannot be suppressed inline; disable the rule in .relcheck.yaml instead",
	}
	if !reflect.DeepEqual(gotNew, wantNew) {
		t.Errorf("new findings:\n got %q\nwant %q", gotNew, wantNew)
	}
	lines := []int{}
	for _, f := range res.New {
		lines = append(lines, f.Line)
	}
	if !reflect.DeepEqual(lines, []int{8, 9, 11, 15}) {
		t.Errorf("lines of new findings = %v, want [8 9 11 15]", lines)
	}
}

func TestInlineSkippedEngine(t *testing.T) {
	dir := t.TempDir()
	goFile := writeFile(t, dir, "main.go", "package main\n\nfunc main() {\n\t//relcheck:ignore go/unchecked-error -- engine skipped with --only\n\t_ = 1\n}\n")
	res := Apply(Input{Files: []string{goFile}, Base: dir, Catalog: testCatalog(t), Config: config.Default(dir), NoGo: true})
	if len(res.New) != 0 {
		t.Errorf("a suppression of a rule whose engine did not run was reported: %+v", res.New)
	}
}

func TestInlineFileExcludedByBuild(t *testing.T) {
	dir := t.TempDir()
	goFile := writeFile(t, dir, "tools.go", "//go:build never\n\npackage main\n\n//relcheck:ignore go/unchecked-error -- not built, not analyzed\nvar _ = 1\n")
	res := Apply(Input{Files: []string{goFile}, Base: dir, Catalog: testCatalog(t), Config: config.Default(dir)})
	if len(res.New) != 0 {
		t.Errorf("a suppression in a file the build excludes was reported: %+v", res.New)
	}
}

func TestAnnotationDirectives(t *testing.T) {
	a := Annotation{File: "deploy/worker.yaml", Resource: "Deployment/shop/worker", Line: 6, Col: 5,
		Value: "k8s/min-replicas -- batch worker, one replica by design; k8s/readiness-probe\nk8s/nope -- typo"}
	in := Input{
		Findings: []finding.Finding{
			{Rule: "k8s/min-replicas", File: "deploy/worker.yaml", Line: 9, Resource: "Deployment/shop/worker"},
			{Rule: "k8s/min-replicas", File: "deploy/worker.yaml", Line: 30, Resource: "Deployment/shop/other"},
			{Rule: "k8s/readiness-probe", File: "deploy/worker.yaml", Line: 20, Resource: "Deployment/shop/worker"},
		},
		Annotations: []Annotation{a},
		Catalog:     testCatalog(t),
		Config:      config.Default(t.TempDir()),
	}
	res := Apply(in)
	// The other object's finding stays, and so does the one whose entry has
	// no reason.
	if got, want := brief(res.Kept), []string{"deploy/worker.yaml:30 k8s/min-replicas", "deploy/worker.yaml:20 k8s/readiness-probe"}; !reflect.DeepEqual(got, want) {
		t.Errorf("kept = %q, want %q", got, want)
	}
	var rules []string
	for _, f := range res.New {
		if f.Line != 6 || f.Resource != "Deployment/shop/worker" {
			t.Errorf("%s reported at line %d for %q, want line 6 for the object", f.Rule, f.Line, f.Resource)
		}
		rules = append(rules, f.Rule)
	}
	if want := []string{RuleReason, RuleUnused}; !reflect.DeepEqual(rules, want) {
		t.Errorf("annotation findings = %q, want %q", rules, want)
	}
}

func TestAnnotations(t *testing.T) {
	src := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
  annotations:
    relcheck.dev/ignore: "k8s/min-replicas -- batch worker, one replica by design"
spec:
  template:
    metadata:
      annotations:
        relcheck.dev/ignore: k8s/readiness-probe -- set through the chart's podAnnotations
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  jobTemplate:
    spec:
      template:
        metadata:
          annotations:
            relcheck.dev/ignore: |
              k8s/liveness-probe -- runs for a minute
              k8s/memory-limit -- bounded input
---
apiVersion: v1
kind: Service
metadata:
  name: plain
  annotations:
    other: value
`
	docs, err := manifest.ParseYAML(manifest.Kubernetes, "deploy/all.yaml", []byte(src), manifest.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range Annotations(docs) {
		for _, d := range a.directives() {
			got = append(got, fmt.Sprintf("%s:%d %s %s (%s)", a.File, a.Line, a.Resource, strings.Join(d.ids, ","), d.reason))
		}
	}
	want := []string{
		"deploy/all.yaml:7 Deployment/shop/worker k8s/min-replicas (batch worker, one replica by design)",
		"deploy/all.yaml:12 Deployment/shop/worker k8s/readiness-probe (set through the chart's podAnnotations)",
		"deploy/all.yaml:24 CronJob/report k8s/liveness-probe (runs for a minute)",
		"deploy/all.yaml:24 CronJob/report k8s/memory-limit (bounded input)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
