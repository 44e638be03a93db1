package manifest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Objects the API server would reject for a field's shape are refused at the
// field's line, naming the object and the field; the policies never see them.
func TestWrongShapesRefused(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      string
	}{{
		name: "containers as a string (a botched template)",
		src: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers: "{{ .Values.containers }}"
`,
		want: `in.yaml:9: Deployment/shop/web: spec.template.spec.containers: want a list (containers), got "{{ .Values.containers }}"`,
	}, {
		name: "a container mis-indented into a string",
		src: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1.2
      - app:1.3
`,
		want: `in.yaml:11: Deployment/web: spec.template.spec.containers[1]: want a mapping (a container), got "app:1.3"`,
	}, {
		name: "a null container",
		src: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  -
  - name: app
`,
		want: `in.yaml:7: Pod/p: spec.containers[0]: want a mapping (a container), got null`,
	}, {
		name: "a probe written as a command string",
		src: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
      - name: db
        livenessProbe: pg_isready
`,
		want: `in.yaml:10: StatefulSet/db: spec.template.spec.containers[0].livenessProbe: want a mapping (a probe), got "pg_isready"`,
	}, {
		name: "resources as a list",
		src: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: job
            resources:
            - memory: 1Gi
`,
		want: `in.yaml:13: CronJob/nightly: spec.jobTemplate.spec.template.spec.containers[0].resources: want a mapping (requests and limits), got a list`,
	}, {
		name: "a Service selector as a list",
		src: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
  - app: web
`,
		want: `in.yaml:7: Service/web: spec.selector: want a mapping (pod labels), got a list`,
	}, {
		name: "labels as a list",
		src: `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels:
  - app=web
`,
		want: `in.yaml:6: ConfigMap/c: metadata.labels: want a mapping (label keys and values), got a list`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := parseK8s(t, tc.src)
			require.Empty(t, docs, "a malformed object must not reach the policies")
			require.EqualError(t, err, tc.want)
		})
	}
}

// Manifests as people write them, including the shapes the checker must not
// mistake for errors.
func TestShapesPeopleWriteAreAccepted(t *testing.T) {
	for _, tc := range []struct{ name, src string }{{
		name: "envsubst and Flux substitutions in scalars",
		src: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${APP}
  namespace: ${NAMESPACE:=default}
spec:
  replicas: ${REPLICAS}
  template:
    spec:
      containers:
      - name: app
        image: ${IMAGE}
`,
	}, {
		name: "empty and null fields are absent fields",
		src: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
  annotations: null
spec:
  template:
    metadata:
    spec:
      initContainers:
      containers:
      - name: app
        resources: {}
        lifecycle:
        ports: []
`,
	}, {
		name: "anchors and merge keys",
		src: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - &base
    name: a
    resources: &res
      limits: {memory: 1Gi}
  - <<: *base
    name: b
    resources: *res
`,
	}, {
		name: "a strategic merge patch",
		src: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - $patch: delete
        name: sidecar
      - name: app
        resources:
          $patch: replace
          limits:
            memory: 512Mi
`,
	}, {
		name: "a custom resource whose spec is not an object",
		src: `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec: [1, 2]
`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := parseK8s(t, tc.src)
			require.NoError(t, err)
			require.Len(t, docs, 1)
		})
	}
}

// One malformed item of a List is reported; the others are still checked.
func TestListKeepsItemsBesideAMalformedOne(t *testing.T) {
	docs, err := parseK8s(t, `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: broken}
  spec:
    ports: 80
- apiVersion: v1
  kind: Service
  metadata: {name: fine}
  spec:
    ports:
    - port: 80
`)
	require.EqualError(t, err, `in.yaml:8: Service/broken: spec.ports: want a list (ports), got "80"`)
	require.Len(t, docs, 1)
	require.Equal(t, "fine", docs[0].Name)
}

func TestComposeShapes(t *testing.T) {
	parse := func(src string) ([]*Document, error) {
		return ParseYAML(Compose, "compose.yaml", []byte(src), DefaultLimits)
	}
	for _, tc := range []struct{ name, src, want string }{{
		name: "healthcheck as a command string",
		src:  "services:\n  db:\n    image: postgres:16\n    healthcheck: pg_isready\n",
		want: `compose.yaml:4: services.db.healthcheck: want a mapping (test, interval, timeout, retries), got "pg_isready"`,
	}, {
		name: "a service written as a list",
		src:  "services:\n  web:\n  - image: nginx:1.27\n",
		want: `compose.yaml:3: services.web: want a mapping (a service), got a list`,
	}, {
		name: "restart_policy as a string",
		src:  "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy: always\n",
		want: `compose.yaml:5: services.web.deploy.restart_policy: want a mapping (condition, delay, max_attempts), got "always"`,
	}, {
		name: "depends_on as one name",
		src:  "services:\n  web:\n    image: nginx:1.27\n    depends_on: db\n",
		want: `compose.yaml:4: services.web.depends_on: want a list (service names, or a mapping of them), got "db"`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := parse(tc.src)
			require.Empty(t, docs)
			require.EqualError(t, err, tc.want)
		})
	}

	// As people write them: extension fields, anchors and merge keys,
	// depends_on in both forms, a null healthcheck override.
	docs, err := parse(`x-defaults: &defaults
  restart: unless-stopped
  healthcheck:
    test: ["CMD", "true"]
services:
  db:
    <<: *defaults
    image: postgres:16
  web:
    <<: *defaults
    image: nginx:1.27
    depends_on:
      db:
        condition: service_healthy
  worker:
    image: app:1.0
    healthcheck:
    depends_on: [db]
`)
	require.NoError(t, err)
	require.Len(t, docs, 1)
}

// Compose override files remove or replace a base file's value with the
// !reset and !override tags (Compose 2.24). A reset field is absent from
// the merged service, whatever its written shape; an overriding value is
// checked as it is written.
func TestComposeResetAndOverrideTags(t *testing.T) {
	docs, err := ParseYAML(Compose, "compose.override.yaml", []byte(`services:
  web:
    healthcheck: !reset null
    depends_on: !reset []
    deploy: !reset {}
    restart: !reset null
    image: !override nginx:1.27
`), DefaultLimits)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	v, err := docs[0].Value()
	require.NoError(t, err)
	// Absent, not null or empty: Rego takes null or {} for a value that is
	// set, and compose/healthcheck would pass a service left without one.
	require.Equal(t, `{"services": {"web": {"image": "nginx:1.27"}}}`, v.String())

	_, err = ParseYAML(Compose, "compose.override.yaml", []byte("services:\n  web:\n    healthcheck: !override pg_isready\n"), DefaultLimits)
	require.EqualError(t, err, `compose.override.yaml:3: services.web.healthcheck: want a mapping (test, interval, timeout, retries), got "pg_isready"`)
}
