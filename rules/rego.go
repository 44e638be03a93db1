package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/relcheck/relcheck/internal/finding"
)

// RegoDomains maps the package prefix a policy lives under to the id prefix
// its rules must carry, so a Kubernetes rule cannot claim a tf/ id.
var RegoDomains = map[string]string{
	"relcheck.kubernetes": "k8s",
	"relcheck.terraform":  "tf",
	"relcheck.compose":    "compose",
}

// FromRego reads the package-scoped METADATA of every module that declares
// custom.id. A module whose METADATA is malformed is an error naming its
// file, because a rule without an id or severity cannot be configured,
// suppressed or reported correctly.
func FromRego(mods []*ast.Module) ([]Rule, error) {
	var out []Rule
	seen := map[string]string{}
	for _, m := range mods {
		a := packageAnnotations(m)
		if a == nil || a.Custom == nil || a.Custom["id"] == nil {
			continue
		}
		file := ""
		if m.Package.Location != nil {
			file = m.Package.Location.File
		}
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		r, err := ruleFromAnnotations(pkg, a)
		if err != nil {
			return nil, fmt.Errorf("%s: package %s: %w", file, pkg, err)
		}
		if prev, dup := seen[r.ID]; dup {
			if prev == pkg {
				continue // the same package split over several files
			}
			return nil, fmt.Errorf("%s: rule %s is declared by both %s and %s", file, r.ID, prev, pkg)
		}
		seen[r.ID] = pkg
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func packageAnnotations(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" || a.Scope == "subpackages" {
			return a
		}
	}
	return nil
}

func ruleFromAnnotations(pkg string, a *ast.Annotations) (Rule, error) {
	id, ok := a.Custom["id"].(string)
	if !ok || id == "" {
		return Rule{}, fmt.Errorf("custom.id must be a string")
	}
	// Built-in domain prefixes must match the package's domain, so a
	// Terraform rule cannot claim a k8s/ id; a team's own prefix is free.
	idDomain, _, _ := strings.Cut(id, "/")
	reserved := idDomain == "go" || idDomain == "relcheck"
	want := ""
	for prefix, domain := range RegoDomains {
		if domain == idDomain {
			reserved = true
		}
		if pkg == prefix || strings.HasPrefix(pkg, prefix+".") {
			want = domain
		}
	}
	if reserved && idDomain != want {
		return Rule{}, fmt.Errorf("rule %s: the %s/ prefix is reserved for relcheck's %s rules", id, idDomain, idDomain)
	}
	sevText, _ := a.Custom["severity"].(string)
	if sevText == "" {
		return Rule{}, fmt.Errorf("rule %s: custom.severity is required", id)
	}
	sev, err := finding.ParseSeverity(sevText)
	if err != nil {
		return Rule{}, fmt.Errorf("rule %s: %w", id, err)
	}
	r := Rule{
		ID: id, Title: a.Title, Severity: sev, Engine: "rego", Source: pkg,
		Rationale: strings.TrimSpace(a.Description),
	}
	if s, ok := a.Custom["rationale"].(string); ok && s != "" {
		r.Rationale = strings.TrimSpace(s)
	}
	if s, ok := a.Custom["remediation"].(string); ok {
		r.Fix = strings.TrimSpace(s)
	}
	if s, ok := a.Custom["example"].(string); ok {
		r.Example = strings.TrimRight(s, "\n")
	}
	if b, ok := a.Custom["default_off"].(bool); ok {
		r.DefaultOff = b
	}
	for _, key := range []string{"kinds", "resource_types"} {
		ks, err := stringList(a.Custom[key])
		if err != nil {
			return Rule{}, fmt.Errorf("rule %s: custom.%s: %w", id, key, err)
		}
		r.Kinds = append(r.Kinds, ks...)
	}
	if r.Related, err = stringList(a.Custom["related"]); err != nil {
		return Rule{}, fmt.Errorf("rule %s: custom.related: %w", id, err)
	}
	return r, nil
}

func stringList(v any) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of strings")
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("want a list of strings, found %v", x)
		}
		out = append(out, s)
	}
	return out, nil
}
