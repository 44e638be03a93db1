// Package suppress decides which findings a run reports beyond what the
// configuration says: inline suppressions in Go, YAML and HCL comments and in
// Kubernetes annotations, time-boxed waivers from .relcheck.yaml, a baseline
// of accepted findings, and only-new mode (findings on lines a diff added).
// docs/suppressions.md is the user's view.
package suppress

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/discover"
	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/rules"
)

// Rule ids of the findings this package reports about suppressions.
const (
	RuleReason = "relcheck/suppression-reason"
	RuleUnused = "relcheck/unused-suppression"
	// RuleLocked is reported at an inline suppression of a rule a shared
	// configuration locks: it hides nothing.
	RuleLocked = "relcheck/locked-rule-suppression"
)

// Governance reports whether findings of rule id are about the governance
// inputs relcheck enforces over time (an expired waiver, a suppression of a
// locked rule). A baseline does not record them and neither a baseline nor
// only-new mode hides them: an expired waiver's line never changes, and a
// baseline written the day after it expired would otherwise excuse it
// forever.
func Governance(id string) bool { return id == RuleExpired || id == RuleLocked }

// Input is what inline suppression and waivers need from a run.
type Input struct {
	// Findings are the run's findings after configuration was applied.
	// Apply reuses this slice's array for Result.Kept.
	Findings []finding.Finding
	// Files are the absolute paths of the Go files and manifests the run
	// analyzed; only these are scanned for suppression comments.
	Files []string
	// Annotations are the relcheck.dev/ignore annotations of the run's
	// Kubernetes objects.
	Annotations []Annotation
	// Base is the directory finding paths are relative to.
	Base    string
	Catalog *rules.Catalog
	Config  *config.Config
	// NoGo and NoManifests say an engine was skipped, so that suppressions
	// of its rules are not called unused.
	NoGo, NoManifests bool
	// Today is the day Config's waivers are judged against (its UTC date
	// counts). It must be set when there are waivers: the zero time would
	// keep every waiver active forever.
	Today time.Time
	// Only, when set, holds the display paths of the files the run reports
	// findings in (files named on the command line, as pre-commit passes
	// them). Suppressions in other files (a Terraform module's other files,
	// read with the named one) and waivers that concern none of them are not
	// judged.
	Only map[string]bool
	// Unmarked holds files of Files that the run has already searched for
	// the marker, without finding it; they are not read again.
	Unmarked map[string]bool
}

// Result splits a run's findings.
type Result struct {
	// Kept are the findings no suppression matched, in their input order.
	// It shares Input.Findings' array, which Apply overwrites.
	Kept []finding.Finding
	// New are findings about the suppressions and waivers themselves
	// (missing reason, unused, unknown rule, expired). They have no
	// fingerprints yet and must go through the same configuration as engine
	// findings.
	New []finding.Finding
	// Suppressed counts the findings a suppression or waiver hid.
	Suppressed int
	// Errors are files that could not be read for suppressions.
	Errors []error
}

// Apply applies the suppression comments and annotations and the
// configuration's waivers, in one pass so that a finding both cover marks
// both as used.
func Apply(in Input) Result {
	var res Result
	var ds []*directive
	for _, path := range in.Files {
		if in.Unmarked[path] {
			continue
		}
		found, err := scanFile(path, discover.Display(in.Base, path))
		if err != nil {
			res.Errors = append(res.Errors, err)
			continue
		}
		ds = append(ds, found...)
	}
	for _, a := range in.Annotations {
		ds = append(ds, a.directives()...)
	}

	byFile := map[string][]*directive{}
	for _, d := range ds {
		if d.reason != "" && len(d.ids) > 0 {
			byFile[d.file] = append(byFile[d.file], d)
		}
	}
	// Kept reuses the input's array: a large run has a hundred thousand
	// findings, and a copy of them is tens of megabytes.
	ws := newWaivers(in)
	res.Kept = in.Findings[:0]
	for _, f := range in.Findings {
		inline := suppressedBy(f, byFile[f.File], in.locked)
		if waivedBy(f, ws) || inline {
			res.Suppressed++
			continue
		}
		res.Kept = append(res.Kept, f)
	}

	for _, d := range ds {
		res.New = append(res.New, d.problems(in)...)
	}
	for _, w := range ws {
		res.New = append(res.New, w.problems(in)...)
	}
	return res
}

// locked returns the lock on rule id, if the configuration has one.
func (in Input) locked(id string) (config.Lock, bool) {
	if in.Config == nil {
		return config.Lock{}, false
	}
	return in.Config.Locked(id)
}

// suppressedBy marks every directive that covers f as used, so that two
// overlapping suppressions are both kept rather than one called unused.
func suppressedBy(f finding.Finding, ds []*directive, locked func(string) (config.Lock, bool)) bool {
	if strings.HasPrefix(f.Rule, "relcheck/") {
		// Findings about suppressions cannot themselves be suppressed inline;
		// that would let a suppression excuse itself.
		return false
	}
	if _, ok := locked(f.Rule); ok {
		// Teams cannot switch a locked rule off, inline either; its
		// suppressions are reported by problems.
		return false
	}
	hit := false
	for _, d := range ds {
		if !d.covers(f) {
			continue
		}
		for _, id := range d.ids {
			if id == f.Rule {
				d.used[id] = true
				hit = true
			}
		}
	}
	return hit
}

// ran reports whether rule id was evaluated in this run, so that its
// suppressions could have matched something.
func ran(in Input, id string) bool {
	r, ok := in.Catalog.Get(id)
	if !ok {
		return false
	}
	if in.Config != nil && !in.Config.Enabled(id, r.DefaultOff) {
		return false
	}
	switch r.Engine {
	case "go":
		return !in.NoGo
	case "rego":
		return !in.NoManifests
	}
	return true
}

// directive is one suppression: a comment or one entry of an annotation.
type directive struct {
	file      string // display path, as in findings
	line, col int    // where the directive itself is
	text      string // the directive as written, for fingerprints
	ids       []string
	reason    string

	// A comment covers a line range; an annotation covers an object.
	from, to int
	scope    string // "function" or "" (lines), for messages
	resource string

	used map[string]bool
}

func (d *directive) covers(f finding.Finding) bool {
	if d.resource != "" {
		return f.Resource == d.resource
	}
	return f.Line >= d.from && f.Line <= d.to
}

func (d *directive) where() string {
	switch {
	case d.resource != "":
		return "for " + d.resource
	case d.scope == "function":
		return "in this function"
	}
	return "on this line or the next"
}

func (d *directive) problems(in Input) []finding.Finding {
	if in.Only != nil && !in.Only[d.file] {
		// Read with a named file (the other files of its Terraform module),
		// not named: its findings were not judged, so neither are its
		// suppressions.
		return nil
	}
	var out []finding.Finding
	add := func(rule, msg string) {
		sev := finding.Low
		if r, ok := in.Catalog.Get(rule); ok {
			sev = r.Severity
		}
		out = append(out, finding.Finding{
			Rule: rule, Severity: sev, Message: msg, File: d.file, Line: d.line, Col: d.col,
			Resource: d.resource, Anchor: d.resource, Snippet: d.text,
		})
	}
	if len(d.ids) == 0 {
		add(RuleUnused, "relcheck:ignore names no rule id; list the ids it suppresses, separated by commas")
		return out
	}
	if d.reason == "" {
		add(RuleReason, fmt.Sprintf("suppression of %s has no reason, so it suppresses nothing; write the reason after \" -- \"", strings.Join(d.ids, ", ")))
		return out
	}
	for _, id := range d.ids {
		switch {
		case d.used[id]:
		case strings.HasPrefix(id, "relcheck/"):
			add(RuleUnused, fmt.Sprintf("%s findings cannot be suppressed inline; disable the rule in .relcheck.yaml instead", id))
		case !in.Catalog.Known(id):
			add(RuleUnused, fmt.Sprintf("suppression names unknown rule id %q (see `relcheck rules`)", id))
		case isLocked(in, id):
			lk, _ := in.locked(id)
			add(RuleLocked, fmt.Sprintf("suppression of %s hides nothing: the rule is locked by %s; fix the finding, or ask the owners of that file for a waiver there",
				id, lockDisplay(in, lk)))
		case ran(in, id):
			add(RuleUnused, fmt.Sprintf("suppression of %s matches no finding %s; remove it", id, d.where()))
		}
	}
	return out
}

func isLocked(in Input, id string) bool { _, ok := in.locked(id); return ok }

// lockDisplay is where a lock is, as findings show paths.
func lockDisplay(in Input, lk config.Lock) string {
	return fmt.Sprintf("%s:%d", fileDisplay(in, lk.File), lk.Line)
}

// parseDirective reads what follows "relcheck:ignore" (or an annotation
// entry): rule ids separated by commas, then " -- " and the reason. Spaces
// between ids are accepted because people write "a, b", and new lines
// because a block comment can span several.
func parseDirective(s string) (ids []string, reason string) {
	head, tail, _ := strings.Cut(s, "--")
	for _, id := range strings.FieldsFunc(head, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		ids = append(ids, id)
	}
	return ids, strings.TrimSpace(tail)
}

// Files lists the absolute paths of the Go files and manifests a check with
// these targets analyzes. Go packages are listed the way `go list ./...`
// matches them (no testdata, vendor, "." or "_" directories, no nested
// modules); build constraints are applied later, only to files that hold a
// suppression.
func Files(t *discover.Targets, goOn, manifestsOn bool) []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if goOn {
		for _, g := range t.Go {
			if len(g.Files) > 0 {
				for _, f := range g.Files {
					add(f)
				}
				continue
			}
			for _, pat := range g.Patterns {
				dir, recursive := strings.CutSuffix(pat, "...")
				goFiles(filepath.Join(g.Root, filepath.FromSlash(dir)), g.Root, recursive, add)
			}
		}
	}
	if manifestsOn {
		for _, m := range t.Manifests {
			add(m.Path)
		}
		for _, d := range t.Terraform {
			for _, f := range d.Files {
				add(f)
			}
		}
	}
	sort.Strings(out)
	return out
}

func goFiles(dir, root string, recursive bool, add func(string)) {
	if !recursive {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
				add(filepath.Join(dir, e.Name()))
			}
		}
		return
	}
	// A directory that vanished or cannot be read was already reported by
	// the Go engine; here it only means there is nothing to scan.
	//relcheck:ignore go/unchecked-error -- reported by the Go engine already
	_ = filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if e.IsDir() {
			name := e.Name()
			if path != dir && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if path != root {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") {
			add(path)
		}
		return nil
	})
}
