package rules

import (
	"fmt"
	"strings"
)

// MarkdownTable renders the catalog as the table the README shows.
func MarkdownTable(c *Catalog) string {
	var b strings.Builder
	b.WriteString("| id | severity | title |\n|---|---|---|\n")
	for _, r := range c.All() {
		title := r.Title
		if r.DefaultOff {
			title += " (off by default)"
		}
		fmt.Fprintf(&b, "| [`%s`](docs/rules.md#%s) | %s | %s |\n", r.ID, Anchor(r.ID), r.Severity, escapeCell(title))
	}
	return b.String()
}

// Anchor is the Markdown heading anchor of a rule in docs/rules.md.
func Anchor(id string) string {
	return strings.NewReplacer("/", "", ".", "").Replace(strings.ToLower(id))
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// MarkdownReference renders docs/rules.md: every rule with its rationale,
// fix and example.
func MarkdownReference(c *Catalog) string {
	var b strings.Builder
	b.WriteString("# Rules\n\nGenerated from the analyzers' documentation and the policies' METADATA by\n`go test ./rules -update`; do not edit by hand.\n")
	domain := ""
	names := map[string]string{"go": "Go", "k8s": "Kubernetes", "tf": "Terraform", "compose": "Compose", "relcheck": "relcheck's own inputs"}
	for _, r := range c.All() {
		if d := r.Domain(); d != domain {
			domain = d
			fmt.Fprintf(&b, "\n## %s\n", names[d])
		}
		fmt.Fprintf(&b, "\n### %s\n\n**%s** · severity `%s`", r.ID, r.Title, r.Severity)
		if r.TestSeverity != 0 {
			fmt.Fprintf(&b, " (`%s` in test files)", r.TestSeverity)
		}
		if r.DefaultOff {
			b.WriteString(" · off by default")
		}
		fmt.Fprintf(&b, " · source `%s`\n", r.Source)
		if len(r.Kinds) > 0 {
			fmt.Fprintf(&b, "\nApplies to: %s\n", strings.Join(r.Kinds, ", "))
		}
		if r.Rationale != "" {
			fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(r.Rationale))
		}
		if r.Fix != "" {
			fmt.Fprintf(&b, "\n**Fix:** %s\n", strings.TrimSpace(r.Fix))
		}
		if r.Example != "" {
			lang := map[string]string{"go": "go", "k8s": "yaml", "compose": "yaml", "tf": "hcl"}[r.Domain()]
			fmt.Fprintf(&b, "\n```%s\n%s\n```\n", lang, strings.TrimRight(r.Example, "\n"))
		}
		if len(r.Related) > 0 {
			fmt.Fprintf(&b, "\nRelated: %s\n", strings.Join(r.Related, ", "))
		}
	}
	return b.String()
}

// Text renders one rule for a terminal: what `relcheck explain` prints.
func Text(r Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Severity: %s", r.Severity)
	if r.TestSeverity != 0 {
		fmt.Fprintf(&b, " (%s in test files)", r.TestSeverity)
	}
	if r.DefaultOff {
		b.WriteString(", off by default")
	}
	fmt.Fprintf(&b, "\nSource:   %s\n", r.Source)
	if len(r.Kinds) > 0 {
		fmt.Fprintf(&b, "Applies:  %s\n", strings.Join(r.Kinds, ", "))
	}
	if len(r.Related) > 0 {
		fmt.Fprintf(&b, "Related:  %s\n", strings.Join(r.Related, ", "))
	}
	section := func(title, text string) {
		if text = strings.TrimSpace(text); text != "" {
			fmt.Fprintf(&b, "\n%s\n%s\n", title, indent(text))
		}
	}
	section("Why", r.Rationale)
	section("Fix", r.Fix)
	section("Example", r.Example)
	return b.String()
}

func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}
