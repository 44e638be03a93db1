package policy_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/manifest"
	"github.com/relcheck/relcheck/internal/policy"
)

func k8sDocs(t testing.TB, file, src string) []*manifest.Document {
	t.Helper()
	docs, err := manifest.ParseYAML(manifest.Kubernetes, file, []byte(src), manifest.DefaultLimits)
	require.NoError(t, err)
	return docs
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: web
          image: web:1.0
`

func engine(t *testing.T, src ...string) (*policy.Engine, error) {
	t.Helper()
	var mods []policy.Module
	for i, s := range src {
		mods = append(mods, policy.Module{File: fmt.Sprintf("user/p%d.rego", i), Src: []byte(s)})
	}
	return policy.New(mods, policy.Options{})
}

func TestRuntimeErrorNamesRuleAndFile(t *testing.T) {
	e, err := engine(t, `# METADATA
# title: t
# custom:
#   id: acme/replicas-number
#   severity: high
package relcheck.kubernetes.replicas_number

deny contains {"msg": "x"} if {
	to_number(input.metadata.name) > 1
}
`)
	require.NoError(t, err)
	fs, errs := e.Evaluate(context.Background(), k8sDocs(t, "deploy/web.yaml", deployment))
	require.Empty(t, fs)
	require.Len(t, errs, 1)
	msg := errs[0].Error()
	require.Contains(t, msg, "deploy/web.yaml")
	require.Contains(t, msg, "acme/replicas-number")
}

func TestSandboxRefusesNetworkAndClock(t *testing.T) {
	for _, call := range []string{`http.send({"method": "GET", "url": "http://example.com"})`, `opa.runtime()`, `time.now_ns()`, `net.lookup_ip_addr("example.com")`} {
		_, err := engine(t, fmt.Sprintf(`# METADATA
# title: t
# custom:
#   id: acme/x
#   severity: low
package relcheck.kubernetes.x

deny contains "x" if {
	%s
}
`, call))
		require.Error(t, err, call)
		require.Contains(t, err.Error(), "user/p0.rego", call)
	}
}

func TestMissingMetadataIsAnError(t *testing.T) {
	_, err := engine(t, "package relcheck.kubernetes.nometa\n\ndeny contains \"x\" if { true }\n")
	require.Error(t, err)
	require.Contains(t, err.Error(), "custom.id")
}

func TestConftestStylePolicyRuns(t *testing.T) {
	e, err := engine(t, `package main

deny contains msg if {
	input.kind == "Deployment"
	input.spec.replicas < 2
	msg := sprintf("%s runs one replica", [input.metadata.name])
}

warn contains "has no labels" if {
	not input.metadata.labels
}
`)
	require.NoError(t, err)
	fs, errs := e.Evaluate(context.Background(), k8sDocs(t, "d.yaml", deployment))
	require.Empty(t, errs)
	require.Len(t, fs, 2)
	require.Equal(t, "policy/main", fs[0].Rule)
	require.Equal(t, "Deployment/shop/web", fs[0].Resource)
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Severity.String()+" "+f.Message)
	}
	require.ElementsMatch(t, []string{"high web runs one replica", "low has no labels"}, msgs)
}

func TestCrossResourceIndexAndKinds(t *testing.T) {
	e, err := engine(t, `# METADATA
# title: t
# custom:
#   id: acme/needs-service
#   severity: medium
#   kinds: [Deployment]
package relcheck.kubernetes.needs_service

deny contains {"msg": "no Service named after the Deployment", "path": ["metadata", "name"]} if {
	not data.relcheck.objects.Service[input.metadata.namespace][input.metadata.name]
}
`)
	require.NoError(t, err)
	svc := "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n"
	fs, errs := e.Evaluate(context.Background(), k8sDocs(t, "d.yaml", deployment+svc))
	require.Empty(t, errs)
	require.Empty(t, fs, "the Service exists")

	fs, errs = e.Evaluate(context.Background(), k8sDocs(t, "d.yaml", deployment))
	require.Empty(t, errs)
	require.Len(t, fs, 1)
	require.Equal(t, 4, fs[0].Line)
	require.Equal(t, "acme/needs-service", fs[0].Rule)
}

// TestDeterministicUnderConcurrency evaluates many documents on all workers
// and checks the findings come back in the same order every time.
func TestDeterministicUnderConcurrency(t *testing.T) {
	e := builtinEngine(t)
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "---\n%s", strings.ReplaceAll(deployment, "name: web\n  namespace", fmt.Sprintf("name: web-%03d\n  namespace", i)))
	}
	docs := k8sDocs(t, "many.yaml", b.String())
	require.Len(t, docs, 200)
	first, errs := e.Evaluate(context.Background(), docs)
	require.Empty(t, errs)
	require.NotEmpty(t, first)
	for i := 0; i < 3; i++ {
		again, _ := e.Evaluate(context.Background(), docs)
		require.Equal(t, first, again)
	}
}
