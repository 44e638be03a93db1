package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/report"
	"github.com/relcheck/relcheck/internal/run"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Resolved at start-up, in the package directory, because the golden tests
// change directory to the repository root.
var (
	testdataDir, _ = filepath.Abs("testdata")
	repoRoot, _    = filepath.Abs(filepath.Join("..", ".."))
)

// demoOutcome runs the real pipeline on testdata/demo once: the golden files
// show what users get from the demo project, not what hand-made findings
// look like.
var demoOutcome = sync.OnceValues(func() (*run.Outcome, error) {
	return run.Check(context.Background(), run.Options{
		Paths:  []string{filepath.Join(repoRoot, "testdata", "demo")},
		Config: config.Default(repoRoot),
		Base:   repoRoot,
	})
})

func TestGolden(t *testing.T) {
	out, err := demoOutcome()
	if err != nil {
		t.Fatalf("checking testdata/demo: %v", err)
	}
	if len(out.Findings) == 0 {
		t.Fatal("testdata/demo produced no findings; the golden files would show nothing")
	}
	// The SARIF writer reads reported lines relative to the working
	// directory, which the CLI sets to the repository root.
	t.Chdir(repoRoot)
	in := report.Input{Findings: out.Findings, Errors: out.Errors, Catalog: out.Catalog, Version: "test"}
	for _, format := range []string{"sarif", "github", "junit", "gitlab", "markdown"} {
		t.Run(format, func(t *testing.T) {
			w, ok := report.Get(format)
			if !ok {
				t.Fatalf("format %s is not registered", format)
			}
			var buf bytes.Buffer
			if err := w(&buf, in); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := w(&again, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("two runs on the same findings differ")
			}
			if format == "sarif" {
				if err := report.ValidateSARIF(buf.Bytes()); err != nil {
					t.Errorf("demo SARIF does not match the SARIF 2.1.0 schema: %v", err)
				}
			}
			compareGolden(t, "demo."+format+".golden", buf.Bytes())
		})
	}
	t.Run("github-step-summary", func(t *testing.T) {
		in := in
		in.StepSummary = filepath.Join(t.TempDir(), "summary.md")
		if err := report.GitHub(&bytes.Buffer{}, in); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(in.StepSummary)
		if err != nil {
			t.Fatal(err)
		}
		compareGolden(t, "demo.github-step-summary.golden", got)
	})
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join(testdataDir, name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./internal/report -update and review the diff):\n%s",
			golden, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing line with a little context; enough to
// see what changed without a diff dependency.
func lineDiff(want, got string) string {
	w, g := splitLines(want), splitLines(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b bytes.Buffer
	for j := max(0, i-2); j < i; j++ {
		b.WriteString("  " + w[j] + "\n")
	}
	for j := i; j < min(len(w), i+3); j++ {
		b.WriteString("- " + w[j] + "\n")
	}
	for j := i; j < min(len(g), i+3); j++ {
		b.WriteString("+ " + g[j] + "\n")
	}
	return b.String()
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
	return out
}
