package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/run"
	"github.com/relcheck/relcheck/internal/suppress"
)

func newBaseline(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "baseline",
		Short: "Record the findings a repository has today, so that checks report only new ones",
		Example: `  relcheck baseline write .relcheck-baseline.json
  relcheck check --baseline .relcheck-baseline.json`,
		Long: `A baseline is a JSON file of accepted findings, matched by fingerprint. A
fingerprint is built from the rule, the file, the enclosing function or
resource and the reported source line, never from line numbers, so findings
stay recognised when unrelated lines above them move.

Write it once, commit it, and check with --baseline FILE: findings in the
baseline are left out of reports and exit codes, and the summary says how
many were hidden. Finding paths, and so fingerprints, are relative to the
repository root, so it does not matter which directory relcheck runs in.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	var f checkFlags
	write := &cobra.Command{
		Use:   "write FILE [PATH|PATTERN|-]...",
		Short: "Run a check and write its findings to FILE as the baseline",
		Long: `write runs the same check as 'relcheck check' on each PATH (default: the
current directory) and writes every finding it reports to FILE. It exits 0
when the baseline was written, 2 on a usage or configuration error, and 3
when a target could not be analyzed (the baseline is written anyway, without
that target's findings).`,
		Example: `  relcheck baseline write .relcheck-baseline.json ./...
  relcheck check --baseline .relcheck-baseline.json ./...`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f.writeBaseline = args[0]
			return runCheck(cmd.Context(), stdio, f, args[1:], false)
		},
	}
	fl := write.Flags()
	fl.StringVar(&f.configPath, "config", "", "config file (default: .relcheck.yaml found upward from the first path)")
	fl.StringVar(&f.only, "only", "", "run one engine: go or manifests")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "do not say how many findings were written")
	f.failOn = "high" // read by runCheck's flag parsing; a baseline never fails on findings
	cmd.AddCommand(write)
	return cmd
}

// writeBaseline is where `baseline write` leaves runCheck: the findings go to
// the file instead of reports, and only analysis errors change the exit code.
func writeBaseline(stdio IO, f checkFlags, out *run.Outcome) error {
	b := suppress.NewBaseline(out.Findings)
	if err := suppress.WriteBaseline(f.writeBaseline, b); err != nil {
		return usageErr(err)
	}
	if !f.quiet {
		say(stdio.Err, "relcheck: wrote %d findings to %s\n", len(b.Findings), f.writeBaseline)
		if left := len(out.Findings) - len(b.Findings); left > 0 {
			say(stdio.Err, "relcheck: %d findings about expired waivers or suppressions of locked rules were not recorded: a baseline never hides them\n", left)
		}
	}
	for _, e := range out.Errors {
		say(stdio.Err, "relcheck: error: %v\n", e)
	}
	if len(out.Errors) > 0 {
		return &exitError{code: ExitTarget}
	}
	return nil
}

// reportFilter is what --baseline and --new-from-rev/--new-from-patch leave
// out of reports. It is read before the check runs so that a bad revision or
// a missing file fails in a second, not after a long analysis.
type reportFilter struct {
	baseline *suppress.Baseline
	changes  *suppress.Changes
	base     string
}

func newReportFilter(ctx context.Context, f checkFlags, base string) (*reportFilter, error) {
	r := &reportFilter{base: base}
	if f.newFromRev != "" && f.newFromPatch != "" {
		return nil, errors.New("--new-from-rev and --new-from-patch cannot be used together")
	}
	var err error
	switch {
	case f.newFromRev != "":
		if r.changes, err = suppress.FromRev(ctx, f.newFromRev, base); err != nil {
			return nil, fmt.Errorf("--new-from-rev %s: %w", f.newFromRev, err)
		}
	case f.newFromPatch != "":
		if r.changes, err = suppress.FromPatch(ctx, f.newFromPatch, base); err != nil {
			return nil, fmt.Errorf("--new-from-patch: %w", err)
		}
	}
	if f.baseline != "" {
		if r.baseline, err = suppress.ReadBaseline(f.baseline); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// apply returns the findings to report and how many were left out.
func (r *reportFilter) apply(fs []finding.Finding) ([]finding.Finding, int) {
	hidden := 0
	if r.baseline != nil {
		var n int
		fs, n = r.baseline.Filter(fs)
		hidden += n
	}
	if r.changes != nil {
		var n int
		fs, n = r.changes.OnlyNew(fs, r.base)
		hidden += n
	}
	return fs, hidden
}
