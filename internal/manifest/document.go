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
	// Input is what policies see as `input`.
	Input ast.Value

	// Kubernetes identity; empty for other types.
	APIVersion, Kind, Namespace, Name string

	loc locator
}

// Resource is the name a finding gives the object when a policy result does
// not name one.
func (d *Document) Resource() string {
	if d.Type == Kubernetes {
		if d.Namespace == "" {
			return d.Kind + "/" + d.Name
		}
		return d.Kind + "/" + d.Namespace + "/" + d.Name
	}
	return ""
}

// Locate returns the position of the deepest element of path that exists in
// the document: a rule that reports a missing field points at its parent.
// The bool reports whether the whole path existed.
func (d *Document) Locate(path []any) (Pos, bool, error) {
	if d.loc == nil {
		return Pos{File: d.File}, false, nil
	}
	return d.loc.locate(path)
}

// Source identifies the text a document was read from; documents of one
// multi-document file share it. Callers group Locate calls by Source and
// call Release when done, so each file is parsed once for positions.
func (d *Document) Source() any {
	if y, ok := d.loc.(*yamlLoc); ok {
		return y.src
	}
	return d
}

// Release drops what Locate cached for this document's source.
func (d *Document) Release() {
	if y, ok := d.loc.(*yamlLoc); ok {
		y.src.mu.Lock()
		y.src.nodes = nil
		y.src.mu.Unlock()
	}
}

// locator maps a field path to a position. YAML documents re-read their
// source on demand instead of keeping node trees: 20,000 manifests' trees
// would cost hundreds of megabytes for the handful of lines findings need.
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
