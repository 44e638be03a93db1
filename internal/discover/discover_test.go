package discover

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

func tree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		p := filepath.Join(root, f)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	return root
}

func manifests(ts *Targets) []string {
	var out []string
	for _, m := range ts.Manifests {
		out = append(out, m.Display)
	}
	return out
}

func TestWalk(t *testing.T) {
	root := tree(t,
		"go.mod", "main.go",
		"tools/go.mod", "tools/gen.go",
		"deploy/app.yaml", "deploy/app.json",
		"compose.yaml", "docker-compose.override.yml",
		"infra/main.tf", "infra/vars.tf", "infra/terraform.tfvars", "infra/prod.auto.tfvars",
		"infra/terraform.tfvars.json", "infra/a.auto.tfvars.json",
		"infra/.terraform/modules/x/main.tf",
		"chart/Chart.yaml", "chart/templates/deploy.yaml", "chart/values.yaml",
		"vendor/x/y.yaml", "node_modules/a/b.yaml", "testdata/fixture.yaml", ".git/config.yaml",
		"legacy/old.yaml",
	)
	ts, err := Discover([]string{root}, Options{Base: root, Excludes: []string{"legacy/**"}})
	require.NoError(t, err)

	require.Len(t, ts.Go, 2)
	sort.Slice(ts.Go, func(i, j int) bool { return ts.Go[i].Root < ts.Go[j].Root })
	require.Equal(t, root, ts.Go[0].Root)
	require.Equal(t, []string{"./..."}, ts.Go[0].Patterns)
	require.Equal(t, filepath.Join(root, "tools"), ts.Go[1].Root, "nested modules are their own root")

	require.Equal(t, []string{"chart/Chart.yaml", "chart/values.yaml", "compose.yaml", "deploy/app.json", "deploy/app.yaml", "docker-compose.override.yml"}, manifests(ts))
	for _, m := range ts.Manifests {
		require.Equal(t, m.Display == "compose.yaml" || m.Display == "docker-compose.override.yml", m.Compose, m.Display)
	}
	require.Len(t, ts.Terraform, 1, ".terraform is skipped")
	require.Equal(t, "infra", ts.Terraform[0].Display)
	require.Len(t, ts.Terraform[0].Files, 2)
	require.Equal(t, []string{
		filepath.Join(root, "infra", "terraform.tfvars"), filepath.Join(root, "infra", "terraform.tfvars.json"),
		filepath.Join(root, "infra", "a.auto.tfvars.json"), filepath.Join(root, "infra", "prod.auto.tfvars"),
	}, ts.Terraform[0].TFVars, "terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order")
}

func TestExplicitPathsAreAlwaysChecked(t *testing.T) {
	root := tree(t, "go.mod", "pkg/a.go", "testdata/fixture.yaml", "vendor/dep/d.yaml")
	ts, err := Discover([]string{filepath.Join(root, "testdata/fixture.yaml"), filepath.Join(root, "pkg/a.go"), filepath.Join(root, "vendor")}, Options{Base: root})
	require.NoError(t, err)
	require.Equal(t, []string{"testdata/fixture.yaml", "vendor/dep/d.yaml"}, manifests(ts))
	require.Len(t, ts.Go, 1)
	require.Contains(t, ts.Go[0].Patterns, "./pkg")
	require.Equal(t, []string{filepath.Join(root, "pkg/a.go")}, ts.Go[0].Files)
}

func TestPatternsAndErrors(t *testing.T) {
	root := tree(t, "go.mod", "svc/a.go")
	ts, err := Discover([]string{filepath.Join(root, "svc") + "/..."}, Options{Base: root})
	require.NoError(t, err)
	require.Equal(t, []string{"./svc/..."}, ts.Go[0].Patterns, "a subdirectory of a module becomes a pattern in it")

	_, err = Discover([]string{filepath.Join(root, "missing")}, Options{Base: root})
	require.ErrorContains(t, err, "no such file or directory")
	_, err = Discover([]string{root}, Options{Base: root, Excludes: []string{"[bad"}})
	require.ErrorContains(t, err, "invalid glob")

	ts, err = Discover([]string{"-"}, Options{Base: root})
	require.NoError(t, err)
	require.True(t, ts.Stdin)
}

func TestRepoRoot(t *testing.T) {
	root := tree(t, ".git/HEAD", "a/b/c.txt")
	require.Equal(t, root, RepoRoot(filepath.Join(root, "a", "b")))
	outside := t.TempDir()
	require.Equal(t, outside, RepoRoot(outside))
}

func TestKustomizePatchesAreNotObjects(t *testing.T) {
	root := tree(t,
		"base/deployment.yaml", "base/kustomization.yaml",
		"overlays/prod/replicas-patch.yaml", "overlays/prod/probe-patch.yaml", "overlays/prod/json-patch.yaml",
		"overlays/prod/namespace.yaml", "patches/shared.yaml",
	)
	kust := `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
  - namespace.yaml
patchesStrategicMerge:
  - replicas-patch.yaml
  - |-
    apiVersion: apps/v1
    kind: Deployment
patches:
  - path: probe-patch.yaml
  - path: ../../patches/shared.yaml
patchesJson6902:
  - target: {kind: Deployment, name: web}
    path: json-patch.yaml
`
	require.NoError(t, os.WriteFile(filepath.Join(root, "overlays/prod/kustomization.yaml"), []byte(kust), 0o644))
	ts, err := Discover([]string{root}, Options{Base: root})
	require.NoError(t, err)
	require.Equal(t, []string{"base/deployment.yaml", "base/kustomization.yaml", "overlays/prod/kustomization.yaml", "overlays/prod/namespace.yaml"}, manifests(ts))

	// pre-commit names staged files explicitly: a patch is still a fragment.
	ts, err = Discover([]string{filepath.Join(root, "overlays/prod/probe-patch.yaml"), filepath.Join(root, "overlays/prod/namespace.yaml")}, Options{Base: root})
	require.NoError(t, err)
	require.Equal(t, []string{"overlays/prod/namespace.yaml"}, manifests(ts))
}

// Go files that no go.mod covers cannot be loaded by go vet; discovery names
// their directories once each, and never files inside a module, a nested
// module, or the directories the walk skips.
func TestGoFilesOutsideModulesAreNamed(t *testing.T) {
	root := tree(t,
		"hack/tool.go", "hack/tool_test.go", "hack/more/x.go",
		"svc/go.mod", "svc/main.go", "svc/internal/a.go",
		"vendor/x/y.go", "testdata/z.go", "examples/main.go",
	)
	ts, err := Discover([]string{root}, Options{Base: root})
	require.NoError(t, err)
	require.Equal(t, []string{"examples", "hack", "hack/more"}, ts.Unmoduled)

	ts, err = Discover([]string{filepath.Join(root, "svc")}, Options{Base: root})
	require.NoError(t, err)
	require.Empty(t, ts.Unmoduled, "a walk that starts inside a module")

	root = tree(t, "go.mod", "main.go", "cmd/x/main.go")
	ts, err = Discover([]string{filepath.Join(root, "cmd")}, Options{Base: root})
	require.NoError(t, err)
	require.Empty(t, ts.Unmoduled, "a walk below the module root: go.mod is above it")
}

// A directory argument inside a Go module adds a package pattern only when
// it holds Go files of that module: go vet refuses a pattern that matches
// no package.
func TestDirectoryWithoutGoAddsNoPattern(t *testing.T) {
	root := tree(t, "go.mod", "main.go", "deploy/web.yaml", "svc/api/api.go", "infra/main.tf")
	ts, err := Discover([]string{filepath.Join(root, "deploy"), filepath.Join(root, "infra")}, Options{Base: root})
	require.NoError(t, err)
	require.Empty(t, ts.Go)
	require.Equal(t, []string{"deploy/web.yaml"}, manifests(ts))

	ts, err = Discover([]string{filepath.Join(root, "deploy"), filepath.Join(root, "svc")}, Options{Base: root})
	require.NoError(t, err)
	require.Len(t, ts.Go, 1)
	require.Equal(t, []string{"./svc/..."}, ts.Go[0].Patterns)

	// A directory whose only Go files are a nested module's: that module's
	// target, not a pattern of the outer one.
	root = tree(t, "go.mod", "main.go", "ext/README.md", "ext/client/go.mod", "ext/client/client.go")
	ts, err = Discover([]string{filepath.Join(root, "ext")}, Options{Base: root})
	require.NoError(t, err)
	require.Len(t, ts.Go, 1)
	require.Equal(t, filepath.Join(root, "ext", "client"), ts.Go[0].Root)
	require.Equal(t, []string{"./..."}, ts.Go[0].Patterns)
}

// The go command ignores testdata and "_" or "." directories: Go files
// below one, named as a directory, add no pattern it would refuse.
func TestGoFilesTheGoToolIgnores(t *testing.T) {
	root := tree(t, "go.mod", "main.go", "pkg/testdata/src/a/a.go", "pkg/_old/x.go", "pkg/testdata/deploy.yaml")
	ts, err := Discover([]string{filepath.Join(root, "pkg", "testdata"), filepath.Join(root, "pkg", "_old")}, Options{Base: root})
	require.NoError(t, err)
	require.Empty(t, ts.Go)
	require.Empty(t, ts.Unmoduled, "inside a module, just not a package of it")
	require.Equal(t, []string{"pkg/testdata/deploy.yaml"}, manifests(ts), "manifests there are still checked when named")
}

// A Go file the build excludes (a //go:build ignore generator script, a
// _windows.go file on Linux) is not compiled by go vet: named alone, or as
// the only Go file of a named directory, it must add no pattern, since go
// vet fails on a package whose files are all excluded. A file the build
// includes still counts, and so does one whose tag GOFLAGS sets.
func TestGoFilesTheBuildExcludes(t *testing.T) {
	t.Setenv("GOFLAGS", "")
	root := tree(t, "go.mod", "main.go")
	write := func(name, src string) string {
		p := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		return p
	}
	gen := write("scripts/gen.go", "//go:build ignore\n\npackage main\n\nfunc main() {}\n")
	other := "linux"
	if runtime.GOOS == "linux" {
		other = "windows"
	}
	osFile := write("sys/sys_"+other+".go", "package sys\n")
	integ := write("e2e/e2e.go", "//go:build integration\n\npackage e2e\n")
	ts, err := Discover([]string{gen, osFile, integ}, Options{Base: root})
	require.NoError(t, err)
	require.Empty(t, ts.Go)
	ts, err = Discover([]string{filepath.Join(root, "scripts"), filepath.Join(root, "sys"), filepath.Join(root, "e2e")}, Options{Base: root})
	require.NoError(t, err)
	require.Empty(t, ts.Go)

	t.Setenv("GOFLAGS", "-mod=mod -tags=integration,other")
	ts, err = Discover([]string{integ, filepath.Join(root, "e2e")}, Options{Base: root})
	require.NoError(t, err)
	require.Len(t, ts.Go, 1)
	require.Equal(t, []string{"./e2e", "./e2e/..."}, ts.Go[0].Patterns)

	// Beside a file the build includes, the package is vetted as before.
	write("scripts/lib.go", "package main\n")
	ts, err = Discover([]string{filepath.Join(root, "scripts")}, Options{Base: root})
	require.NoError(t, err)
	require.Len(t, ts.Go, 1)
	require.Equal(t, []string{"./scripts/..."}, ts.Go[0].Patterns)
}

// A variable file Terraform loads by itself belongs to its module: naming
// it (pre-commit passes a staged prod.auto.tfvars alone) checks the module
// with it. A file only -var-file reads, and one beside no module, add
// nothing.
func TestNamedTFVarsCheckTheirModule(t *testing.T) {
	root := tree(t, "mod/main.tf", "mod/terraform.tfvars", "mod/prod.auto.tfvars.json", "mod/staging.tfvars", "loose/terraform.tfvars")
	for _, name := range []string{"mod/terraform.tfvars", "mod/prod.auto.tfvars.json"} {
		ts, err := Discover([]string{filepath.Join(root, name)}, Options{Base: root})
		require.NoError(t, err)
		require.Len(t, ts.Terraform, 1, name)
		require.Equal(t, "mod", ts.Terraform[0].Display)
	}
	ts, err := Discover([]string{filepath.Join(root, "mod/staging.tfvars"), filepath.Join(root, "loose/terraform.tfvars")}, Options{Base: root})
	require.NoError(t, err)
	require.Empty(t, ts.Terraform)
}

// pre-commit passes a staged analysistest fixture (testdata/src/a/a.go)
// by name; as in a directory argument, a Go file in a directory the go
// command ignores adds no pattern, since go vet fails to load it.
func TestNamedGoFilesTheGoToolIgnores(t *testing.T) {
	root := tree(t, "go.mod", "main.go", "pkg/testdata/src/a/a.go", "pkg/_old/x.go", "pkg/p.go")
	ts, err := Discover([]string{filepath.Join(root, "pkg/testdata/src/a/a.go"), filepath.Join(root, "pkg/_old/x.go")}, Options{Base: root})
	require.NoError(t, err)
	require.Empty(t, ts.Go)
	ts, err = Discover([]string{filepath.Join(root, "pkg/p.go")}, Options{Base: root})
	require.NoError(t, err)
	require.Len(t, ts.Go, 1)
	require.Equal(t, []string{"./pkg"}, ts.Go[0].Patterns)
}

// TestModulesWithoutPackages: a go.mod with no package of its own below it
// (Go 1.24's tools module holds only tool directives; a fixture module holds
// only testdata) is no Go target, for a walk from inside a module and from a
// directory above several: go vet fails on "./..." matching no packages.
func TestModulesWithoutPackages(t *testing.T) {
	root := tree(t,
		"svc/go.mod", "svc/main.go",
		"tools/go.mod", "tools/go.sum",
		"fixtures/go.mod", "fixtures/testdata/src/a/a.go",
		"gen/go.mod", "gen/gen.go", "gen/cmd/x/main.go",
	)
	ts, err := Discover([]string{root}, Options{Base: root})
	require.NoError(t, err)
	var roots []string
	for _, g := range ts.Go {
		roots = append(roots, Display(root, g.Root))
		require.Equal(t, []string{"./..."}, g.Patterns)
	}
	sort.Strings(roots)
	require.Equal(t, []string{"gen", "svc"}, roots)

	// The same from inside a module whose tree holds a tools module.
	root = tree(t, "go.mod", "main.go", "tools/go.mod")
	ts, err = Discover([]string{root}, Options{Base: root})
	require.NoError(t, err)
	require.Len(t, ts.Go, 1)
	require.Equal(t, root, ts.Go[0].Root)
}
