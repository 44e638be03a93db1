package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/relcheck/relcheck/internal/run"
	"github.com/relcheck/relcheck/rules"
)

func catalogFor(configPath string) (*rules.Catalog, error) {
	cfg, err := loadConfig(configPath, nil)
	if err != nil {
		return nil, err
	}
	cat, _, err := run.Catalog(cfg)
	return cat, err
}

func newRules(stdio IO) *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: id, severity, title",
		Example: `  relcheck rules
  relcheck rules | grep '^k8s/'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := catalogFor(configPath)
			if err != nil {
				return usageErr(err)
			}
			tw := tabwriter.NewWriter(stdio.Out, 0, 4, 2, ' ', 0)
			say(tw, "ID\tSEVERITY\tTITLE\n")
			for _, r := range cat.All() {
				title := r.Title
				if r.DefaultOff {
					title += " (off by default)"
				}
				say(tw, "%s\t%s\t%s\n", r.ID, r.Severity, title)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "config file whose policies to include")
	return cmd
}

func newExplain(stdio IO) *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:     "explain RULE-ID",
		Short:   "Explain a rule: why it matters, how to fix it, an example",
		Example: "  relcheck explain k8s/readiness-probe",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := catalogFor(configPath)
			if err != nil {
				return usageErr(err)
			}
			r, ok := cat.Get(args[0])
			if !ok {
				return usageErr(fmt.Errorf("unknown rule %q (see `relcheck rules`)", args[0]))
			}
			_, err = fmt.Fprint(stdio.Out, Explain(r))
			return err
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "config file whose policies to include")
	return cmd
}

// Explain renders one rule for a terminal.
func Explain(r rules.Rule) string {
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
