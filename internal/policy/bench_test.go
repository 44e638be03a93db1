package policy_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/manifest"
)

// BenchmarkEvaluate1000Deployments measures the built-in library on 1,000
// Deployments in one run (parsing excluded): go test -bench . ./internal/policy
func BenchmarkEvaluate1000Deployments(b *testing.B) {
	e := builtinEngine(b)
	var src strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&src, "---\n%s", strings.ReplaceAll(deployment, "name: web\n  namespace", fmt.Sprintf("name: web-%04d\n  namespace", i)))
	}
	docs := k8sDocs(b, "bench.yaml", src.String())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, errs := e.Evaluate(context.Background(), docs); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
}

// BenchmarkSharedNames measures a run over copies of one application, one
// directory each (tenants or environments rendered side by side), whose
// objects share kind, namespace and name: every document reads the
// namespaces through a view of its own. 20 copies of 25 services.
func BenchmarkSharedNames(b *testing.B) {
	benchServices(b, serviceDocs(b, 20, 25))
}

// BenchmarkOneNamespace measures 500 services in one namespace, where
// matching selectors to pods without the label index costs the square of
// the objects.
func BenchmarkOneNamespace(b *testing.B) {
	benchServices(b, serviceDocs(b, 1, 500))
}

func benchServices(b *testing.B, docs []*manifest.Document) {
	e := builtinEngine(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, errs := e.Evaluate(context.Background(), docs); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
}

// serviceDocs renders copies of an application of services services, each
// a Deployment, a Service and a PodDisruptionBudget in the default
// namespace, one directory per copy.
func serviceDocs(tb testing.TB, copies, services int) []*manifest.Document {
	var docs []*manifest.Document
	for t := range copies {
		for s := range services {
			src := fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: svc%[1]d}
spec:
  replicas: 2
  selector: {matchLabels: {app: svc%[1]d}}
  template:
    metadata: {labels: {app: svc%[1]d}}
    spec:
      containers: [{name: app, image: "registry.example.com/svc%[1]d:1.%[2]d"}]
---
apiVersion: v1
kind: Service
metadata: {name: svc%[1]d}
spec: {selector: {app: svc%[1]d}, ports: [{port: 80}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: svc%[1]d}
spec: {minAvailable: 1, selector: {matchLabels: {app: svc%[1]d}}}
`, s, t)
			docs = append(docs, k8sDocs(tb, fmt.Sprintf("tenants/t%02d/svc%03d.yaml", t, s), src)...)
		}
	}
	return docs
}
