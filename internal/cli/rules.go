package cli

import (
	"fmt"
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
			_, err = fmt.Fprint(stdio.Out, rules.Text(r))
			return err
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "config file whose policies to include")
	return cmd
}
