package cli_test

import (
	"os"
	"path/filepath"
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
