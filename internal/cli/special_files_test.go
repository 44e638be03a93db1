package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/cli"
)

// A named pipe with a manifest's name must not hang the run: walking skips
// it (git cannot hold one, so it is never a committed manifest) and naming
// it is a usage error that says what to do instead.
func TestNamedPipeIsNeverRead(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "web.yaml", goodDeployment)
	for _, name := range []string{"pipe.yaml", "pipe.tf"} {
		require.NoError(t, syscall.Mkfifo(filepath.Join(dir, name), 0o644))
	}
	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", dir)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "web.yaml")
	require.NotContains(t, r.stdout+r.stderr, "pipe.")

	r = relcheck(t, "", "check", "--only", "manifests", filepath.Join(dir, "pipe.yaml"))
	require.Equal(t, cli.ExitUsage, r.code)
	require.Contains(t, r.stderr, "pipe.yaml: not a regular file")
	require.Contains(t, r.stderr, "relcheck check -")
}

// PowerShell's > writes UTF-16 with a byte order mark; such a manifest is
// found by the walk and checked like any other.
func TestUTF16ManifestIsChecked(t *testing.T) {
	dir := t.TempDir()
	units := utf16.Encode([]rune(goodDeployment))
	data := []byte{0xff, 0xfe}
	for _, u := range units {
		data = append(data, byte(u), byte(u>>8))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "api.yaml"), data, 0o644))
	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", dir)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "api.yaml:6:3: high k8s/min-replicas")
}

// "no findings" alone reads as a pass; when nothing was checked at all (a CI
// job pointed at the wrong directory, helm rendering nothing) relcheck says
// so, without failing the run.
func TestNothingCheckedIsSaid(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "README.md", "# docs only\n")
	r := relcheck(t, "", "check", dir)
	require.Equal(t, 0, r.code)
	require.Contains(t, r.stderr, "nothing was checked: "+dir+" holds no Go package, Kubernetes or Compose document, or Terraform module")

	r = relcheck(t, "\n", "check", "-")
	require.Contains(t, r.stderr, "nothing was checked: standard input holds no Kubernetes object")

	// pre-commit passes several staged files: "a, b hold", not "holds".
	ci := write(t, dir, "ci.yml", "on: push\njobs: {}\n")
	r = relcheck(t, "", "check", filepath.Join(dir, "README.md"), ci)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "ci.yml hold no Go package, Kubernetes or Compose document, or Terraform module")

	write(t, dir, "web.yaml", goodDeployment)
	r = relcheck(t, "", "check", "--only", "go", dir)
	require.Contains(t, r.stderr, "holds no Go package")
	r = relcheck(t, "", "check", "--fail-on", "critical", dir)
	require.Equal(t, 0, r.code)
	require.NotContains(t, r.stderr, "nothing was checked")
	r = relcheck(t, "", "check", "-q", "--fail-on", "critical", filepath.Join(t.TempDir()))
	require.Empty(t, r.stderr, "-q keeps quiet")
}

// A config file found by searching upward is named relative to the working
// directory in errors, like every other path relcheck prints.
func TestConfigErrorPathIsRelative(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".relcheck.yaml", "fail-on: urgent\n")
	write(t, dir, "sub/web.yaml", goodDeployment)
	t.Chdir(filepath.Join(dir, "sub"))
	r := relcheck(t, "", "check", ".")
	require.Equal(t, cli.ExitUsage, r.code)
	require.Equal(t, "relcheck: ../.relcheck.yaml:1: unknown severity \"urgent\" (want info, low, medium, high or critical)\n", r.stderr)
}

// relcheck rules shows what a check with the configuration runs: the
// configured severity, rules switched off, and who locked a rule.
func TestRulesShowTheConfiguration(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "platform/relcheck.yaml", "locked:\n  - k8s/readiness-probe\n")
	write(t, dir, "team/.relcheck.yaml", "extends: ../platform/relcheck.yaml\nrules:\n  k8s/readiness-probe:\n    severity: critical\n  k8s/pod-spread:\n    enabled: false\n  go/unchecked-type-assertion:\n    enabled: true\n")
	t.Chdir(filepath.Join(dir, "team"))
	r := relcheck(t, "", "rules")
	require.Equal(t, 0, r.code, r.stderr)
	line := func(id string) string {
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.HasPrefix(l, id+" ") {
				return strings.Join(strings.Fields(l), " ")
			}
		}
		t.Fatalf("%s not listed:\n%s", id, r.stdout)
		return ""
	}
	require.Equal(t, "k8s/readiness-probe critical Containers declare a readiness probe (locked by ../platform/relcheck.yaml:2)", line("k8s/readiness-probe"))
	require.Equal(t, "k8s/pod-spread medium Replicas are spread across nodes or zones (disabled by .relcheck.yaml)", line("k8s/pod-spread"))
	require.Equal(t, "go/unchecked-type-assertion low Single-value type assertion can panic", line("go/unchecked-type-assertion"))
	require.Equal(t, "k8s/min-replicas high Workloads run at least two replicas", line("k8s/min-replicas"))
}

// Paths inside a configuration message are made relative only when they
// name something that exists: an absolute glob quoted back to its author
// stays as written.
func TestConfigMessageKeepsQuotedGlobs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".relcheck.yaml", "waivers:\n  - {rule: k8s/min-replicas, paths: [/srv/deploy/**], owner: a, reason: b, expires: 2027-01-01}\n")
	t.Chdir(dir)
	r := relcheck(t, "", "check", ".")
	require.Equal(t, cli.ExitUsage, r.code)
	require.Equal(t, "relcheck: .relcheck.yaml:2: waiver for k8s/min-replicas: paths: \"/srv/deploy/**\" is absolute; write it relative to this file\n", r.stderr)
}

// A manifest symlink whose target is gone is reported once, naming the
// link, and the run's other files are still checked.
func TestDanglingSymlinkReportedOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "web.yaml", goodDeployment)
	require.NoError(t, os.Symlink(filepath.Join(dir, "moved.yaml"), filepath.Join(dir, "api.yaml")))
	t.Chdir(dir)
	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", ".")
	require.Equal(t, cli.ExitTarget, r.code, r.stderr)
	require.Equal(t, 1, strings.Count(r.stderr, "api.yaml"), r.stderr)
	require.Contains(t, r.stderr, "relcheck: error: api.yaml: ")
	require.Contains(t, r.stdout, "1 target could not be analyzed")
}

// An object whose fields have the wrong shape is refused at the field's
// line, and the file's other objects are still checked.
func TestMalformedObjectRefusedAtItsLine(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "app.yaml", goodDeployment+"---\n"+`apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: 1
  template:
    spec:
      containers: "{{ .Values.containers }}"
`)
	t.Chdir(dir)
	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", ".")
	require.Equal(t, cli.ExitTarget, r.code, r.stderr)
	require.Contains(t, r.stderr, `app.yaml:`)
	require.Contains(t, r.stderr, `Deployment/broken: spec.template.spec.containers: want a list (containers), got "{{ .Values.containers }}"`)
	require.Contains(t, r.stdout, "app.yaml:6:3: high k8s/min-replicas", "the good Deployment beside it is still checked")
	require.NotContains(t, r.stdout, "Deployment/broken")
}

// Go files outside any module are said to be unanalyzed rather than passed
// silently; the note does not change the exit code.
func TestGoOutsideModuleIsSaid(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "scripts/fetch.go", "package main\n\nimport \"net/http\"\n\nfunc main() { _, _ = http.Get(\"http://example.com\") }\n")
	t.Chdir(dir)
	r := relcheck(t, "", "check", ".")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "relcheck: note: Go files in scripts are not analyzed: no go.mod at or above them")

	r = relcheck(t, "", "check", "--only", "manifests", ".")
	require.NotContains(t, r.stderr, "not analyzed", "the Go engine did not run; nothing to say about Go")
}

// Compose files named for their purpose are found by their content; a
// Helm values file with a services map is not mistaken for one.
func TestComposeFoundByContent(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "deploy/quickstart.yml", "services:\n  web:\n    image: nginx:1.27\n    restart: always\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n  worker:\n    image: app:1.2\n    restart: always\n")
	write(t, dir, "chart/values.yaml", "services:\n  api:\n    image: repo/api\n    replicaCount: 1\n")
	t.Chdir(dir)
	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", ".")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, `deploy/quickstart.yml:7:3: low compose/healthcheck service "worker" has no healthcheck`)
	require.NotContains(t, r.stdout, "values.yaml")
	require.NotContains(t, r.stdout, `service "web"`)
}

// pre-commit passes every staged file, Helm templates included: they are
// skipped with a note, as the walk skips them, instead of failing the
// commit on template syntax that is not YAML.
func TestStagedHelmTemplateIsSkipped(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n")
	write(t, dir, "chart/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n{{- if .Values.hpa }}\n  replicas: 1\n{{- end }}\n")
	write(t, dir, "deploy/api.yaml", goodDeployment)
	t.Chdir(dir)
	r := relcheck(t, "", "check", "--fail-on", "critical", "chart/templates/deployment.yaml", "chart/Chart.yaml", "deploy/api.yaml")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "relcheck: note: skipped the Helm template chart/templates/deployment.yaml: templates are not YAML until rendered")
	require.Contains(t, r.stdout, "deploy/api.yaml:6:3: high k8s/min-replicas", "the other staged files are still checked")

	// A templates directory that is not a chart's is ordinary YAML.
	write(t, dir, "k8s/templates/api.yaml", goodDeployment)
	r = relcheck(t, "", "check", "--fail-on", "critical", "k8s/templates/api.yaml")
	require.Contains(t, r.stdout, "k8s/templates/api.yaml:6:3: high k8s/min-replicas")
	require.NotContains(t, r.stderr, "Helm template")
}

// pre-commit also passes staged JSON and YAML that are not manifests: they
// are ignored, while a broken manifest named the same way is still an error.
func TestStagedNonManifestsAreIgnored(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "tsconfig.json", "{\n  // the compiler's options\n  \"compilerOptions\": {\"strict\": true,},\n}\n")
	write(t, dir, ".gitlab-ci.yml", "test:\n  script: [go test {{x]\n")
	write(t, dir, "deploy/api.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels: [a, b\n")
	t.Chdir(dir)
	r := relcheck(t, "", "check", "tsconfig.json", ".gitlab-ci.yml")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "nothing was checked")

	r = relcheck(t, "", "check", "tsconfig.json", "deploy/api.yaml")
	require.Equal(t, cli.ExitTarget, r.code, r.stderr)
	require.Contains(t, r.stderr, "relcheck: error: deploy/api.yaml:5: did not find expected ',' or ']'", "the line of the unclosed [")
	require.NotContains(t, r.stderr, "tsconfig")
}

// pre-commit passes a staged prod.auto.tfvars alone; Terraform loads it by
// itself, so the module is checked with it and what it changes is
// reported, in the module's files. A value that changes nothing reports
// nothing, and a file only -var-file reads is not Terraform's to load.
func TestStagedTFVarsChecksItsModule(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `variable "multi" {
  default = true
}
resource "aws_db_instance" "main" {
  engine                  = "postgres"
  multi_az                = var.multi
  backup_retention_period = 14
  deletion_protection     = true
  lifecycle {
    prevent_destroy = true
  }
}
`)
	write(t, dir, "prod.auto.tfvars", "multi = false\n")
	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", filepath.Join(dir, "prod.auto.tfvars"))
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "main.tf:6:3: high tf/aws-rds-multi-az")

	write(t, dir, "prod.auto.tfvars", "multi = true\n")
	r = relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", filepath.Join(dir, "prod.auto.tfvars"))
	require.Equal(t, 0, r.code, r.stderr)
	require.NotContains(t, r.stdout, "tf/aws-rds-multi-az")
	require.NotContains(t, r.stderr, "nothing was checked")

	write(t, dir, "staging.tfvars", "multi = false\n")
	r = relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", filepath.Join(dir, "staging.tfvars"))
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stderr, "nothing was checked")
}
