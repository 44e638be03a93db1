package gocheck_test

import (
	"go/ast"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/relcheck/relcheck/internal/discover"
	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/gocheck"
	"github.com/relcheck/relcheck/rules"
)

func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.22\n"
	for name, src := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	return dir
}

// reportFuncs reports every function declaration, so the test controls
// exactly what is found.
var reportFuncs = &analysis.Analyzer{
	Name: "funcs",
	Doc:  "reports every func",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					pass.Report(analysis.Diagnostic{Pos: fd.Pos(), Category: "go/test-rule", Message: "found a declaration"})
				}
			}
		}
		return nil, nil
	},
}

var panics = &analysis.Analyzer{
	Name: "panics",
	Doc:  "panics",
	Run:  func(pass *analysis.Pass) (any, error) { panic("analyzer bug") },
}

func catalog(t *testing.T) *rules.Catalog {
	c, err := rules.New([]rules.Rule{{ID: "go/test-rule", Severity: finding.High, TestSeverity: finding.Low}})
	require.NoError(t, err)
	return c
}

func TestFindingsAndTestSeverity(t *testing.T) {
	dir := module(t, map[string]string{
		"a/a.go":      "package a\n\nfunc A() {}\n",
		"a/a_test.go": "package a\n\nimport \"testing\"\n\nfunc TestA(t *testing.T) {}\n",
	})
	res, err := gocheck.Run([]discover.GoTarget{{Root: dir, Patterns: []string{"./..."}}},
		gocheck.Options{Analyzers: []*analysis.Analyzer{reportFuncs}, Catalog: catalog(t), Base: dir, Tests: true})
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	require.Len(t, res.Findings, 2, "the package and its test variant report a.go once")
	require.Equal(t, "a/a.go", res.Findings[0].File)
	require.Equal(t, finding.High, res.Findings[0].Severity)
	require.Equal(t, "A", res.Findings[0].Anchor)
	require.Equal(t, "a/a_test.go", res.Findings[1].File)
	require.Equal(t, finding.Low, res.Findings[1].Severity, "test files get the rule's test severity")
}

func TestPanicIsReportedNotFatal(t *testing.T) {
	dir := module(t, map[string]string{"a/a.go": "package a\n\nfunc A() {}\n"})
	res, err := gocheck.Run([]discover.GoTarget{{Root: dir, Patterns: []string{"./..."}}},
		gocheck.Options{Analyzers: []*analysis.Analyzer{panics}, Catalog: catalog(t), Base: dir})
	require.NoError(t, err)
	require.NotEmpty(t, res.Errors)
	require.Contains(t, res.Errors[0].Error(), "panics")
	require.Contains(t, res.Errors[0].Error(), "analyzer bug")
}

func TestOnlyNamedFiles(t *testing.T) {
	dir := module(t, map[string]string{"a/a.go": "package a\n\nfunc A() {}\n", "a/b.go": "package a\n\nfunc B() {}\n"})
	res, err := gocheck.Run([]discover.GoTarget{{Root: dir, Patterns: []string{"./a"}, Files: []string{filepath.Join(dir, "a", "b.go")}}},
		gocheck.Options{Analyzers: []*analysis.Analyzer{reportFuncs}, Catalog: catalog(t), Base: dir})
	require.NoError(t, err)
	require.Len(t, res.Findings, 1)
	require.Equal(t, "a/b.go", res.Findings[0].File)
}
