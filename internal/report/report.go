// Package report writes findings in the formats people and CI systems read.
// Every writer is deterministic: the same findings give byte-identical output.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/rules"
)

// Input is what every writer gets.
type Input struct {
	Findings []finding.Finding
	// Errors are targets that could not be analyzed; writers that have a
	// place for them report them.
	Errors  []error
	Catalog *rules.Catalog
	Version string
	// Hidden counts findings a baseline or only-new mode left out.
	Hidden int
	// Suppressed counts findings an inline suppression or a waiver hid: a
	// reader of the summary should know they exist.
	Suppressed int
	// Color enables ANSI colour in the text writer.
	Color bool
	// Quiet leaves the summary line out of the text report.
	Quiet bool
	// Base is the directory finding paths are relative to ("" for the
	// working directory); writers that read source files join it.
	Base string
	// StepSummary is the file the github writer appends a Markdown job
	// summary to: the CLI passes os.Getenv("GITHUB_STEP_SUMMARY"), and ""
	// (outside GitHub Actions) writes none.
	StepSummary string
}

// Writer writes one format.
type Writer func(w io.Writer, in Input) error

var writers = map[string]Writer{}

// Register adds a format; formats register themselves in init.
func register(name string, w Writer) { writers[name] = w }

// Get returns the writer of a format.
func Get(name string) (Writer, bool) {
	w, ok := writers[name]
	return w, ok
}

// Formats lists the registered format names, sorted.
func Formats() []string {
	out := make([]string, 0, len(writers))
	for n := range writers {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Spec is one --format value: a format and where to write it ("" is the
// main output).
type Spec struct {
	Format, Path string
}

// ParseSpec reads "sarif" or "sarif=relcheck.sarif".
func ParseSpec(s string) (Spec, error) {
	name, path, _ := strings.Cut(s, "=")
	if _, ok := writers[name]; !ok {
		return Spec{}, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(Formats(), ", "))
	}
	return Spec{Format: name, Path: path}, nil
}

// counts returns the number of findings per severity, most severe first.
func counts(fs []finding.Finding) map[finding.Severity]int {
	c := map[finding.Severity]int{}
	for _, f := range fs {
		c[f.Severity]++
	}
	return c
}
