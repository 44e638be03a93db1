package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/cli"
)

type result struct {
	code           int
	stdout, stderr string
}

func relcheck(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(args, cli.IO{In: strings.NewReader(stdin), Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
	return result{code, out.String(), errb.String()}
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

const goodDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: api
          image: api:1.2.3
`

func TestMissingPathIsUsageError(t *testing.T) {
	r := relcheck(t, "", "check", filepath.Join(t.TempDir(), "nope"))
	require.Equal(t, cli.ExitUsage, r.code)
	require.Contains(t, r.stderr, "nope: no such file or directory")
	require.Equal(t, 1, strings.Count(r.stderr, "\n"), "one clear line: %q", r.stderr)
}

func TestConfigErrorsNameFileAndLine(t *testing.T) {
	for name, cfg := range map[string]string{
		"unknown key":      "fail-on: high\nexclud:\n  - x\n",
		"unknown rule":     "rules:\n  k8s/readiness-probes:\n    enabled: false\n",
		"bad severity":     "fail-on: urgent\n",
		"bad enabled":      "rules:\n  k8s/readiness-probe:\n    enabled: maybe\n",
		"bad rule setting": "rules:\n  go/unchecked-error:\n    settings:\n      no-such-setting: true\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, ".relcheck.yaml", cfg)
			write(t, dir, "go.mod", "module example.com/m\n\ngo 1.22\n")
			write(t, dir, "main.go", "package main\n\nfunc main() {}\n")
			r := relcheck(t, "", "check", dir)
			require.Equal(t, cli.ExitUsage, r.code, r.stderr)
			require.Regexp(t, `\.relcheck\.yaml(:\d+)?: `, r.stderr)
		})
	}
	dir := t.TempDir()
	write(t, dir, ".relcheck.yaml", "rules:\n  k8s/readiness-probes:\n    enabled: false\n")
	r := relcheck(t, "", "check", dir)
	require.Contains(t, r.stderr, ".relcheck.yaml:2: unknown rule")
}

func TestUnparsableManifestIsExit3AndTheRestIsChecked(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [unclosed\n")
	write(t, dir, "ok.yaml", goodDeployment)
	write(t, dir, "infra/main.tf", "resource \"aws_db_instance\" \"db\" {\n  engine = \"postgres\"\n  multi_az = \n}\n")
	r := relcheck(t, "", "check", "--format", "json", dir)
	require.Equal(t, cli.ExitTarget, r.code, r.stderr)
	require.Contains(t, r.stderr, "broken.yaml:")
	require.Contains(t, r.stderr, "main.tf:3:")
	require.Contains(t, r.stdout, `"k8s/readiness-probe"`, "findings of the other files are still written")
}

func TestTypeErrorIsExit3AndOtherPackagesAreAnalyzed(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "go.mod", "module example.com/m\n\ngo 1.22\n")
	write(t, dir, "broken/broken.go", "package broken\n\nfunc F() int { return \"not an int\" }\n")
	write(t, dir, "server/server.go", "package server\n\nimport \"net/http\"\n\nfunc Run() error { return http.ListenAndServe(\":8080\", nil) }\n")
	r := relcheck(t, "", "check", "--only", "go", dir)
	require.Equal(t, cli.ExitTarget, r.code, r.stderr)
	require.Contains(t, r.stderr, "example.com/m/broken")
	require.Contains(t, r.stderr, "broken.go:3")
	require.Contains(t, r.stdout, "go/http-server-timeout")
}

func TestFailOn(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "cron.yaml", `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 600
  jobTemplate:
    spec:
      activeDeadlineSeconds: 3600
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: report:2.0.1
`)
	low := relcheck(t, "", "check", "--fail-on", "critical", dir)
	require.Equal(t, cli.ExitOK, low.code, low.stdout+low.stderr)
	require.Contains(t, low.stdout, "k8s/resource-requests", "findings are still reported below --fail-on")
	r := relcheck(t, "", "check", "--fail-on", "low", dir)
	require.Equal(t, cli.ExitFindings, r.code)
	r = relcheck(t, "", "check", "--fail-on", "urgent", dir)
	require.Equal(t, cli.ExitUsage, r.code)
}

func TestStdin(t *testing.T) {
	r := relcheck(t, "---\n# Source: api/templates/deploy.yaml\n"+goodDeployment, "check", "-")
	require.Equal(t, cli.ExitFindings, r.code, r.stderr)
	require.Contains(t, r.stdout, "api/templates/deploy.yaml:10:")
}

func TestDefaultCommandAndHelp(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ok.yaml", goodDeployment)
	r := relcheck(t, "", dir)
	require.Equal(t, cli.ExitFindings, r.code, "bare paths mean check")
	require.Contains(t, r.stdout, "k8s/readiness-probe")

	for _, cmd := range [][]string{{"check"}, {"rules"}, {"explain"}, {"version"}, {"policy"}, {"policy", "test"}, {"baseline"}, {"baseline", "write"}} {
		r := relcheck(t, "", append(cmd, "--help")...)
		require.Equal(t, cli.ExitOK, r.code, cmd)
		require.Contains(t, r.stdout, "Examples:", "%v --help shows an example", cmd)
	}

	r = relcheck(t, "", "check", "--format", "yaml", dir)
	require.Equal(t, cli.ExitUsage, r.code)
	require.Contains(t, r.stderr, `unknown format "yaml"`)

	r = relcheck(t, "", "explain", "k8s/nope")
	require.Equal(t, cli.ExitUsage, r.code)

	r = relcheck(t, "", "explain", "k8s/readiness-probe")
	require.Equal(t, cli.ExitOK, r.code)
	for _, s := range []string{"Why", "Fix", "Severity: high"} {
		require.Contains(t, r.stdout, s)
	}
	r = relcheck(t, "", "rules")
	require.Equal(t, cli.ExitOK, r.code)
	require.Regexp(t, `(?m)^go/http-client-timeout\s+high\s+`, r.stdout)
	require.Regexp(t, `(?m)^tf/aws-rds-multi-az\s+high\s+`, r.stdout)
}

func TestUserPolicyDirWithoutRulesIsAnError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "policy/helpers.rego", "package acme.helpers\n\nis_prod if { input.env == \"prod\" }\n")
	write(t, dir, ".relcheck.yaml", "policies: [policy]\n")
	write(t, dir, "ok.yaml", goodDeployment)
	r := relcheck(t, "", "check", dir)
	require.Equal(t, cli.ExitUsage, r.code)
	require.Contains(t, r.stderr, "defines no deny, violation or warn rules")
}

// TestQuietAndReportFiles: -q leaves out the summary line only; a report
// written to a file (--format F=FILE, -o) is the same text as on stdout.
func TestQuietAndReportFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "deploy.yaml", goodDeployment)
	full := relcheck(t, "", "check", "--no-color", dir)
	require.Equal(t, cli.ExitFindings, full.code, full.stderr)
	lines := strings.Split(strings.TrimRight(full.stdout, "\n"), "\n")
	summary := lines[len(lines)-1]
	require.Regexp(t, `^\d+ findings \(`, summary)

	quiet := relcheck(t, "", "check", "-q", "--no-color", dir)
	require.Equal(t, strings.Join(lines[:len(lines)-1], "\n")+"\n", quiet.stdout)

	out := filepath.Join(t.TempDir(), "report.txt")
	jsonOut := filepath.Join(t.TempDir(), "report.json")
	r := relcheck(t, "", "check", "--no-color", "-o", out, "--format", "text", "--format", "json="+jsonOut, dir)
	require.Equal(t, cli.ExitFindings, r.code, r.stderr)
	require.Empty(t, r.stdout)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Equal(t, full.stdout, string(got))
	js, err := os.ReadFile(jsonOut)
	require.NoError(t, err)
	require.Contains(t, string(js), `"rule": "k8s/min-replicas"`)
}
