package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/cli"
)

// These tests run whole checks in-process on repositories they write to
// temporary directories, from inside them: finding paths, fingerprints and
// git all depend on the working directory.

type supReport struct {
	Findings []struct {
		Rule, File, Message, Resource, Fingerprint string
		Line                                       int
	}
	Summary struct{ Hidden int }
}

func supWrite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// supRun runs relcheck with args and returns the exit code, standard output
// and standard error.
func supRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(args, cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// supCheck runs a check with the JSON report and returns its findings as
// "file:line rule" and the hidden count.
func supCheck(t *testing.T, wantCode int, args ...string) ([]string, supReport) {
	t.Helper()
	code, out, errs := supRun(t, append([]string{"check", "--format", "json"}, args...)...)
	if code != wantCode {
		t.Fatalf("relcheck %v exited %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, wantCode, out, errs)
	}
	var r supReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("JSON report: %v\n%s", err, out)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.File+":"+strconv.Itoa(f.Line)+" "+f.Rule)
	}
	return got, r
}

const supGoMod = "module example.com/shop\n\ngo 1.22\n"

// supDeployment is a Deployment without probes or resources: it has
// k8s/readiness-probe at its container (line 17) among others.
const supDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: ghcr.io/example/web:1.0
`

func TestCheckInlineSuppressions(t *testing.T) {
	dir := t.TempDir()
	supWrite(t, dir, map[string]string{
		"go.mod": supGoMod,
		"main.go": `package main

import "net/http"

func main() {
	//relcheck:ignore go/http-server-timeout,go/unchecked-error -- the load balancer enforces timeouts
	http.ListenAndServe(":8080", nil)
	go func() {
		_ = http.ListenAndServe(":8081", nil) //relcheck:ignore go/http-server-timeout
	}()
	debug()
	//relcheck:ignore go/unchecked-error -- nothing left to suppress here
	select {}
}

// debug serves pprof on localhost only.
//
//relcheck:ignore go/http-server-timeout -- localhost debug endpoint
func debug() {
	go func() {
		_ = http.ListenAndServe("localhost:6060", nil)
	}()
}
`,
		"deploy/web.yaml": strings.Replace(supDeployment, "      containers:\n", "      containers:\n        # relcheck:ignore k8s/readiness-probe -- static site, any pod can serve\n", 1),
		"deploy/worker.yaml": strings.NewReplacer("name: web", "name: worker", "app: web", "app: worker", "replicas: 2", "replicas: 1",
			"  namespace: shop\n", "  namespace: shop\n  annotations:\n    relcheck.dev/ignore: \"k8s/min-replicas -- batch worker, one replica by design; k8s/readiness-probe -- no traffic\"\n").Replace(supDeployment),
		"infra/main.tf": `# relcheck:ignore tf/aws-rds-multi-az -- staging database, rebuilt from snapshots
resource "aws_db_instance" "staging" {
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}

resource "aws_db_instance" "orders" { # relcheck:ignore tf/aws-rds-multi-az
  engine         = "postgres"
  instance_class = "db.t4g.medium"
}
`,
	})
	t.Chdir(dir)
	got, _ := supCheck(t, cli.ExitFindings, ".")
	has := func(s string) bool {
		for _, g := range got {
			if g == s {
				return true
			}
		}
		return false
	}
	for _, want := range []string{
		"main.go:9 go/http-server-timeout",       // the suppression has no reason
		"main.go:9 relcheck/suppression-reason",  // … which is a finding itself
		"main.go:12 relcheck/unused-suppression", // nothing on line 13 to suppress
		"infra/main.tf:7 tf/aws-rds-multi-az",    // no reason
		"infra/main.tf:7 relcheck/suppression-reason",
	} {
		if !has(want) {
			t.Errorf("missing %s in\n%s", want, strings.Join(got, "\n"))
		}
	}
	for _, g := range got {
		switch {
		case strings.HasPrefix(g, "main.go:7 "), g == "main.go:21 go/http-server-timeout":
			t.Errorf("suppressed finding reported: %s", g)
		case strings.HasSuffix(g, " k8s/readiness-probe"), strings.HasSuffix(g, " k8s/min-replicas"):
			t.Errorf("suppressed manifest finding reported: %s", g)
		case g == "infra/main.tf:2 tf/aws-rds-multi-az":
			t.Errorf("suppressed Terraform finding reported: %s", g)
		}
	}
	// The function-wide suppression names one rule; the others stay.
	if !has("main.go:21 go/unchecked-error") || !has("infra/main.tf:2 tf/aws-rds-deletion-protection") {
		t.Errorf("a suppression hid more than its rules:\n%s", strings.Join(got, "\n"))
	}
	if !has("deploy/web.yaml:18 k8s/liveness-probe") {
		t.Errorf("a suppression hid more than its rule: no k8s/liveness-probe in\n%s", strings.Join(got, "\n"))
	}
}

func TestCheckSuppressionOfSkippedEngineIsNotUnused(t *testing.T) {
	dir := t.TempDir()
	supWrite(t, dir, map[string]string{
		"go.mod":          supGoMod,
		"main.go":         "package main\n\nfunc main() {\n\t//relcheck:ignore go/unchecked-error -- checked with --only go\n\tprintln()\n}\n",
		"deploy/web.yaml": supDeployment,
		".relcheck.yaml":  "rules:\n  k8s/liveness-probe:\n    enabled: false\n",
	})
	// A disabled rule's suppression is not unused either.
	supWrite(t, dir, map[string]string{"deploy/web.yaml": strings.Replace(supDeployment, "        - name: web\n", "        - name: web # relcheck:ignore k8s/liveness-probe -- disabled in config, kept for when it is back\n", 1)})
	t.Chdir(dir)
	got, _ := supCheck(t, cli.ExitFindings, "--only", "manifests", ".")
	for _, g := range got {
		if strings.Contains(g, "relcheck/") {
			t.Errorf("reported %s for a rule that did not run", g)
		}
	}
}

func TestBaselineSurvivesLineMoves(t *testing.T) {
	dir := t.TempDir()
	mainGo := `package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}
`
	supWrite(t, dir, map[string]string{"go.mod": supGoMod, "main.go": mainGo, "deploy/web.yaml": supDeployment})
	t.Chdir(dir)

	code, out, errs := supRun(t, "baseline", "write", "relcheck-baseline.json", ".")
	if code != cli.ExitOK {
		t.Fatalf("baseline write exited %d\n%s%s", code, out, errs)
	}
	var b struct {
		Version  int
		Findings []struct {
			Rule, File, Fingerprint, Message string
			Line                             int
		}
	}
	data, err := os.ReadFile("relcheck-baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	var goInBaseline int
	for _, f := range b.Findings {
		if f.Fingerprint == "" || f.Line == 0 || f.Message == "" {
			t.Fatalf("incomplete baseline entry %+v", f)
		}
		if f.File == "main.go" {
			goInBaseline++
		}
	}
	if b.Version != 1 || goInBaseline != 2 || len(b.Findings) < 4 {
		t.Fatalf("baseline = %s", data)
	}
	if !strings.Contains(errs, "wrote "+strconv.Itoa(len(b.Findings))+" findings to relcheck-baseline.json") {
		t.Errorf("baseline write said %q", errs)
	}

	// Lines inserted above every finding, and one new finding.
	supWrite(t, dir, map[string]string{
		"main.go": strings.Replace(mainGo, "func main() {\n", `// Version is set at build time.
var Version = "dev"

func admin() {
	http.ListenAndServe(":9090", nil)
}

func main() {
	// Serve the shop.
`, 1),
		"deploy/web.yaml": "# The storefront.\n# Owned by the web team.\n" + supDeployment,
	})
	got, r := supCheck(t, cli.ExitFindings, "--baseline", "relcheck-baseline.json", ".")
	want := []string{"main.go:9 go/http-server-timeout", "main.go:9 go/unchecked-error"}
	if !reflect.DeepEqual(got, want) || r.Summary.Hidden != len(b.Findings) {
		t.Errorf("after moving lines: %q, hidden %d; want %q, hidden %d", got, r.Summary.Hidden, want, len(b.Findings))
	}

	code, out, _ = supRun(t, "check", "--baseline", "relcheck-baseline.json", "--only", "manifests", ".")
	if code != cli.ExitOK || !strings.Contains(out, "no findings (") || !strings.Contains(out, "hidden by baseline") {
		t.Errorf("text report with everything hidden (exit %d):\n%s", code, out)
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	supWrite(t, dir, map[string]string{"deploy/web.yaml": supDeployment, "report.json": `{"tool": "relcheck", "findings": []}`})
	t.Chdir(dir)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"check", "--baseline", "missing.json", "."}, "missing.json"},
		{[]string{"check", "--baseline", "report.json", "."}, "baseline report.json: version 0 is not supported"},
		{[]string{"check", "--new-from-rev", "main", "--new-from-patch", "x.patch", "."}, "cannot be used together"},
		{[]string{"check", "--new-from-patch", "missing.patch", "."}, "missing.patch"},
		{[]string{"baseline", "write"}, "requires at least 1 arg"},
	}
	for _, tt := range tests {
		code, _, errs := supRun(t, tt.args...)
		if code != cli.ExitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("relcheck %v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

func TestCheckNewFromPatch(t *testing.T) {
	dir := t.TempDir()
	worker := strings.NewReplacer("name: web", "name: worker", "app: web", "app: worker").Replace(supDeployment)
	supWrite(t, dir, map[string]string{
		"deploy/web.yaml":    supDeployment,
		"deploy/worker.yaml": worker,
		// The web Deployment went down to one replica; the worker's
		// container was renamed. Written as `git diff` writes it.
		"change.patch": `diff --git a/deploy/web.yaml b/deploy/web.yaml
index 8c1d2f0..4e5a6b7 100644
--- a/deploy/web.yaml
+++ b/deploy/web.yaml
@@ -7 +7 @@ spec:
-  replicas: 2
+  replicas: 1
diff --git a/deploy/worker.yaml b/deploy/worker.yaml
index 9a0b1c2..d3e4f5a 100644
--- a/deploy/worker.yaml
+++ b/deploy/worker.yaml
@@ -17 +17 @@ spec:
-        - name: consumer
+        - name: worker
`,
	})
	supWrite(t, dir, map[string]string{"deploy/web.yaml": strings.Replace(supDeployment, "replicas: 2", "replicas: 1", 1)})
	t.Chdir(dir)
	all, _ := supCheck(t, cli.ExitFindings, "--only", "manifests", ".")
	got, r := supCheck(t, cli.ExitFindings, "--only", "manifests", "--new-from-patch", "change.patch", ".")
	for _, g := range got {
		if g != "deploy/web.yaml:7 k8s/min-replicas" && !strings.HasPrefix(g, "deploy/worker.yaml:17 ") {
			t.Errorf("finding on an unchanged line reported: %s", g)
		}
	}
	if len(got) < 2 || got[0] != "deploy/web.yaml:7 k8s/min-replicas" || r.Summary.Hidden != len(all)-len(got) {
		t.Errorf("new findings %q, hidden %d (of %d)", got, r.Summary.Hidden, len(all))
	}
}

func TestCheckNewFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("git is required in CI: %v", err)
		}
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=relcheck test", "-c", "user.email=test@relcheck.dev", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	mainGo := "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tgo http.ListenAndServe(\":8080\", nil)\n\tselect {}\n}\n"
	supWrite(t, dir, map[string]string{"go.mod": supGoMod, "main.go": mainGo, "deploy/web.yaml": supDeployment})
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "shop")
	git("checkout", "-q", "-b", "metrics")
	// The branch adds a metrics server (committed) and a worker manifest
	// (not yet committed, not even added).
	supWrite(t, dir, map[string]string{"main.go": strings.Replace(mainGo, "\tselect {}", "\tgo http.ListenAndServe(\":9090\", nil)\n\tselect {}", 1)})
	git("commit", "-q", "-am", "metrics")
	supWrite(t, dir, map[string]string{"deploy/worker.yaml": strings.NewReplacer("name: web", "name: worker", "app: web", "app: worker").Replace(supDeployment)})

	t.Chdir(dir)
	got, r := supCheck(t, cli.ExitFindings, "--new-from-rev", "main", ".")
	files := map[string]bool{}
	for _, g := range got {
		file, _, _ := strings.Cut(g, ":")
		files[file] = true
		if strings.HasPrefix(g, "main.go:") && !strings.HasPrefix(g, "main.go:7 ") || strings.HasPrefix(g, "deploy/web.yaml") {
			t.Errorf("old finding reported: %s", g)
		}
	}
	var names []string
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	if len(names) != 2 || names[0] != "deploy/worker.yaml" || names[1] != "main.go" || r.Summary.Hidden == 0 {
		t.Errorf("findings in %q (hidden %d); want the new worker manifest and main.go's new line only", names, r.Summary.Hidden)
	}

	if code, _, errs := supRun(t, "check", "--new-from-rev", "no-such-rev", "."); code != cli.ExitUsage || !strings.Contains(errs, "--new-from-rev no-such-rev") {
		t.Errorf("bad revision: exit %d, %q", code, errs)
	}
}
