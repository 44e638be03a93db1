package config

import (
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"
)

// DateLayout is how waiver expiry dates are written: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// Waiver is a time-boxed exception: findings of Rule in Paths (and, when
// set, on a matching Resource) are hidden through the day Expires, and
// reported again after it. Owner and Reason are required because a waiver
// is a decision someone answers for; Expires is required because a waiver
// without an end is a disabled rule in disguise.
type Waiver struct {
	Rule string
	// Paths are doublestar globs as written, relative to the directory of
	// the config file relcheck loaded (also when the waiver is in a file it
	// extends). A glob that matches a directory covers the files below it,
	// as in exclude.
	Paths []string
	// Resource is a doublestar glob over a finding's resource
	// ("Deployment/batch/*", "aws_db_instance.*"); "" covers every finding in
	// Paths.
	Resource string
	Owner    string
	Reason   string
	// Expires is the last day the waiver applies, in UTC, as YYYY-MM-DD.
	Expires string
	// File is the config file the waiver is written in: the one relcheck
	// loaded, or one it extends. Line and Col are where the waiver starts in
	// it; RuleLine is the line of its rule id.
	File                string
	Line, Col, RuleLine int
}

// Expired reports whether the waiver no longer applies on the day today
// falls on in UTC. A waiver applies through its expiry date.
func (w Waiver) Expired(today time.Time) bool {
	return w.DaysLeft(today) < 0
}

// DaysLeft is how many more days the waiver applies after today: 0 on its
// last day, negative once expired.
func (w Waiver) DaysLeft(today time.Time) int {
	end, err := time.Parse(DateLayout, w.Expires)
	if err != nil {
		return 0 // validated when loaded; unreachable
	}
	y, m, d := today.UTC().Date()
	return int(end.Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// RebaseGlob rewrites a glob written relative to the config file's directory
// dir so that it matches paths relative to base, the directory findings are
// reported against.
func RebaseGlob(base, dir, glob string) string {
	rel, err := filepath.Rel(base, dir)
	if err != nil || rel == "." {
		return glob
	}
	return filepath.ToSlash(filepath.Join(rel, glob))
}

var waiverKeys = []string{"rule", "paths", "resource", "owner", "reason", "expires"}

func (p *parser) waivers(v *yaml.Node) error {
	entries, err := p.list(v, "waivers: want a list of waivers, each with rule, paths, owner, reason and expires")
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for _, n := range entries {
		w, err := p.waiver(n)
		if err != nil {
			return err
		}
		paths := slices.Clone(w.Paths)
		slices.Sort(paths)
		key := w.Rule + "\x00" + strings.Join(paths, "\x00") + "\x00\x00" + w.Resource
		if line, dup := seen[key]; dup {
			return p.errf(n, "waiver for %s: the waiver at line %d has the same rule, paths and resource; keep one", w.Rule, line)
		}
		seen[key] = w.Line
		p.cfg.Waivers = append(p.cfg.Waivers, w)
	}
	return nil
}

func (p *parser) waiver(n *yaml.Node) (Waiver, error) {
	if n.Kind != yaml.MappingNode {
		return Waiver{}, p.errf(n, "waivers: each waiver is a mapping with rule, paths, owner, reason and expires")
	}
	w := Waiver{File: p.file, Line: n.Line, Col: n.Column}
	vals := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(waiverKeys, k.Value) {
			return w, p.errf(k, "waiver: unknown key %q (known: %s)", k.Value, strings.Join(waiverKeys, ", "))
		}
		if _, dup := vals[k.Value]; dup {
			return w, p.errf(k, "waiver: key %q appears twice", k.Value)
		}
		vals[k.Value] = n.Content[i+1]
	}

	// The rule first, so that every later message can name it.
	rv, ok := vals["rule"]
	if !ok {
		return w, p.errf(n, "waiver: rule is required: the id of the rule it waives (see `relcheck rules`)")
	}
	var err error
	if w.Rule, err = p.text(rv, "waiver: rule"); err != nil {
		return w, err
	}
	w.RuleLine = rv.Line
	if strings.HasPrefix(w.Rule, "relcheck/") {
		return w, p.errf(rv, "waiver: %s findings are about relcheck's own inputs and cannot be waived; fix the input, or disable the rule under rules:", w.Rule)
	}
	if p.known != nil && !p.known(w.Rule) {
		return w, p.errf(rv, "waiver: unknown rule %q (see `relcheck rules`)", w.Rule)
	}
	what := "waiver for " + w.Rule

	pv, ok := vals["paths"]
	if !ok {
		return w, p.errf(n, "%s: paths is required: globs of the files it covers, relative to this file (\"**\" for all)", what)
	}
	if w.Paths, err = p.strings(pv, what+": paths"); err != nil {
		return w, err
	}
	if len(w.Paths) == 0 {
		return w, p.errf(pv, "%s: paths is empty: list the globs of the files it covers (\"**\" for all)", what)
	}
	for i, g := range w.Paths {
		switch {
		case filepath.IsAbs(g) || strings.HasPrefix(g, "/"):
			return w, p.errf(pv.Content[i], "%s: paths: %q is absolute; write it relative to this file", what, g)
		case !doublestar.ValidatePattern(g):
			return w, p.errf(pv.Content[i], "%s: paths: invalid glob %q", what, g)
		}
		w.Paths[i] = strings.TrimPrefix(g, "./")
	}

	if v, ok := vals["resource"]; ok {
		if w.Resource, err = p.text(v, what+": resource"); err != nil {
			return w, err
		}
		if !doublestar.ValidatePattern(w.Resource) {
			return w, p.errf(v, "%s: resource: invalid glob %q", what, w.Resource)
		}
	}

	for _, r := range []struct {
		key, why string
		dst      *string
	}{
		{"owner", "who answers for it and renews or removes it", &w.Owner},
		{"reason", "why the findings are acceptable until it expires", &w.Reason},
	} {
		v, ok := vals[r.key]
		if !ok {
			return w, p.errf(n, "%s: %s is required: %s", what, r.key, r.why)
		}
		if *r.dst, err = p.text(v, what+": "+r.key); err != nil {
			return w, err
		}
	}

	ev, ok := vals["expires"]
	if !ok {
		return w, p.errf(n, "%s: expires is required (YYYY-MM-DD): a waiver without an end date is a disabled rule; disable the rule under rules: if that is what you mean", what)
	}
	if ev.Kind != yaml.ScalarNode {
		return w, p.errf(ev, "%s: expires: want a date as YYYY-MM-DD", what)
	}
	if _, err := time.Parse(DateLayout, ev.Value); err != nil {
		return w, p.errf(ev, "%s: expires: %q is not a date as YYYY-MM-DD", what, ev.Value)
	}
	w.Expires = ev.Value
	return w, nil
}

// text reads a scalar that must say something.
func (p *parser) text(v *yaml.Node, what string) (string, error) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" || strings.TrimSpace(v.Value) == "" {
		return "", p.errf(v, "%s: want a non-empty string", what)
	}
	return strings.TrimSpace(v.Value), nil
}
