// Package manifest turns deploy files into documents that policies evaluate
// and that remember where every field came from: Kubernetes YAML and JSON,
// Compose files and Terraform module directories.
package manifest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Type says which policy domain a document belongs to.
type Type string

const (
	Kubernetes Type = "kubernetes"
	Terraform  Type = "terraform"
	Compose    Type = "compose"
)

// Pos is a place in a file. Lines and columns are 1-based; zero is unknown.
type Pos struct {
	File            string
	Line, Col       int
	EndLine, EndCol int
}

// Document is one unit of policy input: a Kubernetes object, a Compose file or
// a Terraform module.
type Document struct {
	Type Type
	// File is the display path of the file the document came from (for
	// Terraform, the module directory). For Helm output it is the template
	// named by the "# Source:" comment.
	File string
	// Kubernetes identity; empty for other types.
	APIVersion, Kind, Namespace, Name string

	// A document holds either its Rego value (Terraform, built from HCL) or
	// its packed YAML, decoded by Value on demand.
	input  ast.Value
	packed packed
	// offset is subtracted from packed lines: Helm output reports lines
	// relative to the template named by its "# Source:" comment.
	offset int
	loc    locator
}

// Value is what policies see as `input`. A YAML document is decoded anew on
// every call, so callers that hold many documents hold them packed and
// decode one at a time.
func (d *Document) Value() (ast.Value, error) {
	if d.input != nil {
		return d.input, nil
	}
	if d.packed == "" {
		return ast.Null{}, nil
	}
	v, err := d.packed.decode()
	if err != nil {
		return nil, &Error{File: d.File, Err: err}
	}
	return v, nil
}

// Lookup returns the value at path and the position of its key, without
// decoding the rest of the document; ok is false when path does not exist.
func (d *Document) Lookup(path []any) (v ast.Value, pos Pos, ok bool) {
	if d.packed == "" {
		v := d.input
		for _, p := range path {
			var t *ast.Term
			switch x := v.(type) {
			case ast.Object:
				if key, ok := p.(string); ok {
					t = x.Get(ast.InternedTerm(key))
				}
			case *ast.Array:
				if i, ok := index(p); ok && i >= 0 && i < x.Len() {
					t = x.Elem(i)
				}
			}
			if t == nil {
				return nil, Pos{}, false
			}
			v = t.Value
		}
		pos, _, _ = d.Locate(path)
		return v, pos, v != nil
	}
	r, pos, complete := d.find(path)
	if !complete {
		return nil, pos, false
	}
	v = r.value()
	return v, pos, r.err == nil
}

func (d *Document) find(path []any) (*reader, Pos, bool) {
	r, line, col, complete := d.packed.find(path)
	return r, Pos{File: d.File, Line: line - d.offset, Col: col}, complete && r.err == nil
}

// Resource is the name a finding gives the object when a policy result does
// not name one.
func (d *Document) Resource() string {
	if d.Type == Kubernetes {
		return identity(d.Kind, d.Namespace, d.Name)
	}
	return ""
}

// identity names a Kubernetes object as findings and errors do.
func identity(kind, namespace, name string) string {
	if namespace == "" {
		return kind + "/" + name
	}
	return kind + "/" + namespace + "/" + name
}

// Locate returns the position of the deepest element of path that exists in
// the document: a rule that reports a missing field points at its parent.
// The bool reports whether the whole path existed.
func (d *Document) Locate(path []any) (Pos, bool, error) {
	if d.packed != "" {
		r, pos, complete := d.find(path)
		if r.err != nil {
			return pos, false, &Error{File: d.File, Err: r.err}
		}
		return pos, complete, nil
	}
	if d.loc == nil {
		return Pos{File: d.File}, false, nil
	}
	return d.loc.locate(path)
}

// locator maps a field path to a position.
type locator interface {
	locate(path []any) (Pos, bool, error)
}

// PathKey renders a policy path as a stable string, used as a map key and in
// fingerprints. Integers are array indexes.
func PathKey(path []any) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 {
			b.WriteByte('.')
		}
		switch v := p.(type) {
		case string:
			b.WriteString(strconv.Quote(v))
		case int:
			b.WriteString(strconv.Itoa(v))
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}
