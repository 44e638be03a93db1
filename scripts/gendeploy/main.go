// Command gendeploy writes N realistic Deployment manifests, one per file,
// for the policy engine benchmark (make bench). A third of them are written
// correctly, the rest each miss something the built-in library checks, so
// the benchmark measures finding and locating problems, not only parsing.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

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

func main() {
	n := flag.Int("n", 20000, "number of Deployments")
	out := flag.String("out", "", "directory to write into (created)")
	flag.Parse()
	if *out == "" {
		log.Fatal("gendeploy: -out is required")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for i := 0; i < *n; i++ {
		replicas, tag, p, l := 3, fmt.Sprintf("1.%d.%d", i%20, i%7), probes, limits
		switch i % 3 {
		case 1:
			replicas, p = 1, ""
		case 2:
			tag, l = "latest", ""
		}
		doc := fmt.Sprintf(tmpl, i, i%50, replicas, tag, p, l)
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("deploy-%05d.yaml", i)), []byte(doc), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
