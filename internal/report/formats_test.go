package report

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
)

func TestNewFormatsRegistered(t *testing.T) {
	for _, name := range []string{"sarif", "github", "junit", "gitlab", "markdown"} {
		if !slices.Contains(Formats(), name) {
			t.Errorf("format %s is not registered", name)
		}
		if s, err := ParseSpec(name + "=out." + name); err != nil || s.Format != name {
			t.Errorf("ParseSpec(%s=FILE) = %+v, %v", name, s, err)
		}
	}
}

// TestDeterministic runs every writer on findings that exercise maps inside
// the writers (several rules, severities and files) and wants identical
// bytes each time.
func TestDeterministic(t *testing.T) {
	var fs []finding.Finding
	for i, rule := range []string{"k8s/b", "go/a", "tf/c", "k8s/b", "compose/d", "go/a"} {
		fs = append(fs, finding.Finding{Rule: rule, Severity: finding.Severity(i%5 + 1), Message: "m", File: []string{"x.go", "y.yaml"}[i%2], Line: i + 1, Fingerprint: rule + "#" + string(rune('a'+i))})
	}
	in := Input{Findings: fs, Errors: []error{errors.New("e1"), errors.New("e2")}, Catalog: testCatalog(t), Version: "1.0.0"}
	for _, name := range Formats() {
		w, _ := Get(name)
		var first bytes.Buffer
		if err := w(&first, in); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if name == "sarif" {
			if err := ValidateSARIF(first.Bytes()); err != nil {
				t.Errorf("sarif: %v", err)
			}
		}
		for range 20 {
			var again bytes.Buffer
			if err := w(&again, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), again.Bytes()) {
				t.Fatalf("%s output changed between runs", name)
			}
		}
	}
}
