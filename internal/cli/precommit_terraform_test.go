package cli_test

import (
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/cli"
)

// TestPreCommitTerraformSuppressions: staging one file of a Terraform module
// analyzes the module, but judges only the staged file's suppressions.
func TestPreCommitTerraformSuppressions(t *testing.T) {
	dir := t.TempDir()
	supWrite(t, dir, map[string]string{
		"infra/main.tf": `# relcheck:ignore tf/aws-rds-multi-az -- staging database, rebuilt nightly from snapshots
resource "aws_db_instance" "staging" {
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}
`,
		"infra/db.tf": `# relcheck:ignore tf/aws-rds-multi-az -- left over from before the standby
resource "aws_db_instance" "orders" {
  engine         = "postgres"
  instance_class = "db.t4g.medium"
  multi_az       = true
}
`,
	})
	t.Chdir(dir)
	all, _ := supCheck(t, cli.ExitFindings, "--fail-on", "low", ".")
	if !contains(all, "infra/db.tf:1 relcheck/unused-suppression") {
		t.Fatalf("the whole module's check does not report db.tf's stale suppression:\n%s", strings.Join(all, "\n"))
	}
	staged, _ := supCheck(t, cli.ExitFindings, "--fail-on", "low", "infra/main.tf")
	for _, g := range staged {
		if !strings.HasPrefix(g, "infra/main.tf:") {
			t.Errorf("staging main.tf reported %s", g)
		}
	}
}
