package cli_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/cli"
)

// writeBundle writes a gzipped tarball laid out as `opa build` writes one:
// a .manifest, a data.json (empty unless data is given) and the modules.
func writeBundle(t *testing.T, path string, data string, modules map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	add := func(name, content string) {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(content)), Typeflag: tar.TypeReg}))
		_, err := tw.Write([]byte(content))
		require.NoError(t, err)
	}
	if data == "" {
		data = "{}"
	}
	add("/data.json", data)
	add("/.manifest", `{"revision":"2026.11.1","roots":[""],"rego_version":1}`)
	for name, src := range modules {
		add(name, src)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

const ownerPolicyTest = `package relcheck.kubernetes.acme_owner_test

import data.relcheck.kubernetes.acme_owner

test_no_owner if count(acme_owner.deny) == 1 with input as {"kind": "Deployment", "metadata": {"name": "web"}}

test_owner if count(acme_owner.deny) == 0 with input as {"kind": "Deployment", "metadata": {"name": "web", "labels": {"owner": "shop"}}}
`

// A governance team publishes its policies as an OPA bundle (opa build);
// a service repository names the tarball under policies, and relcheck
// policy test runs the bundle's tests.
func TestPolicyBundle(t *testing.T) {
	dir := t.TempDir()
	writeBundle(t, filepath.Join(dir, "vendor-policies", "acme.tar.gz"), "", map[string]string{
		"/acme/owner.rego":      ownerPolicy,
		"/acme/owner_test.rego": ownerPolicyTest,
	})
	supWrite(t, dir, map[string]string{
		".relcheck.yaml":  "policies: [vendor-policies/acme.tar.gz]\n",
		"deploy/web.yaml": supDeployment,
	})
	t.Chdir(dir)
	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "critical", "deploy")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "deploy/web.yaml:3:1: high acme/owner-label web has no owner label")

	r = relcheck(t, "", "rules")
	require.Regexp(t, `(?m)^acme/owner-label +high +Workloads name their owning team`, r.stdout)

	r = relcheck(t, "", "policy", "test", "-v", "vendor-policies/acme.tar.gz")
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "PASS data.relcheck.kubernetes.acme_owner_test.test_no_owner")
	require.Contains(t, r.stdout, "PASS data.relcheck.kubernetes.acme_owner_test.test_owner")
}

func TestPolicyBundleErrors(t *testing.T) {
	dir := t.TempDir()
	writeBundle(t, filepath.Join(dir, "data.tar.gz"), `{"acme": {"teams": ["shop"]}}`, map[string]string{"/acme/owner.rego": ownerPolicy})
	writeBundle(t, filepath.Join(dir, "broken.tar.gz"), "", map[string]string{"/acme/owner.rego": strings.Replace(ownerPolicy, "deny contains", "deny contains contains", 1)})
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notgz.tar.gz"), []byte("not a tarball"), 0o644))
	for name, want := range map[string]string{
		"data.tar.gz":   "policy bundle data.tar.gz: holds data documents (data.json or data.yaml); relcheck reads a bundle's Rego only",
		"broken.tar.gz": "data.tar.gz",
		"notgz.tar.gz":  "policy bundle notgz.tar.gz: ",
	} {
		t.Run(name, func(t *testing.T) {
			if name == "broken.tar.gz" {
				want = "broken.tar.gz/acme/owner.rego:"
			}
			supWrite(t, dir, map[string]string{".relcheck.yaml": "policies: [" + name + "]\n", "web.yaml": supDeployment})
			t.Chdir(dir)
			r := relcheck(t, "", "check", "--only", "manifests", ".")
			require.Equal(t, cli.ExitUsage, r.code, r.stdout)
			require.Contains(t, r.stderr, want)
		})
	}
}
