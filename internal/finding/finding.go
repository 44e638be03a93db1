// Package finding is the one result type both engines produce. Everything
// after the engines (suppression, reports, exit code) works on []Finding and
// never knows which engine a finding came from.
package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity orders how much a finding matters. The zero value is invalid so
// that a forgotten severity is caught rather than read as "info".
type Severity int

const (
	Info Severity = iota + 1
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{Info: "info", Low: "low", Medium: "medium", High: "high", Critical: "critical"}

// String returns the lower-case name used in config, flags and reports.
func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity accepts the names String returns, in any case.
func ParseSeverity(s string) (Severity, error) {
	for i := Info; i <= Critical; i++ {
		if strings.EqualFold(s, severityNames[i]) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want info, low, medium, high or critical)", s)
}

// MarshalText makes severities appear by name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Finding is one problem at one place.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// File is repo-relative with forward slashes.
	File string `json:"file"`
	// Line and Col are 1-based; Col counts bytes. Zero means unknown.
	Line    int `json:"line"`
	Col     int `json:"col"`
	EndLine int `json:"endLine,omitempty"`
	EndCol  int `json:"endCol,omitempty"`
	// Resource names the manifest object ("Deployment/shop/web",
	// "aws_db_instance.main"); empty for Go.
	Resource string `json:"resource,omitempty"`
	Fix      string `json:"fix,omitempty"`
	// Fingerprint identifies the finding across unrelated edits; see
	// Fingerprint.
	Fingerprint string `json:"fingerprint"`
	// Anchor is what the fingerprint is computed from besides rule and file:
	// the enclosing function for Go, the resource and field path for
	// manifests. Engines set it; it is not part of reports.
	Anchor string `json:"-"`
	// Snippet is the source text of the reported line, used for the
	// fingerprint and by text reports. Not part of JSON reports.
	Snippet string `json:"-"`
	// Edits are the analyzer's certain fix, applied by --fix. Not reported.
	Edits []Edit `json:"-"`
}

// Edit replaces bytes [Start, End) of an absolute file path with New.
type Edit struct {
	File       string
	Start, End int
	New        string
}

// Less is the report order: file, line, column, rule, then message so that
// the order is total and reports are byte-identical run to run.
func Less(a, b Finding) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Col != b.Col {
		return a.Col < b.Col
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	if a.Message != b.Message {
		return a.Message < b.Message
	}
	return a.Resource < b.Resource
}

// Sort orders findings for reporting.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return Less(fs[i], fs[j]) })
}

// Dedup removes findings that are identical in rule, place and message; two
// analyzers or two documents can legitimately reach the same place twice.
// fs must be sorted.
func Dedup(fs []Finding) []Finding {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 {
			p := out[len(out)-1]
			if p.Rule == f.Rule && p.File == f.File && p.Line == f.Line && p.Col == f.Col && p.Message == f.Message && p.Resource == f.Resource {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// SetFingerprints fills Fingerprint for every finding. A fingerprint is built
// from the rule, the file, the anchor (function or resource) and the
// whitespace-normalised snippet, never from line numbers, so it survives
// lines moving above it. Findings that would collide (the same call twice in
// one function) get an occurrence counter in file order, which keeps them
// distinct while staying stable under edits elsewhere.
func SetFingerprints(fs []Finding) {
	// Occurrences are counted by a digest of the base, not the base itself:
	// a run with a hundred thousand findings would otherwise hold as many
	// long strings in the map.
	seen := make(map[[sha256.Size]byte]int, len(fs))
	var buf []byte
	for i := range fs {
		f := &fs[i]
		buf = append(buf[:0], f.Rule...)
		buf = append(buf, 0)
		buf = append(buf, f.File...)
		buf = append(buf, 0)
		buf = append(buf, f.Anchor...)
		buf = append(buf, 0)
		buf = append(buf, normalize(f.Snippet)...)
		if f.Anchor == "" && f.Snippet == "" {
			// Nothing stable to anchor to: fall back to the message.
			buf = append(buf, 0)
			buf = append(buf, f.Message...)
		}
		key := sha256.Sum256(buf)
		n := seen[key]
		seen[key] = n + 1
		buf = append(buf, 0)
		buf = strconv.AppendInt(buf, int64(n), 10)
		sum := sha256.Sum256(buf)
		f.Fingerprint = hex.EncodeToString(sum[:16])
	}
}

func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// Count returns how many findings are at or above min.
func Count(fs []Finding, min Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity >= min {
			n++
		}
	}
	return n
}
