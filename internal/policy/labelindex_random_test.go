package policy

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/manifest"
)

// TestLabelIndexOnRandomRuns holds the label index to the full scans on
// random runs of the shapes it can get wrong at once: label values that are
// numbers, booleans or numeric strings, a key "1", selectors of one to three
// pairs, PodDisruptionBudgets with matchLabels, matchExpressions, both or
// neither, objects without a name, namespaces given as a number, names
// shared across directories (twins), Services that bind to a directory
// (homes), custom kinds, and pre-commit runs whose neighbours hold objects
// (and kinds) that no evaluated document has.
func TestLabelIndexOnRandomRuns(t *testing.T) {
	indexed, scanning := library(t), library(t)
	scanning.noLabelIndex = true
	rng := rand.New(rand.NewPCG(7, 9))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	labelMap := func(n int) string {
		var parts []string
		seen := map[string]bool{}
		for range n {
			k := pick("app", "tier", "v", "\"1\"", "zz")
			if seen[k] {
				continue
			}
			seen[k] = true
			parts = append(parts, k+": "+pick("web", "api", "2", "\"2\"", "true", "web", "api"))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	meta := func() string {
		var parts []string
		if rng.IntN(10) != 0 {
			parts = append(parts, "name: "+pick("a", "b", "c", "web"))
		}
		switch rng.IntN(5) {
		case 0:
			parts = append(parts, "namespace: ns1")
		case 1:
			parts = append(parts, "namespace: 123")
		case 2:
			parts = append(parts, "namespace: default")
		}
		if rng.IntN(3) == 0 {
			parts = append(parts, "labels: "+labelMap(2))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	obj := func() string {
		switch rng.IntN(9) {
		case 0, 1:
			k := pick("Deployment", "StatefulSet", "ReplicaSet", "Rollout", "Job", "DaemonSet")
			api := "apps/v1"
			if k == "Rollout" {
				api = "argoproj.io/v1alpha1"
			}
			return fmt.Sprintf("apiVersion: %s\nkind: %s\nmetadata: %s\nspec:\n  replicas: %d\n  selector: {matchLabels: %s}\n  template:\n    metadata: {labels: %s}\n    spec: {containers: [{name: c, image: \"x:1\"}]}\n", api, k, meta(), rng.IntN(3), labelMap(1), labelMap(3))
		case 2:
			return fmt.Sprintf("apiVersion: batch/v1\nkind: CronJob\nmetadata: %s\nspec:\n  schedule: x\n  jobTemplate: {spec: {template: {metadata: {labels: %s}, spec: {containers: [{name: c, image: \"x:1\"}]}}}}\n", meta(), labelMap(2))
		case 3:
			return fmt.Sprintf("apiVersion: v1\nkind: Pod\nmetadata: {name: %s, labels: %s}\nspec: {containers: [{name: c, image: \"x:1\"}]}\n", pick("p", "q"), labelMap(2))
		case 4, 5:
			return fmt.Sprintf("apiVersion: v1\nkind: Service\nmetadata: %s\nspec: {selector: %s, ports: [{port: 80}]}\n", meta(), labelMap(1+rng.IntN(3)))
		case 6, 7:
			sel := ""
			switch rng.IntN(4) {
			case 0:
				sel = "{matchLabels: " + labelMap(1+rng.IntN(2)) + "}"
			case 1:
				sel = "{matchExpressions: [{key: app, operator: " + pick("In", "NotIn", "Exists", "DoesNotExist") + ", values: [web]}]}"
			case 2:
				sel = "{matchLabels: " + labelMap(1) + ", matchExpressions: [{key: tier, operator: " + pick("In", "NotIn", "Exists") + ", values: [api]}]}"
			case 3:
				sel = "{}"
			}
			return fmt.Sprintf("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: %s\nspec: {%s: %d, selector: %s}\n", meta(), pick("minAvailable", "maxUnavailable"), rng.IntN(3), sel)
		default:
			return fmt.Sprintf("apiVersion: example.com/v1\nkind: Worker\nmetadata: %s\nspec: {template: {metadata: {labels: %s}}}\n", meta(), labelMap(2))
		}
	}
	fired := map[string]int{}
	for iter := range 250 {
		var docs []*manifest.Document
		for f := range 1 + rng.IntN(5) {
			var srcs []string
			for range 1 + rng.IntN(5) {
				srcs = append(srcs, obj())
			}
			file := fmt.Sprintf("%s/f%d.yaml", pick(".", "a", "a/b", "b"), f)
			file = strings.TrimPrefix(file, "./")
			d, err := manifest.ParseYAML(manifest.Kubernetes, file, []byte(strings.Join(srcs, "---\n")), manifest.DefaultLimits)
			require.NoError(t, err, strings.Join(srcs, "---\n"))
			docs = append(docs, d...)
		}
		split := rng.IntN(len(docs) + 1)
		var ev, nb []*manifest.Document
		if rng.IntN(2) == 0 {
			ev, nb = docs, nil
		} else {
			ev, nb = docs[:split], docs[split:]
		}
		got, errs := indexed.EvaluateWith(context.Background(), ev, nb)
		require.Empty(t, errs)
		want, errs := scanning.EvaluateWith(context.Background(), ev, nb)
		require.Empty(t, errs)
		for _, f := range got {
			fired[f.Rule]++
		}
		if w, g := summarize(want), summarize(got); strings.Join(w, "\n") != strings.Join(g, "\n") {
			for _, d := range docs {
				t.Logf("%s %s %s/%s", d.File, d.Kind, d.Namespace, d.Name)
			}
			require.Equal(t, w, g, "run %d", iter)
		}
	}
	// The comparison means something only if the rules that use the index
	// fired.
	for _, rule := range []string{"k8s/pdb-missing", "k8s/pdb-blocks-eviction", "k8s/service-selector-no-match", "k8s/prestop-hook", "k8s/min-replicas"} {
		require.Greater(t, fired[rule], 10, rule)
	}
}
