package policy

import (
	"context"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is one Rego test's outcome.
type TestResult struct {
	Package, Name string
	Location      string
	Pass, Skip    bool
	Err           error
	Duration      time.Duration
}

// Test runs the test_ rules of modules with OPA's test runner, in the same
// sandbox policies are evaluated in. strict compiles as opa check --strict
// does (unused variables and imports, deprecated built-ins are errors), the
// standard the built-in library is held to.
func Test(ctx context.Context, mods []Module, strict bool) ([]TestResult, error) {
	parsed, err := Parse(mods)
	if err != nil {
		return nil, err
	}
	byName := make(map[string]*ast.Module, len(parsed))
	for _, m := range parsed {
		byName[m.Package.Location.File] = m
	}
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer store.Abort(ctx, txn)
	c := ast.NewCompiler().WithCapabilities(capabilities()).WithEnablePrintStatements(true).WithStrict(strict)
	ch, err := tester.NewRunner().SetCompiler(c).SetStore(store).SetModules(byName).
		RaiseBuiltinErrors(true).SetTimeout(30*time.Second).RunTests(ctx, txn)
	if err != nil {
		return nil, fmt.Errorf("running policy tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass(), Skip: r.Skip, Duration: r.Duration}
		if r.Location != nil {
			tr.Location = fmt.Sprintf("%s:%d", r.Location.File, r.Location.Row)
		}
		if r.Error != nil {
			tr.Err = r.Error
			tr.Pass = false
		} else if r.Fail {
			tr.Pass = false
		}
		out = append(out, tr)
	}
	return out, nil
}
