package manifest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// FuzzParseYAML: whatever the bytes, parsing returns documents or an error,
// never a panic, and every document it returns decodes, and each of its
// top-level fields is found by Lookup with the value decoding gave. go test
// runs the seeds (the library's fixtures and some hostile shapes); go test
// -fuzz FuzzParseYAML ./internal/manifest explores further.
func FuzzParseYAML(f *testing.F) {
	fixtures, _ := filepath.Glob("../../policies/testdata/kubernetes/*/*.yaml")
	for _, p := range fixtures {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"a: &a [*a]\n",
		"apiVersion: v1\nkind: X\nmetadata: {name: x}\nbase: &b {k: 1}\nm: {<<: *b, k: 2}\n",
		"apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: Pod, metadata: {name: p}}, 3, null]\n",
		"apiVersion: v1\nkind: X\nmetadata: {name: x}\n? [complex]\n: key\n",
		"---\n---\n...\n",
		"apiVersion: v1\nkind: X\nmetadata: {name: x}\nb: !!binary aGVsbG8=\nf: .nan\ni: 0x_1F\n",
		"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: [null, {name: a, resources: []}]}}}\n",
		"services:\n  web: [x]\n  db: {healthcheck: x, deploy: {restart_policy: 1}, depends_on: db}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		limits := Limits{MaxFileBytes: 1 << 20, MaxNodes: 10_000, MaxDepth: 50}
		cdocs, cerr := ParseYAML(Compose, "compose.yaml", data, limits)
		for _, d := range cdocs {
			if _, err := d.Value(); err != nil {
				t.Fatalf("a parsed Compose file does not decode: %v (parse error: %v)", err, cerr)
			}
		}
		docs, _ := ParseYAML(Kubernetes, "fuzz.yaml", data, limits)
		for _, d := range docs {
			v, err := d.Value()
			if err != nil {
				t.Fatalf("a parsed document does not decode: %v", err)
			}
			obj, ok := v.(ast.Object)
			if !ok {
				t.Fatalf("a Kubernetes document decoded to %T", v)
			}
			for _, k := range obj.Keys() {
				key := string(k.Value.(ast.String))
				got, _, found := d.Lookup([]any{key})
				if !found || got.Compare(obj.Get(k).Value) != 0 {
					t.Fatalf("Lookup(%q) = %v, %v; decoded %v", key, got, found, obj.Get(k).Value)
				}
			}
		}
	})
}
