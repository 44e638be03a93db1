package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
)

func TestGitLabEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := GitLab(&buf, Input{Errors: []error{errors.New("ignored: no place in the format")}}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "[]\n" {
		t.Errorf("no findings wrote %q, want an empty array", got)
	}
}

func TestGitLab(t *testing.T) {
	in := Input{Findings: []finding.Finding{
		{Rule: "k8s/a", Severity: finding.Info, Message: "i", File: "a b/c.yaml", Line: 2, Fingerprint: "f1"},
		{Rule: "k8s/a", Severity: finding.Low, Message: "l", File: "a.yaml", Line: 3, EndLine: 5, Fingerprint: "f2"},
		{Rule: "k8s/a", Severity: finding.Medium, Message: "m <&> \"q\"\nx", File: "a.yaml", Line: 4, Fingerprint: "f3"},
		{Rule: "k8s/a", Severity: finding.High, Message: "h", File: "a.yaml", Fingerprint: "f4"},
		{Rule: "k8s/a", Severity: finding.Critical, Message: "c", File: "a.yaml", Line: 6, Fingerprint: "f5"},
	}}
	var buf bytes.Buffer
	if err := GitLab(&buf, in); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(`\u003c`)) {
		t.Error("HTML escaping makes the report harder to read and is not needed")
	}
	var got []gitlabIssue
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		sev        string
		begin, end int
	}{{"info", 2, 2}, {"minor", 3, 5}, {"major", 4, 4}, {"critical", 1, 1}, {"blocker", 6, 6}}
	if len(got) != len(want) {
		t.Fatalf("%d issues, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Severity != w.sev || g.Location.Lines.Begin != w.begin || g.Location.Lines.End != w.end {
			t.Errorf("issue %d: severity %s lines %d-%d, want %s %d-%d", i, g.Severity, g.Location.Lines.Begin, g.Location.Lines.End, w.sev, w.begin, w.end)
		}
		if g.CheckName != "k8s/a" || g.Fingerprint != in.Findings[i].Fingerprint || g.Description != in.Findings[i].Message || g.Location.Path != in.Findings[i].File {
			t.Errorf("issue %d: %+v", i, g)
		}
		if len(g.Categories) != 1 || g.Categories[0] != "Bug Risk" {
			t.Errorf("issue %d: categories %v", i, g.Categories)
		}
	}
}
