package report

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
)

func writeGitHub(t *testing.T, in Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := GitHub(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestGitHubEmpty(t *testing.T) {
	if got := writeGitHub(t, Input{}); got != "" {
		t.Errorf("no findings wrote %q, want nothing", got)
	}
}

func TestGitHubOrderAndLevels(t *testing.T) {
	in := Input{Findings: []finding.Finding{
		{Rule: "k8s/a", Severity: finding.Info, Message: "info", File: "a.yaml", Line: 1},
		{Rule: "k8s/b", Severity: finding.Medium, Message: "medium", File: "a.yaml", Line: 2},
		{Rule: "k8s/c", Severity: finding.Critical, Message: "critical", File: "b.yaml", Line: 3},
		{Rule: "k8s/d", Severity: finding.High, Message: "high", File: "a.yaml", Line: 9},
		{Rule: "k8s/e", Severity: finding.Low, Message: "low", File: "a.yaml", Line: 4},
		{Rule: "k8s/f", Severity: finding.High, Message: "high earlier", File: "a.yaml", Line: 5},
	}}
	want := strings.Join([]string{
		"::error file=b.yaml,line=3,title=k8s/c::critical",
		"::error file=a.yaml,line=5,title=k8s/f::high earlier",
		"::error file=a.yaml,line=9,title=k8s/d::high",
		"::warning file=a.yaml,line=2,title=k8s/b::medium",
		"::notice file=a.yaml,line=4,title=k8s/e::low",
		"::notice file=a.yaml,line=1,title=k8s/a::info",
	}, "\n") + "\n"
	if got := writeGitHub(t, in); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGitHubEscaping(t *testing.T) {
	in := Input{Findings: []finding.Finding{{
		Rule: "tf/a:b,c", Severity: finding.High, File: "dir, with: odd%/f\nx.tf",
		Line: 3, Col: 7, EndLine: 4, EndCol: 2,
		Message: "100% sure: a, b\r\nnext ::error::injected",
		Fix:     "do this,\nthen: that %",
	}}}
	want := "::error file=dir%2C with%3A odd%25/f%0Ax.tf,line=3,col=7,endLine=4,endColumn=2,title=tf/a%3Ab%2Cc::" +
		"100% sure: a, b%0D%0Anext ::error::injected%0AFix: do this,%0Athen: that %25\n"
	want = strings.Replace(want, "100% sure", "100%25 sure", 1)
	got := writeGitHub(t, in)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Count(got, "\n") != 1 {
		t.Error("a finding must stay one workflow command line")
	}
}

func TestGitHubPartialPositions(t *testing.T) {
	in := Input{Findings: []finding.Finding{
		{Rule: "k8s/a", Severity: finding.Medium, Message: "whole file", File: "a.yaml"},
		{Rule: "k8s/b", Severity: finding.Medium, Message: "end before start ignored", File: "a.yaml", Line: 5, Col: 2, EndLine: 4, EndCol: 1},
	}}
	want := "::warning file=a.yaml,title=k8s/a::whole file\n" +
		"::warning file=a.yaml,line=5,col=2,title=k8s/b::end before start ignored\n"
	if got := writeGitHub(t, in); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGitHubErrors(t *testing.T) {
	in := Input{
		Errors:   []error{errors.New("deploy/bad.yaml: line 2: did not find expected key\nat column 3")},
		Findings: []finding.Finding{{Rule: "k8s/a", Severity: finding.Low, Message: "m", File: "a.yaml", Line: 1}},
	}
	want := "::error title=relcheck%3A could not analyze::deploy/bad.yaml: line 2: did not find expected key%0Aat column 3\n" +
		"::notice file=a.yaml,line=1,title=k8s/a::m\n"
	if got := writeGitHub(t, in); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGitHubStepSummaryFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("# Earlier step output\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := Input{
		Catalog:     testCatalog(t),
		StepSummary: path,
		Findings: []finding.Finding{
			{Rule: "go/http-client-timeout", Severity: finding.High, Message: "no timeout", File: "main.go", Line: 4},
		},
	}
	if got := writeGitHub(t, in); !strings.HasPrefix(got, "::error ") {
		t.Errorf("annotations missing when a summary is written: %q", got)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	if !strings.HasPrefix(got, "# Earlier step output\n\n## relcheck\n") {
		t.Errorf("summary must be appended after what was there:\n%s", got)
	}
	for _, want := range []string{"| high | 1 |", "`main.go:4`", "`relcheck explain go/http-client-timeout`"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}

	// No path, no file.
	in.StepSummary = ""
	writeGitHub(t, in)

	// An unwritable path is an error rather than a silently missing summary.
	in.StepSummary = filepath.Join(t.TempDir(), "missing-dir", "summary.md")
	if err := GitHub(&bytes.Buffer{}, in); err == nil {
		t.Error("writing the summary into a missing directory did not fail")
	}
}

func TestGitHubStepSummaryContent(t *testing.T) {
	var fs []finding.Finding
	for i := range 60 {
		sev := finding.Low
		if i%20 == 7 {
			sev = finding.Critical
		}
		fs = append(fs, finding.Finding{Rule: fmt.Sprintf("k8s/r%d", i%3), Severity: sev, Message: fmt.Sprintf("m%02d", i), File: "a.yaml", Line: i + 1})
	}
	got := githubStepSummary(Input{Findings: fs}, stepSummaryLimit)
	rows := 0
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, "| low |") || strings.HasPrefix(l, "| critical |") {
			rows++
		}
	}
	// Two of those rows are the severity counts.
	if rows-2 != summaryRows {
		t.Errorf("%d finding rows, want %d:\n%s", rows-2, summaryRows, got)
	}
	if !strings.Contains(got, "_10 more findings not shown") {
		t.Errorf("no note about the findings left out:\n%s", got)
	}
	table := got[strings.Index(got, "### Findings"):]
	if i, j := strings.Index(table, "| critical |"), strings.Index(table, "| low |"); i < 0 || i > j {
		t.Error("critical findings must come first")
	}
	for _, want := range []string{"- `k8s/r0` (20)", "- `k8s/r1` (20)", "`relcheck explain k8s/r2`", "| critical | 3 |", "| low | 57 |"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
}

func TestGitHubStepSummaryLimit(t *testing.T) {
	long := strings.Repeat("x", 40000)
	var fs []finding.Finding
	for i := range 50 {
		fs = append(fs, finding.Finding{Rule: "k8s/a", Severity: finding.High, Message: long, File: "a.yaml", Line: i + 1})
	}
	got := githubStepSummary(Input{Findings: fs}, stepSummaryLimit)
	if len(got) >= stepSummaryLimit {
		t.Errorf("summary is %d bytes, over GitHub's limit", len(got))
	}
	if !strings.Contains(got, "more findings not shown") || !strings.Contains(got, "`relcheck explain k8s/a`") {
		t.Error("a long summary must drop rows with a note and keep the rule hints")
	}

	// Even the parts that are never dropped are cut when they do not fit.
	var errs []error
	for i := range 100 {
		errs = append(errs, fmt.Errorf("target %d: %s", i, strings.Repeat("y", 20000)))
	}
	got = githubStepSummary(Input{Errors: errs}, stepSummaryLimit)
	if len(got) >= stepSummaryLimit || !strings.HasSuffix(got, "_Truncated: the report exceeded the size limit; see the full report._\n") {
		t.Errorf("oversized summary not truncated with a note (%d bytes)", len(got))
	}

	// Earlier output in the file counts against the limit.
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, bytes.Repeat([]byte("z"), stepSummaryLimit-1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := appendStepSummary(path, Input{Findings: fs}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Size() >= stepSummaryLimit {
		t.Errorf("summary file grew to %d bytes, over GitHub's limit", st.Size())
	}
}
