package policy_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/manifest"
	"github.com/relcheck/relcheck/internal/policy"
	"github.com/relcheck/relcheck/policies"
)

var wantRE = regexp.MustCompile(`#\s*want:\s*([a-z0-9-]+/[a-z0-9-]+)`)

func builtinEngine(t testing.TB) *policy.Engine {
	t.Helper()
	mods, err := policy.ReadFS(policies.FS, "policies")
	require.NoError(t, err)
	e, err := policy.New(mods, policy.Options{Strict: true})
	require.NoError(t, err)
	return e
}

// wants reads the "# want: RULE" markers of every file below dir.
func wants(t *testing.T, dir string) map[string][]int {
	t.Helper()
	out := map[string][]int{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range wantRE.FindAllStringSubmatch(line, -1) {
				out[m[1]] = append(out[m[1]], i+1)
			}
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

func parseFixture(t *testing.T, path string) []*manifest.Document {
	t.Helper()
	st, err := os.Stat(path)
	require.NoError(t, err)
	if st.IsDir() {
		var files []manifest.TerraformFile
		compose := ""
		entries, err := os.ReadDir(path)
		require.NoError(t, err)
		for _, e := range entries {
			p := filepath.Join(path, e.Name())
			switch {
			case strings.HasSuffix(e.Name(), ".tf"), strings.HasSuffix(e.Name(), ".tf.json"):
				files = append(files, manifest.TerraformFile{Path: p, Display: p})
			case strings.HasSuffix(e.Name(), ".yaml"), strings.HasSuffix(e.Name(), ".yml"):
				compose = p
			}
		}
		if compose != "" {
			data, err := os.ReadFile(compose)
			require.NoError(t, err)
			docs, err := manifest.ParseYAML(manifest.Compose, compose, data, manifest.DefaultLimits)
			require.NoError(t, err)
			return docs
		}
		doc, err := manifest.ParseTerraform(path, files, nil, manifest.DefaultLimits)
		require.NoError(t, err)
		return []*manifest.Document{doc}
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	docs, err := manifest.ParseYAML(manifest.Kubernetes, path, data, manifest.DefaultLimits)
	require.NoError(t, err)
	return docs
}

// TestFixtures runs the whole built-in library through the engine on every
// fixture and checks that each rule reports exactly the lines its fail
// fixture marks, and nothing on its pass fixture.
func TestFixtures(t *testing.T) {
	e := builtinEngine(t)
	root := filepath.Join("..", "..", "policies", "testdata")
	ruleDirs, err := filepath.Glob(filepath.Join(root, "*", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, ruleDirs, "no policy fixtures found")
	checked := 0
	for _, dir := range ruleDirs {
		dir := dir
		t.Run(filepath.Base(filepath.Dir(dir))+"/"+filepath.Base(dir), func(t *testing.T) {
			want := wants(t, dir)
			require.Len(t, want, 1, "%s: fixtures must mark exactly one rule id", dir)
			var rule string
			var lines []int
			for r, ls := range want {
				rule, lines = r, ls
			}
			sort.Ints(lines)
			matches, _ := filepath.Glob(filepath.Join(dir, "fail*"))
			require.NotEmpty(t, matches)
			var got []int
			for _, m := range matches {
				fs, errs := e.Evaluate(context.Background(), parseFixture(t, m))
				require.Empty(t, errs)
				for _, f := range fs {
					if f.Rule == rule {
						got = append(got, f.Line)
						require.NotEmpty(t, f.Resource, "finding %s:%d has no resource", f.File, f.Line)
					}
				}
			}
			sort.Ints(got)
			require.Equal(t, lines, got, "lines of %s in %s", rule, dir)

			passes, _ := filepath.Glob(filepath.Join(dir, "pass*"))
			require.NotEmpty(t, passes, "%s has no pass fixture", dir)
			for _, p := range passes {
				fs, errs := e.Evaluate(context.Background(), parseFixture(t, p))
				require.Empty(t, errs)
				for _, f := range fs {
					require.NotEqual(t, rule, f.Rule, "pass fixture %s reports %s at line %s", p, rule, strconv.Itoa(f.Line))
				}
			}
			checked++
		})
	}
	t.Logf("%d rule fixtures checked", checked)
}
