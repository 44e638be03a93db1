// Package run wires one check: discovery, both engines, and the
// post-processing every finding gets regardless of its engine (severity
// overrides, disabled rules, excludes, fingerprints, order).
package run

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/discover"
	"github.com/relcheck/relcheck/internal/families"
	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/gocheck"
	"github.com/relcheck/relcheck/internal/manifest"
	"github.com/relcheck/relcheck/internal/parallel"
	"github.com/relcheck/relcheck/internal/policy"
	"github.com/relcheck/relcheck/internal/suppress"
	"github.com/relcheck/relcheck/policies"
	"github.com/relcheck/relcheck/rules"
)

// Options are one check's inputs.
type Options struct {
	Paths  []string
	Stdin  io.Reader
	Config *config.Config
	// Base is the directory reported paths are relative to.
	Base string
	// NoGo and NoManifests skip an engine (the pre-commit hook variants).
	NoGo, NoManifests bool
	// Today is the day waivers are judged against, by its UTC date. The CLI
	// passes the current time; it must be set when the config has waivers.
	Today time.Time
}

// Outcome is what a check found.
type Outcome struct {
	Findings []finding.Finding
	// Errors are targets that could not be analyzed: unparsable manifests,
	// packages with type errors, policy runtime errors. They make exit 3.
	Errors []error
	// Catalog documents every rule that could have been reported.
	Catalog *rules.Catalog
	// Files are the absolute paths of the Go files and manifests analyzed,
	// where inline suppressions are looked for.
	Files []string
	// Suppressed counts findings an inline suppression or a waiver hid.
	Suppressed int
	// Checked counts the Go module targets and manifest documents checked;
	// 0 means the paths held nothing relcheck knows how to check.
	Checked int
	// Unmoduled are directories of Go files no go.mod covers, which were
	// not analyzed (empty when the Go engine was skipped).
	Unmoduled []string
	// HelmTemplates are named files in a chart's templates directory, which
	// were skipped (empty when the manifest engine was skipped).
	HelmTemplates []string
}

// UsageError is a problem with how relcheck was invoked or configured
// (exit 2), as opposed to a problem with a target.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usage(err error) error { return &UsageError{Err: err} }

// Modules returns the built-in policies plus the configured policy
// directories.
func Modules(cfg *config.Config) ([]policy.Module, error) {
	mods, err := policy.ReadFS(policies.FS, "policies")
	if err != nil {
		return nil, err
	}
	for _, dir := range cfg.Policies {
		user, err := policy.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		if len(user) == 0 {
			return nil, fmt.Errorf("policy directory %s holds no .rego files", dir)
		}
		ok, err := policy.HasRules(user)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("policy directory %s defines no deny, violation or warn rules: it would check nothing", dir)
		}
		mods = append(mods, user...)
	}
	return mods, nil
}

// Catalog builds the catalog for a configuration (built-in rules plus the
// user's policies) and validates the configuration's rule ids against it.
// It returns the parsed policies too, for the engine to compile.
func Catalog(cfg *config.Config) (*rules.Catalog, []*ast.Module, error) {
	mods, err := Modules(cfg)
	if err != nil {
		return nil, nil, usage(err)
	}
	parsed, err := policy.Parse(mods)
	if err != nil {
		return nil, nil, usage(err)
	}
	regoRules, err := policy.Describe(parsed)
	if err != nil {
		return nil, nil, usage(err)
	}
	goRules, err := rules.GoRules()
	if err != nil {
		return nil, nil, err
	}
	cat, err := rules.New(goRules, regoRules, rules.Own)
	if err != nil {
		return nil, nil, usage(err)
	}
	ids := make([]string, 0, len(cfg.Rules))
	for id := range cfg.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !cat.Known(id) {
			return nil, nil, usage(&config.Error{File: cfg.Rules[id].File, Line: cfg.Rules[id].Line, Msg: fmt.Sprintf("unknown rule %q (see `relcheck rules`)", id)})
		}
	}
	for _, w := range cfg.Waivers {
		if !cat.Known(w.Rule) {
			return nil, nil, usage(&config.Error{File: w.File, Line: w.RuleLine, Msg: fmt.Sprintf("waiver: unknown rule %q (see `relcheck rules`)", w.Rule)})
		}
	}
	all := make([]string, 0, len(cat.All()))
	for _, r := range cat.All() {
		all = append(all, r.ID)
	}
	severity := func(id string) finding.Severity { r, _ := cat.Get(id); return r.Severity }
	if err := cfg.CheckLocks(all, severity); err != nil {
		return nil, nil, usage(err)
	}
	return cat, parsed, nil
}

// Check runs a whole check.
func Check(ctx context.Context, o Options) (*Outcome, error) {
	cfg := o.Config
	if len(cfg.Waivers) > 0 && o.Today.IsZero() {
		return nil, errors.New("run: Options.Today is not set, so waivers cannot be judged")
	}
	cat, parsed, err := Catalog(cfg)
	if err != nil {
		return nil, err
	}
	// Excludes written after a lock do not apply to the locked rule, so
	// discovery skips only what every rule excludes.
	excl := newExcluder(cfg, o.Base)
	excludes := excl.common
	targets, err := discover.Discover(o.Paths, discover.Options{Base: o.Base, Excludes: excludes})
	if err != nil {
		return nil, usage(err)
	}
	out := &Outcome{Catalog: cat}
	// A run on named files only (pre-commit): findings are kept in those
	// files, and cross-resource rules see the repository's other manifests.
	only := namedFiles(o.Paths, o.Base)

	if !o.NoGo {
		out.Unmoduled = targets.Unmoduled
	}
	if !o.NoManifests {
		out.HelmTemplates = targets.HelmTemplates
	}
	if !o.NoGo && len(targets.Go) > 0 {
		analyzers, err := families.Configure(cfg)
		if err != nil {
			return nil, usage(err)
		}
		if len(analyzers) > 0 {
			res, err := runGo(targets.Go, gocheck.Options{Analyzers: analyzers, Catalog: cat, Base: o.Base, Tests: true}, cfg)
			if err != nil {
				return nil, err
			}
			out.Findings = append(out.Findings, res.Findings...)
			out.Errors = append(out.Errors, res.Errors...)
			out.Checked += len(targets.Go)
		}
	}

	var annotations []suppress.Annotation
	var unmarked map[string]bool
	if !o.NoManifests {
		var docs []*manifest.Document
		var perrs []error
		docs, perrs, unmarked = parseManifests(targets, o.Stdin)
		annotations = suppress.Annotations(docs)
		out.Errors = append(out.Errors, excl.keepErrors(perrs)...)
		out.Checked += len(docs)
		if len(docs) > 0 {
			disabled := map[string]bool{}
			for _, r := range cat.All() {
				if r.Engine == "rego" && !cfg.Enabled(r.ID, r.DefaultOff) {
					disabled[r.ID] = true
				}
			}
			eng, err := policy.NewParsed(parsed, policy.Options{Disabled: disabled})
			if err != nil {
				return nil, usage(err)
			}
			var others []*manifest.Document
			if only != nil {
				others = neighbours(targets, cfg, excludes, o.Base)
			}
			fs, errs := eng.EvaluateWith(ctx, docs, others)
			if len(out.Findings) == 0 {
				out.Findings = fs // no copy of what may be a hundred thousand findings
			} else {
				out.Findings = append(out.Findings, fs...)
			}
			out.Errors = append(out.Errors, errs...)
		}
	}

	out.Findings = postProcess(out.Findings, cfg, cat, excl, o.Base)
	if only != nil {
		out.Findings = keepFiles(out.Findings, only)
	}
	out.Files = suppress.Files(targets, !o.NoGo, !o.NoManifests)
	sup := suppress.Apply(suppress.Input{Findings: out.Findings, Files: out.Files, Annotations: annotations,
		Base: o.Base, Catalog: cat, Config: cfg, NoGo: o.NoGo, NoManifests: o.NoManifests, Today: o.Today, Only: only,
		Unmarked: unmarked})
	// Findings about suppressions get the same configuration as any other;
	// engine findings keep the fingerprints they had before suppression.
	out.Findings = append(sup.Kept, postProcess(sup.New, cfg, cat, excl, o.Base)...)
	finding.Sort(out.Findings)
	out.Suppressed = sup.Suppressed
	out.Errors = append(out.Errors, sup.Errors...)
	return out, nil
}

// DriverEnv selects the Go analysis driver: "vet" (the default: `go vet
// -vettool=relcheck`, separate analysis that reuses the build cache's export
// data, facts and results) or "checker" (in-process go/packages loading of
// every dependency from source). docs/go-driver.md has the measurements
// behind the default.
const DriverEnv = "RELCHECK_GO_DRIVER"

func runGo(targets []discover.GoTarget, o gocheck.Options, cfg *config.Config) (*gocheck.Result, error) {
	switch d := os.Getenv(DriverEnv); d {
	case "checker":
		return gocheck.Run(targets, o)
	case "", "vet":
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(exe, ".test") {
			// A test binary calling the pipeline in-process cannot serve as
			// go vet's tool; those tests exercise the in-process driver, and
			// the end-to-end tests run the real binary with the vet driver.
			return gocheck.Run(targets, o)
		}
		file := cfg.File
		if file != "" {
			if file, err = filepath.Abs(file); err != nil {
				return nil, err
			}
		}
		if len(cfg.Files) > 1 {
			// go vet keys its cache on a hash of this one file: a change to
			// a shared file it extends would serve stale results. The vet
			// tool gets the merged analyzer configuration as one file.
			tmp, err := analyzerConfigFile(cfg)
			if err != nil {
				return nil, err
			}
			defer os.Remove(tmp) //relcheck:ignore go/unchecked-error -- a leftover file in the temp directory is harmless
			file = tmp
		}
		return gocheck.RunVet(targets, o, exe, file, cfg.SettingsFiles())
	default:
		return nil, usage(fmt.Errorf("%s=%q: want checker or vet", DriverEnv, d))
	}
}

func analyzerConfigFile(cfg *config.Config) (string, error) {
	data, err := cfg.AnalyzerConfig()
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp("", "relcheck-analyzers-*.yaml")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name()) //relcheck:ignore go/unchecked-error -- the write error is the one to report
		return "", err
	}
	return f.Name(), nil
}

// parseManifests parses every manifest target. It also returns the manifest
// files whose bytes hold no suppression marker: they were searched while in
// memory, so suppression does not read them a second time (on 20,000 files
// that second read was a serial 0.1 s).
func parseManifests(t *discover.Targets, stdin io.Reader) ([]*manifest.Document, []error, map[string]bool) {
	type job struct {
		docs     []*manifest.Document
		unmarked bool
		err      error
	}
	jobs := make([]job, len(t.Manifests)+len(t.Terraform))
	parallel.ForFiles(len(jobs), func(i int) { jobs[i].docs, jobs[i].unmarked, jobs[i].err = parseOne(t, i) })

	var docs []*manifest.Document
	var errs []error
	unmarked := map[string]bool{}
	for i, j := range jobs {
		docs = append(docs, j.docs...)
		errs = append(errs, flatten(j.err)...)
		if j.unmarked {
			unmarked[t.Manifests[i].Path] = true
		}
	}
	if t.Stdin && stdin != nil {
		data, err := manifest.ReadStdin(stdin, manifest.DefaultLimits)
		if err != nil {
			errs = append(errs, err)
		} else {
			d, err := manifest.ParseYAML(manifest.Kubernetes, manifest.Stdin, data, manifest.DefaultLimits)
			docs = append(docs, d...)
			errs = append(errs, flatten(err)...)
		}
	}
	return docs, errs, unmarked
}

// flatten splits a file's joined errors (one per malformed document or
// block) so that each is reported on its own line and counted.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// parseOne parses target i. unmarked says that it is a manifest file whose
// bytes were read and hold no suppression marker.
func parseOne(t *discover.Targets, i int) (docs []*manifest.Document, unmarked bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("parsing panicked: %v", p)
		}
	}()
	if i < len(t.Manifests) {
		f := t.Manifests[i]
		data, err := manifest.ReadFile(f.Path, f.Display, manifest.DefaultLimits)
		if err != nil {
			return nil, false, err
		}
		unmarked = !suppress.Mentions(data)
		typ := manifest.Kubernetes
		switch {
		case f.Compose:
			typ = manifest.Compose
		case looksLikeKubernetes(data):
		case manifest.LooksLikeCompose(data):
			// Compose files named for their purpose (quickstart.yml,
			// local-dev.yml) are common; the name alone missed most of them.
			typ = manifest.Compose
		default:
			// Most YAML and JSON in a repository is not a manifest; only files
			// that could hold an object are parsed, so that a CI config or a
			// tsconfig with comments is not reported as broken. That holds
			// for named files too: pre-commit names every staged one.
			return nil, unmarked, nil
		}
		docs, err := manifest.ParseYAML(typ, f.Display, data, manifest.DefaultLimits)
		return docs, unmarked, err
	}
	d := t.Terraform[i-len(t.Manifests)]
	files := make([]manifest.TerraformFile, len(d.Files))
	for j, f := range d.Files {
		files[j] = manifest.TerraformFile{Path: f, Display: filepath.ToSlash(filepath.Join(d.Display, filepath.Base(f)))}
	}
	vars := make([]manifest.TerraformFile, len(d.TFVars))
	for j, f := range d.TFVars {
		vars[j] = manifest.TerraformFile{Path: f, Display: filepath.ToSlash(filepath.Join(d.Display, filepath.Base(f)))}
	}
	doc, err := manifest.ParseTerraform(d.Display, files, vars, manifest.DefaultLimits)
	if doc == nil {
		return nil, false, err
	}
	return []*manifest.Document{doc}, false, err
}

func looksLikeKubernetes(data []byte) bool {
	// UTF-16 (with its byte order mark) is what PowerShell's > writes; the
	// words are not there as bytes, so such a file is parsed to find out.
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return true
	}
	return containsWord(data, "apiVersion") && containsWord(data, "kind")
}

func containsWord(data []byte, w string) bool {
	return bytes.Contains(data, []byte(w))
}

// postProcess applies what the configuration says about every finding,
// whichever engine produced it.
func postProcess(fs []finding.Finding, cfg *config.Config, cat *rules.Catalog, excl *excluder, base string) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		r, known := cat.Get(f.Rule)
		if known && !cfg.Enabled(f.Rule, r.DefaultOff) {
			continue
		}
		if excluded(f.File, excl.forRule(f.Rule)) {
			continue
		}
		f.Severity = cfg.Severity(f.Rule, f.Severity)
		out = append(out, f)
	}
	finding.Sort(out)
	out = finding.Dedup(out)
	finding.SetFingerprints(out)
	return out
}

// excluder holds the config's exclude globs rebased onto the run's base.
// Usually every glob applies to every rule; a locked rule ignores the globs
// of files merged after the one that locked it.
type excluder struct {
	cfg    *config.Config
	base   string
	all    []string // every glob
	common []string // the globs every rule honours
	byRule map[string][]string
}

func newExcluder(cfg *config.Config, base string) *excluder {
	e := &excluder{cfg: cfg, base: base, byRule: map[string][]string{}}
	e.all = e.rebase(cfg.Exclude)
	e.common = e.rebase(cfg.CommonExcludes())
	return e
}

func (e *excluder) rebase(globs []string) []string {
	out := make([]string, 0, len(globs))
	for _, g := range globs {
		out = append(out, config.RebaseGlob(e.base, e.cfg.Dir, g))
	}
	return out
}

func (e *excluder) forRule(id string) []string {
	if len(e.common) == len(e.all) {
		return e.all
	}
	g, ok := e.byRule[id]
	if !ok {
		g = e.rebase(e.cfg.ExcludesFor(id))
		e.byRule[id] = g
	}
	return g
}

// keepErrors drops the parse errors of files that are read only for locked
// rules because a team's exclude names them: such a file was never the
// team's to check, and a locked rule cannot judge it either way.
func (e *excluder) keepErrors(errs []error) []error {
	if len(e.common) == len(e.all) {
		return errs
	}
	out := errs[:0]
	for _, err := range errs {
		var me *manifest.Error
		if errors.As(err, &me) && excluded(me.File, e.all) && !excluded(me.File, e.common) {
			continue
		}
		out = append(out, err)
	}
	return out
}

func excluded(file string, globs []string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, file); ok {
			return true
		}
	}
	return false
}

// IsUsage reports whether err should exit 2.
func IsUsage(err error) bool {
	var u *UsageError
	var c *config.Error
	return errors.As(err, &u) || errors.As(err, &c)
}

// neighbours returns the Kubernetes documents of the repository that a run
// on named files (pre-commit passes the staged ones) did not name, so that
// cross-resource rules judge a staged Deployment against the
// PodDisruptionBudget, Service or autoscaler that was not staged with it.
// The repository is the config file's directory, else the git work tree
// around the first file; outside both there are none, so a file checked on
// its own in a home directory does not start a walk of it. Neighbours are
// indexed, never evaluated or reported, and one that does not parse is
// skipped: it is not what the user asked to check.
func neighbours(targets *discover.Targets, cfg *config.Config, excludes []string, base string) []*manifest.Document {
	var named []discover.File
	for _, m := range targets.Manifests {
		if !m.Compose {
			named = append(named, m)
		}
	}
	if len(named) == 0 {
		return nil
	}
	root := cfg.Dir
	if cfg.File == "" {
		var ok bool
		if root, ok = discover.GitRoot(filepath.Dir(named[0].Path)); !ok {
			return nil
		}
	}
	all, err := discover.Discover([]string{root}, discover.Options{Base: base, Excludes: excludes})
	if err != nil {
		return nil
	}
	seen := make(map[string]bool, len(targets.Manifests))
	for _, m := range targets.Manifests {
		seen[m.Path] = true
	}
	rest := &discover.Targets{}
	for _, m := range all.Manifests {
		if !seen[m.Path] && !m.Compose {
			rest.Manifests = append(rest.Manifests, m)
		}
	}
	docs, _, _ := parseManifests(rest, nil)
	kept := docs[:0]
	for _, d := range docs {
		if d.Type == manifest.Kubernetes {
			kept = append(kept, d)
		}
	}
	return kept
}

// namedFiles returns the display paths of the arguments when every one of
// them is a file: the pre-commit case, where a Go file is analyzed with its
// package and a .tf file with its module, but findings are wanted only in
// the files passed. nil means no restriction.
func namedFiles(paths []string, base string) map[string]bool {
	if len(paths) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, p := range paths {
		if p == "-" {
			return nil
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil
		}
		if st, err := os.Stat(abs); err != nil || st.IsDir() {
			return nil
		}
		out[discover.Display(base, abs)] = true
		if discover.AutoTFVars(filepath.Base(abs)) {
			// Variables change what the module's resources deploy, and
			// findings name the resources' files.
			for _, pat := range []string{"*.tf", "*.tf.json"} {
				m, _ := filepath.Glob(filepath.Join(filepath.Dir(abs), pat))
				for _, f := range m {
					out[discover.Display(base, f)] = true
				}
			}
		}
	}
	return out
}

func keepFiles(fs []finding.Finding, only map[string]bool) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		if only[f.File] {
			out = append(out, f)
		}
	}
	return out
}
