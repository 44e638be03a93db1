package policy

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/manifest"
	"github.com/relcheck/relcheck/policies"
)

const indexed = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {replicas: 3}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}}
---
apiVersion: v1
kind: Service
metadata: {name: api}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web-v2}}
`

func parseAt(t *testing.T, file, src string) []*manifest.Document {
	t.Helper()
	docs, err := manifest.ParseYAML(manifest.Kubernetes, file, []byte(src), manifest.DefaultLimits)
	require.NoError(t, err)
	return docs
}

// library is an engine with the built-in policies.
func library(t *testing.T) *Engine {
	t.Helper()
	mods, err := ReadFS(policies.FS, "policies")
	require.NoError(t, err)
	e, err := New(mods, Options{})
	require.NoError(t, err)
	return e
}

func read(t *testing.T, s *objectStore, path ...string) (ast.Value, error) {
	t.Helper()
	ctx := context.Background()
	txn, err := s.NewTransaction(ctx)
	require.NoError(t, err)
	defer s.Abort(ctx, txn)
	v, err := s.Read(ctx, txn, storage.Path(path))
	if err != nil {
		return nil, err
	}
	return v.(ast.Value), nil
}

// TestObjectStoreServesTheIndex reads the index at every depth and checks it
// against the objects, including the "default" namespace and the rule that
// a later object of the same name wins.
func TestObjectStoreServesTheIndex(t *testing.T) {
	docs, err := manifest.ParseYAML(manifest.Kubernetes, "all.yaml", []byte(indexed), manifest.DefaultLimits)
	require.NoError(t, err)
	s := newObjectStore(docs)

	v, err := read(t, s, "relcheck", "objects", "Service", "shop", "web", "spec", "selector", "app")
	require.NoError(t, err)
	require.Equal(t, ast.String("web-v2"), v, "the later document of the same name wins")
	require.Len(t, s.cache, 1, "only Service/shop was decoded")

	v, err = read(t, s, "relcheck", "objects", "Service")
	require.NoError(t, err)
	require.ElementsMatch(t, []string{`"default"`, `"shop"`}, keys(v))

	for _, p := range [][]string{nil, {"relcheck"}, {"relcheck", "objects"}} {
		v, err = read(t, s, p...)
		require.NoError(t, err, p)
		for _, k := range []string{"relcheck", "objects"}[len(p):] {
			v = v.(ast.Object).Get(ast.StringTerm(k)).Value
		}
		require.ElementsMatch(t, []string{`"Deployment"`, `"Service"`}, keys(v), p)
	}

	for _, p := range [][]string{
		{"relcheck", "objects", "PodDisruptionBudget"},
		{"relcheck", "objects", "Service", "kube-system"},
		{"relcheck", "objects", "Service", "shop", "nope"},
		{"relcheck", "objects", "Service", "shop", "web", "spec", "selector", "app", "deeper"},
		{"elsewhere"},
	} {
		_, err := read(t, s, p...)
		require.True(t, storage.IsNotFound(err), "%v: %v", p, err)
	}
}

func keys(v ast.Value) []string {
	var out []string
	for _, k := range v.(ast.Object).Keys() {
		out = append(out, k.String())
	}
	return out
}

// TestWholeIndexReadsAgreeWithPathReads: a governance policy that walks the
// whole index sees the same objects as one that names kind and namespace.
func TestWholeIndexReadsAgreeWithPathReads(t *testing.T) {
	e := walker(t, "whole index: ", `
deny contains {"msg": sprintf("by path: Service/%s/%s", [input.metadata.namespace, name])} if {
	some name, _ in data.relcheck.objects.Service[input.metadata.namespace]
}
`)
	docs, err := manifest.ParseYAML(manifest.Kubernetes, "all.yaml", []byte(indexed), manifest.DefaultLimits)
	require.NoError(t, err)
	fs, errs := e.Evaluate(context.Background(), docs)
	require.Empty(t, errs)
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Message)
	}
	require.ElementsMatch(t, []string{
		"whole index: Deployment/shop/web", "whole index: Service/default/api", "whole index: Service/shop/web",
		"by path: Service/shop/web",
	}, msgs)
}

func TestDirDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"a/x.yaml", "a/x.yaml", 0},
		{"a/x.yaml", "a/y.yaml", 1},
		{"x.yaml", "y.yaml", 1},
		{"apps/shop/deploy.yaml", "apps/shop/pdb/pdb.yaml", 3},
		{"apps/shop/deploy.yaml", "apps/blog/deploy.yaml", 5},
		{"x.yaml", "apps/blog/deploy.yaml", 7},
	} {
		require.Equal(t, c.want, dirDistance(c.a, c.b), "%s %s", c.a, c.b)
		require.Equal(t, c.want, dirDistance(c.b, c.a), "%s %s", c.b, c.a)
	}
}

// TestTwinIndexAgreesWithMeasuring: the index of shared names gives, for
// any file, the least distance measured from each twin, and dirDistance
// counts components as strings.Split does; on random layouts with files at
// the root, absolute paths, twins in one file and deep nesting.
func TestTwinIndexAgreesWithMeasuring(t *testing.T) {
	splitDistance := func(a, b string) int {
		da, db := strings.Split(path.Dir(a), "/"), strings.Split(path.Dir(b), "/")
		common := 0
		for common < len(da) && common < len(db) && da[common] == db[common] {
			common++
		}
		d := 2 * (len(da) + len(db) - 2*common)
		if a != b {
			d++
		}
		return d
	}
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"a", "b", "ab", "a.b", "tenants", "t1", "t10"}
	file := func() string {
		var parts []string
		if rng.IntN(8) == 0 {
			parts = append(parts, "") // absolute
		}
		for range rng.IntN(5) {
			parts = append(parts, names[rng.IntN(len(names))])
		}
		return strings.Join(append(parts, fmt.Sprintf("f%d.yaml", rng.IntN(3))), "/")
	}
	for range 2000 {
		var twins []*manifest.Document
		for range 1 + rng.IntN(6) {
			twins = append(twins, &manifest.Document{File: file()})
		}
		ix := newTwinIndex(twins)
		for range 20 {
			f := file()
			if rng.IntN(5) == 0 {
				f = twins[rng.IntN(len(twins))].File
			}
			want := math.MaxInt
			for _, tw := range twins {
				require.Equal(t, splitDistance(f, tw.File), dirDistance(f, tw.File), "%s %s", f, tw.File)
				want = min(want, splitDistance(f, tw.File))
			}
			require.Equal(t, want, ix.nearest(f), "nearest twin to %s", f)
		}
	}
}

// TestSharedNamesResolveNearest: two applications in one run that both
// deploy "frontend" to the default namespace. Each Service must be checked
// against its own Deployment, not whichever came last.
func TestSharedNamesResolveNearest(t *testing.T) {
	app := func(dir, label string) []*manifest.Document {
		src := fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend}
spec:
  replicas: 2
  selector: {matchLabels: {app: %[1]s}}
  template:
    metadata: {labels: {app: %[1]s}}
    spec:
      containers: [{name: web, image: "web:1"}]
---
apiVersion: v1
kind: Service
metadata: {name: frontend}
spec:
  selector: {app: %[1]s}
  ports: [{port: 80}]
`, label)
		return parseAt(t, dir+"/frontend.yaml", src)
	}
	e := library(t)
	docs := append(app("guestbook", "guestbook-frontend"), app("podinfo", "podinfo-frontend")...)
	fs, errs := e.Evaluate(context.Background(), docs)
	require.Empty(t, errs)
	for _, f := range fs {
		require.NotEqual(t, "k8s/service-selector-no-match", f.Rule, "%s:%d %s", f.File, f.Line, f.Message)
	}

	// The same objects in one directory: the later one is the index's, as
	// kubectl apply would leave it, and the earlier Service matches nothing.
	var flat []*manifest.Document
	for _, d := range docs {
		c := *d
		c.File = "all/" + path.Base(d.File)
		flat = append(flat, &c)
	}
	fs, errs = e.Evaluate(context.Background(), flat)
	require.Empty(t, errs)
	var noMatch []string
	for _, f := range fs {
		if f.Rule == "k8s/service-selector-no-match" {
			noMatch = append(noMatch, f.Message)
		}
	}
	require.Len(t, noMatch, 1, "the earlier Service's Deployment was replaced")
}

// TestSharedNamesKeepApplicationsApart: the other application's HPA targets
// its own "frontend", not this one's: this Deployment's replicas conflict
// with no autoscaler, and its three replicas still need spreading.
func TestSharedNamesKeepApplicationsApart(t *testing.T) {
	deployment := `apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "web:1"}]
`
	hpa := `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: frontend}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: frontend}
  minReplicas: 2
  maxReplicas: 5
`
	docs := append(parseAt(t, "shop/deploy.yaml", deployment), parseAt(t, "blog/deploy.yaml", deployment)...)
	docs = append(docs, parseAt(t, "blog/hpa.yaml", hpa)...)
	e := library(t)
	fs, errs := e.Evaluate(context.Background(), docs)
	require.Empty(t, errs)
	got := map[string][]string{}
	for _, f := range fs {
		got[f.Rule] = append(got[f.Rule], f.File)
	}
	require.Equal(t, []string{"blog/deploy.yaml"}, got["k8s/hpa-replicas-conflict"], "only blog's Deployment is autoscaled")
	require.Contains(t, got["k8s/pod-spread"], "shop/deploy.yaml")
}

// TestWholeIndexWithSharedNames: a policy that walks the whole index sees,
// from each of two applications' "frontend", its own objects only, and
// nothing breaks where a view of a namespace comes out empty.
func TestWholeIndexWithSharedNames(t *testing.T) {
	e := walker(t, "", "")
	deployment := "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: frontend}\n"
	hpa := "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: frontend-scaler}\nspec: {scaleTargetRef: {kind: Deployment, name: frontend}}\n"
	docs := append(parseAt(t, "shop/deploy.yaml", deployment), parseAt(t, "blog/deploy.yaml", deployment)...)
	docs = append(docs, parseAt(t, "blog/hpa.yaml", hpa)...)
	fs, errs := e.Evaluate(context.Background(), docs)
	require.Empty(t, errs)
	got := map[string][]string{}
	for _, f := range fs {
		got[f.File] = append(got[f.File], f.Message)
	}
	require.ElementsMatch(t, []string{"Deployment/default/frontend"}, got["shop/deploy.yaml"])
	require.ElementsMatch(t, []string{"Deployment/default/frontend", "HorizontalPodAutoscaler/default/frontend-scaler"}, got["blog/deploy.yaml"])
}

// walker compiles a governance-style policy that reports every object of
// the whole index (message prefix + kind/namespace/name), plus extra rules.
func walker(t *testing.T, prefix, extra string) *Engine {
	t.Helper()
	src := `# METADATA
# title: t
# custom:
#   id: acme/walk
#   severity: low
#   kinds: [Deployment]
package relcheck.kubernetes.walk

deny contains {"msg": sprintf("` + prefix + `%s/%s/%s", [kind, ns, name])} if {
	some kind, by_ns in data.relcheck.objects
	some ns, by_name in by_ns
	some name, _ in by_name
}
` + extra
	e, err := New([]Module{{File: "user/p.rego", Src: []byte(src)}}, Options{})
	require.NoError(t, err)
	return e
}
