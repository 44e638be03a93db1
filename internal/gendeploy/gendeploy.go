// Package gendeploy writes realistic Deployment manifests for the policy
// benchmarks: make bench's 20,000 files (scripts/gendeploy) and the library
// micro-benchmark (policies/bench_test.go) evaluate the same shapes.
//
// A third of them are written correctly, the rest each miss something the
// built-in library checks, so a benchmark measures finding and locating
// problems, not only parsing.
package gendeploy

import "fmt"

const tmpl = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-%[1]d
  namespace: team-%[2]d
  labels:
    app: svc-%[1]d
    team: team-%[2]d
spec:
  replicas: %[3]d
  selector:
    matchLabels:
      app: svc-%[1]d
  template:
    metadata:
      labels:
        app: svc-%[1]d
        team: team-%[2]d
    spec:
      containers:
        - name: app
          image: registry.example.com/team-%[2]d/svc-%[1]d:%[4]s
          ports:
            - name: http
              containerPort: 8080
%[5]s          resources:
            requests:
              cpu: 100m
              memory: 128Mi
%[6]s`

const probes = `          readinessProbe:
            httpGet:
              path: /ready
              port: http
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 30
`

const limits = `            limits:
              memory: 256Mi
`

// Manifest returns the i-th Deployment: i%3 == 0 is correct, 1 runs one
// replica without probes, 2 uses :latest without a memory limit. Names and
// namespaces (50 of them) differ with i.
func Manifest(i int) string {
	replicas, tag, p, l := 3, fmt.Sprintf("1.%d.%d", i%20, i%7), probes, limits
	switch i % 3 {
	case 1:
		replicas, p = 1, ""
	case 2:
		tag, l = "latest", ""
	}
	return fmt.Sprintf(tmpl, i, i%50, replicas, tag, p, l)
}
