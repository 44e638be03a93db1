package policies

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"go.yaml.in/yaml/v3"

	"github.com/relcheck/relcheck/internal/gendeploy"
)

// BenchmarkLibrary measures the Kubernetes rules of the library on
// Deployments the way internal/policy evaluates them: one prepared query
// binding the deny set of every rule whose custom.kinds include Deployment,
// the document passed as a parsed ast.Value, StrictBuiltinErrors, and every
// object of the variant under data.relcheck.objects[kind][namespace][name].
//
//	go test -run '^$' -bench BenchmarkLibrary -benchtime 2s ./policies
//
// all/<variant> is the combined query; <rule>/<variant> one rule alone.
// µs/doc and allocs/doc divide by the Deployments of the variant. Every
// iteration checks the number of findings against benchWant, so a rule that
// stops firing (or a query that evaluates nothing) fails the benchmark.
func BenchmarkLibrary(b *testing.B) {
	lib := newBenchLibrary(b)
	for _, v := range benchVariants {
		b.Run("all/"+v.name, func(b *testing.B) {
			lib.run(b, v, lib.rules)
		})
	}
	for _, r := range lib.rules {
		for _, v := range benchVariants {
			b.Run(strings.TrimPrefix(r.id, "k8s/")+"/"+v.name, func(b *testing.B) {
				lib.run(b, v, []benchRule{r})
			})
		}
	}
}

// BenchmarkEveryKind evaluates every document of a variant, of any
// kind, with the rules whose custom.kinds include its kind (one prepared
// query per kind, as the engine builds them): the Services, PodDisruptionBudgets,
// autoscalers, StatefulSets and CronJobs of real manifests beside the
// Deployments. µs/doc and allocs/doc divide by all documents of the variant.
//
//	go test -run '^$' -bench BenchmarkEveryKind ./policies
func BenchmarkEveryKind(b *testing.B) {
	lib := newBenchLibrary(b)
	for _, v := range benchVariants {
		b.Run(v.name, func(b *testing.B) {
			docs, store := v.loadAll(b)
			queries := map[string]rego.PreparedEvalQuery{}
			for _, d := range docs {
				if _, ok := queries[d.kind]; !ok && len(lib.byKind[d.kind]) > 0 {
					queries[d.kind] = lib.prepare(b, store, lib.byKind[d.kind])
				}
			}
			ctx := context.Background()
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for b.Loop() {
				for _, d := range docs {
					pq, ok := queries[d.kind]
					if !ok {
						continue
					}
					if _, err := pq.Eval(ctx, rego.EvalParsedInput(d.val)); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			perOp := float64(b.N) * float64(len(docs))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/perOp/1000, "µs/doc")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/perOp, "allocs/doc")
		})
	}
}

// TestBenchmarkExpectations runs each benchmark query once, so that plain
// go test keeps benchWant (and the documents) honest.
func TestBenchmarkExpectations(t *testing.T) {
	lib := newBenchLibrary(t)
	for _, v := range benchVariants {
		docs, store := v.load(t)
		got := countFindings(t, lib.prepare(t, store, lib.rules), docs, lib.rules)
		for _, r := range lib.rules {
			one := countFindings(t, lib.prepare(t, store, []benchRule{r}), docs, []benchRule{r})
			if one[r.id] != got[r.id] {
				t.Errorf("%s/%s: %d findings alone, %d in the combined query", r.id, v.name, one[r.id], got[r.id])
			}
		}
		checkCounts(t, v.name, got, lib.rules)
	}
}

type benchRule struct {
	id, pkg string
}

type benchLibrary struct {
	compiler *ast.Compiler
	rules    []benchRule            // the rules that apply to Deployments, by id
	byKind   map[string][]benchRule // every Kubernetes rule, by the kinds it applies to
}

func newBenchLibrary(tb testing.TB) *benchLibrary {
	tb.Helper()
	mods := map[string]*ast.Module{}
	var rules []benchRule
	byKind := map[string][]benchRule{}
	for _, f := range load(tb) {
		if strings.HasSuffix(f.name, "_test.rego") {
			continue
		}
		mods[f.name] = f.mod
		if !strings.HasPrefix(f.name, "kubernetes/") {
			continue
		}
		for _, a := range f.mod.Annotations {
			if a.Scope != "package" {
				continue
			}
			kinds, _ := a.Custom["kinds"].([]any)
			id, _ := a.Custom["id"].(string)
			r := benchRule{id: id, pkg: f.mod.Package.Path.String()}
			for _, k := range kinds {
				kind, _ := k.(string)
				byKind[kind] = append(byKind[kind], r)
				if k == "Deployment" {
					rules = append(rules, r)
				}
			}
		}
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].id < rules[j].id })
	for _, rs := range byKind {
		sort.Slice(rs, func(i, j int) bool { return rs[i].id < rs[j].id })
	}
	c := ast.NewCompiler().WithDefaultRegoVersion(ast.RegoV1).WithEnablePrintStatements(false)
	if c.Compile(mods); c.Failed() {
		tb.Fatal(c.Errors)
	}
	if len(rules) == 0 {
		tb.Fatal("no rule applies to Deployments")
	}
	return &benchLibrary{compiler: c, rules: rules, byKind: byKind}
}

// prepare builds the query the engine builds: r<i>_0 := data.<pkg>.deny.
func (l *benchLibrary) prepare(tb testing.TB, store ast.Object, rules []benchRule) rego.PreparedEvalQuery {
	tb.Helper()
	var q strings.Builder
	for i, r := range rules {
		if i > 0 {
			q.WriteString("; ")
		}
		fmt.Fprintf(&q, "r%d_0 := %s.deny", i, r.pkg)
	}
	pq, err := rego.New(
		rego.Query(q.String()),
		rego.Compiler(l.compiler),
		rego.Store(inmem.NewFromASTObject(store)),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return pq
}

// countFindings evaluates every document and returns the findings per rule id.
func countFindings(tb testing.TB, pq rego.PreparedEvalQuery, docs []ast.Value, rules []benchRule) map[string]int {
	tb.Helper()
	per := evalCounts(tb, pq, docs, queryVars(rules))
	got := map[string]int{}
	for i, r := range rules {
		got[r.id] += per[i]
	}
	return got
}

// queryVars are the variables prepare binds, one per rule.
func queryVars(rules []benchRule) []string {
	vars := make([]string, len(rules))
	for i := range rules {
		vars[i] = fmt.Sprintf("r%d_0", i)
	}
	return vars
}

// evalCounts evaluates every document and counts each variable's findings.
func evalCounts(tb testing.TB, pq rego.PreparedEvalQuery, docs []ast.Value, vars []string) []int {
	per := make([]int, len(vars))
	ctx := context.Background()
	for _, d := range docs {
		rs, err := pq.Eval(ctx, rego.EvalParsedInput(d))
		if err != nil {
			tb.Fatal(err)
		}
		if len(rs) != 1 || len(rs[0].Bindings) != len(vars) {
			tb.Fatalf("unexpected result set %v", rs)
		}
		for i, v := range vars {
			set, ok := rs[0].Bindings[v].([]any)
			if !ok {
				tb.Fatalf("%s: deny is not a set", v)
			}
			per[i] += len(set)
		}
	}
	return per
}

func (l *benchLibrary) run(b *testing.B, v benchVariant, rules []benchRule) {
	docs, store := v.load(b)
	pq := l.prepare(b, store, rules)
	want := 0
	for _, r := range rules {
		want += benchWant[v.name][r.id]
	}
	vars := queryVars(rules)
	check := func() {
		n := 0
		for _, c := range evalCounts(b, pq, docs, vars) {
			n += c
		}
		if n != want {
			b.Fatalf("%d findings, want %d", n, want)
		}
	}
	check()
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		check()
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	perOp := float64(b.N) * float64(len(docs))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/perOp/1000, "µs/doc")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/perOp, "allocs/doc")
}

func checkCounts(t *testing.T, variant string, got map[string]int, rules []benchRule) {
	t.Helper()
	for _, r := range rules {
		if got[r.id] != benchWant[variant][r.id] {
			t.Errorf("%s on %s: %d findings, benchWant says %d", r.id, variant, got[r.id], benchWant[variant][r.id])
		}
	}
}

type benchVariant struct {
	name string
	yaml string // the documents of the run; the Deployments are evaluated
}

// decode reads every document of the variant with its kind.
func (v benchVariant) decode(tb testing.TB) []benchDoc {
	tb.Helper()
	dec := yaml.NewDecoder(strings.NewReader(v.yaml))
	var docs []benchDoc
	for {
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				return docs
			}
			tb.Fatal(err)
		}
		if doc == nil {
			continue
		}
		val, err := ast.InterfaceToValue(doc)
		if err != nil {
			tb.Fatal(err)
		}
		kind, _ := doc["kind"].(string)
		meta, _ := doc["metadata"].(map[string]any)
		name, _ := meta["name"].(string)
		ns, _ := meta["namespace"].(string)
		if ns == "" {
			ns = "default"
		}
		docs = append(docs, benchDoc{kind: kind, name: name, ns: ns, val: val})
	}
}

type benchDoc struct {
	kind, name, ns string
	val            ast.Value
}

// load returns the Deployments to evaluate, and data.relcheck.objects as the
// engine builds it.
func (v benchVariant) load(tb testing.TB) ([]ast.Value, ast.Object) {
	tb.Helper()
	all, store := v.loadAll(tb)
	var docs []ast.Value
	for _, d := range all {
		if d.kind == "Deployment" {
			docs = append(docs, d.val)
		}
	}
	if len(docs) == 0 {
		tb.Fatalf("%s: no Deployment", v.name)
	}
	return docs, store
}

// loadAll is load with every document of the variant, of any kind.
func (v benchVariant) loadAll(tb testing.TB) ([]benchDoc, ast.Object) {
	tb.Helper()
	docs := v.decode(tb)
	objects := ast.NewObject()
	for _, d := range docs {
		benchChild(benchChild(objects, d.kind), d.ns).Insert(ast.StringTerm(d.name), ast.NewTerm(d.val))
	}
	store := ast.NewObject(ast.Item(ast.StringTerm("relcheck"), ast.NewTerm(ast.NewObject(ast.Item(ast.StringTerm("objects"), ast.NewTerm(objects))))))
	return docs, store
}

func benchChild(o ast.Object, key string) ast.Object {
	if t := o.Get(ast.StringTerm(key)); t != nil {
		return t.Value.(ast.Object)
	}
	c := ast.NewObject()
	o.Insert(ast.StringTerm(key), ast.NewTerm(c))
	return c
}

// benchVariants are the runs the benchmark evaluates. gendeploy is the
// three shapes of scripts/gendeploy (correct; one replica without probes;
// :latest without a memory limit). shop is closer to real manifests:
// several containers with env and mounts, init containers, named ports, a
// Service, a PodDisruptionBudget, an HPA and a KEDA ScaledObject, templated
// and digest images, other kinds beside the Deployments.
var benchVariants = []benchVariant{
	{name: "gendeploy", yaml: "---\n" + gendeploy.Manifest(0) + "---\n" + gendeploy.Manifest(1) + "---\n" + gendeploy.Manifest(2)},
	{name: "shop", yaml: benchShop},
}

// benchWant is the number of findings of each rule on the Deployments of a
// variant.
var benchWant = map[string]map[string]int{
	"gendeploy": {
		"k8s/image-tag":       1,
		"k8s/liveness-probe":  1,
		"k8s/memory-limit":    1,
		"k8s/min-replicas":    1,
		"k8s/pdb-missing":     2,
		"k8s/pod-spread":      2,
		"k8s/readiness-probe": 1,
	},
	"shop": {
		"k8s/hpa-replicas-conflict":        2,
		"k8s/image-tag":                    2,
		"k8s/liveness-probe":               2,
		"k8s/liveness-same-as-readiness":   2,
		"k8s/memory-limit":                 2,
		"k8s/min-replicas":                 1,
		"k8s/pdb-missing":                  2,
		"k8s/pod-spread":                   2,
		"k8s/prestop-hook":                 1,
		"k8s/probe-port-mismatch":          1, // the named port healthz; the undeclared numbers 8081 and 15000 are no longer judged
		"k8s/readiness-probe":              1,
		"k8s/resource-requests":            1,
		"k8s/rolling-update-unavailable":   2,
		"k8s/startup-probe-for-slow-start": 1,
		"k8s/termination-grace-period":     1,
	},
}

const benchEnv = `          env:
            - name: LOG_LEVEL
              value: info
            - name: LOG_FORMAT
              value: json
            - name: HTTP_ADDR
              value: ":8080"
            - name: DB_HOST
              valueFrom:
                configMapKeyRef:
                  name: db
                  key: host
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: password
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: POD_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
            - name: OTEL_EXPORTER_OTLP_ENDPOINT
              value: http://otel-collector.observability:4317
            - name: FEATURE_FLAGS
              value: checkout-v2,search-v3
            - name: CACHE_TTL
              value: "300"
          envFrom:
            - configMapRef:
                name: common
          volumeMounts:
            - name: config
              mountPath: /etc/app
              readOnly: true
            - name: tmp
              mountPath: /tmp
          securityContext:
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities:
              drop: [ALL]
`

const benchShop = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  labels:
    app.kubernetes.io/name: api
    app.kubernetes.io/instance: shop
    helm.sh/chart: api-1.2.3
spec:
  replicas: 3
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app.kubernetes.io/name: api
      app.kubernetes.io/instance: shop
  template:
    metadata:
      labels:
        app.kubernetes.io/name: api
        app.kubernetes.io/instance: shop
      annotations:
        checksum/config: 0123456789abcdef
    spec:
      serviceAccountName: api
      terminationGracePeriodSeconds: 1
      initContainers:
        - name: migrate
          image: busybox:latest
          command: [sh, -c, "migrate up"]
      containers:
        - name: api
          image: registry.example.com:5000/shop/api
          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 5
          resources:
            requests:
              cpu: 250m
            limits:
              memory: 512Mi
` + benchEnv + `        - name: envoy
          image: envoyproxy/envoy:v1.30.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          ports:
            - containerPort: 15001
          readinessProbe:
            tcpSocket:
              port: 15000
          lifecycle:
            preStop:
              exec:
                command: [sleep, "5"]
      volumes:
        - name: config
          configMap:
            name: api
        - name: tmp
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
spec:
  selector:
    app.kubernetes.io/name: api
    app.kubernetes.io/instance: shop
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
  namespace: shop
spec:
  minAvailable: 100%
  selector:
    matchLabels:
      app.kubernetes.io/name: api
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  selector:
    matchLabels:
      app: worker
  strategy:
    rollingUpdate:
      maxUnavailable: 25%
  template:
    metadata:
      labels:
        app: worker
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: worker
      containers:
        - name: worker
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          startupProbe:
            exec:
              command: [cat, /tmp/started]
            failureThreshold: 30
          livenessProbe:
            exec:
              command: [/bin/check, --live]
          readinessProbe:
            exec:
              command: [/bin/check, --live]
          resources:
            limits:
              cpu: "1"
              memory: 1Gi
` + benchEnv + `      volumes:
        - name: config
          configMap:
            name: worker
        - name: tmp
          emptyDir: {}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 4
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 100%
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    app: web
      containers:
        - name: web
          image: ghcr.io/shop/web:2024.05.1
          ports:
            - name: https
              containerPort: 8443
          readinessProbe:
            grpc:
              port: 8443
          livenessProbe:
            grpc:
              port: 8443
              service: liveness
            initialDelaySeconds: 60
          lifecycle:
            preStop:
              sleep:
                seconds: 10
          resources:
            requests:
              cpu: 500m
              memory: 256Mi
            limits:
              memory: 256Mi
` + benchEnv + `        - name: log-shipper
          image: fluent/fluent-bit:3.0
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 64Mi
      volumes:
        - name: config
          configMap:
            name: web
        - name: tmp
          emptyDir: {}
        - name: data
          persistentVolumeClaim:
            claimName: web-cache
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 443
      targetPort: 8443
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef:
    name: web
  maxReplicaCount: 20
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reports
spec:
  replicas: "2"
  selector:
    matchLabels:
      app: reports
  template:
    metadata:
      labels:
        app: reports
    spec:
      containers:
        - name: reports
          image: reports:3.1
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: 8081
          livenessProbe:
            tcpSocket:
              port: healthz
            initialDelaySeconds: 10
            failureThreshold: 10
            periodSeconds: 10
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgres
          image: postgres:16.2
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: shop
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            app: nightly
        spec:
          restartPolicy: OnFailure
          containers:
            - name: nightly
              image: reports:3.1
`
