package manifest

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"
)

// Limits bound what one input may cost, so that an alias bomb, a huge file
// or a pathologically deep document is refused quickly instead of hanging
// the run or exhausting memory.
type Limits struct {
	MaxFileBytes int64 // a larger file is refused before it is read
	MaxNodes     int   // nodes produced per document after alias expansion
	MaxDepth     int   // nesting of mappings and sequences
}

// DefaultLimits are generous for real manifests (a large Helm release renders
// to a few MB; CRDs nest a few dozen levels) and small enough to fail fast.
var DefaultLimits = Limits{MaxFileBytes: 32 << 20, MaxNodes: 1_000_000, MaxDepth: 200}

var errBudget = errors.New("budget exceeded")

type converter struct {
	limits Limits
	nodes  int
	// active guards against an alias that refers to one of its own
	// ancestors, which yaml permits and which would never end.
	active map[*yaml.Node]bool
}

func newConverter(l Limits) *converter {
	return &converter{limits: l, active: map[*yaml.Node]bool{}}
}

func (c *converter) value(n *yaml.Node, depth int) (ast.Value, error) {
	c.nodes++
	if c.nodes > c.limits.MaxNodes {
		return nil, fmt.Errorf("line %d: document expands to more than %d nodes (alias bomb?): %w", n.Line, c.limits.MaxNodes, errBudget)
	}
	if depth > c.limits.MaxDepth {
		return nil, fmt.Errorf("line %d: document nests deeper than %d levels: %w", n.Line, c.limits.MaxDepth, errBudget)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return ast.Null{}, nil
		}
		return c.value(n.Content[0], depth)
	case yaml.AliasNode:
		if c.active[n.Alias] {
			return nil, fmt.Errorf("line %d: alias *%s refers to itself", n.Line, n.Value)
		}
		c.active[n.Alias] = true
		defer delete(c.active, n.Alias)
		return c.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		terms := make([]*ast.Term, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.value(e, depth+1)
			if err != nil {
				return nil, err
			}
			terms = append(terms, ast.NewTerm(v))
		}
		return ast.NewArray(terms...), nil
	case yaml.MappingNode:
		obj := ast.NewObject()
		if err := c.mapping(obj, n, depth); err != nil {
			return nil, err
		}
		return obj, nil
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node", n.Line)
}

// mapping fills obj from n. Merge keys (<<) are applied first so that keys
// written in the mapping itself win, as YAML specifies.
func (c *converter) mapping(obj ast.Object, n *yaml.Node, depth int) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			if err := c.merge(obj, n.Content[i+1], depth); err != nil {
				return err
			}
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: mapping keys must be scalars", k.Line)
		}
		val, err := c.value(v, depth+1)
		if err != nil {
			return err
		}
		obj.Insert(ast.StringTerm(k.Value), ast.NewTerm(val))
	}
	return nil
}

func (c *converter) merge(obj ast.Object, src *yaml.Node, depth int) error {
	for src.Kind == yaml.AliasNode {
		src = src.Alias
	}
	switch src.Kind {
	case yaml.MappingNode:
		v, err := c.value(src, depth+1)
		if err != nil {
			return err
		}
		v.(ast.Object).Foreach(func(k, v *ast.Term) {
			if obj.Get(k) == nil {
				obj.Insert(k, v)
			}
		})
		return nil
	case yaml.SequenceNode:
		for _, e := range src.Content {
			if err := c.merge(obj, e, depth); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("line %d: merge key (<<) needs a mapping or a list of mappings", src.Line)
}

func scalar(n *yaml.Node) (ast.Value, error) {
	switch n.ShortTag() {
	case "!!null":
		return ast.Null{}, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, fmt.Errorf("line %d: %v", n.Line, err)
		}
		return ast.Boolean(b), nil
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return ast.Number(json.Number(strconv.FormatInt(i, 10))), nil
		}
		var i int64
		if err := n.Decode(&i); err != nil {
			// Larger than int64: keep the digits, Rego numbers are arbitrary precision.
			var f float64
			if err2 := n.Decode(&f); err2 != nil {
				return nil, fmt.Errorf("line %d: %v", n.Line, err)
			}
			return floatValue(n, f)
		}
		return ast.Number(json.Number(strconv.FormatInt(i, 10))), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, fmt.Errorf("line %d: %v", n.Line, err)
		}
		return floatValue(n, f)
	case "!!binary":
		b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(n.Value), ""))
		if err != nil {
			return nil, fmt.Errorf("line %d: bad !!binary: %v", n.Line, err)
		}
		return ast.String(string(b)), nil
	default:
		// !!str, !!timestamp and custom tags: Kubernetes reads them as strings.
		return ast.String(n.Value), nil
	}
}

func floatValue(n *yaml.Node, f float64) (ast.Value, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		// JSON, and therefore Rego, has no infinities; keep the text.
		return ast.String(n.Value), nil
	}
	return ast.Number(json.Number(strconv.FormatFloat(f, 'g', -1, 64))), nil
}
