package report

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
)

func writeMarkdown(t *testing.T, in Input) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Markdown(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestMarkdownEmpty(t *testing.T) {
	got := writeMarkdown(t, Input{Hidden: 3})
	want := "## relcheck report\n\nno findings (3 hidden by baseline or only-new mode)\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMarkdown(t *testing.T) {
	in := Input{
		Catalog: testCatalog(t),
		Findings: []finding.Finding{
			{Rule: "go/http-client-timeout", Severity: finding.Medium, Message: "client | pipe\nnewline <stdin> *star* `tick`", File: "a|b.go", Line: 4},
			{Rule: "k8s/readiness-probe", Severity: finding.Critical, Message: "no probe", File: "web.yaml", Line: 9, Resource: "Deployment/shop/web"},
			{Rule: "k8s/readiness-probe", Severity: finding.Critical, Message: "no probe either", File: "web.yaml", Line: 20, Resource: "Deployment/shop/api"},
		},
		Errors: []error{errors.New("bad.yaml: line 1: <oops>")},
	}
	got := writeMarkdown(t, in)
	for _, want := range []string{
		"## relcheck report\n\n3 findings (2 critical, 1 medium), 1 target could not be analyzed\n",
		"| Severity | Findings |\n|---|---:|\n| critical | 2 |\n| medium | 1 |\n",
		"| Severity | Rule | Location | Message | Resource |\n|---|---|---|---|---|\n" +
			"| critical | `k8s/readiness-probe` | `web.yaml:9` | no probe | `Deployment/shop/web` |\n" +
			"| critical | `k8s/readiness-probe` | `web.yaml:20` | no probe either | `Deployment/shop/api` |\n" +
			"| medium | `go/http-client-timeout` | `a\\|b.go:4` | client \\| pipe<br>newline \\<stdin\\> \\*star\\* \\`tick\\` |  |\n",
		"### Could not be analyzed\n\n- bad.yaml: line 1: \\<oops\\>\n",
		"- `k8s/readiness-probe` (2): Readiness probe. Run `relcheck explain k8s/readiness-probe`\n" +
			"- `go/http-client-timeout` (1): HTTP client without timeout. Run `relcheck explain go/http-client-timeout`\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks\n%s\nin\n%s", want, got)
		}
	}
	if strings.HasSuffix(got, "\n\n") || !strings.HasSuffix(got, "\n") {
		t.Errorf("report should end in exactly one newline: %q", got[len(got)-10:])
	}
}

func TestMarkdownNoResourceColumn(t *testing.T) {
	got := writeMarkdown(t, Input{Findings: []finding.Finding{{Rule: "go/x", Severity: finding.High, Message: "m", File: "a.go", Line: 1}}})
	if strings.Contains(got, "Resource") {
		t.Errorf("Go-only findings should not get an empty Resource column:\n%s", got)
	}
}

func TestMarkdownFitsInAComment(t *testing.T) {
	var fs []finding.Finding
	for i := range 2000 {
		fs = append(fs, finding.Finding{Rule: "go/x", Severity: finding.High, Message: fmt.Sprintf("finding number %d with some text", i), File: "a.go", Line: i + 1})
	}
	got := writeMarkdown(t, Input{Findings: fs})
	if len(got) > prCommentBudget {
		t.Errorf("report is %d bytes, over the comment budget", len(got))
	}
	if !strings.Contains(got, "more findings not shown") || !strings.Contains(got, "`relcheck explain go/x`") {
		t.Error("rows must be dropped with a note while the rule hints stay")
	}
}

func TestMDCode(t *testing.T) {
	for in, want := range map[string]string{
		"plain":      "`plain`",
		"a`b":        "``a`b``",
		"`edge":      "`` `edge ``",
		"two\nlines": "`two lines`",
	} {
		if got := mdCode(in); got != want {
			t.Errorf("mdCode(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mdCellCode("a|b"); got != "`a\\|b`" {
		t.Errorf("mdCellCode = %q", got)
	}
}
