// Package discover turns the paths a user names into what the engines check:
// Go packages per module root, Kubernetes and Compose files, and Terraform
// module directories.
package discover

import (
	"fmt"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"
)

// GoTarget is what to load from one Go module.
type GoTarget struct {
	Root     string   // absolute module root (holds go.mod)
	Patterns []string // package patterns relative to Root ("./...", "./internal/x")
	// Files, when set, restricts findings to these absolute file paths: the
	// user (or pre-commit) named files, not packages.
	Files []string
}

// File is a manifest file.
type File struct {
	Path    string // absolute
	Display string // relative to the base, forward slashes
	Compose bool
}

// TerraformDir is one module directory.
type TerraformDir struct {
	Dir, Display  string
	Files, TFVars []string // absolute, sorted
}

// Targets is everything found.
type Targets struct {
	Go        []GoTarget
	Manifests []File
	Terraform []TerraformDir
	Stdin     bool
	// Unmoduled lists, by display path, the directories holding Go files
	// that no go.mod covers: go vet cannot load them, and saying so beats
	// a silent "no findings".
	Unmoduled []string
	// HelmTemplates lists named files (pre-commit passes every staged one)
	// inside a Helm chart's templates directory: they are not YAML until
	// rendered, so they are skipped and named rather than failing the run.
	HelmTemplates []string
}

// Options tune discovery.
type Options struct {
	// Base is the directory displayed paths are relative to (the working
	// directory); excludes match those relative paths.
	Base     string
	Excludes []string
}

// skipDirs are never walked into: dependencies, VCS data and test fixtures
// are not the user's deployable code. A path named explicitly still counts.
var skipDirs = map[string]bool{"vendor": true, "node_modules": true, "testdata": true}

var composeName = regexp.MustCompile(`^(docker-)?compose([.-][^/]*)?\.ya?ml$`)

// IsCompose reports whether a file name is a Compose file name.
func IsCompose(name string) bool { return composeName.MatchString(name) }

// Discover walks args. A missing path is an error; everything else that is
// not a Go package, manifest or module is ignored.
func Discover(args []string, o Options) (*Targets, error) {
	if o.Base == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		o.Base = wd
	}
	for _, p := range o.Excludes {
		if !doublestar.ValidatePattern(p) {
			return nil, fmt.Errorf("exclude: invalid glob %q", p)
		}
	}
	d := &discoverer{o: o, t: &Targets{}, goIdx: map[string]int{}, tfSeen: map[string]bool{}, fileSeen: map[string]bool{}, patches: map[string]bool{}, unmoduled: map[string]bool{}, sawGo: map[string]bool{}}
	if len(args) == 0 {
		args = []string{"."}
	}
	for _, a := range args {
		if a == "-" {
			d.t.Stdin = true
			continue
		}
		if err := d.arg(a); err != nil {
			return nil, err
		}
	}
	// Kustomize patches are fragments of objects, not objects: checking them
	// would report every field they leave to the base. That holds for files
	// named explicitly too (pre-commit passes every staged file); the whole
	// overlay is checked with `kustomize build … | relcheck check -`.
	kept := d.t.Manifests[:0]
	for _, m := range d.t.Manifests {
		if !d.patches[m.Path] {
			kept = append(kept, m)
		}
	}
	d.t.Manifests = kept
	sort.Slice(d.t.Manifests, func(i, j int) bool { return d.t.Manifests[i].Display < d.t.Manifests[j].Display })
	sort.Slice(d.t.Terraform, func(i, j int) bool { return d.t.Terraform[i].Display < d.t.Terraform[j].Display })
	d.t.Go = slices.DeleteFunc(d.t.Go, func(g GoTarget) bool { return len(g.Patterns) == 0 && len(g.Files) == 0 })
	sort.Strings(d.t.Unmoduled)
	sort.Strings(d.t.HelmTemplates)
	return d.t, nil
}

type discoverer struct {
	o     Options
	t     *Targets
	goIdx map[string]int
	// unmoduled holds the directories of Targets.Unmoduled.
	unmoduled map[string]bool
	// sawGo holds the module roots a walk found Go files of.
	sawGo    map[string]bool
	tfSeen   map[string]bool
	fileSeen map[string]bool
	patches  map[string]bool // absolute paths of kustomize patch files
	build    *build.Context  // see buildSees
}

// kustomization holds the parts of a kustomization.yaml that name patch
// files; everything else in it is kustomize's business.
type kustomization struct {
	PatchesStrategicMerge []string `yaml:"patchesStrategicMerge"`
	Patches               []struct {
		Path string `yaml:"path"`
	} `yaml:"patches"`
	PatchesJSON6902 []struct {
		Path string `yaml:"path"`
	} `yaml:"patchesJson6902"`
}

// kustomizePatches records the patch files a directory's kustomization
// names. A kustomization that does not parse names none: kustomize itself
// reports it.
func (d *discoverer) kustomizePatches(dir string) {
	for _, name := range []string{"kustomization.yaml", "kustomization.yml", "Kustomization"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		var k kustomization
		if yaml.Unmarshal(data, &k) != nil {
			return
		}
		paths := append([]string{}, k.PatchesStrategicMerge...)
		for _, p := range k.Patches {
			paths = append(paths, p.Path)
		}
		for _, p := range k.PatchesJSON6902 {
			paths = append(paths, p.Path)
		}
		for _, p := range paths {
			// An inline patch is YAML text, not a file name.
			if p != "" && !strings.Contains(p, "\n") {
				d.patches[filepath.Clean(filepath.Join(dir, p))] = true
			}
		}
		return
	}
}

// Display returns path relative to base with forward slashes, or the
// absolute path when it lies outside base.
func Display(base, path string) string {
	rel, err := filepath.Rel(base, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

func (d *discoverer) excluded(abs string) bool {
	rel := Display(d.o.Base, abs)
	for _, p := range d.o.Excludes {
		if ok, _ := doublestar.Match(p, rel); ok {
			return true
		}
	}
	return false
}

func (d *discoverer) arg(a string) error {
	// A directory is always checked with everything below it, so "./..."
	// and "." mean the same; the suffix is accepted for Go users' habits.
	a = TrimPattern(a)
	abs, err := filepath.Abs(a)
	if err != nil {
		return err
	}
	st, err := os.Stat(abs)
	if err != nil {
		if os.IsNotExist(err) {
			return fmt.Errorf("%s: no such file or directory", a)
		}
		return fmt.Errorf("%s: %w", a, err)
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			// Reading a named pipe blocks until something writes to it.
			return fmt.Errorf("%s: not a regular file but a pipe, socket or device; to check piped manifests use: relcheck check -", a)
		}
		return d.explicitFile(abs)
	}
	root := moduleRoot(abs)
	if root == "" {
		return d.walk(abs)
	}
	pat := pattern(root, abs)
	_, hadPattern := d.goIdx[root]
	if hadPattern {
		hadPattern = slices.Contains(d.t.Go[d.goIdx[root]].Patterns, pat)
	}
	d.addGo(root, pat, "")
	saw := d.sawGo[root]
	d.sawGo[root] = false
	err = d.walk(abs)
	// deploy/ inside a Go module holds no Go file: no "./deploy/..."
	// pattern, which go vet would refuse as matching no packages.
	if !d.sawGo[root] && !hadPattern {
		d.dropGo(root, pat)
	}
	d.sawGo[root] = d.sawGo[root] || saw
	return err
}

func pattern(root, dir string) string {
	rel, _ := filepath.Rel(root, dir)
	if rel == "." {
		return "./..."
	}
	return "./" + filepath.ToSlash(rel) + "/..."
}

func (d *discoverer) addGo(root, pat, file string) {
	i, ok := d.goIdx[root]
	if !ok {
		i = len(d.t.Go)
		d.goIdx[root] = i
		d.t.Go = append(d.t.Go, GoTarget{Root: root})
	}
	g := &d.t.Go[i]
	for _, p := range g.Patterns {
		if p == pat {
			pat = ""
		}
	}
	if pat != "" {
		g.Patterns = append(g.Patterns, pat)
	}
	if file != "" {
		g.Files = append(g.Files, file)
	}
}

func (d *discoverer) explicitFile(abs string) error {
	name := filepath.Base(abs)
	switch {
	case strings.HasSuffix(name, ".go"):
		if !d.buildSees(abs) {
			// go vet would not compile it either (a //go:build ignore
			// generator, another OS's file), and fails on a package whose
			// files are all excluded.
			return nil
		}
		root := moduleRoot(filepath.Dir(abs))
		if root == "" {
			return fmt.Errorf("%s: not inside a Go module (no go.mod above it)", Display(d.o.Base, abs))
		}
		if !goToolSees(root, filepath.Dir(abs)) {
			// A testdata fixture or a _ or . directory: not a package of
			// the module, as for a directory argument.
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(abs))
		pat := "./" + filepath.ToSlash(rel)
		if rel == "." {
			pat = "."
		}
		d.addGo(root, pat, abs)
	case strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json"), AutoTFVars(name):
		// A variable file Terraform loads by itself changes what its module
		// deploys: a staged prod.auto.tfvars checks the module with it.
		return d.terraform(filepath.Dir(abs))
	case isManifestName(name):
		if helmTemplate(abs) {
			d.t.HelmTemplates = append(d.t.HelmTemplates, Display(d.o.Base, abs))
			return nil
		}
		d.kustomizePatches(filepath.Dir(abs))
		d.manifest(abs)
	}
	return nil
}

// AutoTFVars reports whether name is a variable file Terraform loads
// without being asked (terraform.tfvars, *.auto.tfvars, their .json forms).
func AutoTFVars(name string) bool {
	name = strings.TrimSuffix(name, ".json")
	return name == "terraform.tfvars" || strings.HasSuffix(name, ".auto.tfvars")
}

// isManifestName reports whether a file name may hold manifests: YAML or
// JSON, but not Terraform's JSON variable files, which belong to their
// module.
func isManifestName(name string) bool {
	if strings.HasSuffix(name, ".tfvars.json") {
		return false
	}
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".json")
}

// helmTemplate reports whether file is below a chart's templates directory
// (a "templates" directory beside a Chart.yaml), as the walk skips them.
func helmTemplate(file string) bool {
	for dir := filepath.Dir(file); ; dir = filepath.Dir(dir) {
		if filepath.Base(dir) == "templates" && exists(filepath.Join(filepath.Dir(dir), "Chart.yaml")) {
			return true
		}
		if parent := filepath.Dir(dir); parent == dir {
			return false
		}
	}
}

func (d *discoverer) manifest(abs string) {
	if d.fileSeen[abs] {
		return
	}
	d.fileSeen[abs] = true
	d.t.Manifests = append(d.t.Manifests, File{Path: abs, Display: Display(d.o.Base, abs), Compose: IsCompose(filepath.Base(abs))})
}

func (d *discoverer) terraform(dir string) error {
	if d.tfSeen[dir] {
		return nil
	}
	d.tfSeen[dir] = true
	files, tfvars, err := terraformFiles(dir)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return nil
	}
	d.t.Terraform = append(d.t.Terraform, TerraformDir{Dir: dir, Display: Display(d.o.Base, dir), Files: files, TFVars: tfvars})
	return nil
}

func (d *discoverer) walk(top string) error {
	// Modules below top are added as "./..." when the walk enters them, and
	// dropped again if it finds no Go file of theirs: a go.mod holding only
	// tool directives (Go 1.24's tools module) or only testdata is not a
	// failure, but go vet refuses a pattern that matches no package.
	var nested []string
	defer func() {
		for _, root := range nested {
			if !d.sawGo[root] {
				d.dropGo(root, "./...")
			}
		}
	}()
	return filepath.WalkDir(top, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", Display(d.o.Base, path), err)
		}
		if e.IsDir() {
			d.kustomizePatches(path)
			if path == top {
				return nil
			}
			name := e.Name()
			if skipDirs[name] || strings.HasPrefix(name, ".") || d.excluded(path) {
				return filepath.SkipDir
			}
			// Helm templates are not YAML until rendered; `helm template | relcheck check -`.
			if name == "templates" && exists(filepath.Join(filepath.Dir(path), "Chart.yaml")) {
				return filepath.SkipDir
			}
			if exists(filepath.Join(path, "go.mod")) {
				if i, ok := d.goIdx[path]; !ok || !slices.Contains(d.t.Go[i].Patterns, "./...") {
					nested = append(nested, path)
				}
				d.addGo(path, "./...", "")
			}
			return nil
		}
		if d.excluded(path) {
			return nil
		}
		// Named pipes, sockets and devices are never manifests (git cannot
		// even hold one), and reading a pipe would block the run.
		if e.Type()&^fs.ModeSymlink != 0 {
			return nil
		}
		name := e.Name()
		switch {
		case strings.HasSuffix(name, ".go"):
			d.goFile(path)
		case strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json"):
			return d.terraform(filepath.Dir(path))
		case isManifestName(name):
			d.manifest(path)
		}
		return nil
	})
}

// goFile notes a walked Go file's directory when no module found so far
// holds it. The walk visits a directory (and adds its go.mod) before its
// files, so every module that could hold the file is known by then.
//
// It also notes which module the file belongs to (the innermost root), so
// that a directory argument with no Go file of its module's own adds no
// pattern: go vet fails on a pattern that matches no package.
func (d *discoverer) goFile(path string) {
	dir := filepath.Dir(path)
	if d.unmoduled[dir] {
		return
	}
	inner := ""
	for root := range d.goIdx {
		if (dir == root || strings.HasPrefix(dir, root+string(filepath.Separator))) && len(root) > len(inner) {
			inner = root
		}
	}
	if inner != "" {
		// One buildable file settles it; reading the build constraints of
		// every other file of the module would be I/O for nothing.
		if !d.sawGo[inner] && goToolSees(inner, dir) && d.buildSees(path) {
			d.sawGo[inner] = true
		}
		return
	}
	d.unmoduled[dir] = true
	d.t.Unmoduled = append(d.t.Unmoduled, Display(d.o.Base, dir))
}

// goToolSees reports whether the go command counts dir as part of the
// module at root: it ignores testdata directories and those whose names
// start with "." or "_", and a pattern below one matches no package.
func goToolSees(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return false
	}
	for _, e := range strings.Split(filepath.ToSlash(rel), "/") {
		if e == "testdata" || (e != "." && (strings.HasPrefix(e, ".") || strings.HasPrefix(e, "_"))) {
			return false
		}
	}
	return true
}

// buildSees reports whether the go command builds file on this platform,
// with the tags GOFLAGS sets: a file its build constraints exclude does not
// make its directory a package go vet can load. A file that cannot be read
// counts, so that go vet reports it.
func (d *discoverer) buildSees(file string) bool {
	if d.build == nil {
		ctx := build.Default
		for _, f := range strings.Fields(os.Getenv("GOFLAGS")) {
			if v, ok := strings.CutPrefix(strings.TrimLeft(f, "-"), "tags="); ok {
				ctx.BuildTags = append(ctx.BuildTags, strings.Split(v, ",")...)
			}
		}
		d.build = &ctx
	}
	ok, err := d.build.MatchFile(filepath.Dir(file), filepath.Base(file))
	return ok || err != nil
}

// dropGo removes pattern from root's target; targets left with no pattern
// are dropped at the end of Discover.
func (d *discoverer) dropGo(root, pattern string) {
	g := &d.t.Go[d.goIdx[root]]
	g.Patterns = slices.DeleteFunc(g.Patterns, func(p string) bool { return p == pattern })
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// moduleRoot finds the go.mod at or above dir.
func moduleRoot(dir string) string {
	for {
		if exists(filepath.Join(dir, "go.mod")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func terraformFiles(dir string) (files, tfvars []string, err error) {
	for _, pat := range []string{"*.tf", "*.tf.json"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, nil, err
		}
		for _, f := range m {
			if st, err := os.Stat(f); err != nil || st.Mode().IsRegular() {
				files = append(files, f) // a file that vanished is reported when read
			}
		}
	}
	sort.Strings(files)
	// Terraform reads terraform.tfvars, then terraform.tfvars.json, then
	// *.auto.tfvars and *.auto.tfvars.json in lexical order; later files win.
	for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if exists(filepath.Join(dir, name)) {
			tfvars = append(tfvars, filepath.Join(dir, name))
		}
	}
	auto, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars"))
	autoJSON, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars.json"))
	auto = append(auto, autoJSON...)
	sort.Strings(auto)
	return files, append(tfvars, auto...), nil
}

// RepoRoot returns the root of the git work tree holding dir, or dir itself
// outside a repository.
func RepoRoot(dir string) string {
	if root, ok := GitRoot(dir); ok {
		return root
	}
	return dir
}

// GitRoot returns the root of the git work tree holding dir: the directory
// with .git (a directory or, in worktrees and submodules, a file).
func GitRoot(dir string) (string, bool) {
	for d := dir; ; {
		if exists(filepath.Join(d, ".git")) {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// TrimPattern turns a Go-style recursive pattern ("./...", "deploy/...")
// into the directory it names.
func TrimPattern(p string) string {
	if p == "..." {
		return "."
	}
	if t, ok := strings.CutSuffix(p, "/..."); ok {
		if t == "" {
			return "/"
		}
		return t
	}
	return p
}
