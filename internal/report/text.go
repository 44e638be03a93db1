package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/relcheck/relcheck/internal/finding"
)

func init() { register("text", Text) }

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var sevColor = map[finding.Severity]string{
	finding.Critical: "\x1b[1;35m",
	finding.High:     "\x1b[1;31m",
	finding.Medium:   "\x1b[33m",
	finding.Low:      "\x1b[36m",
	finding.Info:     "\x1b[2m",
}

// Text is the human view: one finding per line in the file:line:col form
// editors and terminals make clickable, the resource and fix indented below,
// and a summary.
func Text(w io.Writer, in Input) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !in.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, f := range in.Findings {
		loc := f.File
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d", loc, f.Line)
			if f.Col > 0 {
				loc = fmt.Sprintf("%s:%d", loc, f.Col)
			}
		}
		fmt.Fprintf(bw, "%s: %s %s %s\n", paint(ansiBold, loc), paint(sevColor[f.Severity], f.Severity.String()), paint(ansiDim, f.Rule), f.Message)
		if f.Resource != "" {
			fmt.Fprintf(bw, "    resource: %s\n", f.Resource)
		}
		if f.Fix != "" {
			fmt.Fprintf(bw, "    fix: %s\n", firstLine(f.Fix))
		}
	}
	// Target errors go to standard error (the CLI prints them there, one
	// per line); the summary counts them.
	if !in.Quiet {
		fmt.Fprintln(bw, summary(in))
	}
	return bw.Flush()
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

func summary(in Input) string {
	if len(in.Findings) == 0 && len(in.Errors) == 0 {
		s := "no findings"
		if h := hiddenNote(in); h != "" {
			s += " (" + h + ")"
		}
		return s
	}
	c := counts(in.Findings)
	var parts []string
	for s := finding.Critical; s >= finding.Info; s-- {
		if c[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c[s], s))
		}
	}
	noun := "findings"
	if len(in.Findings) == 1 {
		noun = "finding"
	}
	out := fmt.Sprintf("%d %s", len(in.Findings), noun)
	if len(parts) > 0 {
		out += " (" + strings.Join(parts, ", ") + ")"
	}
	if len(in.Errors) > 0 {
		out += fmt.Sprintf(", %d %s could not be analyzed", len(in.Errors), plural(len(in.Errors), "target", "targets"))
	}
	if h := hiddenNote(in); h != "" {
		out += ", " + h
	}
	return out
}

// hiddenNote says how many findings were left out and why.
func hiddenNote(in Input) string {
	var parts []string
	if in.Suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed inline or by a waiver", in.Suppressed))
	}
	if in.Hidden > 0 {
		parts = append(parts, fmt.Sprintf("%d hidden by baseline or only-new mode", in.Hidden))
	}
	return strings.Join(parts, ", ")
}
