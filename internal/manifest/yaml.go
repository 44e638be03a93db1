package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"

	"github.com/relcheck/relcheck/internal/yamlerr"
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

// ReadFile reads a file under the size limit. A larger file is refused before
// reading it, so a stray 100 MB dump cannot stall the run.
func ReadFile(path, display string, l Limits) ([]byte, error) {
	// Opening a named pipe blocks until something writes to it: refuse
	// anything but a regular file before opening it.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, &Error{File: display, Err: errors.New("not a regular file but a pipe, socket or device; relcheck reads manifests from files or standard input")}
	}
	f, err := os.Open(path)
	if err != nil {
		if target, lerr := os.Readlink(path); lerr == nil && errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{File: display, Err: fmt.Errorf("broken symbolic link: its target %s does not exist", target)}
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the display path already names the file
		}
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
	// Sized from the stat so that a file is read into one buffer (io.ReadAll
	// grows from 512 bytes by doubling); the limit still holds if the file
	// grows meanwhile.
	var buf bytes.Buffer
	buf.Grow(int(st.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, l.MaxFileBytes+1)); err != nil {
		return nil, &Error{File: display, Err: err}
	}
	if int64(buf.Len()) > l.MaxFileBytes {
		return nil, &Error{File: display, Err: fmt.Errorf("file grew over the %d byte limit for manifests while it was read", l.MaxFileBytes)}
	}
	return buf.Bytes(), nil
}

// Stdin is the display name of manifests piped to relcheck.
const Stdin = "<stdin>"

// ReadStdin reads manifests piped to relcheck, under the same size limit.
func ReadStdin(r io.Reader, l Limits) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, l.MaxFileBytes+1))
	if err != nil {
		return nil, &Error{File: Stdin, Err: err}
	}
	if int64(len(data)) > l.MaxFileBytes {
		return nil, &Error{File: Stdin, Err: fmt.Errorf("input is over the %d byte limit for manifests", l.MaxFileBytes)}
	}
	return data, nil
}

func yamlError(display string, err error, offset int) *Error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return &Error{File: display, Err: err}
	}
	line, msg := yamlerr.Split(err.Error())
	if line > 0 {
		line += offset
	}
	return &Error{File: display, Line: line, Err: errors.New(msg)}
}

// decodeNodes splits a YAML stream into document nodes. Most manifests are
// within fastDecode's subset and get the same nodes yaml.v3 would give, at a
// fraction of the cost; the rest, and every malformed file, go to yaml.v3.
func decodeNodes(display string, data []byte) ([]*yaml.Node, error) {
	if docs, ok := fastDecode(data); ok {
		return docs, nil
	}
	return decodeNodesYAML(display, data)
}

// decodeNodesYAML splits a YAML stream with a real decoder; "---" inside a
// block scalar is content, not a separator.
func decodeNodesYAML(display string, data []byte) ([]*yaml.Node, error) {
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
// skipped; a `kind: List` becomes its items. Documents are kept packed
// (value and positions), so the file is read and parsed once.
func ParseYAML(t Type, display string, data []byte, l Limits) ([]*Document, error) {
	nodes, err := decodeNodes(display, data)
	var out []*Document
	p := newPacker(l)
	var errs []error
	for _, n := range nodes {
		// A document that cannot be packed is reported; the file's other
		// documents are still checked.
		docs, derr := documentsOf(t, p, display, n)
		if derr != nil {
			errs = append(errs, derr)
		}
		out = append(out, docs...)
	}
	if err != nil {
		errs = append(errs, err)
	}
	return out, errors.Join(errs...)
}

func documentsOf(t Type, p *packer, display string, n *yaml.Node) ([]*Document, error) {
	if len(n.Content) == 0 {
		return nil, nil
	}
	root := n.Content[0]
	offset := 0
	// Piped helm output has no file of its own: its findings name the
	// template. A rendered file committed to disk is what a reader opens,
	// so it keeps its own path and lines.
	if tpl, line, ok := helmSource(n); ok && display == Stdin {
		display, offset = tpl, line
	}
	if t == Compose {
		if root.Kind != yaml.MappingNode {
			return nil, &Error{File: display, Line: root.Line - offset, Err: errors.New("a Compose file must be a mapping")}
		}
		if se := checkComposeShape(root); se != nil {
			return nil, &Error{File: display, Line: se.line - offset, Err: errors.New(se.msg)}
		}
		v, err := p.pack(root)
		if err != nil {
			return nil, packError(display, offset, err)
		}
		return []*Document{{Type: Compose, File: display, packed: v, offset: offset}}, nil
	}
	apiVersion, kind := scalarField(root, "apiVersion"), scalarField(root, "kind")
	if apiVersion == "" || kind == "" {
		return nil, nil
	}
	if items := field(root, "items"); items != nil && strings.HasSuffix(kind, "List") && items.Kind == yaml.SequenceNode {
		var out []*Document
		var errs []error
		for _, it := range items.Content {
			d, err := k8sDocument(p, it, display, offset)
			if err != nil {
				// A malformed item is reported; the list's other items are
				// still checked.
				errs = append(errs, err)
			}
			if d != nil {
				out = append(out, d)
			}
		}
		return out, errors.Join(errs...)
	}
	d, err := k8sDocument(p, root, display, offset)
	if d == nil {
		return nil, err
	}
	return []*Document{d}, err
}

// packError names the file and, when the packer knows it, the line.
func packError(display string, offset int, err error) error {
	var le *lineError
	if errors.As(err, &le) {
		return &Error{File: display, Line: le.line - offset, Err: le.err}
	}
	return &Error{File: display, Err: err}
}

func k8sDocument(p *packer, n *yaml.Node, display string, offset int) (*Document, error) {
	at := n
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
	var name, namespace string
	if md := field(n, "metadata"); md != nil {
		name = scalarField(md, "name")
		if name == "" {
			name = scalarField(md, "generateName")
		}
		namespace = scalarField(md, "namespace")
	}
	if se := checkShape(kind, n); se != nil {
		return nil, &Error{File: display, Line: se.line - offset, Err: fmt.Errorf("%s: %s", identity(kind, namespace, name), se.msg)}
	}
	v, err := p.pack(at)
	if err != nil {
		return nil, packError(display, offset, err)
	}
	// The identity strings live as long as the document: they go to the
	// arena beside its packed form instead of pinning the YAML tree's spans.
	return &Document{Type: Kubernetes, File: display, packed: v, offset: offset,
		APIVersion: packedStrings.Join(scalarField(n, "apiVersion")), Kind: packedStrings.Join(kind),
		Name: packedStrings.Join(name), Namespace: packedStrings.Join(namespace)}, nil
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
