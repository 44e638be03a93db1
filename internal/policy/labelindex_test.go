package policy

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/manifest"
	"github.com/relcheck/relcheck/policies"
)

// selectorCases are the shapes a label index can get wrong: selectors of
// several pairs with a shared one, numbers and booleans as label values,
// PodDisruptionBudgets with matchExpressions only or both, Services without
// a selector, custom workloads, a CronJob and a bare Pod, names shared
// between two directories, workloads no selector matches, and the Services
// that only a walk over every kind satisfies (a custom resource's template,
// an operator's pods, a template without a namespace).
var selectorCases = map[string]string{
	"shop/app.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web, tier: front}}
  template:
    metadata: {labels: {app: web, tier: front, version: 2}}
    spec:
      containers: [{name: web, image: "web:1", ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web, tier: front}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: by-version}
spec: {selector: {version: 2}, ports: [{port: 81}]}
---
apiVersion: v1
kind: Service
metadata: {name: front}
spec: {selector: {tier: front}, ports: [{port: 82}]}
---
apiVersion: v1
kind: Service
metadata: {name: external}
spec: {type: ExternalName, externalName: example.com}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-expr}
spec:
  maxUnavailable: 0
  selector:
    matchExpressions: [{key: app, operator: In, values: [web]}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-both}
spec:
  minAvailable: 3
  selector:
    matchLabels: {tier: front}
    matchExpressions: [{key: app, operator: Exists}]
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: canary}
spec:
  replicas: 1
  template:
    metadata: {labels: {app: canary}}
    spec:
      containers: [{name: c, image: "c:1"}]
---
apiVersion: v1
kind: Service
metadata: {name: canary}
spec: {selector: {app: canary}, ports: [{port: 80}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {job: report}}
        spec:
          containers: [{name: r, image: "r:1"}]
---
apiVersion: v1
kind: Service
metadata: {name: report}
spec: {selector: {job: report}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, labels: {app: debug}}
spec:
  containers: [{name: d, image: "d:1"}]
---
apiVersion: v1
kind: Service
metadata: {name: nothing}
spec: {selector: {app: gone}, ports: [{port: 80}]}
---
apiVersion: example.com/v1
kind: Worker
metadata: {name: queue}
spec:
  template:
    metadata: {labels: {app: queue}}
---
apiVersion: v1
kind: Service
metadata: {name: queue}
spec: {selector: {app: queue}, ports: [{port: 80}]}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main}
spec: {replicas: 2}
---
apiVersion: v1
kind: Service
metadata: {name: prometheus}
spec: {selector: {prometheus: main}, ports: [{port: 9090}]}
---
apiVersion: v1
kind: Service
metadata: {name: zipkin, namespace: tests}
spec: {selector: {app: zipkin}, ports: [{port: 9411}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: zipkin}
spec:
  replicas: 2
  selector: {matchLabels: {app: zipkin}}
  template:
    metadata: {labels: {app: zipkin}}
    spec:
      containers: [{name: z, image: "zipkin:2"}]
`,
	"blog/app.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: blog}}
  template:
    metadata: {labels: {app: blog}}
    spec:
      containers: [{name: web, image: "blog:1"}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: blog}, ports: [{port: 80}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 1, selector: {matchLabels: {app: blog}}}
`,
}

// TestLabelIndexFindsWhatScansFind holds the library's lookups through
// data.relcheck.index to the full scans it replaces (the path the Rego
// tests take): the same findings on the cases above and on every
// Kubernetes fixture of the library, each alone and all in one run.
func TestLabelIndexFindsWhatScansFind(t *testing.T) {
	var all []*manifest.Document
	var runs [][]*manifest.Document
	var cases []*manifest.Document
	for file, src := range selectorCases {
		cases = append(cases, parseAt(t, file, src)...)
	}
	runs = append(runs, cases)
	all = append(all, cases...)
	fixtures, err := filepath.Glob("../../policies/testdata/kubernetes/*/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, fixtures)
	for _, f := range fixtures {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		docs, err := manifest.ParseYAML(manifest.Kubernetes, strings.TrimPrefix(f, "../../"), data, manifest.DefaultLimits)
		require.NoError(t, err)
		runs = append(runs, docs)
		all = append(all, docs...)
	}
	runs = append(runs, all)

	indexed, scanning := library(t), library(t)
	scanning.noLabelIndex = true
	cross := 0
	for _, docs := range runs {
		got, errs := indexed.Evaluate(context.Background(), docs)
		require.Empty(t, errs)
		want, errs := scanning.Evaluate(context.Background(), docs)
		require.Empty(t, errs)
		require.Equal(t, summarize(want), summarize(got))
		for _, f := range got {
			switch f.Rule {
			case "k8s/pdb-missing", "k8s/pdb-blocks-eviction", "k8s/service-selector-no-match", "k8s/prestop-hook", "k8s/rolling-update-unavailable":
				cross++
			}
		}
	}
	// The comparison means something only if cross-resource rules fired,
	// and the walks over every kind found what they are for.
	require.Greater(t, cross, 20)
	fs, _ := indexed.Evaluate(context.Background(), cases)
	var noMatch []string
	for _, f := range fs {
		if f.Rule == "k8s/service-selector-no-match" {
			noMatch = append(noMatch, f.Resource)
		}
	}
	require.Equal(t, []string{"Service/nothing"}, noMatch)
}

func summarize(fs []finding.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.File+":"+f.Rule+":"+f.Message)
	}
	return out
}

// TestLabelIndexServesTheSelectingHelpers: k8s.services_selecting and
// k8s.pdbs_selecting, which governance policies call for any object, find
// through the index what they find by scanning.
func TestLabelIndexServesTheSelectingHelpers(t *testing.T) {
	mods, err := ReadFS(policies.FS, "policies")
	require.NoError(t, err)
	mods = append(mods, Module{File: "user/selecting.rego", Src: []byte(`# METADATA
# title: t
# custom:
#   id: acme/selecting
#   severity: low
#   kinds: [Deployment, Rollout, CronJob, Pod]
package relcheck.kubernetes.selecting

import data.relcheck.lib.k8s

deny contains sprintf("Service %s", [name]) if {
	some [name, _] in k8s.services_selecting(input)
}

deny contains sprintf("PodDisruptionBudget %s", [name]) if {
	some [name, _] in k8s.pdbs_selecting(input)
}
`)})
	indexed, err := New(mods, Options{})
	require.NoError(t, err)
	scanning, err := New(mods, Options{})
	require.NoError(t, err)
	scanning.noLabelIndex = true
	var docs []*manifest.Document
	for file, src := range selectorCases {
		docs = append(docs, parseAt(t, file, src)...)
	}
	selected := func(e *Engine) []string {
		fs, errs := e.Evaluate(context.Background(), docs)
		require.Empty(t, errs)
		var out []string
		for _, f := range fs {
			if f.Rule == "acme/selecting" {
				out = append(out, f.File+": "+f.Resource+" <- "+f.Message)
			}
		}
		return out
	}
	got := selected(indexed)
	require.Equal(t, selected(scanning), got)
	require.Greater(t, len(got), 6, "the helpers selected too little for the comparison to mean anything: %v", got)
}
