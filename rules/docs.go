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
