package manifest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/require"
)

func parseK8s(t *testing.T, src string) ([]*Document, error) {
	t.Helper()
	return ParseYAML(Kubernetes, "in.yaml", []byte(src), DefaultLimits)
}

func TestMultiDocumentAndList(t *testing.T) {
	src := `# leading comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: banner
data:
  motd: |
    ---
    this separator is content, not a document boundary
---
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      replicas: 3
  - apiVersion: v1
    kind: Service
    metadata:
      name: web
---
# not a Kubernetes object: ignored
foo: bar
`
	docs, err := parseK8s(t, src)
	require.NoError(t, err)
	require.Len(t, docs, 3)
	require.Equal(t, "ConfigMap/banner", docs[0].Resource())
	require.Equal(t, "Deployment/shop/web", docs[1].Resource())
	require.Equal(t, "Service/web", docs[2].Resource())

	motd := input(t, docs[0]).(ast.Object).Get(ast.StringTerm("data")).Value.(ast.Object).Get(ast.StringTerm("motd"))
	require.Contains(t, string(motd.Value.(ast.String)), "separator is content")

	pos, ok, err := docs[1].Locate([]any{"spec", "replicas"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 18, pos.Line)

	// A missing field points at its nearest existing parent.
	pos, ok, err = docs[1].Locate([]any{"spec", "template", "spec"})
	require.NoError(t, err)
	require.False(t, ok)
	require.Equal(t, 17, pos.Line)
}

func TestAnchorsAndMergeKeys(t *testing.T) {
	src := `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - &base
          name: web
          image: web:1.0
          resources:
            requests: {cpu: 100m}
        - <<: *base
          name: sidecar
`
	docs, err := parseK8s(t, src)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	v, err := ast.JSON(input(t, docs[0]))
	require.NoError(t, err)
	containers := v.(map[string]any)["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)
	require.Equal(t, "sidecar", containers[1].(map[string]any)["name"], "keys written in the mapping win over merged ones")
	require.Equal(t, "web:1.0", containers[1].(map[string]any)["image"])
	pos, ok, err := docs[0].Locate([]any{"spec", "template", "spec", "containers", 1, "image"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 10, pos.Line, "a merged field is found where it was written")
}

func TestScalars(t *testing.T) {
	docs, err := parseK8s(t, `apiVersion: v1
kind: X
metadata: {name: x}
a: 0x1F
b: 1_000
c: 1.5e3
d: .inf
e: ~
f: "123"
g: yes
`)
	require.NoError(t, err)
	v, err := ast.JSON(input(t, docs[0]))
	require.NoError(t, err)
	m := v.(map[string]any)
	require.EqualValues(t, "31", m["a"].(interface{ String() string }).String())
	require.EqualValues(t, "1000", m["b"].(interface{ String() string }).String())
	require.EqualValues(t, "1500", m["c"].(interface{ String() string }).String())
	require.Equal(t, ".inf", m["d"])
	require.Nil(t, m["e"])
	require.Equal(t, "123", m["f"])
	require.Equal(t, "yes", m["g"], "YAML 1.2: yes is a string, as Kubernetes reads it")
}

func TestHelmSourceComment(t *testing.T) {
	src := `---
# Source: shop/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
`
	docs, err := ParseYAML(Kubernetes, Stdin, []byte(src), DefaultLimits)
	require.NoError(t, err)
	require.Len(t, docs, 2)
	require.Equal(t, "shop/templates/service.yaml", docs[0].File)
	require.Equal(t, "shop/templates/deployment.yaml", docs[1].File)
	pos, _, err := docs[1].Locate([]any{"spec", "replicas"})
	require.NoError(t, err)
	require.Equal(t, "shop/templates/deployment.yaml", pos.File)
	require.Equal(t, 6, pos.Line, "lines count from the Source comment, as in the rendered template")

	// helm template output saved to a file: the file is what a reader opens
	// (and what an annotation links to), so it keeps its path and lines.
	docs, err = parseK8s(t, src)
	require.NoError(t, err)
	require.Equal(t, "in.yaml", docs[1].File)
	pos, _, err = docs[1].Locate([]any{"spec", "replicas"})
	require.NoError(t, err)
	require.Equal(t, "in.yaml", pos.File)
	require.Equal(t, 14, pos.Line)
}

func TestBadYAMLNamesFileAndLine(t *testing.T) {
	_, err := parseK8s(t, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a, b\n")
	require.Error(t, err)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "in.yaml", e.File)
	require.Positive(t, e.Line)
	require.True(t, strings.HasPrefix(err.Error(), "in.yaml:"), err.Error())
}

// TestYAMLErrorLines: yaml.v3 names no line for a syntax error on the
// first line (its marks count from 0 and it leaves out line 0: a
// documentation snippet that opens with a template tag), which is line 1;
// its reader errors (a control character, bytes that are not UTF-8) and an
// unknown anchor have no line at all, wherever they are, and naming line 1
// would send the reader to the wrong place.
func TestYAMLErrorLines(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
	}{
		{"{% raw %}\napiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", 1},
		{"apiVersion: v1 kind: Pod: x\n", 1},
		{"@apiVersion: v1\nkind: Pod\n", 1},
		{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  a: \"b\x01c\"\n", 0},
		{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  a: b\xffc\n", 0},
		{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  a: b\xc3\n", 0},
		{"apiVersion: v1\nkind: Pod\nmetadata: *nowhere\n", 0},
		// Parser errors (yaml.v3 names them by its 0-based mark) and
		// scanner errors (1-based) name the same line people count.
		{"apiVersion: v1\nkind: [Pod\n", 2},
		{"apiVersion: v1\nkind: Pod\nmetadata: {name: x\n", 3},
		{"apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a, b\nspec: {}\n", 5},
		{"apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n - a\n", 5},
		{"apiVersion: v1\nkind: Pod\n  bad: indent\n", 3},
		{"apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"x\n", 4},
		{"apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n---\napiVersion: v1\nkind: [Service\n", 6},
	} {
		_, err := parseK8s(t, c.src)
		var e *Error
		require.ErrorAs(t, err, &e, "%q", c.src)
		require.Equal(t, c.line, e.Line, "%q: %v", c.src, err)
		if c.line == 1 {
			require.True(t, strings.HasPrefix(err.Error(), "in.yaml:1: "), err.Error())
		}
	}
}

// withinBudget runs f and fails if it allocates more than budget bytes. A
// refusal must come before the hostile input is expanded or read; memory is
// the deterministic measure of that (a timed assertion would be flaky on a
// loaded machine, and go test's -timeout already catches a hang).
func withinBudget(t *testing.T, budget uint64, f func()) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	used := after.TotalAlloc - before.TotalAlloc
	t.Logf("allocated %d KB", used>>10)
	require.Less(t, used, budget, "hostile input was expanded or read instead of refused")
}

func TestAliasBombRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n")
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	withinBudget(t, 64<<20, func() { // MaxNodes (1M) packed nodes at most; the expansion would need 10^10
		_, err := parseK8s(t, b.String())
		require.Error(t, err)
		require.Contains(t, err.Error(), "alias bomb")
		require.Contains(t, err.Error(), "in.yaml")
	})
}

func TestDeepNestingRefused(t *testing.T) {
	src := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"
	withinBudget(t, 16<<20, func() {
		_, err := parseK8s(t, src)
		require.Error(t, err)
		require.Contains(t, err.Error(), "in.yaml")
	})
}

func TestHugeFileRefusedBeforeReading(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.yaml")
	f, err := os.Create(p)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(100<<20)) // sparse: 100 MB without writing it
	require.NoError(t, f.Close())
	withinBudget(t, 1<<20, func() {
		_, err := ReadFile(p, "huge.yaml", DefaultLimits)
		require.Error(t, err)
		require.Contains(t, err.Error(), "huge.yaml")
		require.Contains(t, err.Error(), "limit")
	})
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestTerraformModule(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		return p
	}
	main := write("main.tf", `variable "env" {
  default = "prod"
}

variable "zones" {
  type = number
}

variable "protect" {
  type    = bool
  default = null
}

locals {
  name   = "db-${var.env}"
  backup = local.days * 2
  days   = 7
}

resource "aws_db_instance" "main" {
  identifier              = local.name
  multi_az                = var.env == "prod"
  backup_retention_period = local.backup
  allocated_storage       = var.zones
  deletion_protection     = var.protect
  tags = {
    team = "shop"
  }
  lifecycle {
    prevent_destroy = true
  }
}
`)
	js := write("extra.tf.json", `{
  "resource": {
    "aws_s3_bucket": {
      "logs": {"bucket": "logs"}
    }
  }
}
`)
	vars := write("terraform.tfvars", `env = "staging"`+"\n")
	doc, err := ParseTerraform("mod", []TerraformFile{{Path: js, Display: "mod/extra.tf.json"}, {Path: main, Display: "mod/main.tf"}},
		[]TerraformFile{{Path: vars, Display: "mod/terraform.tfvars"}}, DefaultLimits)
	require.NoError(t, err)
	db := resources(t, doc, "aws_db_instance")["main"].(map[string]any)
	require.Equal(t, "db-staging", db["identifier"], "tfvars override defaults; locals resolve")
	require.Equal(t, false, db["multi_az"])
	require.Equal(t, "14", db["backup_retention_period"].(interface{ String() string }).String(), "locals resolve in any order")
	require.Equal(t, "${var.zones}", db["allocated_storage"], "unknown values keep their source")
	require.Equal(t, "${var.protect}", db["deletion_protection"], "a null default is the caller's to set, not a value")
	require.Equal(t, true, db["lifecycle"].([]any)[0].(map[string]any)["prevent_destroy"])
	require.Contains(t, resources(t, doc, "aws_s3_bucket"), "logs")

	pos, ok, err := doc.Locate([]any{"resource", "aws_db_instance", "main", "multi_az"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, Pos{File: "mod/main.tf", Line: 22, Col: 3, EndLine: 22, EndCol: 46}, pos)
	pos, ok, _ = doc.Locate([]any{"resource", "aws_db_instance", "main", "storage_encrypted"})
	require.False(t, ok)
	require.Equal(t, 20, pos.Line, "a missing attribute points at its resource")
	pos, _, _ = doc.Locate([]any{"resource", "aws_db_instance", "main", "lifecycle", 0, "prevent_destroy"})
	require.Equal(t, 30, pos.Line)
	pos, ok, _ = doc.Locate([]any{"resource", "aws_s3_bucket", "logs", "bucket"})
	require.True(t, ok)
	require.Equal(t, Pos{File: "mod/extra.tf.json", Line: 4, Col: 16}, pos)
}

func TestBadHCLNamesFileAndLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "main.tf")
	require.NoError(t, os.WriteFile(p, []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  acl = \n}\n"), 0o644))
	_, err := ParseTerraform("mod", []TerraformFile{{Path: p, Display: "mod/main.tf"}}, nil, DefaultLimits)
	require.Error(t, err)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "mod/main.tf", e.File)
	require.Equal(t, 3, e.Line)
}

func TestCompose(t *testing.T) {
	docs, err := ParseYAML(Compose, "compose.yaml", []byte("services:\n  web:\n    image: nginx\n"), DefaultLimits)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	pos, ok, err := docs[0].Locate([]any{"services", "web", "image"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 3, pos.Line)
}

func input(t *testing.T, d *Document) ast.Value {
	t.Helper()
	v, err := d.Value()
	require.NoError(t, err)
	return v
}

// resources returns the resources of type typ in a Terraform document, by
// name, as JSON values.
func resources(t *testing.T, d *Document, typ string) map[string]any {
	t.Helper()
	v, err := ast.JSON(input(t, d))
	require.NoError(t, err)
	byType, ok := v.(map[string]any)["resource"].(map[string]any)[typ].(map[string]any)
	require.True(t, ok, "no %s resources", typ)
	return byType
}

// TestReadFileRefusesPipe: opening a named pipe would block until a writer
// comes; ReadFile refuses it before opening.
func TestReadFileRefusesPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.yaml")
	require.NoError(t, syscall.Mkfifo(p, 0o644))
	_, err := ReadFile(p, "pipe.yaml", DefaultLimits)
	require.ErrorContains(t, err, "pipe.yaml: not a regular file")
}

// Override files merge into the blocks they name, as Terraform reads them:
// attributes replace, nested blocks of a type replace all of that type,
// lifecycle merges argument by argument, and a field the override leaves
// out keeps the original's value and line.
func TestTerraformOverrideFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) TerraformFile { return tfFile(t, dir, name, src) }
	// a_override.tf sorts before main.tf: overrides apply last whatever
	// their names.
	over := write("a_override.tf", `resource "aws_db_instance" "main" {
  multi_az = true
  tag {
    key = "replaced"
  }
  lifecycle {
    ignore_changes = [tags]
  }
}
`)
	main := write("main.tf", `resource "aws_db_instance" "main" {
  multi_az                = false
  backup_retention_period = 14
  tag {
    key = "a"
  }
  tag {
    key = "b"
  }
  lifecycle {
    prevent_destroy = true
  }
}
`)
	doc, err := ParseTerraform("mod", []TerraformFile{over, main}, nil, DefaultLimits)
	require.NoError(t, err)
	db := resources(t, doc, "aws_db_instance")["main"].(map[string]any)
	require.Equal(t, true, db["multi_az"])
	require.Equal(t, "14", db["backup_retention_period"].(interface{ String() string }).String(), "kept from the original")
	require.Equal(t, []any{map[string]any{"key": "replaced"}}, db["tag"], "nested blocks of a type are replaced, not appended")
	lc := db["lifecycle"].([]any)[0].(map[string]any)
	require.Equal(t, true, lc["prevent_destroy"], "lifecycle merges argument by argument")
	require.Equal(t, "${[tags]}", lc["ignore_changes"])

	for path, want := range map[string]Pos{
		"multi_az":                    {File: "mod/a_override.tf", Line: 2},
		"backup_retention_period":     {File: "mod/main.tf", Line: 3},
		"lifecycle.0.prevent_destroy": {File: "mod/main.tf", Line: 11},
	} {
		var p []any
		for _, k := range strings.Split(path, ".") {
			if k == "0" {
				p = append(p, 0)
			} else {
				p = append(p, k)
			}
		}
		pos, ok, err := doc.Locate(append([]any{"resource", "aws_db_instance", "main"}, p...))
		require.NoError(t, err)
		require.True(t, ok, path)
		require.Equal(t, want.File, pos.File, path)
		require.Equal(t, want.Line, pos.Line, path)
	}
	// The replaced tag blocks' lines are gone; a missing field of the
	// resource points at the resource's declaration in main.tf.
	pos, ok, _ := doc.Locate([]any{"resource", "aws_db_instance", "main", "tag", 1, "key"})
	require.False(t, ok)
	require.Equal(t, "mod/main.tf", pos.File)
	require.Equal(t, 1, pos.Line)
}

// A block defined twice outside override files is what terraform validate
// refuses: an error at the second definition naming the first, and the
// module is still checked with the first.
func TestTerraformDuplicateBlocks(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.tf")
	b := filepath.Join(dir, "b.tf")
	require.NoError(t, os.WriteFile(a, []byte("resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"first\"\n}\n"), 0o644))
	require.NoError(t, os.WriteFile(b, []byte("variable \"x\" {}\n\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"second\"\n}\n"), 0o644))
	doc, err := ParseTerraform("mod", []TerraformFile{{Path: a, Display: "mod/a.tf"}, {Path: b, Display: "mod/b.tf"}}, nil, DefaultLimits)
	require.EqualError(t, err, `mod/b.tf:3: duplicate resource "aws_s3_bucket" "logs": first defined at mod/a.tf:1 (a change meant to override it belongs in an override file such as a_override.tf)`)
	require.NotNil(t, doc)
	require.Equal(t, "first", resources(t, doc, "aws_s3_bucket")["logs"].(map[string]any)["bucket"])
}

// Variable files load in Terraform's order, JSON ones included:
// terraform.tfvars, terraform.tfvars.json, then the *.auto.tfvars(.json)
// files in lexical order; the last one to set a variable wins.
func TestTerraformTfvarsJSON(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) TerraformFile { return tfFile(t, dir, name, src) }
	main := write("main.tf", "variable \"multi\" {\n  default = true\n}\nvariable \"days\" {}\nresource \"aws_db_instance\" \"db\" {\n  multi_az = var.multi\n  backup_retention_period = var.days\n}\n")
	vars := []TerraformFile{
		write("terraform.tfvars", "days = 1\n"),
		write("terraform.tfvars.json", `{"days": 3, "multi": false}`),
		write("b.auto.tfvars.json", `{"days": 14}`),
	}
	doc, err := ParseTerraform("mod", []TerraformFile{main}, vars, DefaultLimits)
	require.NoError(t, err)
	db := resources(t, doc, "aws_db_instance")["db"].(map[string]any)
	require.Equal(t, false, db["multi_az"])
	require.Equal(t, "14", db["backup_retention_period"].(interface{ String() string }).String())

	bad := write("x.auto.tfvars.json", `{"days": tru}`)
	_, err = ParseTerraform("mod", []TerraformFile{main}, []TerraformFile{bad}, DefaultLimits)
	require.ErrorContains(t, err, "mod/x.auto.tfvars.json:1: ")
}

// tfFile writes a module file into dir, displayed as mod/NAME.
func tfFile(t *testing.T, dir, name, src string) TerraformFile {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	return TerraformFile{Path: p, Display: "mod/" + name}
}

// A local an override file sets replaces the original's, in every
// expression that reads it, as a variable default in an override does.
func TestTerraformOverrideLocalsAndDefaults(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) TerraformFile {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		return TerraformFile{Path: p, Display: "mod/" + name}
	}
	main := write("main.tf", `locals {
  multi = false
}
variable "days" {
  default = 1
}
resource "aws_db_instance" "main" {
  multi_az                = local.multi
  backup_retention_period = var.days
}
`)
	over := write("override.tf", `locals {
  multi = true
}
variable "days" {
  default = 14
}
`)
	doc, err := ParseTerraform("mod", []TerraformFile{main, over}, nil, DefaultLimits)
	require.NoError(t, err)
	db := resources(t, doc, "aws_db_instance")["main"].(map[string]any)
	require.Equal(t, true, db["multi_az"])
	require.Equal(t, "14", db["backup_retention_period"].(interface{ String() string }).String())
}

// .tf.json files follow the same rules as .tf files: an override merges
// attribute by attribute into the block it names, and a block a second
// ordinary file defines again is a duplicate, whichever syntax either uses.
func TestTerraformJSONOverrideAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) TerraformFile {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		return TerraformFile{Path: p, Display: "mod/" + name}
	}
	main := write("main.tf", `resource "aws_db_instance" "main" {
  multi_az                = false
  backup_retention_period = 14
  lifecycle {
    prevent_destroy = true
  }
}
`)
	over := write("override.tf.json", `{"resource": {"aws_db_instance": {"main": {"multi_az": true, "lifecycle": {"ignore_changes": ["tags"]}}}}}`)
	doc, err := ParseTerraform("mod", []TerraformFile{main, over}, nil, DefaultLimits)
	require.NoError(t, err)
	db := resources(t, doc, "aws_db_instance")["main"].(map[string]any)
	require.Equal(t, true, db["multi_az"])
	require.Equal(t, "14", db["backup_retention_period"].(interface{ String() string }).String(), "kept from the original")
	lc := db["lifecycle"].([]any)[0].(map[string]any)
	require.Equal(t, true, lc["prevent_destroy"], "lifecycle merges argument by argument")
	require.Equal(t, []any{"tags"}, lc["ignore_changes"])
	pos, ok, err := doc.Locate([]any{"resource", "aws_db_instance", "main", "backup_retention_period"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, Pos{File: "mod/main.tf", Line: 3, Col: 3}, Pos{File: pos.File, Line: pos.Line, Col: pos.Col})

	dup := write("extra.tf.json", `{"resource": {"aws_db_instance": {"main": {"multi_az": true}}}}`)
	doc, err = ParseTerraform("mod", []TerraformFile{dup, main}, nil, DefaultLimits)
	require.EqualError(t, err, `mod/main.tf:1: duplicate resource "aws_db_instance" "main": first defined at mod/extra.tf.json:1 (a change meant to override it belongs in an override file such as extra_override.tf.json)`)
	require.NotNil(t, doc)
	doc, err = ParseTerraform("mod", []TerraformFile{main, dup}, nil, DefaultLimits)
	require.EqualError(t, err, `mod/extra.tf.json:1: duplicate resource "aws_db_instance" "main": first defined at mod/main.tf:1 (a change meant to override it belongs in an override file such as main_override.tf)`)
	db = resources(t, doc, "aws_db_instance")["main"].(map[string]any)
	require.Equal(t, false, db["multi_az"], "checked with the first definition")
}

// An override block with nothing to override is what Terraform refuses
// ("Missing base resource for override"); the block is still checked.
func TestTerraformOverrideWithoutBase(t *testing.T) {
	dir := t.TempDir()
	main := tfFile(t, dir, "main.tf", "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n")
	over := tfFile(t, dir, "override.tf", "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs-2\"\n}\n\nresource \"aws_db_instance\" \"db\" {\n  multi_az = false\n}\n")
	overJSON := tfFile(t, dir, "extra_override.tf.json", `{"resource": {"aws_dynamodb_table": {"t": {"name": "t"}}}}`)
	doc, err := ParseTerraform("mod", []TerraformFile{main, over, overJSON}, nil, DefaultLimits)
	require.Error(t, err)
	require.Contains(t, err.Error(), `mod/override.tf:5: override file defines resource "aws_db_instance" "db", which no other file of the module defines`)
	require.Contains(t, err.Error(), `mod/extra_override.tf.json:1: override file defines resource "aws_dynamodb_table" "t"`)
	require.NotContains(t, err.Error(), "aws_s3_bucket", "an override of a defined block is not an error")
	v, err := ast.JSON(input(t, doc))
	require.NoError(t, err)
	require.Contains(t, v.(map[string]any)["resource"].(map[string]any), "aws_db_instance", "still checked")
}

// A .tf.json module (cdktf writes these) resolves its own variable defaults
// and locals, and tfvars, the way a .tf module does; what stays unknown
// keeps its "${...}" text.
func TestTerraformJSONResolvesVariablesAndLocals(t *testing.T) {
	dir := t.TempDir()
	main := tfFile(t, dir, "cdk.tf.json", `{
  "variable": {
    "multi": {"type": "bool", "default": false},
    "days": {"type": "number"},
    "region": {"type": "string"}
  },
  "locals": {
    "name": "orders-${var.multi ? \"ha\" : \"single\"}",
    "retention": "${var.days * 2}"
  },
  "resource": {
    "aws_db_instance": {
      "orders": {
        "identifier": "${local.name}",
        "multi_az": "${var.multi}",
        "backup_retention_period": "${local.retention}",
        "availability_zone": "${var.region}a",
        "deletion_protection": true
      }
    }
  }
}
`)
	vars := []TerraformFile{tfFile(t, dir, "terraform.tfvars", "days = 5\n")}
	doc, err := ParseTerraform("mod", []TerraformFile{main}, vars, DefaultLimits)
	require.NoError(t, err)
	db := resources(t, doc, "aws_db_instance")["orders"].(map[string]any)
	require.Equal(t, false, db["multi_az"], "the variable's default")
	require.Equal(t, "orders-single", db["identifier"], "a local built from a variable")
	require.Equal(t, "10", db["backup_retention_period"].(interface{ String() string }).String(), "tfvars, through a local")
	require.Equal(t, "${var.region}a", db["availability_zone"], "unknown stays as written")
	require.Equal(t, true, db["deletion_protection"])

	pos, ok, err := doc.Locate([]any{"resource", "aws_db_instance", "orders", "multi_az"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 15, pos.Line, "positions are those of the file as written")
}

// A .tf.json block usually writes its lifecycle as an object, not a list of
// one; an override's lifecycle still merges into it argument by argument,
// from a .tf.json or a .tf override file, so prevent_destroy is kept.
func TestTerraformOverrideMergesJSONLifecycleObject(t *testing.T) {
	dir := t.TempDir()
	main := tfFile(t, dir, "main.tf.json", `{
  "resource": {
    "aws_db_instance": {
      "main": {
        "multi_az": true,
        "lifecycle": {"prevent_destroy": true}
      }
    }
  }
}
`)
	for _, over := range []TerraformFile{
		tfFile(t, dir, "main_override.tf.json", `{"resource": {"aws_db_instance": {"main": {"lifecycle": {"ignore_changes": ["tags"]}}}}}`),
		tfFile(t, dir, "override.tf", "resource \"aws_db_instance\" \"main\" {\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\n"),
	} {
		t.Run(filepath.Base(over.Path), func(t *testing.T) {
			doc, err := ParseTerraform("mod", []TerraformFile{main, over}, nil, DefaultLimits)
			require.NoError(t, err)
			db := resources(t, doc, "aws_db_instance")["main"].(map[string]any)
			lc := db["lifecycle"].(map[string]any)
			require.Equal(t, true, lc["prevent_destroy"], "kept from the original")
			require.NotNil(t, lc["ignore_changes"], "set by the override")
			pos, ok, err := doc.Locate([]any{"resource", "aws_db_instance", "main", "lifecycle", "ignore_changes"})
			require.NoError(t, err)
			require.True(t, ok)
			require.Equal(t, over.Display, pos.File)
		})
	}
}
