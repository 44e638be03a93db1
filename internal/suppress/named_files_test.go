package suppress

import (
	"reflect"
	"testing"

	"github.com/relcheck/relcheck/internal/config"
)

// TestSuppressionsOfNamedFilesOnly: pre-commit stages one .tf file; the
// module's other files are read with it, but their suppressions are not
// judged, as their findings are not reported.
func TestSuppressionsOfNamedFilesOnly(t *testing.T) {
	dir := t.TempDir()
	mainTF := writeFile(t, dir, "infra/main.tf", "# relcheck:ignore tf/aws-rds-multi-az -- staging, rebuilt nightly\nresource \"aws_db_instance\" \"staging\" {\n}\n")
	dbTF := writeFile(t, dir, "infra/db.tf", "# relcheck:ignore tf/aws-rds-multi-az -- the replica was removed since\nresource \"aws_db_instance\" \"orders\" {\n}\n")
	in := Input{Files: []string{dbTF, mainTF}, Base: dir, Catalog: testCatalog(t), Config: config.Default(dir)}

	all := Apply(in)
	if got, want := brief(all.New), []string{"infra/db.tf:1 relcheck/unused-suppression", "infra/main.tf:1 relcheck/unused-suppression"}; !reflect.DeepEqual(got, want) {
		t.Errorf("whole module: new = %q, want %q", got, want)
	}

	in.Only = map[string]bool{"infra/main.tf": true}
	if got, want := brief(Apply(in).New), []string{"infra/main.tf:1 relcheck/unused-suppression"}; !reflect.DeepEqual(got, want) {
		t.Errorf("main.tf staged: new = %q, want %q", got, want)
	}

	// The same holds for the other kinds of suppression problems, and for
	// locked rules.
	writeFile(t, dir, "infra/db.tf", "# relcheck:ignore tf/aws-rds-multi-az\n# relcheck:ignore go/nope -- typo\nresource \"aws_db_instance\" \"orders\" {\n}\n")
	in.Config = lockedConfig(dir, "tf/aws-rds-multi-az")
	for _, f := range Apply(in).New {
		if f.File != "infra/main.tf" {
			t.Errorf("reported in a file that was not named: %s:%d %s", f.File, f.Line, f.Rule)
		}
	}
}
