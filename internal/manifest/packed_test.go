package manifest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/require"
)

// TestPackedValueMatchesJSON decodes documents written as YAML and as the
// equivalent JSON: both must give the Rego value OPA itself builds from the
// JSON, whatever the nesting, key order or scalar types.
func TestPackedValueMatchesJSON(t *testing.T) {
	cases := []struct{ yaml, json string }{
		{"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: \"1\"\n  b: |\n    line\n    ---\n",
			`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"1","b":"line\n---\n"}}`},
		{"apiVersion: v1\nkind: X\nmetadata: {name: x}\nz: [1, 2.5, -3, true, false, null, [], {}]\na: {nested: {deeper: [{k: v}]}}\n",
			`{"apiVersion":"v1","kind":"X","metadata":{"name":"x"},"z":[1,2.5,-3,true,false,null,[],{}],"a":{"nested":{"deeper":[{"k":"v"}]}}}`},
		{"apiVersion: v1\nkind: X\nmetadata: {name: \"\"}\n\"quoted key\": 'single'\n\"1\": one\nempty: \"\"\n",
			`{"apiVersion":"v1","kind":"X","metadata":{"name":""},"quoted key":"single","1":"one","empty":""}`},
	}
	for _, c := range cases {
		for _, src := range []string{c.yaml, c.json} {
			docs, err := ParseYAML(Kubernetes, "in.yaml", []byte(src), DefaultLimits)
			require.NoError(t, err)
			require.Len(t, docs, 1)
			var want any
			require.NoError(t, json.Unmarshal([]byte(c.json), &want))
			wantV, err := ast.InterfaceToValue(want)
			require.NoError(t, err)
			got, err := docs[0].Value()
			require.NoError(t, err)
			require.Equal(t, 0, wantV.Compare(got), "%s\ngot  %v\nwant %v", src, got, wantV)
		}
	}
}

func TestLookupReadsOnePath(t *testing.T) {
	docs, err := ParseYAML(Kubernetes, "in.yaml", []byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    relcheck.dev/ignore: "k8s/min-replicas -- batch"
spec:
  template:
    spec:
      containers:
        - name: a
        - name: b
          image: b:1
`), DefaultLimits)
	require.NoError(t, err)
	d := docs[0]
	v, pos, ok := d.Lookup([]any{"metadata", "annotations", "relcheck.dev/ignore"})
	require.True(t, ok)
	require.Equal(t, ast.String("k8s/min-replicas -- batch"), v)
	require.Equal(t, Pos{File: "in.yaml", Line: 6, Col: 5}, pos)

	v, pos, ok = d.Lookup([]any{"spec", "template", "spec", "containers", 1, "image"})
	require.True(t, ok)
	require.Equal(t, ast.String("b:1"), v)
	require.Equal(t, 13, pos.Line)

	_, pos, ok = d.Lookup([]any{"spec", "template", "spec", "containers", 2})
	require.False(t, ok, "index past the end")
	require.Equal(t, 10, pos.Line, "the nearest existing parent")
	_, _, ok = d.Lookup([]any{"metadata", 0})
	require.False(t, ok, "an index into a mapping")
}

func TestListItemsLocateInTheirFile(t *testing.T) {
	docs, err := ParseYAML(Kubernetes, "list.yaml", []byte(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: a}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: b}
    spec:
      replicas: 1
`), DefaultLimits)
	require.NoError(t, err)
	require.Len(t, docs, 2)
	pos, ok, err := docs[1].Locate([]any{"spec", "replicas"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 11, pos.Line)
	pos, ok, err = docs[1].Locate(nil)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 7, pos.Line, "the object itself is where its item starts")
}

// TestCorruptPackedIsAnError: a damaged packed document (a bug, never user
// input) must surface as an error naming the file, not a panic or a hang.
func TestCorruptPackedIsAnError(t *testing.T) {
	docs, err := ParseYAML(Kubernetes, "in.yaml", []byte("apiVersion: v1\nkind: X\nmetadata: {name: x}\nspec: {a: [1, 2, {b: c}]}\n"), DefaultLimits)
	require.NoError(t, err)
	full := docs[0].packed
	for cut := 0; cut < len(full); cut++ {
		d := *docs[0]
		d.packed = full[:cut]
		if cut == 0 {
			continue // empty: no packed form at all
		}
		_, err := d.Value()
		require.Error(t, err, "cut at %d", cut)
		require.Contains(t, err.Error(), "in.yaml")
		// Locating reads only the prefix it needs: an error, or a position
		// inside the document, never a panic.
		if pos, _, err := d.Locate([]any{"spec", "a", 2, "b"}); err == nil {
			require.Positive(t, pos.Line, "cut at %d", cut)
		}
	}
	d := *docs[0]
	d.packed = packed("\x09\x01\x01")
	_, err = d.Value()
	require.ErrorIs(t, err, errCorrupt)
}

// TestDuplicateKeysRefused: a key written twice is an error at the second
// one, as kubectl reports it, and the file's other documents are still
// checked. Keys that override a merge (<<) are not duplicates.
func TestDuplicateKeysRefused(t *testing.T) {
	src := "apiVersion: v1\nkind: X\nmetadata: {name: x}\nspec:\n  a: 1\nother: 1\nspec: 0\n---\napiVersion: v1\nkind: Y\nmetadata: {name: y}\n"
	docs, err := ParseYAML(Kubernetes, "in.yaml", []byte(src), DefaultLimits)
	require.Error(t, err)
	require.Contains(t, err.Error(), "in.yaml:7")
	require.Contains(t, err.Error(), `key "spec" is written twice in one mapping (first 3 lines above)`)
	require.Len(t, docs, 1)
	require.Equal(t, "Y", docs[0].Kind)

	_, err = ParseYAML(Kubernetes, "in.yaml", []byte("apiVersion: v1\nkind: X\nmetadata: {name: x}\nbase: &b {k: 1, j: 2}\nm: {<<: *b, k: 2}\n"), DefaultLimits)
	require.NoError(t, err)
	_, err = ParseYAML(Kubernetes, "in.yaml", []byte("apiVersion: v1\nkind: X\nmetadata: {name: x, labels: {a: 1, b: 2, a: 3}}\n"), DefaultLimits)
	require.ErrorContains(t, err, `key "a" is written twice in one mapping (first earlier on this line)`)
	_, err = ParseYAML(Kubernetes, "in.yaml", []byte("apiVersion: v1\nkind: X\nmetadata:\n  name: x\n  name: y\n"), DefaultLimits)
	require.ErrorContains(t, err, `in.yaml:5`)
	require.ErrorContains(t, err, `key "name" is written twice in one mapping (first 1 line above)`)
}

// TestLookupInTerraform: Lookup works on documents built from HCL too,
// through blocks (arrays) as well as attributes.
func TestLookupInTerraform(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.tf")
	require.NoError(t, os.WriteFile(main, []byte("resource \"aws_db_instance\" \"main\" {\n  multi_az = false\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n"), 0o644))
	doc, err := ParseTerraform("mod", []TerraformFile{{Path: main, Display: "mod/main.tf"}}, nil, DefaultLimits)
	require.NoError(t, err)
	v, pos, ok := doc.Lookup([]any{"resource", "aws_db_instance", "main", "lifecycle", 0, "prevent_destroy"})
	require.True(t, ok)
	require.Equal(t, ast.Boolean(true), v)
	require.Equal(t, 4, pos.Line)
	_, _, ok = doc.Lookup([]any{"resource", "aws_db_instance", "main", "lifecycle", 1})
	require.False(t, ok)
}

// TestPackErrorLineInHelmTemplate: a refused document rendered by Helm is
// named by its template and a line counted within it.
func TestPackErrorLineInHelmTemplate(t *testing.T) {
	src := "---\n# Source: shop/templates/a.yaml\napiVersion: v1\nkind: A\nmetadata: {name: a}\n---\n# Source: shop/templates/web.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  name: web2\n"
	docs, err := ParseYAML(Kubernetes, "<stdin>", []byte(src), DefaultLimits)
	require.Len(t, docs, 1)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "shop/templates/web.yaml", e.File)
	require.Equal(t, 5, e.Line, "counted from the line after the # Source: comment, as in the template")
}
