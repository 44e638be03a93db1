package policy

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/manifest"
)

const backendApp = `apiVersion: apps/v1
kind: Deployment
metadata: {name: backend}
spec:
  replicas: 2
  selector: {matchLabels: {tier: backend}}
  template:
    metadata: {labels: {tier: backend}}
    spec:
      containers: [{name: api, image: "api:1", ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: backend-svc}
spec:
  selector: {tier: backend}
  ports: [{port: 8080, targetPort: 8080}]
`

const mongo = `apiVersion: apps/v1
kind: Deployment
metadata: {name: mongo}
spec:
  replicas: 2
  selector: {matchLabels: {app: mongo, tier: backend}}
  template:
    metadata: {labels: {app: mongo, tier: backend}}
    spec:
      containers: [{name: mongo, image: "mongo:7", ports: [{containerPort: 27017}]}]
`

const mongoService = `apiVersion: v1
kind: Service
metadata: {name: mongo}
spec:
  selector: {app: mongo, tier: backend}
  ports: [{port: 27017}]
`

func messages(t *testing.T, docs []*manifest.Document, rule string) []string {
	t.Helper()
	e := library(t)
	fs, errs := e.Evaluate(context.Background(), docs)
	require.Empty(t, errs)
	var out []string
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f.File+": "+f.Message)
		}
	}
	return out
}

// Two applications checked together, both with pods labelled tier: backend:
// the other application's Service, which selects its own Deployment beside
// it, is not the one in front of mongo; mongo's own Service is.
func TestServiceBelongsToItsDirectory(t *testing.T) {
	docs := append(parseAt(t, "argocd/sync-waves/manifests.yaml", backendApp), parseAt(t, "examples/guestbook/mongo-deployment.yaml", mongo)...)
	got := messages(t, docs, "k8s/prestop-hook")
	require.Equal(t, []string{`argocd/sync-waves/manifests.yaml: container "api" of Deployment/backend is behind Service backend-svc and has no preStop hook`}, got)

	docs = append(docs, parseAt(t, "examples/guestbook/mongo-service.yaml", mongoService)...)
	got = messages(t, docs, "k8s/prestop-hook")
	require.Contains(t, got, `examples/guestbook/mongo-deployment.yaml: container "mongo" of Deployment/mongo is behind Service mongo and has no preStop hook`)
	require.Len(t, got, 2)
}

// A Service kept apart from its workloads (a services/ directory) selects
// nothing beside it, so it belongs to no directory and every document of
// the run sees it, as before.
func TestServiceWithoutNeighboursStaysVisible(t *testing.T) {
	docs := append(parseAt(t, "k8s/services/backend.yaml", mongoService), parseAt(t, "k8s/deployments/mongo.yaml", mongo)...)
	got := messages(t, docs, "k8s/prestop-hook")
	require.Equal(t, []string{`k8s/deployments/mongo.yaml: container "mongo" of Deployment/mongo is behind Service mongo and has no preStop hook`}, got)
	require.Empty(t, messages(t, docs, "k8s/service-selector-no-match"))
}

// A PodDisruptionBudget at the top of an application covers workloads in
// the directories below it: they are within its home.
func TestPDBCoversSubdirectories(t *testing.T) {
	pdb := `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: backend}
spec:
  maxUnavailable: 1
  selector:
    matchExpressions: [{key: tier, operator: In, values: [backend]}]
`
	docs := append(parseAt(t, "shop/pdb.yaml", pdb), parseAt(t, "shop/web/backend.yaml", backendApp)...)
	docs = append(docs, parseAt(t, "shop/db/v2/mongo.yaml", mongo)...)
	require.Empty(t, messages(t, docs, "k8s/pdb-missing"))

	// The same PDB beside one application only: the other, elsewhere, is
	// not covered by it.
	docs = append(parseAt(t, "shop/web/pdb.yaml", pdb), parseAt(t, "shop/web/backend.yaml", backendApp)...)
	docs = append(docs, parseAt(t, "other/mongo.yaml", mongo)...)
	require.Equal(t, []string{"other/mongo.yaml: Deployment/mongo runs up to 2 replicas but no PodDisruptionBudget selects its pods"}, messages(t, docs, "k8s/pdb-missing"))
}

func TestSelectorMatches(t *testing.T) {
	labels := ast.MustParseTerm(`{"app": "web", "tier": "backend"}`).Value
	for _, c := range []struct {
		sel  string
		want bool
	}{
		{`{"matchLabels": {"app": "web"}}`, true},
		{`{"matchLabels": {"app": "api"}}`, false},
		{`{"matchExpressions": [{"key": "tier", "operator": "In", "values": ["backend", "db"]}]}`, true},
		{`{"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["backend"]}]}`, false},
		{`{"matchExpressions": [{"key": "zone", "operator": "DoesNotExist"}]}`, true},
		{`{"matchExpressions": [{"key": "zone", "operator": "Exists"}]}`, false},
		{`{"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["db"]}]}`, false},
	} {
		docs := parseAt(t, "pdb.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  selector: "+c.sel+"\n")
		sel, ok := selectorOf(docs[0])
		require.True(t, ok, c.sel)
		require.Equal(t, c.want, sel.matches(labels), c.sel)
	}
	// Selectors that pick nothing or everything, or that cannot be read,
	// give the object no home.
	for _, spec := range []string{"{}", "{selector: {}}", "{selector: {matchExpressions: [{key: a, operator: Gt}]}}", "{selector: {matchLabels: [a]}}"} {
		docs := parseAt(t, "pdb.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: "+spec+"\n")
		_, ok := selectorOf(docs[0])
		require.False(t, ok, spec)
	}
	svc := parseAt(t, "svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: web, version: 2}}\n")
	_, ok := selectorOf(svc[0])
	require.False(t, ok, "a number where a label value belongs: not read, the object stays visible")
}

// A policy reading the whole index sees what a read by kind and namespace
// sees: the other directory's Service is hidden from mongo both ways.
func TestWholeIndexRespectsHomes(t *testing.T) {
	docs := append(parseAt(t, "argocd/app.yaml", backendApp), parseAt(t, "examples/mongo.yaml", mongo)...)
	s := newObjectStore(docs)
	viewer := docs[2]
	require.Equal(t, "mongo", viewer.Name)
	ctx := withViewer(context.Background(), viewer)
	txn, err := s.NewTransaction(ctx)
	require.NoError(t, err)
	defer s.Abort(ctx, txn)
	whole, err := s.Read(ctx, txn, storage.Path{"relcheck", "objects"})
	require.NoError(t, err)
	require.Nil(t, whole.(ast.Object).Get(ast.StringTerm("Service")), "the Service belongs to argocd/")
	_, err = s.Read(ctx, txn, storage.Path{"relcheck", "objects", "Service", "default"})
	require.True(t, storage.IsNotFound(err))

	own := withViewer(context.Background(), docs[0])
	whole, err = s.Read(own, txn, storage.Path{"relcheck", "objects"})
	require.NoError(t, err)
	require.NotNil(t, whole.(ast.Object).Get(ast.StringTerm("Service")), "its own Deployment sees it")
}
