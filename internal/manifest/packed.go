package manifest

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"

	"github.com/relcheck/relcheck/internal/arena"
)

// A packed document is a YAML document in a compact binary form that holds
// its value and the position of every node, in about the size of its source
// text. A run keeps packed documents instead of Rego values (ten times
// larger) or YAML node trees (twenty times): a document becomes a Rego value
// only while it is evaluated, and findings are located without reading the
// file again. On 20,000 Deployments this is the difference between a few
// tens of megabytes and most of a gigabyte.
//
// Layout, in pre-order: every value is a tag byte, its line and column as
// uvarints, then
//
//	null, false, true   nothing
//	number, string      uvarint length, bytes (numbers in JSON syntax)
//	array               uvarint count, the elements
//	object              uvarint count, then per entry: the key's line and
//	                    column, uvarint key length, key bytes, the value
//
// Objects hold their effective entries: merge keys (<<) are already applied,
// and a merged entry keeps the position of the key it came from. The string
// is immutable, so decoded Rego strings share its bytes.
type packed string

const (
	tagNull byte = iota + 1
	tagFalse
	tagTrue
	tagNumber
	tagString
	tagArray
	tagObject
)

var errCorrupt = errors.New("packed document is corrupt")

// packer turns YAML nodes into a packed document under Limits: it counts
// nodes after alias expansion and nesting depth, so that an alias bomb or a
// pathologically deep document is refused instead of exhausting memory.
type packer struct {
	limits Limits
	nodes  int
	buf    []byte
	// active guards against an alias that refers to one of its own
	// ancestors, which yaml permits and which would never end.
	active map[*yaml.Node]bool
}

func newPacker(l Limits) *packer {
	return &packer{limits: l, active: map[*yaml.Node]bool{}}
}

// pack returns the packed form of n. The packer can be reused for the next
// document of the same file; the node budget is per document.
func (p *packer) pack(n *yaml.Node) (packed, error) {
	p.nodes = 0
	p.buf = p.buf[:0]
	if err := p.value(n, n, 0); err != nil {
		return "", err
	}
	return packed(packedStrings.Bytes(p.buf)), nil
}

// packedStrings holds every packed document of the process densely; see
// package arena for why.
var packedStrings arena.Strings

func (p *packer) head(tag byte, at *yaml.Node) {
	p.buf = append(p.buf, tag)
	p.buf = binary.AppendUvarint(p.buf, uint64(max(at.Line, 0)))
	p.buf = binary.AppendUvarint(p.buf, uint64(max(at.Column, 0)))
}

func (p *packer) bytes(s string) {
	p.buf = binary.AppendUvarint(p.buf, uint64(len(s)))
	p.buf = append(p.buf, s...)
}

// value packs n; at is the node whose position the value carries (an alias
// is reported where it is used, as YAML users read it).
func (p *packer) value(n, at *yaml.Node, depth int) error {
	p.nodes++
	if p.nodes > p.limits.MaxNodes {
		return atLine(n.Line, fmt.Errorf("document expands to more than %d nodes (alias bomb?): %w", p.limits.MaxNodes, errBudget))
	}
	if depth > p.limits.MaxDepth {
		return atLine(n.Line, fmt.Errorf("document nests deeper than %d levels: %w", p.limits.MaxDepth, errBudget))
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			p.head(tagNull, n)
			return nil
		}
		return p.value(n.Content[0], n.Content[0], depth)
	case yaml.AliasNode:
		if p.active[n.Alias] {
			return atLine(n.Line, fmt.Errorf("alias *%s refers to itself", n.Value))
		}
		p.active[n.Alias] = true
		defer delete(p.active, n.Alias)
		return p.value(n.Alias, at, depth+1)
	case yaml.SequenceNode:
		p.head(tagArray, at)
		p.buf = binary.AppendUvarint(p.buf, uint64(len(n.Content)))
		for _, e := range n.Content {
			if err := p.value(e, e, depth+1); err != nil {
				return err
			}
		}
		return nil
	case yaml.MappingNode:
		entries, err := p.entries(n, depth)
		if err != nil {
			return err
		}
		p.head(tagObject, at)
		p.buf = binary.AppendUvarint(p.buf, uint64(len(entries)))
		for _, e := range entries {
			p.buf = binary.AppendUvarint(p.buf, uint64(max(e.key.Line, 0)))
			p.buf = binary.AppendUvarint(p.buf, uint64(max(e.key.Column, 0)))
			p.bytes(e.key.Value)
			if err := p.value(e.value, e.value, depth+1); err != nil {
				return err
			}
		}
		return nil
	case yaml.ScalarNode:
		return p.scalar(n, at)
	}
	return atLine(n.Line, errors.New("unsupported YAML node"))
}

type entry struct{ key, value *yaml.Node }

// entries lists a mapping's effective keys. Keys written in the mapping win
// over merged ones, and among merge sources the first wins, as YAML
// specifies. A key written twice in one mapping is an error: kubectl with
// its default strict validation and docker compose refuse such a file, so
// checking either value would judge something that cannot be applied.
func (p *packer) entries(n *yaml.Node, depth int) ([]entry, error) {
	out := make([]entry, 0, len(n.Content)/2)
	merged := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merged = true
			continue
		}
		if k.Kind != yaml.ScalarNode {
			return nil, atLine(k.Line, errors.New("mapping keys must be scalars"))
		}
		out = append(out, entry{k, n.Content[i+1]})
	}
	if repeats(out) {
		return nil, duplicate(out)
	}
	if !merged {
		return dropReset(out), nil
	}
	seen := make(map[string]bool, len(out))
	for _, e := range out {
		seen[e.key.Value] = true
	}
	var from []entry
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			var err error
			if from, err = p.merge(from, n.Content[i+1], depth+1); err != nil {
				return nil, err
			}
		}
	}
	for _, e := range from {
		if !seen[e.key.Value] {
			seen[e.key.Value] = true
			out = append(out, e)
		}
	}
	return dropReset(out), nil
}

// dropReset removes the keys whose value a Compose override tags !reset
// (healthcheck: !reset null, ports: !reset []): the merged file has no such
// field, and a policy must see it absent, not null or empty, which Rego
// takes for a value that is set ("not svc.healthcheck" is false for null).
func dropReset(es []entry) []entry {
	return slices.DeleteFunc(es, func(e entry) bool { return e.value.Tag == resetTag })
}

// repeats reports whether a key is written twice. Most mappings have a
// handful of keys, so it compares them pairwise instead of allocating a map
// for every mapping of every document.
func repeats(es []entry) bool {
	if len(es) > 16 {
		seen := make(map[string]bool, len(es))
		for _, e := range es {
			if seen[e.key.Value] {
				return true
			}
			seen[e.key.Value] = true
		}
		return false
	}
	for i := range es {
		for j := i + 1; j < len(es); j++ {
			if es[i].key.Value == es[j].key.Value {
				return true
			}
		}
	}
	return false
}

// duplicate names the second occurrence of the first key written twice.
func duplicate(es []entry) error {
	first := make(map[string]int, len(es))
	for _, e := range es {
		if line, ok := first[e.key.Value]; ok {
			// Lines here count from the document's start, so the first
			// occurrence is named relative to the second.
			var above string
			switch n := e.key.Line - line; n {
			case 0:
				above = "earlier on this line"
			case 1:
				above = "1 line above"
			default:
				above = fmt.Sprintf("%d lines above", n)
			}
			return atLine(e.key.Line, fmt.Errorf("key %q is written twice in one mapping (first %s); kubectl (strict validation, its default) and docker compose refuse such a file", e.key.Value, above))
		}
		first[e.key.Value] = e.key.Line
	}
	return nil
}

func (p *packer) merge(out []entry, src *yaml.Node, depth int) ([]entry, error) {
	if depth > p.limits.MaxDepth {
		return nil, atLine(src.Line, fmt.Errorf("merge keys nest deeper than %d levels: %w", p.limits.MaxDepth, errBudget))
	}
	for src.Kind == yaml.AliasNode {
		src = src.Alias
	}
	switch src.Kind {
	case yaml.MappingNode:
		es, err := p.entries(src, depth)
		if err != nil {
			return nil, err
		}
		return append(out, es...), nil
	case yaml.SequenceNode:
		for _, e := range src.Content {
			var err error
			if out, err = p.merge(out, e, depth); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, atLine(src.Line, errors.New("merge key (<<) needs a mapping or a list of mappings"))
}

func (p *packer) scalar(n, at *yaml.Node) error {
	switch n.ShortTag() {
	case "!!null", resetTag:
		// A Compose override's "!reset null" removes the field: no value
		// (a mapping drops the key, see dropReset).
		p.head(tagNull, at)
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return atLine(n.Line, err)
		}
		if b {
			p.head(tagTrue, at)
		} else {
			p.head(tagFalse, at)
		}
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			p.head(tagNumber, at)
			p.bytes(strconv.FormatInt(i, 10))
			return nil
		}
		var i int64
		if err := n.Decode(&i); err != nil {
			// Larger than int64: keep the digits, Rego numbers are arbitrary precision.
			var f float64
			if err2 := n.Decode(&f); err2 != nil {
				return atLine(n.Line, err)
			}
			p.float(n, at, f)
			return nil
		}
		p.head(tagNumber, at)
		p.bytes(strconv.FormatInt(i, 10))
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return atLine(n.Line, err)
		}
		p.float(n, at, f)
	case "!!binary":
		b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(n.Value), ""))
		if err != nil {
			return atLine(n.Line, fmt.Errorf("bad !!binary: %v", err))
		}
		p.head(tagString, at)
		p.bytes(string(b))
	default:
		// !!str, !!timestamp and custom tags: Kubernetes reads them as strings.
		p.head(tagString, at)
		p.bytes(n.Value)
	}
	return nil
}

func (p *packer) float(n, at *yaml.Node, f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		// JSON, and therefore Rego, has no infinities; keep the text.
		p.head(tagString, at)
		p.bytes(n.Value)
		return
	}
	p.head(tagNumber, at)
	p.bytes(strconv.FormatFloat(f, 'g', -1, 64))
}

// reader walks a packed document. Reads past the end or of a bad tag set err
// instead of panicking: the bytes are relcheck's own, but a bug must be an
// error that names the file, never a crash of the run.
type reader struct {
	s   packed
	off int
	err error
}

func (r *reader) uvarint() int {
	if r.err != nil {
		return 0
	}
	var x uint64
	var shift uint
	for i := 0; ; i++ {
		if r.off >= len(r.s) || i == binary.MaxVarintLen64 {
			r.err = errCorrupt
			return 0
		}
		b := r.s[r.off]
		r.off++
		if b < 0x80 {
			x |= uint64(b) << shift
			break
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	if x > uint64(len(r.s)) && x > math.MaxInt32 {
		r.err = errCorrupt
		return 0
	}
	return int(x)
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil || r.off+n > len(r.s) {
		r.err = errCorrupt
		return ""
	}
	s := string(r.s[r.off : r.off+n])
	r.off += n
	return s
}

func (r *reader) head() (tag byte, line, col int) {
	if r.err != nil || r.off >= len(r.s) {
		r.err = errCorrupt
		return 0, 0, 0
	}
	tag = r.s[r.off]
	r.off++
	return tag, r.uvarint(), r.uvarint()
}

// value decodes the value at the reader's offset into a Rego value.
func (r *reader) value() ast.Value {
	tag, _, _ := r.head()
	switch tag {
	case tagNull:
		return ast.Null{}
	case tagFalse:
		return ast.Boolean(false)
	case tagTrue:
		return ast.Boolean(true)
	case tagNumber:
		return ast.Number(json.Number(r.str()))
	case tagString:
		return ast.String(r.str())
	case tagArray:
		n := r.uvarint()
		terms := make([]*ast.Term, 0, min(n, len(r.s)))
		for i := 0; i < n && r.err == nil; i++ {
			terms = append(terms, r.term())
		}
		return ast.NewArray(terms...)
	case tagObject:
		n := r.uvarint()
		obj := ast.NewObjectWithCapacity(min(n, len(r.s)))
		for i := 0; i < n && r.err == nil; i++ {
			r.uvarint()
			r.uvarint()
			k := ast.InternedTerm(r.str())
			obj.Insert(k, r.term())
		}
		return obj
	}
	r.err = errCorrupt
	return ast.Null{}
}

func (r *reader) term() *ast.Term {
	// Scalars that Rego interns (booleans, small integers, common strings)
	// cost no allocation.
	if r.off < len(r.s) {
		switch r.s[r.off] {
		case tagTrue, tagFalse:
			tag, _, _ := r.head()
			return ast.InternedTerm(tag == tagTrue)
		case tagString:
			r.head()
			return ast.InternedTerm(r.str())
		}
	}
	return ast.NewTerm(r.value())
}

// skip moves past the value at the reader's offset.
func (r *reader) skip() {
	tag, _, _ := r.head()
	switch tag {
	case tagNull, tagFalse, tagTrue:
	case tagNumber, tagString:
		n := r.uvarint()
		r.off += n
	case tagArray:
		n := r.uvarint()
		for i := 0; i < n && r.err == nil; i++ {
			r.skip()
		}
	case tagObject:
		n := r.uvarint()
		for i := 0; i < n && r.err == nil; i++ {
			r.uvarint()
			r.uvarint()
			r.off += r.uvarint()
			r.skip()
		}
	default:
		r.err = errCorrupt
	}
	if r.off > len(r.s) {
		r.err = errCorrupt
	}
}

// decode turns the whole document into a Rego value.
func (p packed) decode() (ast.Value, error) {
	r := &reader{s: p}
	v := r.value()
	return v, r.err
}

// find walks path from the root. It returns a reader positioned at the
// deepest value that exists, the position to report for it (a mapping key's
// line, or a sequence element's) and whether the whole path existed.
func (p packed) find(path []any) (r *reader, line, col int, complete bool) {
	r = &reader{s: p}
	start := r.off
	_, line, col = r.head()
	r.off = start
	for _, step := range path {
		at := r.off
		tag, _, _ := r.head()
		found := false
		switch tag {
		case tagObject:
			key, ok := step.(string)
			if !ok {
				break
			}
			n := r.uvarint()
			for i := 0; i < n && r.err == nil; i++ {
				kl, kc := r.uvarint(), r.uvarint()
				if r.str() == key {
					line, col, found = kl, kc, true
					break
				}
				r.skip()
			}
		case tagArray:
			idx, ok := index(step)
			n := r.uvarint()
			if !ok || idx < 0 || idx >= n {
				break
			}
			for i := 0; i < idx && r.err == nil; i++ {
				r.skip()
			}
			e := r.off
			_, line, col = r.head()
			r.off = e
			found = true
		}
		if !found || r.err != nil {
			r.off = at
			return r, line, col, false
		}
	}
	return r, line, col, true
}

// lineError is a problem at a line of the document; the caller adds the file
// and any offset (Helm output counts lines from its "# Source:" comment).
type lineError struct {
	line int
	err  error
}

func atLine(line int, err error) error { return &lineError{line, err} }

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }
