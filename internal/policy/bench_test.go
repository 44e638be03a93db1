package policy_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
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
