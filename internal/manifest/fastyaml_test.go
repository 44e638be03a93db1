package manifest

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sameAsYAMLv3 is the fast path's oracle: when fastDecode takes data, yaml.v3
// must accept it too and build a DeepEqual tree. It reports whether the fast
// path took the input.
func sameAsYAMLv3(t testing.TB, name string, data []byte) bool {
	t.Helper()
	fast, ok := fastDecode(data)
	if !ok {
		return false
	}
	want, err := decodeNodesYAML(name, data)
	if err != nil {
		t.Fatalf("%s: the fast path took input yaml.v3 refuses (%v):\n%q", name, err, data)
	}
	// Comments matter only to helmSource; the fast path drops those it
	// does not place. Compare what helmSource reads, then the trees
	// without their comments.
	for i := range min(len(fast), len(want)) {
		ft, fl, fok := helmSource(fast[i])
		wt, wl, wok := helmSource(want[i])
		if ft != wt || fl != wl || fok != wok {
			t.Fatalf("%s: document %d: helmSource gives %q line %d with the fast path, %q line %d with yaml.v3, on\n%q", name, i, ft, fl, wt, wl, data)
		}
	}
	dropComments(fast)
	dropComments(want)
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("%s: the fast path differs from yaml.v3 on\n%q\nfast:\n%syaml.v3:\n%s", name, data, dumpNodes(fast), dumpNodes(want))
	}
	return true
}

func dropComments(docs []*yaml.Node) {
	var drop func(n *yaml.Node)
	drop = func(n *yaml.Node) {
		n.HeadComment, n.LineComment, n.FootComment = "", "", ""
		for _, c := range n.Content {
			drop(c)
		}
	}
	for _, d := range docs {
		drop(d)
	}
}

func dumpNodes(docs []*yaml.Node) string {
	var b strings.Builder
	var dump func(n *yaml.Node, ind string)
	dump = func(n *yaml.Node, ind string) {
		fmt.Fprintf(&b, "%skind=%d style=%d tag=%q value=%q anchor=%q %d:%d head=%q line=%q foot=%q content=%v alias=%v\n",
			ind, n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment, n.Content == nil, n.Alias != nil)
		for _, c := range n.Content {
			dump(c, ind+"  ")
		}
	}
	for _, d := range docs {
		dump(d, "")
	}
	return b.String()
}

// Shapes the fast path must take: the ones real manifests are made of.
var fastTaken = []string{
	"a: 1\n",
	"\n\n  a: 1\n  b: x\n",
	"a: 1", // no final newline
	"---\na: 1\n---\n\nb:\nc:   \nd: {}\ne: []\n",
	"- a\n-\n  b: 1\n- - x\n  - y\n-   k: v\n    j:\n",
	"a:\n- x\n- y: 1\n  z: 2\nb: c\n",
	"a:\n  - x\n  -   y: 1\n      z:\n        - - q\n          - r\n",
	"- key:\n  - a\n  other: 1\n- key:\n- last\n",
	"k: 'it''s'\nq: \"a: b # not a comment\"\n'quoted key': v\n\"dq\": ''\n",
	"url: http://x:80/a#frag\nimage: nginx:1.2\nargs: []\n",
	"i: 1\nn: -3\nh: 0x1F\no: 0o17\nold: 0123\nb: 0b101\nf: 1.5\ne: 1e3\nu: 1_000\np: +1\nbig: 18446744073709551615\nhuge: 99999999999999999999\n",
	"t: true\nF: False\nn: null\nN: ~\ny: yes\noff: off\ninf: .inf\nninf: -.Inf\nnan: .NaN\ndot: .5\nodd: .x\ncpu: 100m\nmem: 128Mi\nv: 1.10.0\nneg: -\u00e9\n",
	"a: b   \nc: 'd'   \n", // trailing spaces
	"unicode: h\u00e9llo w\u00f6rld\n\u00e9: 1\nk\u00e9y: x\n",
	"a: b#c\nd: e:f\ng: --flag=1\n",
	"- \u00e9: x\n  \u00fc: '\u00e9'\n",
	"# Source: chart/templates/x.yaml\napiVersion: v1\nkind: X\n",
	"# Source: a\n\napiVersion: v1\n",
	"---\n# Source: a\n# more\napiVersion: v1\n---\n# Source: b\nkind: X\n",
	"# lic\n# lic2\n\n# Source: a\napiVersion: v1\n",
	"\n\n# c\n\n\nk: v\n",
	"#\n#x\u00e9\nk: v\n",
	"---\n\n# c\nk: v\n",
	"\n# c\nk: v\n",
	"# c\n  \nk: v\n", // a line of spaces is blank
	// Comments inside a document are dropped; the trees match otherwise.
	"a: 1 # comment\n",
	"a: 1\n# foot\n",
	"a:\n  # inner\n  b: 1\n",
	"- a\n# c\n- b\n",
	"a: # why\n  b: 1 # and\nc: # empty\nd: x#y # c\ne:\n- # item\n  k: v\n",
	"k: v\n    # indented, trailing space \n---\n# Source: b\nk: v # c\n",
	"spec:\n  replicas: 3 # HA\n  # ports:\n  # - 80\n  selector: {} # all\n  list: [] # none\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: a:1\n          ports:\n            - containerPort: 8080\n",
}

// Constructs the fast path must leave to yaml.v3 (some are errors there).
var fastDeclined = []string{
	"",
	"# only a comment\n",
	"  # indented\na: 1\n",
	"# trailing space \na: 1\n",
	"# c\n---\na: 1\n",
	"# c\n- a\n",
	"# a\n\n# b\n\n# c\nk: v\n",
	"---\n# a\n\n# b\nk:\n  - x\n",
	"---\n# a\n\nk: v\n",
	"a: 1\n---\n# a\n\n# b\nk: v\n",
	"a: [1, 2]\n",
	"a: {b: 1}\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"a: |\n  text\n",
	"a: >-\n  text\n",
	"a: multi\n  line\n",
	"a: 'multi\n  line'\n",
	"a: \"esc\\n\"\n",
	"a:\tb\n",
	"a: 1\r\nb: 2\r\n",
	"\ufeffa: 1\n",
	"%YAML 1.2\n---\na: 1\n",
	"a: 1\n...\n",
	"? a\n: b\n",
	"a: 1\na: 2\n",
	"<<: {}\n",
	"a:\n  <<: x\n",
	"d: 2024-01-02\n",
	"a: 1\n---\n",
	"---\n---\na: 1\n",
	"scalar\n",
	"a: b: c\n",
	"a: - b\n",
	"- a\n-\n- b\n",
	"a: 1\n b: 2\n",
	"a:\n  b: 1\n c: 2\n",
	"a: \"unclosed\n",
	"key : v\n",
	"a: \u2028\n",
	"a: \U0001F600\n",
	"{\"a\": 1}\n",
	"- a\nb: 1\n",
}

func TestFastYAMLTakes(t *testing.T) {
	for _, s := range fastTaken {
		if !sameAsYAMLv3(t, "taken", []byte(s)) {
			t.Errorf("the fast path declined %q", s)
		}
	}
}

func TestFastYAMLDeclines(t *testing.T) {
	for _, s := range fastDeclined {
		if _, ok := fastDecode([]byte(s)); ok {
			t.Errorf("the fast path took %q", s)
		}
	}
}

// TestFastYAMLFiles runs the oracle over every YAML file in the repository
// and, with RELCHECK_YAML_CORPUS set to a list of directories (separated by
// the OS path list separator), over real corpora.
func TestFastYAMLFiles(t *testing.T) {
	roots := []string{"../.."}
	if c := os.Getenv("RELCHECK_YAML_CORPUS"); c != "" {
		roots = append(roots, filepath.SplitList(c)...)
	}
	for _, root := range roots {
		taken, declined := 0, 0
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == ".git" {
				return filepath.SkipDir
			}
			if ext := filepath.Ext(path); d.IsDir() || (ext != ".yaml" && ext != ".yml") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil // broken links among the fixtures
			}
			if sameAsYAMLv3(t, path, data) {
				taken++
			} else {
				declined++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := taken + declined; n > 0 {
			t.Logf("%s: fast path took %d of %d YAML files (%.0f%%), declined %d", root, taken, n, 100*float64(taken)/float64(n), declined)
		}
	}
}

func FuzzFastYAML(f *testing.F) {
	for _, s := range append(append([]string{}, fastTaken...), fastDeclined...) {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"a: \"k: v\"\nb: '# x'\n",
		"- - - x\n    - y\n  - z\n",
		"a:\n-\n  b: 1\n",
		"a:\n\n\n  b: 1\n\n",
		"---\n# c\na: 1\n",
		"a: 1\r\n",
		"a: 'x'' y'\n",
		"-x: 1\n-: 2\n",
		"a: 0b\nb: -0b1\nc: -0o7\nd: 0o\ne: 1__0\nf: +0x1\ng: -9223372036854775809\n",
		"a: 1.\nb: -.5e+3\nc: 1e\nd: +.e1\n",
		"\u00e9\u00e9: \u00e9\n  \u00e9: x\n",
		"a: ''\nb: \"\"\n''': x\n",
		"a: [] x\nb: {}}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsYAMLv3(t, "fuzz", data)
	})
}

// gendeploy's shape, the benchmark's 20,000 files.
const benchDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-630
  namespace: team-30
  labels:
    app: svc-630
    team: team-30
spec:
  replicas: 3
  selector:
    matchLabels:
      app: svc-630
  template:
    metadata:
      labels:
        app: svc-630
        team: team-30
    spec:
      containers:
        - name: app
          image: registry.example.com/team-30/svc-630:1.10.0
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: http
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 30
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
`

func BenchmarkDecodeNodes(b *testing.B) {
	inputs := map[string][]byte{"gendeploy": []byte(benchDeployment)}
	// Real multi-document manifests, when the corpus is on this machine.
	for name, path := range map[string]string{
		"multidoc-a": os.Getenv("RELCHECK_BENCH_MULTIDOC_A"),
		"multidoc-b": os.Getenv("RELCHECK_BENCH_MULTIDOC_B"),
	} {
		if data, err := os.ReadFile(path); path != "" && err == nil {
			inputs[name] = data
		}
	}
	for name, data := range inputs {
		if _, ok := fastDecode(data); !ok {
			b.Logf("%s: the fast path declines it", name)
		}
		b.Run(name+"/fast", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := decodeNodes("x", data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/yamlv3", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := decodeNodesYAML("x", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fastScalars are strings whose encoding yaml.v3 picks by content: plain,
// quoted, or a form the fast path declines.
var fastScalars = []string{"", "x", "yes", "No", "on", "1e3", "0x1F", "0o17", "1_000", "+1", "-2", "3.", ".5", "-.inf",
	"- x", "a: b", "a:b", "#x", "x #y", "x#y", "'q'", `"d"`, "it's", "~", "null", "Null", "true", "FALSE",
	"2001-01-01", "2001-01-01T00:00:00Z", "100m", "128Mi", "<<", "@x", "`x", "%x", "!x", "&x", "*x", "|", ">",
	"?", "[", "{", "[]", "{}", ",x", "x,y", ":x", "x:", " x", "x ", "ä", "😀",
	"registry.example.com/team/app:1.2.3", "/healthz", "8080", "0777", "09", "1:2", "http://x/y?z=1#f"}

// fastEscaped are strings the encoder writes in forms the fast path
// leaves to yaml.v3 (block scalars, escapes); rarer, so that most documents
// stay within the subset and the oracle bites.
var fastEscaped = []string{"a\nb", "tab\there", "back\\slash", "line\n"}

func fastScalar(r *rand.Rand) string {
	if r.IntN(20) == 0 {
		return fastEscaped[r.IntN(len(fastEscaped))]
	}
	return fastScalars[r.IntN(len(fastScalars))]
}

// fastValue builds a random value of at most depth levels from r.
func fastValue(r *rand.Rand, depth int) any {
	switch k := r.IntN(6); {
	case depth == 0 || k < 2:
		switch r.IntN(5) {
		case 0:
			return r.IntN(2000) - 1000
		case 1:
			return r.IntN(2) == 0
		case 2:
			return nil
		default:
			return fastScalar(r)
		}
	case k < 4:
		m := map[string]any{}
		for range 1 + r.IntN(3) {
			m[fastScalar(r)] = fastValue(r, depth-1)
		}
		return m
	default:
		var s []any
		for range 1 + r.IntN(3) {
			s = append(s, fastValue(r, depth-1))
		}
		return s
	}
}

// TestFastYAMLEncoded checks the fast path against yaml.v3 on what
// yaml.v3's own encoder writes for random values, at the indentations
// people use: every scalar form the encoder picks, nested in every way.
func TestFastYAMLEncoded(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	taken := 0
	const n = 3000
	for i := range n {
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2 + 2*(i%2))
		for range 1 + r.IntN(3) {
			if err := enc.Encode(fastValue(r, 4)); err != nil {
				t.Fatal(err)
			}
		}
		if err := enc.Close(); err != nil {
			t.Fatal(err)
		}
		if sameAsYAMLv3(t, fmt.Sprintf("case %d", i), buf.Bytes()) {
			taken++
		}
	}
	// The oracle only bites on what the fast path takes.
	if taken < n/10 {
		t.Fatalf("the fast path took %d of %d encoded documents", taken, n)
	}
	t.Logf("taken %d of %d", taken, n)
}

// TestFastYAMLManyKeys: the fast path takes a mapping of many keys (a large
// ConfigMap) and checks it for duplicates past the keys it scans. What it
// costs against yaml.v3, and that the cost grows linearly with the keys, is
// BenchmarkFastYAMLManyKeys's to print: a timed assertion here failed under
// load.
func TestFastYAMLManyKeys(t *testing.T) {
	data := []byte("data:\n" + manyKeys(100000, "  "))
	if _, ok := fastDecode(data); !ok {
		t.Fatal("the fast path declined")
	}
	if _, ok := fastDecode([]byte("data:\n" + manyKeys(100000, "  ") + "  key0050000: dup\n")); ok {
		t.Fatal("the fast path took a duplicate of the 50,000th key")
	}
	// Past the keys a scan checks, a duplicate still declines, and a nested
	// mapping's keys do not count as the outer one's.
	for _, s := range []string{
		"m:\n" + manyKeys(40, "  ") + "  key0000039: dup\n",
		"m:\n" + manyKeys(40, "  ") + "  n:\n" + manyKeys(40, "    ") + "  key0000001: dup\n",
	} {
		if _, ok := fastDecode([]byte(s)); ok {
			t.Errorf("the fast path took a duplicate key in\n%s", s)
		}
	}
	nested := "m:\n" + manyKeys(40, "  ") + "  n:\n" + manyKeys(40, "    ") + "  z: v\n"
	if !sameAsYAMLv3(t, "nested", []byte(nested)) {
		t.Error("the fast path declined nested mappings that share key names")
	}
}

func manyKeys(n int, indent string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%skey%07d: v\n", indent, i)
	}
	return b.String()
}

// BenchmarkFastYAMLManyKeys: a mapping of 10,000 and 100,000 keys, through
// yaml.v3 and the fast path. ns/op should grow tenfold for both.
func BenchmarkFastYAMLManyKeys(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		data := []byte("data:\n" + manyKeys(n, "  "))
		b.Run(fmt.Sprintf("yamlv3/%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := decodeNodesYAML("x", data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("fast/%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, ok := fastDecode(data); !ok {
					b.Fatal("declined")
				}
			}
		})
	}
}
