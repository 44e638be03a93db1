package suppress

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/relcheck/relcheck/internal/manifest"
)

// AnnotationKey is the Kubernetes annotation that suppresses rules for the
// object it is on.
const AnnotationKey = "relcheck.dev/ignore"

// annotationPaths are where the annotation is read. The pod template's
// metadata counts as well as the object's own because many Helm charts let
// users set only pod annotations; either way it covers the whole object,
// since findings name the object, not the pod.
var annotationPaths = [][]any{
	{"metadata", "annotations", AnnotationKey},
	{"spec", "template", "metadata", "annotations", AnnotationKey},
	{"spec", "jobTemplate", "spec", "template", "metadata", "annotations", AnnotationKey},
}

// Annotation is one relcheck.dev/ignore annotation on a Kubernetes object.
type Annotation struct {
	File      string // display path, as in findings
	Resource  string // as in findings: "Deployment/shop/web"
	Line, Col int    // of the annotation's key
	Value     string
}

// Annotations collects the relcheck.dev/ignore annotations of Kubernetes
// documents. Only annotated documents are located, so the cost for a run
// without annotations is one map lookup per document.
func Annotations(docs []*manifest.Document) []Annotation {
	var out []Annotation
	located := map[any]*manifest.Document{}
	for _, d := range docs {
		if d.Type != manifest.Kubernetes {
			continue
		}
		for _, p := range annotationPaths {
			v, ok := lookup(d.Input, p).(ast.String)
			if !ok {
				continue
			}
			a := Annotation{File: d.File, Resource: d.Resource(), Value: string(v)}
			if pos, _, err := d.Locate(p); err == nil {
				a.Line, a.Col = pos.Line, pos.Col
				located[d.Source()] = d
			}
			out = append(out, a)
		}
	}
	for _, d := range located {
		d.Release()
	}
	return out
}

func lookup(v ast.Value, path []any) ast.Value {
	for _, p := range path {
		obj, ok := v.(ast.Object)
		if !ok {
			return nil
		}
		t := obj.Get(ast.StringTerm(p.(string)))
		if t == nil {
			return nil
		}
		v = t.Value
	}
	return v
}

// directives splits the annotation's value into entries separated by ";" or
// new lines; each is "RULE[,RULE...] -- reason".
func (a Annotation) directives() []*directive {
	var out []*directive
	for _, e := range strings.FieldsFunc(a.Value, func(r rune) bool { return r == ';' || r == '\n' }) {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		ids, reason := parseDirective(e)
		out = append(out, &directive{file: a.File, line: a.Line, col: a.Col, text: AnnotationKey + ": " + e,
			ids: ids, reason: reason, resource: a.Resource, used: map[string]bool{}})
	}
	return out
}
