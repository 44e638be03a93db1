package suppress

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
)

// gitPatch is `git diff --unified=0` output of a realistic change: an edited
// Go file, a manifest whose removed "---" separator looks like a file
// header, a new file, a deleted file and a rename with an edit.
const gitPatch = `diff --git a/cmd/server/main.go b/cmd/server/main.go
index 3b18e51..a8f4c2d 100644
--- a/cmd/server/main.go
+++ b/cmd/server/main.go
@@ -12 +12,2 @@ func main() {
-	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: 5 * time.Second}
+	srv := &http.Server{Addr: ":8080"}
+	go http.ListenAndServe(":6060", nil)
@@ -30,0 +32 @@ func main() {
+	resp, _ := client.Do(req)
diff --git a/deploy/web.yaml b/deploy/web.yaml
index 1111111..2222222 100644
--- a/deploy/web.yaml
+++ b/deploy/web.yaml
@@ -9,2 +8,0 @@ metadata:
----
--- a/old
@@ -20 +18 @@ spec:
-  replicas: 3
+  replicas: 1
diff --git a/deploy/worker.yaml b/deploy/worker.yaml
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/deploy/worker.yaml
@@ -0,0 +1,3 @@
+apiVersion: apps/v1
+kind: Deployment
+++ not a header
diff --git a/old.go b/old.go
deleted file mode 100644
index 4444444..0000000
--- a/old.go
+++ /dev/null
@@ -1,2 +0,0 @@
-package main
-func old() {}
diff --git a/internal/a.go b/internal/b.go
similarity index 90%
rename from internal/a.go
rename to internal/b.go
index 5555555..6666666 100644
--- a/internal/a.go
+++ b/internal/b.go
@@ -4 +4 @@ package internal
-var x = 1
+var x = 2
`

func (c *Changes) summary() map[string][]int {
	out := map[string][]int{}
	for f, set := range c.lines {
		for l := range set {
			out[f] = append(out[f], l)
		}
		sort.Ints(out[f])
	}
	for f := range c.added {
		out[f+" (added)"] = nil
	}
	return out
}

func TestParseDiff(t *testing.T) {
	tests := []struct {
		name  string
		patch string
		want  map[string][]int
	}{
		{"git", gitPatch, map[string][]int{
			"cmd/server/main.go":         {12, 13, 32},
			"deploy/web.yaml":            {18},
			"deploy/worker.yaml":         {1, 2, 3},
			"deploy/worker.yaml (added)": nil,
			"internal/b.go":              {4},
		}},
		{"diff -u with timestamps and context", `--- service/main.go	2026-11-20 10:00:00.000000000 +0000
+++ service/main.go	2026-11-21 10:00:00.000000000 +0000
@@ -5,6 +5,7 @@
 import "net/http"
 
 func main() {
-	http.ListenAndServe(":8080", h)
+	srv := &http.Server{Addr: ":8080", Handler: h}
+	srv.ListenAndServe()
 }
 
 var h http.Handler
--- /dev/null	1970-01-01 00:00:00.000000000 +0000
+++ service/new.go	2026-11-21 10:00:00.000000000 +0000
@@ -0,0 +1 @@
+package main
`, map[string][]int{
			// Context lines are in the hunk but are not changes.
			"service/main.go":        {8, 9},
			"service/new.go":         {1},
			"service/new.go (added)": nil,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseDiff(strings.NewReader(tt.patch))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.summary(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestParseDiffMalformed(t *testing.T) {
	_, err := ParseDiff(strings.NewReader("--- a/x\n+++ b/x\n@@ -1 +x @@\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("err = %v, want one naming line 3", err)
	}
}

func TestOnlyNew(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"cmd/server/main.go", "deploy/web.yaml", "deploy/worker.yaml", "internal/b.go"} {
		writeFile(t, root, f, "x\n")
	}
	c, err := ParseDiff(strings.NewReader(gitPatch))
	if err != nil {
		t.Fatal(err)
	}
	c.Root = root
	fs := []finding.Finding{
		{Rule: "go/http-server-timeout", File: "server/main.go", Line: 13},     // changed line, seen from cmd/
		{Rule: "go/unchecked-error", File: "server/main.go", Line: 14},         // unchanged line
		{Rule: "k8s/min-replicas", File: "../deploy/web.yaml", Line: 18},       // changed
		{Rule: "k8s/readiness-probe", File: "../deploy/web.yaml", Line: 9},     // next to a deletion: not new
		{Rule: "k8s/readiness-probe", File: "../deploy/worker.yaml", Line: 40}, // added file
		{Rule: "k8s/pdb", File: "<stdin>", Line: 3},                            // cannot be placed: kept
		{Rule: "go/unchecked-error", File: "../internal/b.go", Line: 0},        // whole-file, file changed
	}
	kept, hidden := c.OnlyNew(fs, filepath.Join(root, "cmd"))
	var got []string
	for _, f := range kept {
		got = append(got, f.File+":"+f.Rule)
	}
	want := []string{"server/main.go:go/http-server-timeout", "../deploy/web.yaml:k8s/min-replicas", "../deploy/worker.yaml:k8s/readiness-probe", "<stdin>:k8s/pdb", "../internal/b.go:go/unchecked-error"}
	if !reflect.DeepEqual(got, want) || hidden != 2 {
		t.Errorf("kept %q, hidden %d; want %q, hidden 2", got, hidden, want)
	}
}

// requireGit skips without git, except in CI, where only-new mode must be
// tested for real.
func requireGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("git is required in CI: %v", err)
		}
		t.Skip("git is not installed")
	}
}

func gitRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=relcheck test", "-c", "user.email=test@relcheck.dev", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestFromRev(t *testing.T) {
	requireGit(t)
	t.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	gitRun(t, dir, "init", "-q")
	writeFile(t, dir, "app/main.go", "package main\n\nfunc main() {\n\ta()\n\tb()\n}\n")
	writeFile(t, dir, "deploy/web.yaml", "kind: Deployment\nspec:\n  replicas: 3\n")
	gitRun(t, dir, "add", ".")
	gitRun(t, dir, "commit", "-q", "-m", "base")
	gitRun(t, dir, "checkout", "-q", "-b", "feature")
	// A committed change on the branch, an uncommitted one, and an
	// untracked file.
	writeFile(t, dir, "app/main.go", "package main\n\nfunc main() {\n\ta()\n\tc()\n\tb()\n}\n")
	gitRun(t, dir, "commit", "-q", "-am", "feature")
	writeFile(t, dir, "deploy/web.yaml", "kind: Deployment\nspec:\n  replicas: 1\n")
	writeFile(t, dir, "app/extra.go", "package main\n")
	// A commit on main after the branch point must not count as the
	// branch's change.
	gitRun(t, dir, "checkout", "-q", "main")
	writeFile(t, dir, "later.go", "package main\n")
	gitRun(t, dir, "add", "later.go")
	gitRun(t, dir, "commit", "-q", "-m", "later on main")
	gitRun(t, dir, "checkout", "-q", "feature")

	c, err := FromRev(context.Background(), "main", filepath.Join(dir, "app"))
	if err != nil {
		t.Fatal(err)
	}
	got := c.summary()
	want := map[string][]int{
		"app/main.go":          {5},
		"deploy/web.yaml":      {3},
		"app/extra.go (added)": nil,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}

	if _, err := FromRev(context.Background(), "no-such-branch", dir); err == nil || !strings.Contains(err.Error(), "no-such-branch is not a commit here (fetch it first") {
		t.Errorf("a bad revision gave %v, want one that says to fetch it", err)
	}

	// CI checks out one commit by default: the branch and main share no
	// commit in the clone, and the error says how to fetch the history.
	shallow := filepath.Join(t.TempDir(), "clone")
	gitRun(t, dir, "clone", "-q", "--depth", "1", "--branch", "feature", "file://"+dir, shallow)
	gitRun(t, shallow, "fetch", "-q", "--depth", "1", "origin", "+refs/heads/main:refs/remotes/origin/main")
	_, err = FromRev(context.Background(), "origin/main", shallow)
	if err == nil || !strings.Contains(err.Error(), "share no commit in this shallow clone") || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("a shallow clone gave %v, want the shallow-clone advice", err)
	}
	gitRun(t, shallow, "fetch", "-q", "--unshallow", "origin", "+refs/heads/main:refs/remotes/origin/main")
	if _, err := FromRev(context.Background(), "origin/main", shallow); err != nil {
		t.Errorf("after unshallowing: %v", err)
	}
}

func TestFromPatch(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "change.patch", gitPatch)
	c, err := FromPatch(context.Background(), p, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.lines["cmd/server/main.go"]) != 3 {
		t.Errorf("lines of cmd/server/main.go = %v", c.lines["cmd/server/main.go"])
	}
	if _, err := FromPatch(context.Background(), filepath.Join(dir, "missing.patch"), dir); err == nil || !strings.Contains(err.Error(), "missing.patch") {
		t.Errorf("missing patch: err = %v, want one naming the file", err)
	}
}
