package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
)

func writeJUnit(t *testing.T, in Input) (string, junitSuites) {
	t.Helper()
	var buf bytes.Buffer
	if err := JUnit(&buf, in); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, buf.String())
	}
	return buf.String(), doc
}

func TestJUnitEmpty(t *testing.T) {
	out, doc := writeJUnit(t, Input{})
	if doc.Tests != 1 || doc.Failures != 0 || doc.Errors != 0 || len(doc.Suites) != 1 {
		t.Fatalf("no findings should be one passing case:\n%s", out)
	}
	c := doc.Suites[0].Cases
	if len(c) != 1 || c[0].Failure != nil || c[0].Error != nil {
		t.Errorf("the single case must pass:\n%s", out)
	}
}

func TestJUnitSuitesPerFile(t *testing.T) {
	in := Input{Findings: []finding.Finding{
		{Rule: "k8s/a", Severity: finding.High, Message: "one", File: "a.yaml", Line: 3, Col: 2, Resource: "Deployment/ns/web", Fix: "Add it."},
		{Rule: "k8s/a", Severity: finding.High, Message: "same place again", File: "a.yaml", Line: 3, Col: 9},
		{Rule: "go/b", Severity: finding.Low, Message: "two", File: "b.go", Line: 7},
		{Rule: "go/c", Severity: finding.Info, Message: "whole file", File: "b.go"},
	}}
	out, doc := writeJUnit(t, in)
	if doc.Tests != 4 || doc.Failures != 4 || doc.Errors != 0 {
		t.Errorf("totals tests=%d failures=%d errors=%d, want 4 4 0", doc.Tests, doc.Failures, doc.Errors)
	}
	if len(doc.Suites) != 2 || doc.Suites[0].Name != "a.yaml" || doc.Suites[1].Name != "b.go" {
		t.Fatalf("want one suite per file in order:\n%s", out)
	}
	a := doc.Suites[0]
	if a.Tests != 2 || a.Failures != 2 {
		t.Errorf("suite a.yaml: tests=%d failures=%d", a.Tests, a.Failures)
	}
	if a.Cases[0].Name != "k8s/a a.yaml:3" || a.Cases[1].Name != "k8s/a a.yaml:3 (2)" {
		t.Errorf("case names %q, %q: repeated names must be numbered", a.Cases[0].Name, a.Cases[1].Name)
	}
	f := a.Cases[0].Failure
	if a.Cases[0].ClassName != "a.yaml" || f.Type != "k8s/a" || f.Message != "one" {
		t.Errorf("case %+v failure %+v", a.Cases[0], f)
	}
	for _, want := range []string{"severity: high", "location: a.yaml:3:2", "resource: Deployment/ns/web", "fix: Add it.", "relcheck explain k8s/a"} {
		if !strings.Contains(f.Body, want) {
			t.Errorf("failure body lacks %q:\n%s", want, f.Body)
		}
	}
	if got := doc.Suites[1].Cases[1].Name; got != "go/c b.go" {
		t.Errorf("a finding without a line is named %q", got)
	}
}

func TestJUnitEscaping(t *testing.T) {
	msg := "a <tag> & \"quote\" 'single', 100%: ok\nline two \x1b[31m]]>"
	in := Input{Findings: []finding.Finding{{Rule: "k8s/a", Severity: finding.Medium, Message: msg, File: "dir, with: space/&.yaml", Line: 1, Fix: "use <b>"}}}
	out, doc := writeJUnit(t, in)
	if strings.Contains(out, "<tag>") || strings.Contains(out, "<b>") {
		t.Errorf("markup not escaped:\n%s", out)
	}
	c := doc.Suites[0].Cases[0]
	if doc.Suites[0].Name != "dir, with: space/&.yaml" || c.ClassName != doc.Suites[0].Name {
		t.Errorf("file name mangled: %q", doc.Suites[0].Name)
	}
	// XML cannot hold ESC; it is replaced, everything else survives.
	if want := strings.Replace(msg, "\x1b", "\uFFFD", 1); c.Failure.Message != want {
		t.Errorf("message round-trips as %q, want %q", c.Failure.Message, want)
	}
}

func TestJUnitErrors(t *testing.T) {
	in := Input{Errors: []error{errors.New("bad.yaml: <broken>"), errors.New("pkg: type errors")}}
	out, doc := writeJUnit(t, in)
	if doc.Tests != 2 || doc.Errors != 2 || doc.Failures != 0 {
		t.Errorf("totals tests=%d failures=%d errors=%d, want 2 0 2:\n%s", doc.Tests, doc.Failures, doc.Errors, out)
	}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.Error == nil && c.Failure == nil {
				t.Errorf("a run with errors must not show a passing case:\n%s", out)
			}
		}
	}
	if e := doc.Suites[0].Cases[0].Error; e == nil || e.Message != "bad.yaml: <broken>" {
		t.Errorf("error case %+v", e)
	}

	in.Findings = []finding.Finding{{Rule: "k8s/a", Severity: finding.Low, Message: "m", File: "a.yaml", Line: 1}}
	_, doc = writeJUnit(t, in)
	if doc.Tests != 3 || doc.Failures != 1 || doc.Errors != 2 {
		t.Errorf("findings and errors: tests=%d failures=%d errors=%d, want 3 1 2", doc.Tests, doc.Failures, doc.Errors)
	}
}

// TestJUnitStreamedAsWhole holds the streamed writer to what encoding the
// whole document with encoding/xml gives, on an input with every kind of
// suite: a file that comes back after another, repeated names, errors, and
// text that needs escaping.
func TestJUnitStreamedAsWhole(t *testing.T) {
	in := Input{
		Findings: []finding.Finding{
			{Rule: "k8s/a", Severity: finding.High, Message: "one <x>", File: "a.yaml", Line: 3, Col: 2, Resource: "Deployment/ns/web", Fix: "Add it."},
			{Rule: "k8s/a", Severity: finding.High, Message: "again & again", File: "a.yaml", Line: 3},
			{Rule: "go/b", Severity: finding.Low, Message: "two", File: "b.go", Line: 7},
			{Rule: "k8s/a", Severity: finding.High, Message: "back", File: "a.yaml", Line: 3},
		},
		Errors: []error{errors.New("bad.yaml:2: \"quoted\"")},
	}
	for name, in := range map[string]Input{"mixed": in, "findings only": {Findings: in.Findings}, "errors only": {Errors: in.Errors}, "empty": {}} {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			if err := JUnit(&got, in); err != nil {
				t.Fatal(err)
			}
			if want := junitWhole(t, in); got.String() != want {
				t.Errorf("streamed report differs from the whole document:\ngot:\n%s\nwant:\n%s", got.String(), want)
			}
		})
	}
}

// junitWhole builds the report as one value and encodes it at once.
func junitWhole(t *testing.T, in Input) string {
	t.Helper()
	doc := junitSuites{Name: "relcheck"}
	names := map[string]int{}
	for i, f := range in.Findings {
		if i == 0 || in.Findings[i-1].File != f.File {
			doc.Suites = append(doc.Suites, junitSuite{Name: f.File})
		}
		s := &doc.Suites[len(doc.Suites)-1]
		s.Cases = append(s.Cases, junitCase{Name: uniqueName(names, junitCaseName(f)), ClassName: f.File,
			Failure: &junitProblem{Message: f.Message, Type: f.Rule, Body: junitBody(f)}})
		s.Tests++
		s.Failures++
	}
	if len(in.Errors) > 0 {
		s := junitSuite{Name: "relcheck: targets that could not be analyzed", Tests: len(in.Errors), Errors: len(in.Errors)}
		for i, err := range in.Errors {
			s.Cases = append(s.Cases, junitCase{Name: fmt.Sprintf("target %d", i+1), ClassName: "relcheck",
				Error: &junitProblem{Message: err.Error(), Type: "relcheck/target-error", Body: err.Error()}})
		}
		doc.Suites = append(doc.Suites, s)
	}
	if len(doc.Suites) == 0 {
		doc.Suites = []junitSuite{{Name: "relcheck", Tests: 1, Cases: []junitCase{{Name: "no findings", ClassName: "relcheck"}}}}
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return b.String() + "\n"
}
