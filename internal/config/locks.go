package config

import (
	"fmt"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/relcheck/relcheck/internal/finding"
)

// Lock is one entry of a file's locked list: a rule id, or a glob over rule
// ids ("tf/aws-rds-*"; "*" does not cross the "/"). A locked rule always
// runs, at the severity the locking file gives it or higher, and files
// merged after the locking file (the files that extend it) cannot disable
// it, lower its severity, change its settings, waive it or exclude paths
// from it; inline suppressions of it hide nothing. Waivers in the locking
// file itself, and in the files it extends, still apply: they are the
// governance team's own, time-boxed exceptions.
type Lock struct {
	Pattern   string
	File      string
	Line, Col int
	// layer is the merge position of File.
	layer int
}

// FailOnKey, listed under locked, locks the fail-on gate rather than a
// rule: teams cannot make CI fail on fewer findings than the locking file
// says, by config or by flag.
const FailOnKey = "fail-on"

// FailOnLock is a locked fail-on: Severity is the gate in effect in the
// locking file, which files extending it and --fail-on may lower, never
// raise.
type FailOnLock struct {
	Severity finding.Severity
	Lock
}

// CheckFailOn reports whether a requested gate respects the lock: failing
// on sev and above is allowed when sev is at most the locked severity.
func (c *Config) CheckFailOn(sev finding.Severity, what string) error {
	if c.FailOnLock == nil || sev <= c.FailOnLock.Severity {
		return nil
	}
	return fmt.Errorf("%s %s: fail-on is locked at %s by %s; it may be lowered (fail on more), not raised", what, sev, c.FailOnLock.Severity, c.FailOnLock.Where())
}

// Where is the lock's file:line, for messages.
func (l Lock) Where() string { return fmt.Sprintf("%s:%d", l.File, l.Line) }

// Matches reports whether the lock covers rule id.
func (l Lock) Matches(id string) bool {
	ok, _ := doublestar.Match(l.Pattern, id)
	return ok
}

// IsGlob reports whether a rule or path pattern has glob characters.
func IsGlob(s string) bool { return strings.ContainsAny(s, "*?[{") }

func (p *parser) locked(v *yaml.Node) error {
	entries, err := p.list(v, "locked: want a list of rule ids or globs (tf/aws-rds-*)")
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for _, e := range entries {
		pat, err := p.text(e, "locked")
		if err != nil {
			return err
		}
		if line, dup := seen[pat]; dup {
			return p.errf(e, "locked: %s is already listed at line %d", pat, line)
		}
		seen[pat] = e.Line
		lock := Lock{Pattern: pat, File: p.file, Line: e.Line, Col: e.Column}
		if pat == FailOnKey {
			p.cfg.failOnLocked = &lock
			continue
		}
		switch {
		case !doublestar.ValidatePattern(pat):
			return p.errf(e, "locked: invalid glob %q", pat)
		case !IsGlob(pat) && p.known != nil && !p.known(pat):
			return p.errf(e, "locked: unknown rule %q (see `relcheck rules`)", pat)
		}
		p.cfg.Locks = append(p.cfg.Locks, lock)
	}
	return nil
}

// Locked returns the first lock, in merge order, that covers rule id: the
// one that decides who may waive it.
func (c *Config) Locked(id string) (Lock, bool) {
	for _, l := range c.Locks {
		if l.Matches(id) {
			return l, true
		}
	}
	return Lock{}, false
}

// ExcludesFor returns the exclude globs that apply to findings of rule id:
// all of them, except that a locked rule keeps only the globs of the files
// merged up to the one that locked it.
func (c *Config) ExcludesFor(id string) []string {
	lk, ok := c.Locked(id)
	if !ok || len(c.excludeFrom) != len(c.Exclude) {
		return c.Exclude
	}
	return c.excludesUpTo(lk.layer)
}

// CommonExcludes returns the exclude globs that apply to every rule: the
// files a run need not read at all.
func (c *Config) CommonExcludes() []string {
	if len(c.Locks) == 0 || len(c.excludeFrom) != len(c.Exclude) {
		return c.Exclude
	}
	first := c.Locks[0].layer
	for _, l := range c.Locks {
		first = min(first, l.layer)
	}
	return c.excludesUpTo(first)
}

func (c *Config) excludesUpTo(layer int) []string {
	var out []string
	for i, g := range c.Exclude {
		if c.excludeFrom[i] <= layer {
			out = append(out, g)
		}
	}
	return out
}

// CheckLocks reports the first way a file weakens a rule that a file merged
// before it locked, and locks that cover no rule. It needs the catalog, which
// the user's policies extend: ids lists every rule id, and severity gives a
// rule's default severity.
func (c *Config) CheckLocks(ids []string, severity func(id string) finding.Severity) error {
	for _, lk := range c.Locks {
		matched := false
		for _, id := range ids {
			if lk.Matches(id) {
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		msg := fmt.Sprintf("locked: unknown rule %q (see `relcheck rules`)", lk.Pattern)
		if IsGlob(lk.Pattern) {
			msg = fmt.Sprintf("locked: %q matches no rule (see `relcheck rules`)", lk.Pattern)
		}
		return &Error{File: lk.File, Line: lk.Line, Msg: msg}
	}
	for i, l := range c.layers {
		var errs []*Error
		at := func(line int, format string, args ...any) {
			errs = append(errs, &Error{File: l.File, Line: line, Msg: fmt.Sprintf(format, args...)})
		}
		for id, rc := range l.Rules {
			for _, lk := range c.Locks {
				if !lk.Matches(id) || lk.layer > i {
					continue
				}
				disabled := rc.Enabled != nil && !*rc.Enabled
				if lk.layer == i {
					if disabled {
						at(rc.enabledLine, "rules.%s.enabled: %s is locked at line %d of this file, and a locked rule is always enabled", id, id, lk.Line)
					}
					continue
				}
				floor := c.severityAt(lk.layer, id, severity)
				switch {
				case disabled:
					at(rc.enabledLine, "rules.%s.enabled: %s is locked by %s; a file that extends it cannot disable it", id, id, lk.Where())
				case rc.Severity != 0 && rc.Severity < floor:
					at(rc.severityLine, "rules.%s.severity: %s is locked by %s at %s; a file that extends it cannot lower it to %s", id, id, lk.Where(), floor, rc.Severity)
				case rc.Settings != nil:
					at(rc.settingsLine, "rules.%s.settings: %s is locked by %s, and its settings come from there", id, id, lk.Where())
				default:
					continue
				}
				break // one message per rule block
			}
		}
		for _, w := range l.Waivers {
			for _, lk := range c.Locks {
				if lk.layer < i && lk.Matches(w.Rule) {
					at(w.RuleLine, "waiver for %s: %s is locked by %s; only waivers in that file apply to it", w.Rule, w.Rule, lk.Where())
					break
				}
			}
		}
		if fl := c.FailOnLock; fl != nil && i > fl.layer && l.failOnSet && l.FailOn > fl.Severity {
			at(l.failOnLine, "fail-on: %s is locked by %s at %s; a file that extends it cannot raise it to %s", FailOnKey, fl.Where(), fl.Severity, l.FailOn)
		}
		if len(errs) > 0 {
			sort.SliceStable(errs, func(a, b int) bool { return errs[a].Line < errs[b].Line })
			return errs[0]
		}
	}
	return nil
}

// severityAt is the severity rule id has in the configuration as merged up
// to layer: the last file that sets it, else the rule's default.
func (c *Config) severityAt(layer int, id string, def func(string) finding.Severity) finding.Severity {
	for j := layer; j >= 0; j-- {
		if rc, ok := c.layers[j].Rules[id]; ok && rc.Severity != 0 {
			return rc.Severity
		}
	}
	return def(id)
}
