package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

const webDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.4.2
`

const webPDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
`

// A pre-commit run names only the staged files. Cross-resource rules must
// still see the rest of the repository, or every change to a Deployment
// whose PodDisruptionBudget was not touched would be refused.
func TestNamedFilesSeeTheirNeighbours(t *testing.T) {
	repo := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	dep := write(t, repo, "deploy/web/deployment.yaml", webDeployment)
	write(t, repo, "deploy/web/pdb.yaml", webPDB)
	// Neighbours are context, not targets: their own findings are not
	// reported and one that does not parse does not fail the run.
	write(t, repo, "deploy/worker/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: worker}\nspec: {replicas: 1}\n")
	write(t, repo, "deploy/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n")

	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "low", dep)
	require.NotContains(t, r.stdout, "k8s/pdb-missing", "the unstaged PDB selects the staged Deployment")
	require.Contains(t, r.stdout, "k8s/readiness-probe", "the staged file is still checked")
	require.NotContains(t, r.stdout, "worker")
	require.NotContains(t, r.stdout+r.stderr, "broken.yaml")
	require.Equal(t, 1, r.code, r.stderr)

	require.NoError(t, os.Remove(filepath.Join(repo, "deploy/web/pdb.yaml")))
	r = relcheck(t, "", "check", "--only", "manifests", "--fail-on", "low", dep)
	require.Contains(t, r.stdout, "k8s/pdb-missing", "without the PDB anywhere in the repository")
}

// A config file marks the repository as well as a .git directory does.
func TestNamedFilesNeighboursFromConfigDir(t *testing.T) {
	repo := t.TempDir()
	write(t, repo, ".relcheck.yaml", "fail-on: low\n")
	dep := write(t, repo, "apps/web.yaml", webDeployment)
	write(t, repo, "policy/pdb.yaml", webPDB)
	r := relcheck(t, "", "check", "--only", "manifests", dep)
	require.Contains(t, r.stdout, "k8s/readiness-probe")
	require.NotContains(t, r.stdout, "k8s/pdb-missing")
}

// Outside any repository a named file has no neighbours: checking a file in
// a home directory must not walk the home directory.
func TestNamedFileOutsideRepositoryHasNoNeighbours(t *testing.T) {
	dir := t.TempDir()
	dep := write(t, dir, "web.yaml", webDeployment)
	write(t, dir, "pdb.yaml", webPDB)
	r := relcheck(t, "", "check", "--only", "manifests", "--fail-on", "low", dep)
	require.Contains(t, r.stdout, "k8s/pdb-missing")
}
