package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"
)

// Error is a problem with one input file. Line is 0 when unknown.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// source is the text documents came from. Files are read again when a
// finding needs a line; stdin has no second reading, so its bytes are kept.
type source struct {
	display string // as shown in findings
	path    string // on disk; "" for stdin
	data    []byte // kept only for stdin

	mu    sync.Mutex
	nodes []*yaml.Node // parsed on the first Locate, dropped by Release
}

func (s *source) documents() ([]*yaml.Node, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.nodes != nil {
		return s.nodes, nil
	}
	data, err := s.bytes()
	if err != nil {
		return nil, err
	}
	s.nodes, _ = decodeNodes(s.display, data)
	return s.nodes, nil
}

func (s *source) bytes() ([]byte, error) {
	if s.data != nil {
		return s.data, nil
	}
	return os.ReadFile(s.path)
}

// ReadFile reads a file under the size limit. A larger file is refused before
// reading it, so a stray 100 MB dump cannot stall the run.
func ReadFile(path, display string, l Limits) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: display, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{File: display, Err: err}
	}
	if st.Size() > l.MaxFileBytes {
		return nil, &Error{File: display, Err: fmt.Errorf("file is %d bytes, over the %d byte limit for manifests", st.Size(), l.MaxFileBytes)}
	}
	return io.ReadAll(io.LimitReader(f, l.MaxFileBytes+1))
}

// ReadStdin reads manifests piped to relcheck, under the same size limit.
func ReadStdin(r io.Reader, l Limits) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, l.MaxFileBytes+1))
	if err != nil {
		return nil, &Error{File: "<stdin>", Err: err}
	}
	if int64(len(data)) > l.MaxFileBytes {
		return nil, &Error{File: "<stdin>", Err: fmt.Errorf("input is over the %d byte limit for manifests", l.MaxFileBytes)}
	}
	return data, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlError(display string, err error, offset int) *Error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{File: display, Line: n + offset, Err: errors.New(m[2])}
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return &Error{File: display, Err: err}
	}
	return &Error{File: display, Err: errors.New(strings.TrimPrefix(msg, "yaml: "))}
}

// decodeNodes splits a YAML stream into document nodes with a real decoder;
// "---" inside a block scalar is content, not a separator.
func decodeNodes(display string, data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, yamlError(display, err, 0)
		}
		docs = append(docs, &n)
	}
}

// ParseYAML parses a Kubernetes or Compose file (YAML or JSON). For
// Kubernetes, documents that are not objects (no apiVersion and kind) are
// skipped; a `kind: List` becomes its items. path is where to re-read the
// file for positions ("" keeps data in memory, as for stdin).
func ParseYAML(t Type, path, display string, data []byte, l Limits) ([]*Document, error) {
	src := &source{display: display, path: path}
	if path == "" {
		src.data = data
	}
	nodes, err := decodeNodes(display, data)
	var out []*Document
	for i, n := range nodes {
		docs, derr := documentsOf(t, src, i, n, l)
		if derr != nil {
			return out, derr
		}
		out = append(out, docs...)
	}
	return out, err
}

func documentsOf(t Type, src *source, idx int, n *yaml.Node, l Limits) ([]*Document, error) {
	if len(n.Content) == 0 {
		return nil, nil
	}
	root := n.Content[0]
	display, offset := src.display, 0
	if tpl, line, ok := helmSource(n); ok {
		display, offset = tpl, line
	}
	conv := newConverter(l)
	if t == Compose {
		if root.Kind != yaml.MappingNode {
			return nil, &Error{File: display, Line: root.Line - offset, Err: errors.New("a Compose file must be a mapping")}
		}
		v, err := conv.value(root, 0)
		if err != nil {
			return nil, &Error{File: display, Err: err}
		}
		return []*Document{{Type: Compose, File: display, Input: v, loc: &yamlLoc{src: src, doc: idx, display: display, offset: offset}}}, nil
	}
	apiVersion, kind := scalarField(root, "apiVersion"), scalarField(root, "kind")
	if apiVersion == "" || kind == "" {
		return nil, nil
	}
	if items := field(root, "items"); items != nil && strings.HasSuffix(kind, "List") && items.Kind == yaml.SequenceNode {
		var out []*Document
		for i, it := range items.Content {
			d, err := k8sDocument(conv, src, idx, it, []any{"items", i}, display, offset)
			if err != nil {
				return out, err
			}
			if d != nil {
				out = append(out, d)
			}
		}
		return out, nil
	}
	d, err := k8sDocument(conv, src, idx, root, nil, display, offset)
	if d == nil {
		return nil, err
	}
	return []*Document{d}, err
}

func k8sDocument(conv *converter, src *source, idx int, n *yaml.Node, prefix []any, display string, offset int) (*Document, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	kind := scalarField(n, "kind")
	if kind == "" {
		return nil, nil
	}
	v, err := conv.value(n, 0)
	if err != nil {
		var be *Error
		if errors.As(err, &be) {
			return nil, be
		}
		return nil, &Error{File: display, Err: err}
	}
	d := &Document{Type: Kubernetes, File: display, Input: v, APIVersion: scalarField(n, "apiVersion"), Kind: kind,
		loc: &yamlLoc{src: src, doc: idx, prefix: prefix, display: display, offset: offset}}
	if md := field(n, "metadata"); md != nil {
		d.Name = scalarField(md, "name")
		if d.Name == "" {
			d.Name = scalarField(md, "generateName")
		}
		d.Namespace = scalarField(md, "namespace")
	}
	return d, nil
}

// helmSource finds the "# Source: chart/templates/x.yaml" comment helm
// template writes before each document, and the line it is on, so that
// lines can be reported relative to the rendered template.
func helmSource(doc *yaml.Node) (string, int, bool) {
	candidates := []string{doc.HeadComment}
	if len(doc.Content) > 0 {
		r := doc.Content[0]
		candidates = append(candidates, r.HeadComment)
		if r.Kind == yaml.MappingNode && len(r.Content) > 0 {
			candidates = append(candidates, r.Content[0].HeadComment)
		}
	}
	for _, c := range candidates {
		for _, line := range strings.Split(c, "\n") {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "# Source:"); ok {
				if tpl := strings.TrimSpace(rest); tpl != "" {
					return tpl, commentLine(doc), true
				}
			}
		}
	}
	return "", 0, false
}

// commentLine estimates the line of the Source comment: the line before the
// document's first node minus the other head-comment lines.
func commentLine(doc *yaml.Node) int {
	if len(doc.Content) == 0 {
		return 0
	}
	r := doc.Content[0]
	first := r.Line
	hc := r.HeadComment
	if r.Kind == yaml.MappingNode && len(r.Content) > 0 && r.Content[0].HeadComment != "" {
		hc = r.Content[0].HeadComment
		first = r.Content[0].Line
	}
	if hc == "" {
		hc = doc.HeadComment
	}
	for i, line := range strings.Split(hc, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "# Source:") {
			return first - len(strings.Split(hc, "\n")) + i
		}
	}
	return first - 1
}

func field(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v := m.Content[i+1]
			for v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			return v
		}
	}
	return nil
}

func scalarField(m *yaml.Node, key string) string {
	if v := field(m, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// yamlLoc locates fields of one YAML document by re-reading its source.
type yamlLoc struct {
	src     *source
	doc     int
	prefix  []any
	display string
	offset  int
}

func (y *yamlLoc) locate(path []any) (Pos, bool, error) {
	nodes, err := y.src.documents()
	if err != nil {
		return Pos{File: y.display}, false, err
	}
	if y.doc >= len(nodes) || len(nodes[y.doc].Content) == 0 {
		return Pos{File: y.display}, false, fmt.Errorf("%s: document %d changed while relcheck was running", y.display, y.doc)
	}
	full := append(append([]any{}, y.prefix...), path...)
	n := nodes[y.doc].Content[0]
	line, col := n.Line, n.Column
	complete := true
	for _, p := range full {
		next, kl, kc := child(n, p)
		if next == nil {
			complete = false
			break
		}
		n, line, col = next, kl, kc
	}
	return Pos{File: y.display, Line: line - y.offset, Col: col}, complete, nil
}

// child steps one path element into n and returns the position to report for
// it: a mapping key's line, or a sequence element's line.
func child(n *yaml.Node, p any) (*yaml.Node, int, int) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		key, ok := p.(string)
		if !ok {
			return nil, 0, 0
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key && n.Content[i].Tag != "!!merge" {
				return n.Content[i+1], n.Content[i].Line, n.Content[i].Column
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Tag != "!!merge" {
				continue
			}
			srcs := []*yaml.Node{n.Content[i+1]}
			if s := n.Content[i+1]; s.Kind == yaml.SequenceNode {
				srcs = s.Content
			}
			for _, s := range srcs {
				if v, l, c := child(s, p); v != nil {
					return v, l, c
				}
			}
		}
	case yaml.SequenceNode:
		i, ok := index(p)
		if !ok || i < 0 || i >= len(n.Content) {
			return nil, 0, 0
		}
		e := n.Content[i]
		return e, e.Line, e.Column
	}
	return nil, 0, 0
}

func index(p any) (int, bool) {
	switch v := p.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case float64:
		if v == float64(int(v)) {
			return int(v), true
		}
	case json.Number:
		i, err := v.Int64()
		return int(i), err == nil
	}
	return 0, false
}

// Value converts a Go value (as decoded from JSON) to a Rego value.
func Value(v any) (ast.Value, error) { return ast.InterfaceToValue(v) }
