// Package gocheck loads Go packages and runs relcheck's analyzers over them,
// turning diagnostics into findings.
package gocheck

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/relcheck/relcheck/internal/generated"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/relcheck/relcheck/internal/discover"
	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/rules"
)

// Options configure one run of the Go engine.
type Options struct {
	Analyzers []*analysis.Analyzer
	Catalog   *rules.Catalog
	// Base is the directory finding paths are relative to.
	Base string
	// Tests includes _test.go files (at each rule's test severity).
	Tests bool
}

// Result is what the engine produced.
type Result struct {
	Findings []finding.Finding
	// Errors are packages that could not be analyzed (exit 3).
	Errors []error
}

// Run analyzes every target. A package that does not type-check is reported
// in Result.Errors and the others are still analyzed.
func Run(targets []discover.GoTarget, o Options) (*Result, error) {
	res := &Result{}
	for _, t := range targets {
		if err := runTarget(t, o, res); err != nil {
			return nil, err
		}
	}
	sortResult(res)
	return res, nil
}

func runTarget(t discover.GoTarget, o Options, res *Result) (err error) {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   t.Root,
		Tests: o.Tests,
	}
	pkgs, err := packages.Load(cfg, t.Patterns...)
	if err != nil {
		return fmt.Errorf("loading Go packages in %s: %w", discover.Display(o.Base, t.Root), err)
	}
	var only map[string]bool
	if len(t.Files) > 0 {
		only = map[string]bool{}
		for _, f := range t.Files {
			only[f] = true
		}
	}
	var healthy []*packages.Package
	reported := map[string]bool{}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			// A package and its test variant share the error: report it once.
			if !reported[p.PkgPath] {
				reported[p.PkgPath] = true
				res.Errors = append(res.Errors, fmt.Errorf("package %s: %s", p.PkgPath, p.Errors[0]))
			}
			continue
		}
		healthy = append(healthy, p)
	}
	if len(healthy) == 0 {
		return nil
	}
	defer func() {
		if p := recover(); p != nil {
			res.Errors = append(res.Errors, fmt.Errorf("analyzers panicked in %s: %v", discover.Display(o.Base, t.Root), p))
			err = nil
		}
	}()
	graph, err := checker.Analyze(Guard(o.Analyzers), healthy, nil)
	if err != nil {
		res.Errors = append(res.Errors, fmt.Errorf("analysis in %s: %w", discover.Display(o.Base, t.Root), err))
	}
	if graph == nil {
		return nil
	}
	lines := &lineCache{}
	for _, act := range graph.Roots {
		if act.Err != nil {
			res.Errors = append(res.Errors, fmt.Errorf("analyzer %s on package %s: %w", act.Analyzer.Name, act.Package.PkgPath, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			f, file, ok := toFinding(act, d, t.Root, o, lines)
			if !ok || (only != nil && !only[file]) {
				continue
			}
			for _, sf := range d.SuggestedFixes {
				for _, e := range sf.TextEdits {
					start := act.Package.Fset.Position(e.Pos)
					end := start
					if e.End.IsValid() {
						end = act.Package.Fset.Position(e.End)
					}
					f.Edits = append(f.Edits, finding.Edit{File: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
				}
				break // the first fix is the analyzer's recommendation
			}
			res.Findings = append(res.Findings, f)
		}
	}
	return nil
}

func toFinding(act *checker.Action, d analysis.Diagnostic, root string, o Options, lines *lineCache) (finding.Finding, string, bool) {
	fset := act.Package.Fset
	pos := fset.Position(d.Pos)
	if pos.Filename == "" || !within(root, pos.Filename) {
		return finding.Finding{}, "", false
	}
	rule, sev := ruleFor(o.Catalog, d.Category, act.Analyzer.Name, pos.Filename)
	f := finding.Finding{
		Rule: rule.ID, Severity: sev, Message: d.Message,
		File: discover.Display(o.Base, pos.Filename), Line: pos.Line, Col: pos.Column,
		Fix: rule.Fix, Anchor: enclosingFunc(act.Package, d.Pos), Snippet: lines.line(pos.Filename, pos.Line),
	}
	if d.End.IsValid() {
		end := fset.Position(d.End)
		f.EndLine, f.EndCol = end.Line, end.Column
	}
	return f, pos.Filename, true
}

func within(root, file string) bool {
	rel, err := filepath.Rel(root, file)
	return err == nil && !strings.HasPrefix(rel, "..")
}

// enclosingFunc names the function declaration around pos ("(*T).Method",
// "Func"), the anchor that keeps fingerprints stable when lines move.
func enclosingFunc(p *packages.Package, pos token.Pos) string {
	for _, f := range p.Syntax {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Pos() > pos || pos > fd.End() {
				continue
			}
			return funcName(fd)
		}
	}
	return ""
}

// ruleFor documents a diagnostic's rule and the severity it has in file.
func ruleFor(cat *rules.Catalog, category, analyzer, file string) (rules.Rule, finding.Severity) {
	rule, ok := cat.Get(category)
	if !ok {
		// An analyzer reporting an undocumented id is a bug in relcheck; keep
		// the finding visible rather than dropping it.
		rule = rules.Rule{ID: category, Severity: finding.Medium}
		if rule.ID == "" {
			rule.ID = "go/" + analyzer
		}
	}
	if strings.HasSuffix(file, "_test.go") && rule.TestSeverity != 0 {
		return rule, rule.TestSeverity
	}
	return rule, rule.Severity
}

// funcName names a function declaration as fingerprints anchor to it:
// "Func" or "(*T).Method".
func funcName(fd *ast.FuncDecl) string {
	if fd.Recv != nil && len(fd.Recv.List) > 0 {
		return fmt.Sprintf("(%s).%s", recvString(fd.Recv.List[0].Type), fd.Name.Name)
	}
	return fd.Name.Name
}

func recvString(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "*" + recvString(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return recvString(t.X)
	case *ast.IndexListExpr:
		return recvString(t.X)
	}
	return "?"
}

type lineCache struct {
	file  string
	lines []string
}

func (c *lineCache) line(file string, n int) string {
	if c.file != file {
		c.file, c.lines = file, nil
		if data, err := os.ReadFile(file); err == nil {
			sc := bufio.NewScanner(bytes.NewReader(data))
			sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
			for sc.Scan() {
				c.lines = append(c.lines, sc.Text())
			}
		}
	}
	if n >= 1 && n <= len(c.lines) {
		return c.lines[n-1]
	}
	return ""
}

// sortResult orders findings and removes the duplicates that test variants
// of a package produce for its non-test files.
func sortResult(res *Result) {
	finding.Sort(res.Findings)
	res.Findings = finding.Dedup(res.Findings)
}

// Guard returns copies of analyzers for relcheck's drivers (in process and
// the vet tool). Their Run turns a panic into an error naming the analyzer
// and the package: drivers run analyzers on their own goroutines, where an
// unrecovered panic would end the whole process instead of failing one
// package. And they report nothing in generated files (a "Code generated
// ... DO NOT EDIT." header): the fix belongs in the generator or its
// options, not in the file, and golangci-lint and uncheckederr skip them
// too. Generated code is still analyzed, so facts about its functions (a
// client constructor that sets a timeout) reach the code that calls it.
func Guard(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		g := *a
		run := a.Run
		g.Run = func(pass *analysis.Pass) (res any, err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("analyzer %s panicked on package %s: %v", a.Name, pass.Pkg.Path(), p)
				}
			}()
			return run(skipGenerated(pass))
		}
		out[i] = &g
	}
	return out
}

// skipGenerated returns pass, or a copy whose Report drops diagnostics in
// the package's generated files.
func skipGenerated(pass *analysis.Pass) *analysis.Pass {
	var skip map[*token.File]bool
	for _, f := range pass.Files {
		if generated.File(pass.Fset, f) {
			if skip == nil {
				skip = map[*token.File]bool{}
			}
			skip[pass.Fset.File(f.FileStart)] = true
		}
	}
	if skip == nil {
		return pass
	}
	p := *pass
	p.Report = func(d analysis.Diagnostic) {
		if !skip[pass.Fset.File(d.Pos)] {
			pass.Report(d)
		}
	}
	return &p
}
