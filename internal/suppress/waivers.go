package suppress

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/discover"
	"github.com/relcheck/relcheck/internal/finding"
)

// RuleExpired is reported at a waiver in .relcheck.yaml past its expiry date.
const RuleExpired = "relcheck/expired-waiver"

// waiver is a configured waiver in the terms of one run.
type waiver struct {
	config.Waiver
	globs   []string // Paths rebased onto the run's base, like finding paths
	expired bool
	used    bool
}

func newWaivers(in Input) []*waiver {
	if in.Config == nil {
		return nil
	}
	out := make([]*waiver, 0, len(in.Config.Waivers))
	for _, w := range in.Config.Waivers {
		ws := &waiver{Waiver: w, expired: w.Expired(in.Today)}
		for _, g := range w.Paths {
			ws.globs = append(ws.globs, config.RebaseGlob(in.Base, in.Config.Dir, g))
		}
		out = append(out, ws)
	}
	return out
}

// waivedBy marks every active waiver that covers f as used, so that two
// overlapping waivers are both kept rather than one called unused.
func waivedBy(f finding.Finding, ws []*waiver) bool {
	hit := false
	for _, w := range ws {
		if !w.expired && w.covers(f) {
			w.used = true
			hit = true
		}
	}
	return hit
}

func (w *waiver) covers(f finding.Finding) bool {
	if f.Rule != w.Rule {
		return false
	}
	if w.Resource != "" {
		if ok, _ := doublestar.Match(w.Resource, f.Resource); !ok {
			return false
		}
	}
	return w.coversFile(f.File)
}

// coversFile reports whether a glob matches the file or, as an exclude
// does, a directory above it: "deploy/batch" covers deploy/batch/job.yaml.
func (w *waiver) coversFile(file string) bool {
	for p := file; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		for _, g := range w.globs {
			if ok, _ := doublestar.Match(g, p); ok {
				return true
			}
		}
	}
	return false
}

// judged reports whether this run says anything about the waiver: its rule
// ran, and the run was not restricted to named files (pre-commit) that have
// nothing to do with it. A run on staged files judges a waiver when one of
// them is in its paths, or is the config file itself.
func (w *waiver) judged(in Input, configFile string) bool {
	if !ran(in, w.Rule) {
		return false
	}
	if in.Only == nil || in.Only[configFile] {
		return true
	}
	for f := range in.Only {
		if w.coversFile(f) {
			return true
		}
	}
	return false
}

// errFound stops a glob walk at its first match.
var errFound = errors.New("found")

// matchesAFile reports whether any of the waiver's paths names a file or
// directory that exists, relative to the configuration's directory. Paths
// without glob characters are a stat; a glob walks only the directories it
// can match in, and stops at the first hit.
func (w *waiver) matchesAFile(in Input) bool {
	root := os.DirFS(in.Config.Dir)
	for _, g := range w.Paths {
		g = strings.TrimPrefix(path.Clean(filepath.ToSlash(g)), "./")
		if !fs.ValidPath(g) {
			return true // outside the config's directory: not judged
		}
		if !config.IsGlob(g) {
			if _, err := fs.Stat(root, g); err == nil {
				return true
			}
			continue
		}
		err := doublestar.GlobWalk(root, g, func(string, fs.DirEntry) error { return errFound })
		if errors.Is(err, errFound) || (err != nil && !errors.Is(err, fs.ErrNotExist)) {
			// An unreadable directory is not evidence that the files
			// are gone.
			return true
		}
	}
	return false
}

// checkedIn reports whether the run analyzed, with the rule's engine, a file
// in the waiver's paths whose findings it reports: only then could the
// waiver have matched something.
func (w *waiver) checkedIn(in Input, engine string) bool {
	for _, abs := range in.Files {
		f := discover.Display(in.Base, abs)
		if in.Only != nil && !in.Only[f] {
			continue
		}
		if (engine == "go") != strings.HasSuffix(f, ".go") {
			continue
		}
		if w.coversFile(f) {
			return true
		}
	}
	return false
}

func (w *waiver) problems(in Input) []finding.Finding {
	configFile := fileDisplay(in, w.File)
	if !w.judged(in, configFile) {
		return nil
	}
	var rule, msg string
	r, _ := in.Catalog.Get(w.Rule)
	switch {
	case w.expired:
		rule = RuleExpired
		msg = fmt.Sprintf("waiver for %s owned by %s expired after %s; its findings are reported again", w.Rule, w.Owner, w.Expires)
	case !w.used && in.Only == nil && !w.matchesAFile(in):
		// The files were moved or deleted: no run would ever check them,
		// so without this the waiver would sit in the config until it
		// expires, then fail a build about code that no longer exists.
		rule = RuleUnused
		msg = fmt.Sprintf("waiver for %s owned by %s matches no file or directory (%s); were they moved or deleted? remove it or fix its paths", w.Rule, w.Owner, strings.Join(w.Paths, ", "))
	case !w.used && w.checkedIn(in, r.Engine):
		rule = RuleUnused
		where := strings.Join(w.Paths, ", ")
		if w.Resource != "" {
			where += " for " + w.Resource
		}
		msg = fmt.Sprintf("waiver for %s owned by %s matches no finding in %s; remove it", w.Rule, w.Owner, where)
	default:
		return nil
	}
	own, _ := in.Catalog.Get(rule)
	sev := own.Severity
	if sev == 0 {
		sev = finding.Low
	}
	return []finding.Finding{{
		Rule: rule, Severity: sev, Message: msg, File: configFile, Line: w.Line, Col: w.Col, Fix: own.Fix,
		// The waiver's identity, not its line, so that the fingerprint
		// survives edits elsewhere in the config.
		Anchor: "waiver " + w.Rule + " " + strings.Join(w.Paths, ",") + " " + w.Resource,
	}}
}

// fileDisplay is the path of a config file (the one relcheck loaded, or one
// it extends) as findings show it; "" is the loaded one.
func fileDisplay(in Input, file string) string {
	if in.Config == nil {
		return ""
	}
	if file == "" || file == in.Config.File {
		if in.Config.File == "" {
			return ""
		}
		// The loaded file's directory is known even if the working
		// directory changed since it was read.
		file = filepath.Join(in.Config.Dir, filepath.Base(in.Config.File))
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	return discover.Display(in.Base, abs)
}
