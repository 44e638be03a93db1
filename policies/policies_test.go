package policies

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/tester"
)

// domains maps the directory of each rule family to its package prefix, the
// prefix of its rule ids, the METADATA key that scopes it, and where its
// fixtures live.
var domains = map[string]struct {
	pkgPrefix   string
	idPrefix    string
	scopeKey    string
	failFixture string // relative to testdata/<dir>/<rule>
	passFixture string
}{
	"kubernetes": {"relcheck.kubernetes.", "k8s/", "kinds", "fail.yaml", "pass.yaml"},
	"terraform":  {"relcheck.terraform.", "tf/", "resource_types", "fail/main.tf", "pass/main.tf"},
	"compose":    {"relcheck.compose.", "compose/", "kinds", "fail/compose.yaml", "pass/compose.yaml"},
}

var severities = map[string]bool{"info": true, "low": true, "medium": true, "high": true, "critical": true}

type regoFile struct {
	name string
	src  []byte
	mod  *ast.Module
}

// load parses every .rego file of FS (policies, helpers and tests) as Rego v1
// with METADATA.
func load(t testing.TB) []regoFile {
	t.Helper()
	var files []regoFile
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		mod, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		files = append(files, regoFile{name: p, src: src, mod: mod})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no .rego files embedded")
	}
	return files
}

func modules(files []regoFile) map[string]*ast.Module {
	mods := make(map[string]*ast.Module, len(files))
	for _, f := range files {
		mods[f.name] = f.mod
	}
	return mods
}

// TestRego runs every test_ rule of the _test.rego files with OPA's runner.
func TestRego(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ch, err := tester.NewRunner().
		SetDefaultRegoVersion(ast.RegoV1).
		RaiseBuiltinErrors(true).
		SetTimeout(30*time.Second).
		SetModules(modules(load(t))).
		RunTests(ctx, nil)
	if err != nil {
		t.Fatalf("running Rego tests: %v", err)
	}
	ran := 0
	for r := range ch {
		ran++
		name := r.Package + "." + r.Name
		switch {
		case r.Error != nil:
			t.Errorf("%s (%s): error: %v", name, r.Location, r.Error)
		case r.Fail:
			t.Errorf("%s (%s): FAIL%s", name, r.Location, failedAt(r))
		case r.Skip:
			t.Errorf("%s (%s): skipped (todo_ tests are not allowed in the built-in library)", name, r.Location)
		}
	}
	if ran == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", ran)
}

func failedAt(r *tester.Result) string {
	if r.FailedAt == nil {
		return ""
	}
	return fmt.Sprintf(" at %v", r.FailedAt)
}

// TestStrictCompile compiles the policies and helpers (without tests) the
// way a strict user would: unused variables and imports, shadowed keywords
// and deprecated built-ins are errors.
func TestStrictCompile(t *testing.T) {
	mods := map[string]*ast.Module{}
	for _, f := range load(t) {
		if !strings.HasSuffix(f.name, "_test.rego") {
			mods[f.name] = f.mod
		}
	}
	c := ast.NewCompiler().WithStrict(true).WithDefaultRegoVersion(ast.RegoV1)
	if c.Compile(mods); c.Failed() {
		for _, e := range c.Errors {
			t.Error(e)
		}
	}
	// The tests too, so that a sloppy test cannot hide behind the runner.
	c = ast.NewCompiler().WithStrict(true).WithDefaultRegoVersion(ast.RegoV1)
	if c.Compile(modules(load(t))); c.Failed() {
		for _, e := range c.Errors {
			t.Error(e)
		}
	}
}

// TestFormatted checks that every file is as opa fmt writes it.
func TestFormatted(t *testing.T) {
	for _, f := range load(t) {
		want, err := format.SourceWithOpts(f.name, f.src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", f.name, err)
			continue
		}
		if !bytes.Equal(want, f.src) {
			t.Errorf("%s is not opa fmt clean; run opa fmt -w policies", f.name)
		}
	}
}

// rule is one rule package of the library.
type rule struct {
	domain string // kubernetes, terraform, compose
	dir    string // readiness_probe
	pkg    string
	id     string
	file   string
}

// rulesOf checks the METADATA of every rule package and returns the rules.
func rulesOf(t testing.TB) []rule {
	t.Helper()
	var out []rule
	ids := map[string]string{}
	for _, f := range load(t) {
		if strings.HasSuffix(f.name, "_test.rego") {
			continue
		}
		parts := strings.Split(f.name, "/")
		domain := parts[0]
		if domain == "lib" {
			continue
		}
		d, ok := domains[domain]
		if !ok {
			t.Errorf("%s: not under kubernetes/, terraform/, compose/ or lib/", f.name)
			continue
		}
		pkg := strings.TrimPrefix(f.mod.Package.Path.String(), "data.")
		if len(parts) != 3 || parts[2] != parts[1]+".rego" {
			t.Errorf("%s: a rule lives in %s/<rule_name>/<rule_name>.rego", f.name, domain)
			continue
		}
		if want := d.pkgPrefix + parts[1]; pkg != want {
			t.Errorf("%s: package %s, want %s", f.name, pkg, want)
		}
		var pa *ast.Annotations
		for _, a := range f.mod.Annotations {
			if a.Scope == "package" {
				pa = a
			}
		}
		if pa == nil {
			t.Errorf("%s: no package-scoped METADATA", f.name)
			continue
		}
		hasDeny := false
		for _, r := range f.mod.Rules {
			if r.Head.Name.String() == "deny" || (len(r.Head.Reference) > 0 && r.Head.Reference[0].String() == "deny") {
				hasDeny = true
			}
		}
		if !hasDeny {
			t.Errorf("%s: defines no deny rule", f.name)
		}
		if strings.TrimSpace(pa.Title) == "" {
			t.Errorf("%s: METADATA has no title", f.name)
		}
		if strings.TrimSpace(pa.Description) == "" {
			t.Errorf("%s: METADATA has no description", f.name)
		}
		id, _ := pa.Custom["id"].(string)
		switch {
		case id == "":
			t.Errorf("%s: METADATA has no custom.id", f.name)
		case !strings.HasPrefix(id, d.idPrefix):
			t.Errorf("%s: custom.id %q does not start with %q", f.name, id, d.idPrefix)
		case !regexp.MustCompile(`^[a-z0-9]+/[a-z0-9]+(-[a-z0-9]+)*$`).MatchString(id):
			t.Errorf("%s: custom.id %q is not kebab-case", f.name, id)
		case id != d.idPrefix+strings.ReplaceAll(parts[1], "_", "-"):
			t.Errorf("%s: custom.id %q does not match the directory %s", f.name, id, parts[1])
		}
		if prev, dup := ids[id]; dup && id != "" {
			t.Errorf("%s: custom.id %q already used by %s", f.name, id, prev)
		}
		ids[id] = f.name
		if sev, _ := pa.Custom["severity"].(string); !severities[sev] {
			t.Errorf("%s: custom.severity %q is not one of info, low, medium, high, critical", f.name, sev)
		}
		if rem, _ := pa.Custom["remediation"].(string); strings.TrimSpace(rem) == "" {
			t.Errorf("%s: METADATA has no custom.remediation", f.name)
		}
		if !nonEmptyStrings(pa.Custom[d.scopeKey]) {
			t.Errorf("%s: METADATA has no custom.%s list", f.name, d.scopeKey)
		}
		if rel, ok := pa.Custom["related"]; ok && !nonEmptyStrings(rel) {
			t.Errorf("%s: custom.related must be a list of strings", f.name)
		}
		out = append(out, rule{domain: domain, dir: parts[1], pkg: pkg, id: id, file: f.name})
	}
	if len(out) == 0 {
		t.Fatal("no rules found")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func nonEmptyStrings(v any) bool {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return false
	}
	for _, e := range list {
		if s, ok := e.(string); !ok || s == "" {
			return false
		}
	}
	return true
}

func TestMetadata(t *testing.T) {
	// Test rules per package, to check that every rule has tests beside it.
	tests := map[string]int{}
	for _, f := range load(t) {
		if !strings.HasSuffix(f.name, "_test.rego") {
			continue
		}
		pkg := strings.TrimPrefix(f.mod.Package.Path.String(), "data.")
		for _, r := range f.mod.Rules {
			if strings.HasPrefix(r.Head.Name.String(), "test_") {
				tests[strings.TrimSuffix(pkg, "_test")]++
			}
		}
	}
	counts := map[string]int{}
	for _, r := range rulesOf(t) {
		counts[r.domain]++
		if _, err := fs.Stat(FS, strings.TrimSuffix(r.file, ".rego")+"_test.rego"); err != nil {
			t.Errorf("%s: no %s_test.rego beside the rule", r.id, r.dir)
		}
		if tests[r.pkg] < 2 {
			t.Errorf("%s: %d Rego tests; a rule needs at least a passing and a failing case", r.id, tests[r.pkg])
		}
	}
	t.Logf("rules: %v", counts)
}

// TestFixtures checks that every rule has fixtures for the engine's
// line-number test: a fail fixture with at least one "# want: <id>" marker
// and a pass fixture with none for that rule.
func TestFixtures(t *testing.T) {
	for _, r := range rulesOf(t) {
		d := domains[r.domain]
		base := filepath.Join("testdata", r.domain, r.dir)
		fail := filepath.Join(base, filepath.FromSlash(d.failFixture))
		pass := filepath.Join(base, filepath.FromSlash(d.passFixture))
		if n := wants(t, fail, r.id); n == 0 {
			t.Errorf("%s: %s has no %q marker", r.id, fail, "# want: "+r.id)
		}
		if n := wants(t, pass, r.id); n > 0 {
			t.Errorf("%s: %s has %d %q markers; a pass fixture has none", r.id, pass, n, "# want: "+r.id)
		}
	}
	// No fixture directory without a rule (a renamed rule leaves one behind).
	known := map[string]bool{}
	for _, r := range rulesOf(t) {
		known[path.Join(r.domain, r.dir)] = true
	}
	for domain := range domains {
		entries, err := os.ReadDir(filepath.Join("testdata", domain))
		if err != nil {
			t.Error(err)
			continue
		}
		for _, e := range entries {
			if !known[path.Join(domain, e.Name())] {
				t.Errorf("testdata/%s/%s has no rule", domain, e.Name())
			}
		}
	}
}

var wantRE = regexp.MustCompile(`#\s*want:\s*(\S+(?:[ ,]+\S+)*)\s*$`)

// wants counts the lines of a fixture that expect a finding of id.
func wants(t *testing.T, file, id string) int {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Error(err)
		return 0
	}
	n := 0
	for _, line := range strings.Split(string(src), "\n") {
		m := wantRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, w := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ' ' || r == ',' }) {
			if w == id {
				n++
			}
		}
	}
	return n
}
