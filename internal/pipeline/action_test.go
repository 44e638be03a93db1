package pipeline

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"

	"github.com/relcheck/relcheck/internal/report/sarifschema"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	return root
}

// TestActionlint lints the example workflow, which uses this repository's
// action.yml as a local action, so actionlint also checks the action's
// inputs and outputs as the workflow uses them.
func TestActionlint(t *testing.T) {
	root := repoRoot(t)
	// actionlint resolves "uses: ./" against the project root, which it finds
	// by its .github directory; build a throwaway project with the action.
	proj := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(proj, ".github", "workflows"), 0o755))
	copyFile(t, filepath.Join(root, "action.yml"), filepath.Join(proj, "action.yml"))
	wf := filepath.Join(proj, ".github", "workflows", "relcheck.yml")
	copyFile(t, filepath.Join(root, "internal", "pipeline", "testdata", "workflow.yml"), wf)

	var out bytes.Buffer
	l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{WorkingDir: proj})
	require.NoError(t, err)
	p, err := actionlint.NewProject(proj)
	require.NoError(t, err)
	errs, err := l.LintFile(wf, p)
	require.NoError(t, err)
	require.Empty(t, errs, out.String())

	// The documentation shows the same workflow.
	doc, err := os.ReadFile(filepath.Join(root, "docs", "github-action.md"))
	require.NoError(t, err)
	src, err := os.ReadFile(filepath.Join(root, "internal", "pipeline", "testdata", "workflow.yml"))
	require.NoError(t, err)
	want := strings.Replace(string(src), "uses: ./\n", "uses: relcheck/relcheck@<commit-sha> # pin a full commit SHA\n", 1)
	require.Contains(t, string(doc), want, "docs/github-action.md must show testdata/workflow.yml (with the action pinned)")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o644))
}

type actionDef struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name             string            `yaml:"name"`
			ID               string            `yaml:"id"`
			Run              string            `yaml:"run"`
			Shell            string            `yaml:"shell"`
			Env              map[string]string `yaml:"env"`
			WorkingDirectory string            `yaml:"working-directory"`
			Uses             string            `yaml:"uses"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var exprRE = regexp.MustCompile(`\$\{\{\s*([a-z_.-]+)\s*\}\}`)

// runner runs action.yml's composite steps the way the GitHub runner does:
// expressions are substituted into env and working-directory values, never
// into the script, and each step runs with bash in the workspace.
type runner struct {
	t         *testing.T
	root      string // the action's checkout
	workspace string
	temp      string
	output    string
	summary   string
	event     string
	baseRef   string
}

func newRunner(t *testing.T) *runner {
	r := &runner{t: t, root: repoRoot(t), workspace: t.TempDir(), temp: t.TempDir(), event: "push"}
	r.output = filepath.Join(r.temp, "github_output")
	r.summary = filepath.Join(r.temp, "step_summary")
	return r
}

func (r *runner) run(inputs map[string]string) (stdout, stderr string, outputs map[string]string) {
	t := r.t
	data, err := os.ReadFile(filepath.Join(r.root, "action.yml"))
	require.NoError(t, err)
	var def actionDef
	require.NoError(t, yaml.Unmarshal(data, &def))
	require.Equal(t, "composite", def.Runs.Using)

	ctx := map[string]string{
		"github.action_path": r.root, "github.event_name": r.event, "github.base_ref": r.baseRef,
		"github.workspace": r.workspace,
	}
	for name, in := range def.Inputs {
		v, ok := inputs[name]
		if !ok {
			v = in.Default
		}
		ctx["inputs."+name] = v
	}
	for name := range inputs {
		_, ok := def.Inputs[name]
		require.True(t, ok, "test uses an input the action does not declare: %s", name)
	}
	subst := func(s string) string {
		return exprRE.ReplaceAllStringFunc(s, func(m string) string {
			key := exprRE.FindStringSubmatch(m)[1]
			v, ok := ctx[key]
			require.True(t, ok, "unknown expression %s", m)
			return v
		})
	}
	var out, errb bytes.Buffer
	for _, st := range def.Runs.Steps {
		require.Empty(t, st.Uses, "nested actions must be pinned; this runner has none to run")
		require.Equal(t, "bash", st.Shell, st.Name)
		require.NotContains(t, st.Run, "${{", "step %q interpolates an expression into its script", st.Name)
		cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", st.Run)
		cmd.Dir = r.workspace
		if st.WorkingDirectory != "" {
			cmd.Dir = filepath.Join(r.workspace, subst(st.WorkingDirectory))
		}
		cmd.Env = []string{
			"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
			"GOCACHE=" + goEnv(t, "GOCACHE"), "GOMODCACHE=" + goEnv(t, "GOMODCACHE"), "GOFLAGS=-buildvcs=false",
			"GITHUB_OUTPUT=" + r.output, "GITHUB_STEP_SUMMARY=" + r.summary, "GITHUB_WORKSPACE=" + r.workspace,
			"RUNNER_TEMP=" + r.temp, "GITHUB_ACTIONS=true", "CI=true",
		}
		for k, v := range st.Env {
			cmd.Env = append(cmd.Env, k+"="+subst(v))
		}
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			break // a failing step fails the job; later steps do not run
		}
	}
	return out.String(), errb.String(), readOutputs(t, r.output)
}

func goEnv(t *testing.T, name string) string {
	out, err := exec.Command("go", "env", name).Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// readOutputs parses GITHUB_OUTPUT: name=value lines and name<<DELIM blocks.
func readOutputs(t *testing.T, path string) map[string]string {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return map[string]string{}
	}
	require.NoError(t, err)
	out := map[string]string{}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		if name, delim, ok := strings.Cut(lines[i], "<<"); ok {
			var val []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				val = append(val, lines[i])
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		name, val, ok := strings.Cut(lines[i], "=")
		require.True(t, ok, "malformed output line %q", lines[i])
		out[name] = val
	}
	return out
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		o, err := os.Create(dst)
		if err != nil {
			return err
		}
		if _, err := io.Copy(o, in); err != nil {
			return err
		}
		return o.Close()
	}))
}

func TestActionOnDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relcheck")
	}
	r := newRunner(t)
	copyTree(t, filepath.Join(r.root, "testdata", "demo"), r.workspace)
	stdout, stderr, outputs := r.run(map[string]string{"paths": "."})

	require.Equal(t, "1", outputs["exit-code"], "stderr: %s", stderr)
	require.Regexp(t, `^[1-9][0-9]*$`, outputs["findings"])
	require.Equal(t, "relcheck.sarif", outputs["sarif-file"])
	sarif, err := os.ReadFile(filepath.Join(r.workspace, "relcheck.sarif"))
	require.NoError(t, err)
	require.NoError(t, sarifschema.Validate(sarif), "the action's SARIF must be valid for upload-sarif")

	require.Regexp(t, `(?m)^::error file=internal/inventory/client.go,line=\d+,col=\d+.*title=go/http-client-timeout::`, stdout)
	require.Regexp(t, `(?m)^::error file=deploy/web.yaml,line=\d+.*title=k8s/readiness-probe::`, stdout)
	summary, err := os.ReadFile(r.summary)
	require.NoError(t, err)
	require.Contains(t, string(summary), "relcheck explain")
	require.Less(t, len(summary), 1<<20)
}

// TestActionHostileInputs feeds input values that would run code or forge
// workflow commands if any of them reached a shell or a log line start.
func TestActionHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relcheck")
	}
	r := newRunner(t)
	copyTree(t, filepath.Join(r.root, "testdata", "demo"), r.workspace)
	hostile := map[string]string{
		"paths":      "$(touch pwned) `touch pwned2` \"; echo ::error::x\n::error::forged\n; touch pwned3",
		"args":       "--no-color $(touch pwned4) ;touch pwned5",
		"config":     "",
		"fail-on":    "high; touch pwned6",
		"sarif-file": "out.sarif\nexit-code=0\n::error::forged-output",
		"format":     "text$(touch pwned7)",
	}
	stdout, stderr, outputs := r.run(hostile)
	for i, name := range []string{"pwned", "pwned2", "pwned3", "pwned4", "pwned5", "pwned6", "pwned7"} {
		_ = i
		require.NoFileExists(t, filepath.Join(r.workspace, name))
		require.NoFileExists(t, filepath.Join(r.root, name))
	}
	for _, stream := range []string{stdout, stderr} {
		for _, line := range strings.Split(stream, "\n") {
			require.False(t, strings.HasPrefix(line, "::error::x") || strings.HasPrefix(line, "::error::forged"), "forged workflow command: %q", line)
		}
	}
	require.Equal(t, "2", outputs["exit-code"], "a bad fail-on is a usage error\nstderr: %s", stderr)
	require.Equal(t, "out.sarif\nexit-code=0\n::error::forged-output", outputs["sarif-file"], "a hostile value stays inside its own output")
}

// gitIn runs git in dir with a fixed identity and fails the test on error.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

// TestActionOnlyNewInShallowPullRequest is a pull request checked out the
// way actions/checkout does by default: one commit deep. The action fetches
// the history only-new needs and reports the PR's own finding, not the base
// branch's (before, relcheck failed with "git merge-base ...: exit status 1").
func TestActionOnlyNewInShallowPullRequest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relcheck")
	}
	r := newRunner(t)
	origin := t.TempDir()
	copyTree(t, filepath.Join(r.root, "testdata", "demo"), origin)
	gitIn(t, origin, "init", "-q")
	gitIn(t, origin, "add", "-A")
	gitIn(t, origin, "commit", "-qm", "base")
	gitIn(t, origin, "checkout", "-qb", "feature")
	require.NoError(t, os.WriteFile(filepath.Join(origin, "deploy", "worker.yaml"), []byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: worker}
  template:
    metadata:
      labels: {app: worker}
    spec:
      containers:
      - name: worker
        image: registry.example.com/worker:1.4.2
`), 0o644))
	gitIn(t, origin, "add", "-A")
	gitIn(t, origin, "commit", "-qm", "add a worker")
	gitIn(t, origin, "checkout", "-q", "main")
	gitIn(t, origin, "commit", "-q", "--allow-empty", "-m", "main moves on")

	require.NoError(t, os.Remove(r.workspace))
	gitIn(t, filepath.Dir(r.workspace), "clone", "-q", "--depth", "1", "--branch", "feature", "file://"+origin, r.workspace)
	r.event, r.baseRef = "pull_request", "main"
	stdout, stderr, outputs := r.run(map[string]string{"paths": "."})

	require.Equal(t, "1", outputs["exit-code"], "stdout: %s\nstderr: %s", stdout, stderr)
	require.Contains(t, stdout, "the checkout is shallow")
	require.Regexp(t, `(?m)^::error file=deploy/worker.yaml,line=7,.*title=k8s/min-replicas::`, stdout)
	require.NotContains(t, stdout, "file=deploy/web.yaml", "the base branch's findings are not the PR's")
	require.NotContains(t, stdout, "file=internal/inventory/client.go")
}
