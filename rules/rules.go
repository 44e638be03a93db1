// Package rules is the rule catalog: every rule id relcheck can report, with
// the text a reviewer needs (title, rationale, fix, example). It is built from
// two sources of truth and never restates them: the Go analyzers' ruleinfo
// and the METADATA of Rego packages. `relcheck rules`, `relcheck explain`,
// docs/rules.md and the SARIF rule descriptors all read it.
package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/relcheck/relcheck/analyzers/ruleinfo"
	"github.com/relcheck/relcheck/internal/finding"
)

// Rule describes one rule id.
type Rule struct {
	ID        string
	Title     string
	Severity  finding.Severity
	Rationale string
	Fix       string
	Example   string
	// Engine is "go", "rego" or "relcheck" (findings about relcheck's own
	// inputs, such as suppressions).
	Engine string
	// Kinds are the Kubernetes kinds or Terraform resource types a policy
	// reads; empty for Go rules.
	Kinds   []string
	Related []string
	// DefaultOff rules run only when enabled in configuration.
	DefaultOff bool
	// TestSeverity, when set, replaces Severity for findings in Go test files.
	TestSeverity finding.Severity
	// Source is the analyzer family or the Rego package that implements it.
	Source string
}

// Domain is the id's prefix: "go", "k8s", "tf", "compose" or "relcheck".
func (r Rule) Domain() string {
	d, _, _ := strings.Cut(r.ID, "/")
	return d
}

// Catalog is an immutable set of rules ordered by id.
type Catalog struct {
	rules []Rule
	byID  map[string]int
}

// New builds a catalog; a duplicate id is an error because ids are how users
// configure and suppress rules.
func New(rs ...[]Rule) (*Catalog, error) {
	c := &Catalog{byID: map[string]int{}}
	for _, list := range rs {
		for _, r := range list {
			if _, dup := c.byID[r.ID]; dup {
				return nil, fmt.Errorf("rule %s is defined twice (%s and %s)", r.ID, c.rules[c.byID[r.ID]].Source, r.Source)
			}
			c.byID[r.ID] = len(c.rules)
			c.rules = append(c.rules, r)
		}
	}
	sort.SliceStable(c.rules, func(i, j int) bool { return c.rules[i].ID < c.rules[j].ID })
	for i, r := range c.rules {
		c.byID[r.ID] = i
	}
	return c, nil
}

// All returns the rules ordered by id. The slice must not be modified.
func (c *Catalog) All() []Rule { return c.rules }

// Get returns the rule with the given id.
func (c *Catalog) Get(id string) (Rule, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Rule{}, false
	}
	return c.rules[i], true
}

// Known reports whether id is in the catalog.
func (c *Catalog) Known(id string) bool { _, ok := c.byID[id]; return ok }

// FromGo converts an analyzer family's documentation.
func FromGo(family string, docs []ruleinfo.Rule) ([]Rule, error) {
	out := make([]Rule, 0, len(docs))
	for _, d := range docs {
		sev, err := finding.ParseSeverity(d.Severity)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: rule %s: %w", family, d.ID, err)
		}
		r := Rule{
			ID: d.ID, Title: d.Title, Severity: sev, Rationale: d.Rationale, Fix: d.Fix,
			Example: d.Example, Engine: "go", Related: d.Related, DefaultOff: d.DefaultOff,
			Source: "analyzers/" + family,
		}
		if d.TestSeverity != "" {
			if r.TestSeverity, err = finding.ParseSeverity(d.TestSeverity); err != nil {
				return nil, fmt.Errorf("analyzer %s: rule %s: test severity: %w", family, d.ID, err)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// Own are the rules about relcheck's own inputs. They are reported by the
// suppression and waiver machinery, not by an engine.
var Own = []Rule{
	{
		ID: "relcheck/suppression-reason", Title: "Suppression without a reason", Severity: finding.Medium, Engine: "relcheck",
		Rationale: "A suppression is a decision someone made; without the reason the next reader cannot tell whether it still holds, and reviewers cannot judge it.",
		Fix:       "Add the reason after two dashes: `//relcheck:ignore go/unchecked-error -- flushed by the caller`.",
		Example:   "//relcheck:ignore go/unchecked-error            (bad: no reason)\n//relcheck:ignore go/unchecked-error -- best effort cleanup   (good)",
		Source:    "internal/suppress",
	},
	{
		ID: "relcheck/unused-suppression", Title: "Suppression that suppresses nothing", Severity: finding.Low, Engine: "relcheck",
		Rationale: "A suppression or waiver whose finding is gone hides the next real problem there. Remove it when the code it excused was fixed.",
		Fix:       "Delete the suppression comment or annotation, or the waiver in .relcheck.yaml.",
		Source:    "internal/suppress",
	},
	{
		ID: "relcheck/expired-waiver", Title: "Waiver past its expiry date", Severity: finding.Medium, Engine: "relcheck",
		Rationale: "A waiver in .relcheck.yaml hides a rule's findings in some files until a date its owner agreed to. After that day it hides nothing, and relcheck reports it at the waiver's line so that the exception is decided again rather than forgotten.",
		Fix:       "Fix the findings and delete the waiver, or renew it with its owner's agreement: a new expires date and an up-to-date reason.",
		Example: "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/batch/**]\n    owner: team-batch@example.com\n" +
			"    reason: single-replica batch worker, the queue absorbs restarts\n    expires: 2027-03-31   # reported from 2027-04-01 on",
		Source: "internal/suppress",
	},
	{
		ID: "relcheck/locked-rule-suppression", Title: "Suppression of a locked rule", Severity: finding.Medium, Engine: "relcheck",
		Rationale: "A shared configuration locks the rules its governance team decided no repository may switch off. An inline suppression of a locked rule hides nothing: the finding is still reported, and relcheck reports the suppression at its line so that nobody believes the risk was excused.",
		Fix:       "Fix the finding and delete the suppression. If the risk is acceptable for a while, ask the owners of the configuration that locks the rule for a waiver in that file.",
		Example:   "# extends: platform/relcheck.yaml, which has locked: [k8s/readiness-probe]\n# relcheck:ignore k8s/readiness-probe -- worker   (reported: the rule is locked)\n- name: worker",
		Source:    "internal/suppress",
	},
}
