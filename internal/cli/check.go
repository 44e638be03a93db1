package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/discover"
	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/fix"
	"github.com/relcheck/relcheck/internal/report"
	"github.com/relcheck/relcheck/internal/run"
)

type checkFlags struct {
	formats    []string
	output     string
	failOn     string
	configPath string
	noColor    bool
	quiet      bool
	fix        bool
	only       string

	baseline     string
	newFromRev   string
	newFromPatch string
	// writeBaseline is set by `baseline write`: the check runs as usual and
	// its findings go to this file instead of to reports.
	writeBaseline string
}

func newCheck(stdio IO) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [PATH|PATTERN|-]...",
		Short: "Check Go packages and deploy manifests (the default command)",
		Long: `Check walks each PATH (default: the current directory) for Go modules,
Kubernetes and Compose YAML and Terraform modules, runs every enabled rule and
reports what it finds. A directory is checked with everything below it; "./..."
means the same. "-" reads Kubernetes manifests from standard input, for
'helm template' and 'kustomize build' output.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, configuration or policy error, 3 a target could not be analyzed.`,
		Example: `  relcheck check ./testdata/demo
  relcheck check --format json --output relcheck.json ./...
  relcheck check --format text --format sarif=relcheck.sarif .
  helm template ./chart | relcheck check -
  relcheck check --fail-on medium deploy/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), stdio, f, args, cmd.Flags().Changed("fail-on"))
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.formats, "format", nil, "report format: text, json, sarif, github, junit, gitlab or markdown; FORMAT=FILE also writes FILE (repeatable; default text)")
	fl.StringVarP(&f.output, "output", "o", "", "write the main report to FILE instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "high", "exit 1 when a finding is at or above this severity (info, low, medium, high, critical)")
	fl.StringVar(&f.configPath, "config", "", "config file (default: .relcheck.yaml found upward from the first path)")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the text report (NO_COLOR is honoured too)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print findings only: no summary, no progress")
	fl.BoolVar(&f.fix, "fix", false, "apply the certain fixes analyzers suggest (rewrites Go files)")
	fl.StringVar(&f.only, "only", "", "run one engine: go or manifests")
	fl.StringVar(&f.baseline, "baseline", "", "leave out findings recorded in this baseline file (see 'relcheck baseline write')")
	fl.StringVar(&f.newFromRev, "new-from-rev", "", "report only findings on lines changed since the merge base of REV and HEAD, uncommitted changes included")
	fl.StringVar(&f.newFromPatch, "new-from-patch", "", "report only findings on lines a unified diff FILE adds")
	return cmd
}

func runCheck(ctx context.Context, stdio IO, f checkFlags, args []string, failOnSet bool) error {
	if ctx == nil {
		ctx = context.Background()
	}
	cfg, err := loadConfig(f.configPath, args)
	if err != nil {
		return usageErr(err)
	}
	failOn := cfg.FailOn
	if failOnSet || cfg.File == "" {
		if failOn, err = finding.ParseSeverity(f.failOn); err != nil {
			return usageErr(fmt.Errorf("--fail-on: %w", err))
		}
		if err := cfg.CheckFailOn(failOn, "--fail-on"); err != nil {
			return usageErr(err)
		}
	}
	specs, err := parseFormats(f.formats)
	if err != nil {
		return usageErr(err)
	}
	opts := run.Options{Paths: args, Stdin: stdio.In, Config: cfg, Today: stdio.Now()}
	switch f.only {
	case "":
	case "go":
		opts.NoManifests = true
	case "manifests":
		opts.NoGo = true
	default:
		return usageErr(fmt.Errorf("--only: want go or manifests, got %q", f.only))
	}
	wd, err := os.Getwd()
	if err != nil {
		return usageErr(err)
	}
	// Paths in reports are relative to the repository root, so SARIF,
	// baselines and fingerprints mean the same whichever directory relcheck
	// runs in; outside a repository, to the working directory.
	opts.Base = discover.RepoRoot(wd)
	filter, err := newReportFilter(ctx, f, opts.Base)
	if err != nil {
		return usageErr(err)
	}
	out, err := run.Check(ctx, opts)
	if err != nil {
		if run.IsUsage(err) {
			return usageErr(err)
		}
		return &exitError{code: ExitTarget, err: err}
	}
	if f.writeBaseline != "" {
		return writeBaseline(stdio, f, out)
	}
	findings, hidden := filter.apply(out.Findings)
	if f.fix {
		fixed, err := fix.Apply(findings)
		if err != nil {
			return &exitError{code: ExitUsage, err: err}
		}
		if !f.quiet && len(fixed) > 0 {
			say(stdio.Err, "relcheck: fixed %d findings; run again to see what remains\n", len(fixed))
		}
		findings = remove(findings, fixed)
	}

	in := report.Input{Findings: findings, Errors: out.Errors, Catalog: out.Catalog, Version: version(), Hidden: hidden, Suppressed: out.Suppressed,
		StepSummary: stdio.Getenv("GITHUB_STEP_SUMMARY"), Base: opts.Base}
	for _, s := range specs {
		w, _ := report.Get(s.Format)
		in.Color = s.Format == "text" && s.Path == "" && f.output == "" && !f.noColor && stdio.Getenv("NO_COLOR") == "" && stdio.Terminal
		in.Quiet = f.quiet && s.Format == "text"
		path := s.Path
		if path == "" {
			path = f.output
		}
		// Reports stream to their destination: a run with a hundred
		// thousand findings renders tens of megabytes of text.
		if err := writeReport(stdio.Out, path, func(dst io.Writer) error { return w(dst, in) }); err != nil {
			return usageErr(fmt.Errorf("writing %s report: %w", s.Format, err))
		}
	}
	for _, e := range out.Errors {
		say(stdio.Err, "relcheck: error: %v\n", e)
	}
	if !f.quiet {
		remindWaivers(stdio, cfg, opts.Today)
	}
	if len(out.Unmoduled) > 0 && !f.quiet {
		say(stdio.Err, "relcheck: note: Go files in %s are not analyzed: no go.mod at or above them (go mod init makes them a module)\n", firstAndCount(out.Unmoduled))
	}
	if len(out.HelmTemplates) > 0 && !f.quiet {
		say(stdio.Err, "relcheck: note: skipped the Helm template %s: templates are not YAML until rendered; check the chart with helm template CHART | relcheck check -\n", firstAndCount(out.HelmTemplates))
	}
	if out.Checked == 0 && len(out.Errors) == 0 && !f.quiet {
		// "no findings" alone would read as a pass when a CI job points at
		// the wrong directory.
		say(stdio.Err, "relcheck: nothing was checked: %s\n", nothingIn(args, f.only))
	}
	switch {
	case len(out.Errors) > 0:
		return &exitError{code: ExitTarget}
	case finding.Count(findings, failOn) > 0:
		return &exitError{code: ExitFindings}
	}
	return nil
}

// parseFormats reads the --format values: the first without a file is the
// main report; text is the default.
func parseFormats(vals []string) ([]report.Spec, error) {
	if len(vals) == 0 {
		vals = []string{"text"}
	}
	var out []report.Spec
	main := 0
	for _, v := range splitList(vals) {
		s, err := report.ParseSpec(v)
		if err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
		if s.Path == "" {
			main++
		}
		out = append(out, s)
	}
	if main > 1 {
		return nil, fmt.Errorf("--format: only one format can go to the main output; give the others a file (FORMAT=FILE)")
	}
	return out, nil
}

// writeReport writes one report to the file at path, or to out when path
// is empty, through a buffer.
func writeReport(out io.Writer, path string, write func(io.Writer) error) (err error) {
	if path != "" {
		file, oerr := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if oerr != nil {
			return oerr
		}
		defer func() {
			if cerr := file.Close(); err == nil {
				err = cerr
			}
		}()
		out = file
	}
	bw := bufio.NewWriter(out)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

func remove(all, gone []finding.Finding) []finding.Finding {
	drop := map[string]bool{}
	for _, f := range gone {
		drop[f.Fingerprint] = true
	}
	var out []finding.Finding
	for _, f := range all {
		if !drop[f.Fingerprint] {
			out = append(out, f)
		}
	}
	return out
}

// loadConfig reads --config, or the .relcheck.yaml found upward from the
// first path, or the defaults.
func loadConfig(path string, args []string) (*config.Config, error) {
	if path == "" {
		start := "."
		if len(args) > 0 && args[0] != "-" {
			start = args[0]
		}
		abs, err := filepath.Abs(discover.TrimPattern(start))
		if err != nil {
			return nil, err
		}
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			abs = filepath.Dir(abs)
		}
		found, ok := config.Find(abs)
		if !ok {
			wd, _ := os.Getwd()
			return config.Default(wd), nil
		}
		path = found
	} else if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("--config: %w", err)
	}
	return config.Load(path, nil)
}

// firstAndCount names the first of paths and counts the rest.
func firstAndCount(paths []string) string {
	if n := len(paths) - 1; n > 0 {
		return fmt.Sprintf("%s (and %d more)", paths[0], n)
	}
	return paths[0]
}

func nothingIn(args []string, only string) string {
	if len(args) == 1 && args[0] == "-" {
		return "standard input holds no Kubernetes object"
	}
	where, holds := ".", " holds"
	if len(args) > 0 {
		where = strings.Join(args, ", ")
	}
	if len(args) > 1 {
		holds = " hold"
	}
	switch only {
	case "go":
		return where + holds + " no Go package"
	case "manifests":
		return where + holds + " no Kubernetes or Compose document and no Terraform module"
	}
	return where + holds + " no Go package, Kubernetes or Compose document, or Terraform module"
}

// waiverNotice is how many days ahead relcheck starts reminding that a
// waiver ends: two weeks is a sprint, time for the owner to fix or renew
// before CI starts failing on the findings it hides.
const waiverNotice = 14

// remindWaivers says on standard error which waivers end soon. It changes
// no finding and no exit code.
func remindWaivers(stdio IO, cfg *config.Config, today time.Time) {
	for _, w := range cfg.Waivers {
		left := w.DaysLeft(today)
		if left < 0 || left > waiverNotice {
			continue
		}
		when := fmt.Sprintf("in %d days", left+1)
		switch left {
		case 0:
			when = "after today"
		case 1:
			when = "after tomorrow"
		}
		say(stdio.Err, "relcheck: %s:%d: waiver for %s owned by %s ends %s (expires %s); fix its findings or renew it\n",
			relativePath(w.File), w.Line, w.Rule, w.Owner, when, w.Expires)
	}
}
