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
// documents. Only the annotation's path is read, not the whole document.
func Annotations(docs []*manifest.Document) []Annotation {
	var out []Annotation
	for _, d := range docs {
		if d.Type != manifest.Kubernetes {
			continue
		}
		for _, p := range annotationPaths {
			v, pos, ok := d.Lookup(p)
			s, isString := v.(ast.String)
			if !ok || !isString {
				continue
			}
			out = append(out, Annotation{File: d.File, Resource: d.Resource(), Value: string(s), Line: pos.Line, Col: pos.Col})
		}
	}
	return out
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
