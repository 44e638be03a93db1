// Package policy compiles Rego policies (the built-in library and the user's
// own), evaluates manifest documents against them concurrently in a
// sandbox, and turns their results into findings.
package policy

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/manifest"
	"github.com/relcheck/relcheck/rules"
)

// Module is one Rego source file.
type Module struct {
	File string // as shown in errors
	Src  []byte
}

// ReadFS collects the .rego files of a file system, leaving out tests, in
// path order.
func ReadFS(fsys fs.FS, prefix string) ([]Module, error) { return readFS(fsys, prefix, false) }

// ReadTestFS is ReadFS with the _test.rego files.
func ReadTestFS(fsys fs.FS, prefix string) ([]Module, error) { return readFS(fsys, prefix, true) }

func readFS(fsys fs.FS, prefix string, tests bool) ([]Module, error) {
	var out []Module
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || (!tests && strings.HasSuffix(p, "_test.rego")) {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out = append(out, Module{File: path.Join(prefix, p), Src: src})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, err
}

// ReadDir collects the .rego files below a directory of the user's.
func ReadDir(dir string) ([]Module, error) { return readDir(dir, false) }

// ReadTestDir is ReadDir with the _test.rego files.
func ReadTestDir(dir string) ([]Module, error) { return readDir(dir, true) }

func readDir(dir string, tests bool) ([]Module, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy directory %s: %w", dir, err)
	}
	if !st.IsDir() && isBundle(dir) {
		return readBundle(dir, tests)
	}
	if !st.IsDir() {
		src, err := os.ReadFile(dir)
		if err != nil {
			return nil, err
		}
		return []Module{{File: filepath.ToSlash(dir), Src: src}}, nil
	}
	mods, err := readFS(os.DirFS(dir), filepath.ToSlash(dir), tests)
	if err != nil {
		return nil, fmt.Errorf("policy directory %s: %w", dir, err)
	}
	return mods, nil
}

// isBundle reports whether a policy path is an OPA bundle tarball, the
// form `opa build` writes and governance teams publish.
func isBundle(p string) bool { return strings.HasSuffix(p, ".tar.gz") || strings.HasSuffix(p, ".tgz") }

// maxBundleBytes bounds what a bundle may expand to; a policy library is
// kilobytes, and a tarball is not allowed to become a memory bomb.
const maxBundleBytes = 64 << 20

// readBundle collects the Rego modules of a bundle tarball. Module names in
// errors are the tarball's path joined with the module's path inside it.
// Data documents are refused rather than ignored: a policy that reads
// data.x would otherwise quietly see nothing.
func readBundle(file string, tests bool) ([]Module, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("policy bundle %s: %w", file, err)
	}
	defer f.Close()
	b, err := bundle.NewReader(f).WithRegoVersion(ast.RegoV1).WithSizeLimitBytes(maxBundleBytes).WithSkipBundleVerification(true).Read()
	if err != nil {
		return nil, fmt.Errorf("policy bundle %s: %w", file, err)
	}
	if len(b.Data) > 0 {
		return nil, fmt.Errorf("policy bundle %s: holds data documents (data.json or data.yaml); relcheck reads a bundle's Rego only, so move the data into Rego (a rule or a constant)", file)
	}
	if len(b.WasmModules) > 0 || len(b.PlanModules) > 0 {
		return nil, fmt.Errorf("policy bundle %s: holds compiled Wasm or plan modules; build it from Rego without a --target", file)
	}
	var out []Module
	for _, m := range b.Modules {
		if !tests && strings.HasSuffix(m.Path, "_test.rego") {
			continue
		}
		out = append(out, Module{File: filepath.ToSlash(file) + "/" + strings.TrimPrefix(m.Path, "/"), Src: m.Raw})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("policy bundle %s: holds no Rego modules", file)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, nil
}

// Parse parses modules as Rego v1 with METADATA annotations.
func Parse(mods []Module) ([]*ast.Module, error) {
	out := make([]*ast.Module, 0, len(mods))
	for _, m := range mods {
		pm, err := ast.ParseModuleWithOpts(m.File, string(m.Src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return nil, err
		}
		out = append(out, pm)
	}
	return out, nil
}

// domainOf says which documents a package's rules evaluate: the package path
// decides, so a governance team places a rule by naming its package.
func domainOf(pkg string) (manifest.Type, bool) {
	switch {
	case strings.HasPrefix(pkg, "relcheck.kubernetes."):
		return manifest.Kubernetes, true
	case strings.HasPrefix(pkg, "relcheck.terraform."):
		return manifest.Terraform, true
	case strings.HasPrefix(pkg, "relcheck.compose."):
		return manifest.Compose, true
	}
	return "", false
}

// ruleSet is one evaluable package: its rule documentation and the decision
// rules it defines.
type ruleSet struct {
	rule   rules.Rule
	pkg    string // "relcheck.kubernetes.readiness_probe"
	domain manifest.Type
	kinds  map[string]bool // empty: every kind
	// decisions are the rule names that produce findings: deny, and for
	// conftest-style policies also violation and warn.
	decisions []string
}

// collect finds the packages that define decision rules and matches them to
// their METADATA. A package under relcheck.<domain> without custom.id is an
// error: its findings could not be named, configured or suppressed.
func collect(mods []*ast.Module, docs []rules.Rule) ([]ruleSet, []rules.Rule, error) {
	byPkg := map[string]rules.Rule{}
	for _, r := range docs {
		byPkg[r.Source] = r
	}
	decisions := map[string]map[string]bool{}
	files := map[string]string{}
	for _, m := range mods {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		for _, r := range m.Rules {
			if name, ok := decisionName(r); ok {
				if decisions[pkg] == nil {
					decisions[pkg] = map[string]bool{}
				}
				decisions[pkg][name] = true
				files[pkg] = m.Package.Location.File
			}
		}
	}
	var out []ruleSet
	var extra []rules.Rule
	for pkg, names := range decisions {
		domain, inDomain := domainOf(pkg)
		r, ok := byPkg[pkg]
		switch {
		case !ok && inDomain:
			return nil, nil, fmt.Errorf("%s: package %s defines %s but has no METADATA with custom.id", files[pkg], pkg, strings.Join(sortedKeys(names), ", "))
		case !ok:
			// A conftest-style policy (package main, deny/warn/violation
			// returning strings) runs on every document, as in conftest.
			// Its findings need an id: policy/<package>.
			r = rules.Rule{ID: "policy/" + pkg, Title: "Policy " + pkg, Severity: finding.High, Engine: "rego", Source: pkg,
				Rationale: "A policy of your own without METADATA; add a package METADATA block with custom.id and custom.severity to document it."}
			extra = append(extra, r)
		}
		rs := ruleSet{rule: r, pkg: pkg, domain: domain, decisions: sortedKeys(names)}
		if domain == manifest.Kubernetes && len(r.Kinds) > 0 {
			rs.kinds = map[string]bool{}
			for _, k := range r.Kinds {
				rs.kinds[k] = true
			}
		}
		out = append(out, rs)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rule.ID < out[j].rule.ID })
	sort.Slice(extra, func(i, j int) bool { return extra[i].ID < extra[j].ID })
	return out, extra, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sandbox removes the built-ins that reach outside the evaluation or make
// verdicts depend on when or where relcheck runs.
var sandboxed = map[string]bool{
	"http.send":          true,
	"net.lookup_ip_addr": true,
	"opa.runtime":        true,
	"time.now_ns":        true,
	"rand.intn":          true,
	"uuid.rfc4122":       true,
}

func capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if !sandboxed[b.Name] {
			kept = append(kept, b)
		}
	}
	c.Builtins = kept
	c.AllowNet = []string{}
	return c
}

// Describe documents the rules that modules define: METADATA where present,
// and a generated entry for conftest-style packages without it.
func Describe(parsed []*ast.Module) ([]rules.Rule, error) {
	docs, err := rules.FromRego(parsed)
	if err != nil {
		return nil, err
	}
	_, extra, err := collect(parsed, docs)
	if err != nil {
		return nil, err
	}
	return append(docs, extra...), nil
}

// HasRules reports whether any of mods defines a decision rule (deny,
// violation or warn). A policy directory without one would make every
// check pass without checking anything, so callers refuse it.
func HasRules(mods []Module) (bool, error) {
	parsed, err := Parse(mods)
	if err != nil {
		return false, err
	}
	for _, m := range parsed {
		for _, r := range m.Rules {
			if _, ok := decisionName(r); ok {
				return true, nil
			}
		}
	}
	return false, nil
}

// decisionName reports whether a rule produces findings: deny, and for
// conftest-style policies violation and warn.
func decisionName(r *ast.Rule) (string, bool) {
	name := r.Head.Name.String()
	if len(r.Head.Reference) > 0 {
		name = r.Head.Reference[0].String()
	}
	switch name {
	case "deny", "violation", "warn":
		return name, true
	}
	return "", false
}
