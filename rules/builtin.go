package rules

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/relcheck/relcheck/internal/families"
	"github.com/relcheck/relcheck/policies"
)

// Builtin is the catalog of the rules relcheck ships: every Go analyzer
// family, every built-in Rego policy, and relcheck's own rules.
func Builtin() (*Catalog, error) {
	goRules, err := GoRules()
	if err != nil {
		return nil, err
	}
	mods, err := ParseFS(policies.FS)
	if err != nil {
		return nil, err
	}
	regoRules, err := FromRego(mods)
	if err != nil {
		return nil, err
	}
	return New(goRules, regoRules, Own)
}

// GoRules documents the rules of every analyzer family.
func GoRules() ([]Rule, error) {
	var out []Rule
	for _, f := range families.All() {
		rs, err := FromGo(f.Name, f.Rules)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// ParseFS parses the non-test .rego files of fsys for their METADATA.
func ParseFS(fsys fs.FS) ([]*ast.Module, error) {
	var out []*ast.Module
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts("policies/"+p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return fmt.Errorf("built-in policy: %w", err)
		}
		out = append(out, m)
		return nil
	})
	return out, err
}
