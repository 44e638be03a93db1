package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/run"
	"github.com/relcheck/relcheck/rules"
)

func catalogFor(configPath string) (*rules.Catalog, error) {
	cat, _, err := configuredCatalog(configPath)
	return cat, err
}

func configuredCatalog(configPath string) (*rules.Catalog, *config.Config, error) {
	cfg, err := loadConfig(configPath, nil)
	if err != nil {
		return nil, nil, err
	}
	cat, _, err := run.Catalog(cfg)
	return cat, cfg, err
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
			cat, cfg, err := configuredCatalog(configPath)
			if err != nil {
				return usageErr(err)
			}
			// The list shows what a check with this configuration runs: the
			// severity it reports at, and rules it switches off or locks.
			tw := tabwriter.NewWriter(stdio.Out, 0, 4, 2, ' ', 0)
			say(tw, "ID\tSEVERITY\tTITLE\n")
			for _, r := range cat.All() {
				title, sev := r.Title, cfg.Severity(r.ID, r.Severity)
				switch lock, locked := cfg.Locked(r.ID); {
				case locked:
					title += fmt.Sprintf(" (locked by %s:%d)", relativePath(lock.File), lock.Line)
				case !cfg.Enabled(r.ID, r.DefaultOff) && r.DefaultOff:
					title += " (off by default)"
				case !cfg.Enabled(r.ID, r.DefaultOff):
					title += " (disabled by " + relativePath(cfg.File) + ")"
				}
				say(tw, "%s\t%s\t%s\n", r.ID, sev, title)
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
