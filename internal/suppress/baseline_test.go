package suppress

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/discover"
	"github.com/relcheck/relcheck/internal/finding"
)

func TestBaselineRoundTrip(t *testing.T) {
	fs := []finding.Finding{
		{Rule: "go/http-server-timeout", File: "main.go", Line: 6, Message: "no timeout", Anchor: "main", Snippet: `	http.ListenAndServe(":8080", nil)`},
		{Rule: "go/http-server-timeout", File: "main.go", Line: 7, Message: "no timeout", Anchor: "main", Snippet: `	http.ListenAndServe(":8080", nil)`},
		{Rule: "k8s/readiness-probe", File: "deploy/web.yaml", Line: 17, Message: "no probe", Resource: "Deployment/shop/web", Anchor: "Deployment/shop/web\x00\"spec\""},
	}
	finding.SetFingerprints(fs)
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := WriteBaseline(path, NewBaseline(fs)); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Findings) != 3 || b.Findings[2].Line != 17 || b.Findings[2].Rule != "k8s/readiness-probe" {
		t.Fatalf("read back %+v", b.Findings)
	}

	// The same code twenty lines lower, a second copy of the call, and a
	// changed manifest line: only the new call and the changed line are new.
	later := []finding.Finding{
		{Rule: "go/http-server-timeout", File: "main.go", Line: 26, Message: "no timeout", Anchor: "main", Snippet: `	http.ListenAndServe(":8080", nil)`},
		{Rule: "go/http-server-timeout", File: "main.go", Line: 27, Message: "no timeout", Anchor: "main", Snippet: `  http.ListenAndServe(":8080",  nil)`},
		{Rule: "go/http-server-timeout", File: "main.go", Line: 28, Message: "no timeout", Anchor: "main", Snippet: `	http.ListenAndServe(":8080", nil)`},
		{Rule: "k8s/readiness-probe", File: "deploy/web.yaml", Line: 19, Message: "no probe", Resource: "Deployment/shop/web", Anchor: "Deployment/shop/web\x00\"spec\""},
	}
	finding.SetFingerprints(later)
	kept, hidden := b.Filter(later)
	if hidden != 3 || len(kept) != 1 || kept[0].Line != 28 {
		t.Errorf("kept %+v, hidden %d; want only line 28, 3 hidden", kept, hidden)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, content, want string }{
		{"report.json", `{"tool": "relcheck", "findings": []}`, "report.json: version 0 is not supported"},
		{"future.json", `{"version": 2, "findings": []}`, "future.json: version 2 is not supported"},
		{"broken.json", `{"version": 1, "findings": [`, "broken.json: not a relcheck baseline"},
		{"nofp.json", `{"version": 1, "findings": [{"rule": "go/x", "file": "a.go"}]}`, "nofp.json: finding 1 (go/x in a.go) has no fingerprint"},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadBaseline(p); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := ReadBaseline(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestFiles(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"go.mod", "main.go", "main_test.go", "internal/a/a.go", "internal/a/testdata/x.go",
		"vendor/v/v.go", "_old/o.go", ".cache/c.go", "tools/go.mod", "tools/t.go", "deploy/web.yaml",
	} {
		writeFile(t, root, f, "")
	}
	abs := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	targets := &discover.Targets{
		Go:        []discover.GoTarget{{Root: root, Patterns: []string{"./..."}}},
		Manifests: []discover.File{{Path: abs("deploy/web.yaml")}},
		Terraform: []discover.TerraformDir{{Files: []string{abs("infra/main.tf")}}},
	}
	rel := func(ps []string) []string {
		var out []string
		for _, p := range ps {
			r, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	got := rel(Files(targets, true, true))
	want := []string{"deploy/web.yaml", "infra/main.tf", "internal/a/a.go", "main.go", "main_test.go"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Files = %q, want %q", got, want)
	}
	if got := rel(Files(targets, false, true)); !reflect.DeepEqual(got, []string{"deploy/web.yaml", "infra/main.tf"}) {
		t.Errorf("without Go: %q", got)
	}
	targets.Go[0].Patterns = []string{"./internal/a"}
	if got := rel(Files(targets, true, false)); !reflect.DeepEqual(got, []string{"internal/a/a.go"}) {
		t.Errorf("one package: %q", got)
	}
	targets.Go[0].Files = []string{abs("main.go")}
	if got := rel(Files(targets, true, false)); !reflect.DeepEqual(got, []string{"main.go"}) {
		t.Errorf("named file: %q", got)
	}
}
