package suppress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/relcheck/relcheck/internal/finding"
)

// BaselineVersion is the version of the baseline file format this relcheck
// writes and reads.
const BaselineVersion = 1

// Baseline is a set of accepted findings, matched by fingerprint. Rule, file,
// message and line are there for the people who review the file; only the
// fingerprint decides, so that a baseline survives lines moving.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"`
	// Line is where the finding was when the baseline was written; a hint
	// for readers, never used for matching.
	Line int `json:"line,omitempty"`
}

// NewBaseline records findings, which must have fingerprints. Governance
// findings (expired waivers, suppressions of locked rules) are left out:
// they are never accepted once and for all.
func NewBaseline(fs []finding.Finding) *Baseline {
	b := &Baseline{Version: BaselineVersion, Findings: make([]BaselineEntry, 0, len(fs))}
	for _, f := range fs {
		if Governance(f.Rule) {
			continue
		}
		b.Findings = append(b.Findings, BaselineEntry{Rule: f.Rule, File: f.File, Fingerprint: f.Fingerprint, Message: f.Message, Line: f.Line})
	}
	return b
}

// WriteBaseline writes b to path through a temporary file, so that an
// interrupted run never leaves half a baseline that would hide nothing.
func WriteBaseline(path string, b *Baseline) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".relcheck-baseline-*")
	if err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) //relcheck:ignore go/unchecked-error -- fails harmlessly after the rename
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close() //relcheck:ignore go/unchecked-error -- the write error is the one to report
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("baseline %s: %w", path, err)
	}
	return nil
}

// ReadBaseline reads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: not a relcheck baseline: %w", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d is not supported (this relcheck reads version %d); write it again with `relcheck baseline write`", path, b.Version, BaselineVersion)
	}
	for i, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: finding %d (%s in %s) has no fingerprint", path, i+1, e.Rule, e.File)
		}
	}
	return &b, nil
}

// Filter drops the findings whose fingerprint the baseline holds, except
// governance findings, which a baseline written by an older relcheck (or by
// hand) may hold but never hides.
func (b *Baseline) Filter(fs []finding.Finding) (kept []finding.Finding, hidden int) {
	known := make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		known[e.Fingerprint] = true
	}
	for _, f := range fs {
		if known[f.Fingerprint] && !Governance(f.Rule) {
			hidden++
			continue
		}
		kept = append(kept, f)
	}
	return kept, hidden
}
