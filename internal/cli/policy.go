package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relcheck/relcheck/internal/policy"
	"github.com/relcheck/relcheck/policies"
)

func newPolicy(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "policy",
		Short:   "Work with Rego policies",
		Example: `  relcheck policy test ./policy`,
	}
	cmd.AddCommand(newPolicyTest(stdio))
	return cmd
}

func newPolicyTest(stdio IO) *cobra.Command {
	var verbose, strict bool
	cmd := &cobra.Command{
		Use:   "test DIR...",
		Short: "Run the Rego tests (_test.rego) of policy directories",
		Long: `Run the test_ rules of the given policy directories with OPA's test runner,
in the same sandbox relcheck evaluates policies in. The built-in library
(data.relcheck.lib.*) is available to import.`,
		Example: `  relcheck policy test ./policy
  relcheck policy test -v ./policy ./shared-policies`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			mods, err := policy.ReadTestFS(policies.FS, "policies")
			if err != nil {
				return usageErr(err)
			}
			var lib []policy.Module
			for _, m := range mods {
				if strings.HasPrefix(m.File, "policies/lib/") && !strings.HasSuffix(m.File, "_test.rego") {
					lib = append(lib, m)
				}
			}
			for _, dir := range args {
				user, err := policy.ReadTestDir(dir)
				if err != nil {
					return usageErr(err)
				}
				lib = append(lib, user...)
			}
			results, err := policy.Test(cmd.Context(), lib, strict)
			if err != nil {
				return usageErr(err)
			}
			if len(results) == 0 {
				return usageErr(fmt.Errorf("no tests found in %s (test rules are named test_*)", strings.Join(args, ", ")))
			}
			failed := 0
			for _, r := range results {
				status := "PASS"
				switch {
				case r.Skip:
					status = "SKIP"
				case !r.Pass:
					status = "FAIL"
					failed++
				}
				if verbose || status == "FAIL" {
					say(stdio.Out, "%s %s.%s (%s)\n", status, r.Package, r.Name, r.Location)
					if r.Err != nil {
						say(stdio.Out, "    %v\n", r.Err)
					}
				}
			}
			say(stdio.Out, "%d passed, %d failed\n", len(results)-failed, failed)
			if failed > 0 {
				return &exitError{code: ExitFindings}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print every test, not only failures")
	cmd.Flags().BoolVar(&strict, "strict", false, "compile as opa check --strict: unused variables and imports, deprecated built-ins are errors")
	return cmd
}
