package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/rules"
)

func testCatalog(t *testing.T) *rules.Catalog {
	t.Helper()
	c, err := rules.New([]rules.Rule{
		{ID: "go/http-client-timeout", Title: "HTTP client without timeout", Severity: finding.High, Engine: "go",
			Rationale: "Hangs forever.", Fix: "Set Timeout.", Example: "c := &http.Client{Timeout: time.Second}"},
		{ID: "k8s/readiness-probe", Title: "Readiness probe", Severity: finding.Medium, Engine: "rego",
			Rationale: "Traffic too early.", Fix: "Add one:\n    readinessProbe:\n      httpGet: {path: /ready}", Example: "```yaml\nreadinessProbe: {}\n```"},
		{ID: "tf/aws-rds-multi-az", Title: "Multi-AZ", Severity: finding.Low, Engine: "rego"},
		{ID: "compose/unused", Title: "Never reported", Severity: finding.Info, Engine: "rego"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// writeSARIF runs the writer and checks what every SARIF file must satisfy:
// the OASIS schema and byte-identical output on a second run.
func writeSARIF(t *testing.T, in Input) map[string]any {
	t.Helper()
	var a, b bytes.Buffer
	if err := SARIF(&a, in); err != nil {
		t.Fatal(err)
	}
	if err := SARIF(&b, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("SARIF differs between two runs")
	}
	if err := ValidateSARIF(a.Bytes()); err != nil {
		t.Fatalf("SARIF does not match the 2.1.0 schema: %v\n%s", err, a.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(a.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// at walks a decoded JSON document: at(doc, "runs", 0, "tool").
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not an object at %q", path, k)
			}
			v = m[k]
		case int:
			s, ok := v.([]any)
			if !ok || k >= len(s) {
				t.Fatalf("%v: no element %d", path, k)
			}
			v = s[k]
		}
	}
	return v
}

func TestSARIFEmpty(t *testing.T) {
	doc := writeSARIF(t, Input{Version: "devel"})
	run := at(t, doc, "runs", 0)
	if got := at(t, run, "results"); len(got.([]any)) != 0 {
		t.Errorf("results = %v, want an empty array", got)
	}
	if got := at(t, run, "tool", "driver", "rules"); len(got.([]any)) != 0 {
		t.Errorf("rules = %v, want an empty array", got)
	}
	if got := at(t, run, "invocations", 0, "executionSuccessful"); got != true {
		t.Errorf("executionSuccessful = %v, want true", got)
	}
	if got := at(t, run, "tool", "driver", "semanticVersion"); got != nil {
		t.Errorf("semanticVersion = %v for version devel, want none", got)
	}
}

func TestSARIFRulesAndResults(t *testing.T) {
	t.Chdir(t.TempDir())
	in := Input{
		Version: "v1.4.0-rc.1",
		Catalog: testCatalog(t),
		Findings: []finding.Finding{
			{Rule: "k8s/readiness-probe", Severity: finding.High, Message: "no probe", File: "deploy/web.yaml", Line: 3, Col: 5,
				Resource: "Deployment/shop/web", Fingerprint: "fp1"},
			{Rule: "go/http-client-timeout", Severity: finding.Medium, Message: "no timeout", File: "main.go", Line: 10, Col: 2, EndLine: 10, EndCol: 9, Fingerprint: "fp2"},
			{Rule: "conftest/deny", Severity: finding.Low, Message: "custom", File: "x.yaml", Line: 1},
		},
	}
	doc := writeSARIF(t, in)
	run := at(t, doc, "runs", 0)
	driver := at(t, run, "tool", "driver")
	if got := at(t, driver, "semanticVersion"); got != "1.4.0-rc.1" {
		t.Errorf("semanticVersion = %v", got)
	}
	if got := at(t, driver, "version"); got != "v1.4.0-rc.1" {
		t.Errorf("version = %v", got)
	}
	ruleList := at(t, driver, "rules").([]any)
	var ids []string
	for _, r := range ruleList {
		ids = append(ids, at(t, r, "id").(string))
	}
	if got, want := strings.Join(ids, " "), "conftest/deny go/http-client-timeout k8s/readiness-probe"; got != want {
		t.Errorf("described rules = %s, want %s (only referenced ones, by id)", got, want)
	}
	k8s := ruleList[2]
	for path, want := range map[string]any{
		"name":                       "K8sReadinessProbe",
		"shortDescription.text":      "Readiness probe",
		"fullDescription.text":       "Traffic too early.",
		"defaultConfiguration.level": "warning",
	} {
		var p []any
		for _, s := range strings.Split(path, ".") {
			p = append(p, s)
		}
		if got := at(t, k8s, p...); got != want {
			t.Errorf("rule %s = %v, want %v", path, got, want)
		}
	}
	props := at(t, k8s, "properties").(map[string]any)
	if props["problem.severity"] != "warning" {
		t.Errorf("problem.severity = %v", props["problem.severity"])
	}
	if _, ok := props["security-severity"]; ok {
		t.Error("security-severity must not be set: these are not security findings")
	}
	if got, _ := json.Marshal(props["tags"]); string(got) != `["reliability","k8s"]` {
		t.Errorf("tags = %s", got)
	}
	md := at(t, k8s, "help", "markdown").(string)
	for _, want := range []string{"````yaml\n```yaml\nreadinessProbe: {}\n```\n````", "Add one:\n\n```yaml\nreadinessProbe:\n  httpGet: {path: /ready}\n```", "`relcheck explain k8s/readiness-probe`"} {
		if !strings.Contains(md, want) {
			t.Errorf("help.markdown lacks %q:\n%s", want, md)
		}
	}
	if txt := at(t, k8s, "help", "text").(string); !strings.Contains(txt, "relcheck explain k8s/readiness-probe") {
		t.Errorf("help.text lacks the explain hint:\n%s", txt)
	}
	if got := at(t, ruleList[0], "defaultConfiguration", "level"); got != "note" {
		t.Errorf("a rule missing from the catalog takes its findings' severity: level = %v, want note", got)
	}

	results := at(t, run, "results").([]any)
	if len(results) != 3 {
		t.Fatalf("%d results, want 3", len(results))
	}
	first := results[0]
	if got := at(t, first, "ruleIndex"); got != float64(2) {
		t.Errorf("ruleIndex = %v, want 2", got)
	}
	if got := at(t, first, "level"); got != "error" {
		t.Errorf("level = %v, want error (the finding's severity, not the rule's)", got)
	}
	if got := at(t, first, "partialFingerprints", "relcheck/v1"); got != "fp1" {
		t.Errorf("partialFingerprints = %v", got)
	}
	if got := at(t, first, "properties", "resource"); got != "Deployment/shop/web" {
		t.Errorf("resource = %v", got)
	}
	loc := at(t, first, "locations", 0, "physicalLocation", "artifactLocation")
	if at(t, loc, "uri") != "deploy/web.yaml" || at(t, loc, "uriBaseId") != "%SRCROOT%" {
		t.Errorf("artifactLocation = %v", loc)
	}
	if got := at(t, results[1], "ruleIndex"); got != float64(1) {
		t.Errorf("ruleIndex = %v, want 1", got)
	}
	if got := at(t, results[2], "properties"); got != nil {
		t.Errorf("a finding without resource has properties %v", got)
	}
	// None of the files exist here: columns pass through as bytes and the
	// run must not claim UTF-16.
	if got := at(t, run, "columnKind"); got != nil {
		t.Errorf("columnKind = %v although no file could be read", got)
	}
}

func TestSARIFUTF16Columns(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	// "é" is 2 bytes and 1 UTF-16 unit, "日本" 6 bytes and 2 units, "🚀" 4
	// bytes and 2 units (a surrogate pair).
	src := "package p\n" +
		"var s = \"é日本🚀\"; call(x)\r\n" +
		"🚀🚀 end\n"
	if err := os.MkdirAll("dir with space", 0o755); err != nil {
		t.Fatal(err)
	}
	file := "dir with space/a.go"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	line2 := strings.Split(src, "\n")[1]
	callByte := strings.Index(line2, "call") + 1
	endByte := strings.Index(line2, "(x)") + 1
	in := Input{Findings: []finding.Finding{
		{Rule: "go/x", Severity: finding.High, Message: "m", File: file, Line: 2, Col: callByte, EndLine: 3, EndCol: len("🚀🚀") + 1},
		{Rule: "go/x", Severity: finding.High, Message: "m", File: file, Line: 2, Col: callByte, EndLine: 2, EndCol: endByte},
		{Rule: "go/x", Severity: finding.High, Message: "m", File: file, Line: 1, Col: 1},
	}}
	doc := writeSARIF(t, in)
	run := at(t, doc, "runs", 0)
	if got := at(t, run, "columnKind"); got != "utf16CodeUnits" {
		t.Errorf("columnKind = %v, want utf16CodeUnits", got)
	}
	// `var s = "` is 9 units, é 1, 日本 2, 🚀 2, `"; ` 3: call starts at 18.
	want := []map[string]float64{
		{"startLine": 2, "startColumn": 18, "endLine": 3, "endColumn": 5},
		{"startLine": 2, "startColumn": 18, "endLine": 2, "endColumn": 22},
		{"startLine": 1, "startColumn": 1},
	}
	for i, w := range want {
		region := at(t, run, "results", i, "locations", 0, "physicalLocation", "region").(map[string]any)
		if len(region) != len(w) {
			t.Errorf("result %d: region %v, want %v", i, region, w)
		}
		for k, v := range w {
			if region[k] != v {
				t.Errorf("result %d: %s = %v, want %v", i, k, region[k], v)
			}
		}
	}
	if got := at(t, run, "results", 0, "locations", 0, "physicalLocation", "artifactLocation", "uri"); got != "dir%20with%20space/a.go" {
		t.Errorf("uri = %v", got)
	}
}

func TestUTF16Column(t *testing.T) {
	for _, tc := range []struct {
		line     string
		col      int
		want     int
		describe string
	}{
		{"abc", 1, 1, "first column"},
		{"abc", 3, 3, "ASCII is unchanged"},
		{"abc", 4, 4, "just past the end"},
		{"abc", 6, 6, "beyond the end counts bytes"},
		{"é x", 4, 3, "two-byte rune"},
		{"日x", 4, 2, "three-byte rune"},
		{"🚀x", 5, 3, "four-byte rune is a surrogate pair"},
		{"\xffx", 2, 2, "invalid byte counts one"},
		{"x", 0, 0, "unknown column stays unknown"},
	} {
		if got := utf16Column(tc.line, tc.col); got != tc.want {
			t.Errorf("%s: utf16Column(%q, %d) = %d, want %d", tc.describe, tc.line, tc.col, got, tc.want)
		}
	}
}

func TestSARIFURIs(t *testing.T) {
	for file, want := range map[string]sarifArtifact{
		"deploy/web.yaml":        {URI: "deploy/web.yaml", URIBaseID: "%SRCROOT%"},
		"a b/c%d.yaml":           {URI: "a%20b/c%25d.yaml", URIBaseID: "%SRCROOT%"},
		"c:d,e#f?g.go":           {URI: "c%3Ad%2Ce%23f%3Fg.go", URIBaseID: "%SRCROOT%"},
		"über/x.tf":              {URI: "%C3%BCber/x.tf", URIBaseID: "%SRCROOT%"},
		"/abs/outside repo.yaml": {URI: "file:///abs/outside%20repo.yaml"},
		"C:/work/x.yaml":         {URI: "file:///C:/work/x.yaml"},
	} {
		if got := sarifArtifactFor(file); got != want {
			t.Errorf("sarifArtifactFor(%q) = %+v, want %+v", file, got, want)
		}
	}
	// Every form must be a valid uri-reference for the schema.
	var fs []finding.Finding
	for _, f := range []string{"a b/c%d.yaml", "c:d,e#f?g.go", "über/x.tf", "/abs/outside repo.yaml", "C:/work/x.yaml"} {
		fs = append(fs, finding.Finding{Rule: "k8s/x", Severity: finding.Info, Message: "m", File: f, Line: 1})
	}
	writeSARIF(t, Input{Findings: fs})
}

func TestSARIFErrors(t *testing.T) {
	in := Input{Errors: []error{errors.New("testdata/bad.yaml: line 3: mapping values are not allowed"), errors.New("pkg: type errors")}}
	doc := writeSARIF(t, in)
	inv := at(t, doc, "runs", 0, "invocations", 0)
	if got := at(t, inv, "executionSuccessful"); got != false {
		t.Errorf("executionSuccessful = %v, want false", got)
	}
	notes := at(t, inv, "toolExecutionNotifications").([]any)
	if len(notes) != 2 || at(t, notes[0], "level") != "error" || !strings.Contains(at(t, notes[0], "message", "text").(string), "bad.yaml") {
		t.Errorf("toolExecutionNotifications = %v", notes)
	}
}

func TestSARIFSpecialCharacters(t *testing.T) {
	in := Input{Findings: []finding.Finding{{
		Rule: "k8s/x", Severity: finding.Critical, File: "a.yaml", Line: 1,
		Message: "100% <b>bold</b> & \"quoted\"\nsecond line, with: colons",
	}}}
	doc := writeSARIF(t, in)
	if got := at(t, doc, "runs", 0, "results", 0, "message", "text"); got != in.Findings[0].Message {
		t.Errorf("message = %q, want it unchanged", got)
	}
}

func TestPascalCase(t *testing.T) {
	for id, want := range map[string]string{
		"go/http-client-timeout":      "GoHttpClientTimeout",
		"relcheck/suppression-reason": "RelcheckSuppressionReason",
		"tf/aws_rds.multi-az":         "TfAwsRdsMultiAz",
	} {
		if got := pascalCase(id); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3": "1.2.3", "1.2.3+build.5": "1.2.3+build.5", "devel": "", "": "", "v1.2": "", "(devel)": "", "01.2.3": "",
	} {
		if got := semanticVersion(v); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestSchemaCatchesInvalidSARIF(t *testing.T) {
	// Guards against a validator that accepts anything, which is what the
	// root of the testdata schema does (see its README).
	const run = `{"tool":{"driver":{"name":"relcheck"}},"results":[%s]}`
	for name, doc := range map[string]string{
		"not an object":    `[]`,
		"no version":       `{"runs":[]}`,
		"wrong version":    `{"version":"3.0.0","runs":[]}`,
		"unknown property": `{"version":"2.1.0","runs":[],"extra":1}`,
		"run without tool": `{"version":"2.1.0","runs":[{}]}`,
		"bad level":        `{"version":"2.1.0","runs":[` + strings.Replace(run, "%s", `{"message":{"text":"x"},"level":"fatal"}`, 1) + `]}`,
		"line 0":           `{"version":"2.1.0","runs":[` + strings.Replace(run, "%s", `{"message":{"text":"x"},"locations":[{"physicalLocation":{"region":{"startLine":0}}}]}`, 1) + `]}`,
	} {
		if err := ValidateSARIF([]byte(doc)); err == nil {
			t.Errorf("%s: schema accepted %s", name, doc)
		}
	}
	if err := ValidateSARIF([]byte(`{"version":"2.1.0","runs":[]}`)); err != nil {
		t.Errorf("schema rejected a minimal valid log: %v", err)
	}
	if _, err := os.Stat(filepath.Join("sarifschema", "README.md")); err != nil {
		t.Errorf("the schema's provenance note is missing: %v", err)
	}
}
