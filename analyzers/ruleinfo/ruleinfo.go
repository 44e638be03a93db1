// Package ruleinfo holds the documentation of the rules an analyzer family
// reports. It is data, not behaviour: the rule catalog (package rules) reads
// it to render `relcheck rules`, `relcheck explain` and docs/rules.md, and
// the Go engine reads DefaultOff and TestSeverity to decide what to keep.
//
// It lives beside the analyzers, not in internal/, because the analyzer
// packages are public (they also run under go vet, gopls and golangci-lint)
// and must not import relcheck's internals.
package ruleinfo

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Rule documents one rule id. An analyzer reports a diagnostic for this rule
// by setting analysis.Diagnostic.Category to ID.
type Rule struct {
	ID       string // "go/http-client-timeout"; never changes once released
	Title    string // one line, no trailing period
	Severity string // info, low, medium, high or critical
	// Rationale explains why the rule exists in a way a reviewer can read in
	// twenty seconds.
	Rationale string
	Fix       string // how to fix a finding
	Example   string // a short bad example followed by the good one
	// DefaultOff rules run only when the configuration enables them.
	DefaultOff bool
	// TestSeverity, when set, is the severity of findings in _test.go files.
	TestSeverity string
	// Related lists ids of the same check in other tools ("gosec:G112").
	Related []string
}

// DecodeSettings decodes the per-rule settings of a family. Each entry of
// raw is the JSON form of the `settings` block a user wrote for one rule id in
// .relcheck.yaml. Unknown fields are errors that name the rule, because a
// misspelled setting that silently does nothing is worse than a failed run.
// into maps a rule id to a pointer to the struct its settings decode into.
func DecodeSettings(raw map[string]json.RawMessage, into map[string]any) error {
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		dst, ok := into[id]
		if !ok {
			return fmt.Errorf("rule %s takes no settings", id)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw[id])))
		dec.DisallowUnknownFields()
		if err := dec.Decode(dst); err != nil {
			return fmt.Errorf("rule %s: settings: %w", id, err)
		}
	}
	return nil
}
