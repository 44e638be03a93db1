package manifest

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"go.yaml.in/yaml/v3"
)

// TerraformFile is one file of a module: its path on disk and as displayed.
type TerraformFile struct {
	Path, Display string
}

// tfModule builds the policy input of one module directory.
type tfModule struct {
	limits Limits
	pos    map[string]Pos
	ctx    *hcl.EvalContext
	out    map[string]any
	// dups are blocks defined twice outside override files.
	dups []error
}

// ParseTerraform merges the *.tf and *.tf.json files of one module directory
// into one document, in the shape conftest users know: blocks keyed by type
// then label, nested blocks as arrays. Values that are certain (literals,
// variable defaults, tfvars, locals built from them) are resolved; everything
// else is kept as its source text inside "${…}" so that rules can tell an
// unknown value from an absent one. tfvars are the module's terraform.tfvars
// and *.auto.tfvars, which Terraform loads without being asked.
func ParseTerraform(display string, files, tfvars []TerraformFile, l Limits) (*Document, error) {
	m := &tfModule{limits: l, pos: map[string]Pos{}, out: map[string]any{}}
	type parsed struct {
		f    TerraformFile
		src  []byte
		body *hclsyntax.Body
		json any
		// jsonBody is a .tf.json file read as HCL, for its variable
		// defaults and locals.
		jsonBody hcl.Body
	}
	var ps []parsed
	for _, f := range files {
		src, err := ReadFile(f.Path, f.Display, l)
		if err != nil {
			return nil, err
		}
		p := parsed{f: f, src: src}
		if strings.HasSuffix(f.Path, ".json") {
			if err := json.Unmarshal(src, &p.json); err != nil {
				return nil, jsonError(f.Display, src, err)
			}
			if file, diags := hcljson.Parse(src, f.Display); !diags.HasErrors() {
				p.jsonBody = file.Body
			}
		} else {
			file, diags := hclsyntax.ParseConfig(src, f.Display, hcl.InitialPos)
			if diags.HasErrors() {
				return nil, hclError(f.Display, diags)
			}
			p.body = file.Body.(*hclsyntax.Body)
		}
		ps = append(ps, p)
	}
	// Terraform reads override files after the others, whatever their
	// names, and merges their blocks into the blocks they name.
	sort.SliceStable(ps, func(i, j int) bool { return !isOverride(ps[i].f.Path) && isOverride(ps[j].f.Path) })

	// Variables: defaults first, then tfvars override them, as Terraform does.
	vars := map[string]cty.Value{}
	for _, p := range ps {
		if p.jsonBody != nil {
			for name, v := range jsonVariableDefaults(p.jsonBody) {
				vars[name] = v
			}
		}
		if p.body == nil {
			continue
		}
		for _, b := range p.body.Blocks {
			if b.Type == "variable" && len(b.Labels) == 1 {
				// A null default means "unset unless the caller sets it":
				// in a module others call, the caller decides, so the
				// variable stays unknown ("${var.x}") instead of reading as
				// an explicit null that rules would take for "disabled".
				if a, ok := b.Body.Attributes["default"]; ok {
					if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.IsWhollyKnown() && !v.IsNull() {
						vars[b.Labels[0]] = v
					}
				}
			}
		}
	}
	for _, f := range tfvars {
		src, err := ReadFile(f.Path, f.Display, l)
		if err != nil {
			return nil, err
		}
		var file *hcl.File
		var diags hcl.Diagnostics
		if strings.HasSuffix(f.Path, ".json") {
			file, diags = hcljson.Parse(src, f.Display)
		} else {
			file, diags = hclsyntax.ParseConfig(src, f.Display, hcl.InitialPos)
		}
		if diags.HasErrors() {
			return nil, hclError(f.Display, diags)
		}
		attrs, diags := file.Body.JustAttributes()
		if diags.HasErrors() {
			return nil, hclError(f.Display, diags)
		}
		for name, a := range attrs {
			if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.IsWhollyKnown() {
				vars[name] = v
			}
		}
	}
	m.ctx = &hcl.EvalContext{Variables: map[string]cty.Value{"var": cty.ObjectVal(vars)}}

	// Locals may refer to each other in any order; resolve in rounds until
	// nothing new becomes known.
	// An override file's local replaces the original's (override files come
	// last), as it does in the document below.
	locals := map[string]cty.Value{}
	type local struct {
		Name string
		Expr hcl.Expression
	}
	var localAttrs []local
	localAt := map[string]int{}
	addLocal := func(name string, e hcl.Expression) {
		if i, ok := localAt[name]; ok {
			localAttrs[i] = local{name, e}
			return
		}
		localAt[name] = len(localAttrs)
		localAttrs = append(localAttrs, local{name, e})
	}
	for _, p := range ps {
		if p.jsonBody != nil {
			for _, a := range jsonLocals(p.jsonBody) {
				addLocal(a.Name, a.Expr)
			}
		}
		if p.body == nil {
			continue
		}
		for _, b := range p.body.Blocks {
			if b.Type == "locals" {
				for _, a := range sortedAttrs(b.Body) {
					addLocal(a.Name, a.Expr)
				}
			}
		}
	}
	for round := 0; round <= len(localAttrs); round++ {
		m.ctx.Variables["local"] = cty.ObjectVal(locals)
		progress := false
		for _, a := range localAttrs {
			if _, done := locals[a.Name]; done {
				continue
			}
			if v, diags := a.Expr.Value(m.ctx); !diags.HasErrors() && v.IsWhollyKnown() {
				locals[a.Name] = v
				progress = true
			}
		}
		if !progress {
			break
		}
	}
	m.ctx.Variables["local"] = cty.ObjectVal(locals)

	for _, p := range ps {
		if p.json != nil {
			if err := m.addJSON(p.f, p.src, p.json); err != nil {
				return nil, err
			}
			continue
		}
		m.addBody(p.f.Display, p.src, p.body, isOverride(p.f.Path))
	}
	v, err := Value(m.out)
	if err != nil {
		return nil, &Error{File: display, Err: err}
	}
	// A duplicate block is an error, but the module is still checked with
	// the first definition, so one slip does not hide every other finding.
	return &Document{Type: Terraform, File: display, input: v, loc: mapLoc{pos: m.pos, file: display}}, errors.Join(m.dups...)
}

// isOverride reports whether a module file is a Terraform override file
// (override.tf, main_override.tf, and their .tf.json forms).
func isOverride(path string) bool {
	name := strings.TrimSuffix(filepath.Base(path), ".json")
	return name == "override.tf" || strings.HasSuffix(name, "_override.tf")
}

func (m *tfModule) addBody(file string, src []byte, body *hclsyntax.Body, override bool) {
	for _, b := range body.Blocks {
		switch {
		case (b.Type == "resource" || b.Type == "data") && len(b.Labels) == 2,
			(b.Type == "module" || b.Type == "variable" || b.Type == "output") && len(b.Labels) == 1:
			path := []any{b.Type}
			for _, l := range b.Labels {
				path = append(path, l)
			}
			existing, _ := getPath(m.out, path).(map[string]any)
			switch {
			case existing != nil && override:
				m.merge(file, src, existing, b, path)
			case existing != nil:
				m.dups = append(m.dups, duplicateError(file, b.DefRange().Start.Line, b.Type, b.Labels, m.pos[PathKey(path)]))
			default:
				if override {
					m.dups = append(m.dups, missingBaseError(file, b.DefRange().Start.Line, b.Type, b.Labels))
				}
				setPath(m.out, path, m.block(file, src, b, path))
			}
		case b.Type == "locals":
			locals, _ := m.out["locals"].(map[string]any)
			if locals == nil {
				locals = map[string]any{}
				m.out["locals"] = locals
			}
			for _, a := range sortedAttrs(b.Body) {
				locals[a.Name] = m.expr(src, a.Expr)
				m.pos[PathKey([]any{"locals", a.Name})] = rangePos(file, a.SrcRange)
			}
		case b.Type == "provider" && len(b.Labels) == 1:
			providers, _ := m.out["provider"].(map[string]any)
			if providers == nil {
				providers = map[string]any{}
				m.out["provider"] = providers
			}
			list, _ := providers[b.Labels[0]].([]any)
			path := []any{"provider", b.Labels[0], len(list)}
			providers[b.Labels[0]] = append(list, m.block(file, src, b, path))
		default:
			list, _ := m.out[b.Type].([]any)
			path := []any{b.Type, len(list)}
			m.out[b.Type] = append(list, m.block(file, src, b, path))
		}
	}
}

func quoteLabels(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = strconv.Quote(l)
	}
	return strings.Join(q, " ")
}

// merge applies an override file's block to the block it names, the way
// Terraform does: each attribute replaces the original's; the nested blocks
// of a type replace all the original's blocks of that type, except that a
// lifecycle block is merged argument by argument. The block keeps its
// original position, where the resource is declared.
func (m *tfModule) merge(file string, src []byte, dst map[string]any, b *hclsyntax.Block, path []any) {
	for _, a := range sortedAttrs(b.Body) {
		dst[a.Name] = m.expr(src, a.Expr)
		// The original's value positions (its object keys) would name
		// lines of a value the override replaced.
		forget(m.pos, append(clone(path), a.Name))
		m.pos[PathKey(append(clone(path), a.Name))] = rangePos(file, a.SrcRange)
		m.valuePositions(file, a.Expr, append(clone(path), a.Name), 0)
	}
	replaced := map[string]bool{}
	for _, nb := range b.Body.Blocks {
		if nb.Type == "lifecycle" && (b.Type == "resource" || b.Type == "data") {
			lc, lcPath := lifecycleOf(dst, path)
			if lc == nil {
				dst["lifecycle"] = []any{m.block(file, src, nb, append(clone(path), "lifecycle", 0))}
				continue
			}
			for _, a := range sortedAttrs(nb.Body) {
				lc[a.Name] = m.expr(src, a.Expr)
				forget(m.pos, append(clone(lcPath), a.Name))
				m.pos[PathKey(append(clone(lcPath), a.Name))] = rangePos(file, a.SrcRange)
				m.valuePositions(file, a.Expr, append(clone(lcPath), a.Name), 0)
			}
			continue
		}
		if !replaced[nb.Type] {
			replaced[nb.Type] = true
			delete(dst, nb.Type)
			forget(m.pos, append(clone(path), nb.Type))
		}
		list, _ := dst[nb.Type].([]any)
		elemPath := append(clone(path), nb.Type, len(list))
		dst[nb.Type] = append(list, m.nested(file, src, nb, elemPath))
	}
}

// forget drops the positions recorded in pos at and under path, whose
// values an override replaced: a rule reporting a field the override left
// out must point at the block, not at a line of the replaced one.
func forget(pos map[string]Pos, path []any) {
	prefix := PathKey(path)
	for k := range pos {
		if k == prefix || strings.HasPrefix(k, prefix+".") {
			delete(pos, k)
		}
	}
}

// block converts a block body; nested blocks become arrays under their type,
// and a nested block with labels nests its body under them.
func (m *tfModule) block(file string, src []byte, b *hclsyntax.Block, path []any) map[string]any {
	m.pos[PathKey(path)] = Pos{File: file, Line: b.DefRange().Start.Line, Col: b.DefRange().Start.Column,
		EndLine: b.Body.SrcRange.End.Line, EndCol: b.Body.SrcRange.End.Column}
	out := map[string]any{}
	for _, a := range sortedAttrs(b.Body) {
		out[a.Name] = m.expr(src, a.Expr)
		m.pos[PathKey(append(clone(path), a.Name))] = rangePos(file, a.SrcRange)
		m.valuePositions(file, a.Expr, append(clone(path), a.Name), 0)
	}
	for _, nb := range b.Body.Blocks {
		list, _ := out[nb.Type].([]any)
		out[nb.Type] = append(list, m.nested(file, src, nb, append(clone(path), nb.Type, len(list))))
	}
	return out
}

// valuePositions records where the keys of an object literal, and the
// elements of a list literal, of an attribute's value are written, so that
// a finding about a field inside the value (a node group's min_size in a
// module's eks_managed_node_groups map) points at its line rather than at
// the attribute's first line. Keys that are not known constants are skipped.
func (m *tfModule) valuePositions(file string, e hclsyntax.Expression, path []any, depth int) {
	if depth >= maxValueDepth {
		return
	}
	switch x := e.(type) {
	case *hclsyntax.ObjectConsExpr:
		for _, it := range x.Items {
			k, ok := m.constKey(it)
			if !ok {
				continue
			}
			p := append(clone(path), k)
			r := hcl.RangeBetween(it.KeyExpr.Range(), it.ValueExpr.Range())
			m.pos[PathKey(p)] = rangePos(file, r)
			m.valuePositions(file, it.ValueExpr, p, depth+1)
		}
	case *hclsyntax.TupleConsExpr:
		for i, el := range x.Exprs {
			p := append(clone(path), i)
			m.pos[PathKey(p)] = rangePos(file, el.Range())
			m.valuePositions(file, el, p, depth+1)
		}
	}
}

// constKey is an object literal item's key when it is a string known
// before plan time (min_size, "batch-jobs"); a computed key ((var.x)) is not.
func (m *tfModule) constKey(it hclsyntax.ObjectConsItem) (string, bool) {
	k, diags := it.KeyExpr.Value(m.ctx)
	if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.IsMarked() || k.Type() != cty.String {
		return "", false
	}
	return k.AsString(), true
}

// maxValueDepth bounds valuePositions on deeply nested literals.
const maxValueDepth = 16

// nested converts a nested block at elemPath; its labels nest its body.
func (m *tfModule) nested(file string, src []byte, nb *hclsyntax.Block, elemPath []any) any {
	var elem any = m.block(file, src, nb, append(clone(elemPath), labelsPath(nb.Labels)...))
	for i := len(nb.Labels) - 1; i >= 0; i-- {
		elem = map[string]any{nb.Labels[i]: elem}
	}
	if len(nb.Labels) > 0 {
		m.pos[PathKey(elemPath)] = Pos{File: file, Line: nb.DefRange().Start.Line, Col: nb.DefRange().Start.Column}
	}
	return elem
}

func labelsPath(labels []string) []any {
	out := make([]any, len(labels))
	for i, l := range labels {
		out[i] = l
	}
	return out
}

// expr resolves an expression when its value is certain and otherwise keeps
// its source text, the way conftest's HCL parser shows it.
func (m *tfModule) expr(src []byte, e hclsyntax.Expression) any {
	return m.exprAt(src, e, 0)
}

// exprAt is expr for a value nested depth object literals deep.
func (m *tfModule) exprAt(src []byte, e hclsyntax.Expression, depth int) any {
	if v, diags := e.Value(m.ctx); !diags.HasErrors() && v.IsWhollyKnown() {
		if g, ok := ctyToGo(v); ok {
			return g
		}
	}
	if obj, ok := m.partialObject(src, e, depth); ok {
		return obj
	}
	text := string(e.Range().SliceBytes(src))
	if t, ok := e.(*hclsyntax.TemplateExpr); ok && !t.IsStringLiteral() && len(text) >= 2 && text[0] == '"' && text[len(text)-1] == '"' {
		return text[1 : len(text)-1]
	}
	return "${" + text + "}"
}

// partialObject converts an object literal whose keys are constants but
// some of whose values are only known at plan time key by key, so that the
// known values stay readable: a module's eks_managed_node_groups = {
// default = { min_size = 1, instance_types = var.types } } keeps min_size 1
// instead of becoming one "${...}" string. A literal with a computed key,
// and any other expression, is not converted (ok is false). Each level
// evaluates everything below it again, so literals nested deeper than
// maxValueDepth are kept as text: cost stays linear in the literal's size.
func (m *tfModule) partialObject(src []byte, e hclsyntax.Expression, depth int) (map[string]any, bool) {
	x, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok || depth >= maxValueDepth {
		return nil, false
	}
	out := make(map[string]any, len(x.Items))
	for _, it := range x.Items {
		k, ok := m.constKey(it)
		if !ok {
			return nil, false
		}
		out[k] = m.exprAt(src, it.ValueExpr, depth+1)
	}
	return out, true
}

func ctyToGo(v cty.Value) (any, bool) {
	if v.IsNull() {
		return nil, true
	}
	if v.IsMarked() || !v.IsKnown() {
		return nil, false
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString(), true
	case t == cty.Number:
		f := v.AsBigFloat()
		if f.IsInt() {
			i, _ := f.Int(nil)
			return json.Number(i.String()), true
		}
		return json.Number(f.Text('g', -1)), true
	case t == cty.Bool:
		return v.True(), true
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		out := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			g, ok := ctyToGo(e)
			if !ok {
				return nil, false
			}
			out = append(out, g)
		}
		return out, true
	case t.IsMapType() || t.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			g, ok := ctyToGo(e)
			if !ok {
				return nil, false
			}
			out[k.AsString()] = g
		}
		return out, true
	}
	return nil, false
}

func sortedAttrs(b *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

func setPath(root map[string]any, path []any, v any) {
	cur := root
	for _, p := range path[:len(path)-1] {
		k := p.(string)
		next, _ := cur[k].(map[string]any)
		if next == nil {
			next = map[string]any{}
			cur[k] = next
		}
		cur = next
	}
	cur[path[len(path)-1].(string)] = v
}

// getPath returns the value at path of string keys, or nil.
func getPath(root map[string]any, path []any) any {
	var cur any = root
	for _, p := range path {
		m, _ := cur.(map[string]any)
		if m == nil {
			return nil
		}
		cur = m[p.(string)]
	}
	return cur
}

func clone(p []any) []any { return append([]any(nil), p...) }

func rangePos(file string, r hcl.Range) Pos {
	return Pos{File: file, Line: r.Start.Line, Col: r.Start.Column, EndLine: r.End.Line, EndCol: r.End.Column}
}

func hclError(file string, diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		line := 0
		if d.Subject != nil {
			line = d.Subject.Start.Line
		}
		return &Error{File: file, Line: line, Err: errors.New(msg)}
	}
	return &Error{File: file, Err: diags}
}

func jsonError(file string, src []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + strings.Count(string(src[:min(int(se.Offset), len(src))]), "\n")
		return &Error{File: file, Line: line, Err: err}
	}
	return &Error{File: file, Err: err}
}

// addJSON merges a *.tf.json file. Its top level already has Terraform's
// JSON shape; positions come from reading the same bytes as YAML, which
// keeps line numbers for every key.
// jsonVariableDefaults reads the certain, non-null defaults of a .tf.json
// file's variable blocks, as the native path reads a .tf file's.
func jsonVariableDefaults(body hcl.Body) map[string]cty.Value {
	out := map[string]cty.Value{}
	content, _, _ := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "variable", LabelNames: []string{"name"}}}})
	if content == nil {
		return out
	}
	for _, b := range content.Blocks {
		attrs, _, _ := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "default"}}})
		if attrs == nil {
			continue
		}
		if a, ok := attrs.Attributes["default"]; ok {
			if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.IsWhollyKnown() && !v.IsNull() {
				out[b.Labels[0]] = v
			}
		}
	}
	return out
}

// jsonLocals returns a .tf.json file's locals in name order.
func jsonLocals(body hcl.Body) []*hcl.Attribute {
	content, _, _ := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "locals"}}})
	if content == nil {
		return nil
	}
	var out []*hcl.Attribute
	for _, b := range content.Blocks {
		attrs, diags := b.Body.JustAttributes()
		if diags.HasErrors() {
			continue
		}
		for _, a := range attrs {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// resolveJSON replaces the "${...}" templates of a .tf.json value whose
// result is certain (variable defaults, tfvars, locals) with that result,
// as expr does for a .tf file; the rest stays as written.
func (m *tfModule) resolveJSON(file string, v any) any {
	switch x := v.(type) {
	case string:
		if !strings.Contains(x, "${") {
			return x
		}
		e, diags := hclsyntax.ParseTemplate([]byte(x), file, hcl.InitialPos)
		if diags.HasErrors() {
			return x
		}
		if val, diags := e.Value(m.ctx); !diags.HasErrors() && val.IsWhollyKnown() {
			if g, ok := ctyToGo(val); ok {
				return g
			}
		}
		return x
	case map[string]any:
		for k, e := range x {
			x[k] = m.resolveJSON(file, e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = m.resolveJSON(file, e)
		}
		return x
	}
	return v
}

func (m *tfModule) addJSON(f TerraformFile, src []byte, v any) error {
	v = m.resolveJSON(f.Display, v)
	top, ok := v.(map[string]any)
	if !ok {
		return &Error{File: f.Display, Line: 1, Err: fmt.Errorf("a .tf.json file must hold an object")}
	}
	jp := map[string]Pos{}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err == nil && len(doc.Content) > 0 {
		recordYAMLPositions(jp, f.Display, doc.Content[0], nil, 0)
	}
	override := isOverride(f.Path)
	// Positions of this file to leave out: a duplicate block's (the first
	// definition is kept) and a merged block's own (it stays where the
	// original declares it).
	var skipTree, skipKey []string
	// block adds the block at path (type, labels...) with body, as addBody
	// does for a .tf file.
	block := func(path []any, body any) {
		existing, _ := getPath(m.out, path).(map[string]any)
		b, isMap := body.(map[string]any)
		key := PathKey(path)
		switch {
		case existing != nil && override && isMap:
			skipKey = append(skipKey, key)
			m.mergeJSON(existing, b, path, jp)
		case existing != nil:
			skipTree = append(skipTree, key)
			typ, labels := blockName(path)
			m.dups = append(m.dups, duplicateError(f.Display, jp[key].Line, typ, labels, m.pos[key]))
		default:
			if override {
				typ, labels := blockName(path)
				m.dups = append(m.dups, missingBaseError(f.Display, jp[key].Line, typ, labels))
			}
			setPath(m.out, path, body)
		}
	}
	for k, val := range top {
		switch k {
		case "resource", "data", "module", "variable", "output":
			src, _ := val.(map[string]any)
			for name, body := range src {
				if k == "resource" || k == "data" {
					if bodies, ok := body.(map[string]any); ok {
						for n, b := range bodies {
							block([]any{k, name, n}, b)
						}
					}
					continue
				}
				block([]any{k, name}, body)
			}
		case "provider":
			dst, _ := m.out[k].(map[string]any)
			if dst == nil {
				dst = map[string]any{}
				m.out[k] = dst
			}
			src, _ := val.(map[string]any)
			for name, body := range src {
				dst[name] = body
			}
		case "locals":
			dst, _ := m.out["locals"].(map[string]any)
			if dst == nil {
				dst = map[string]any{}
				m.out["locals"] = dst
			}
			if src, ok := val.(map[string]any); ok {
				for n, b := range src {
					dst[n] = b
				}
			}
		default:
			m.out[k] = val
		}
	}
	for k, p := range jp {
		if slices.Contains(skipKey, k) || slices.ContainsFunc(skipTree, func(t string) bool { return k == t || strings.HasPrefix(k, t+".") }) {
			continue
		}
		m.pos[k] = p
	}
	return nil
}

// mergeJSON is merge for a block of a .tf.json override file. JSON does not
// tell attributes from nested blocks, and Terraform replaces either whole,
// so each key replaces the original's, except that lifecycle merges
// argument by argument.
func (m *tfModule) mergeJSON(dst, b map[string]any, path []any, jp map[string]Pos) {
	for k, v := range b {
		if k == "lifecycle" && (path[0] == "resource" || path[0] == "data") {
			lc, lcPath := lifecycleOf(dst, path)
			over, _ := v.(map[string]any)
			if ol, ok := v.([]any); ok && len(ol) == 1 {
				over, _ = ol[0].(map[string]any)
			}
			if lc != nil && over != nil {
				for a, av := range over {
					lc[a] = av
					p, ok := jp[PathKey(append(clone(path), k, a))]
					if !ok {
						p, ok = jp[PathKey(append(clone(path), k, 0, a))]
					}
					if ok {
						m.pos[PathKey(append(clone(lcPath), a))] = p
					}
				}
				// This file's lifecycle positions are the ones just set.
				forget(jp, append(clone(path), k))
				continue
			}
		}
		dst[k] = v
		forget(m.pos, append(clone(path), k))
	}
}

// lifecycleOf returns the lifecycle arguments of a block and their path. A
// .tf file's block holds them in a list of one; a .tf.json file's usually
// as an object ("lifecycle": {"prevent_destroy": true}), which an override
// must merge into all the same.
func lifecycleOf(dst map[string]any, path []any) (map[string]any, []any) {
	switch lc := dst["lifecycle"].(type) {
	case []any:
		if len(lc) > 0 {
			if m, ok := lc[0].(map[string]any); ok {
				return m, append(clone(path), "lifecycle", 0)
			}
		}
	case map[string]any:
		return lc, append(clone(path), "lifecycle")
	}
	return nil, nil
}

// duplicateError is a block defined a second time outside override files.
func duplicateError(file string, line int, typ string, labels []string, first Pos) error {
	base := filepath.Base(first.File)
	suggest := strings.TrimSuffix(base, ".tf") + "_override.tf"
	if strings.HasSuffix(base, ".tf.json") {
		suggest = strings.TrimSuffix(base, ".tf.json") + "_override.tf.json"
	}
	// terraform validate refuses this too; keeping either block would check
	// a configuration Terraform never runs.
	return &Error{File: file, Line: line, Err: fmt.Errorf("duplicate %s %s: first defined at %s:%d (a change meant to override it belongs in an override file such as %s)",
		typ, quoteLabels(labels), first.File, first.Line, suggest)}
}

// blockName splits a block's path (type, labels...) for messages.
func blockName(path []any) (string, []string) {
	labels := make([]string, 0, len(path)-1)
	for _, l := range path[1:] {
		labels = append(labels, l.(string))
	}
	return path[0].(string), labels
}

// missingBaseError is an override file's block that overrides nothing:
// Terraform refuses it, since an override can only change a block that
// another file of the module defines. The block is still checked.
func missingBaseError(file string, line int, typ string, labels []string) error {
	return &Error{File: file, Line: line, Err: fmt.Errorf("override file defines %s %s, which no other file of the module defines; Terraform refuses an override with nothing to override (move it to a file whose name does not end in override.tf)",
		typ, quoteLabels(labels))}
}

func recordYAMLPositions(pos map[string]Pos, file string, n *yaml.Node, path []any, depth int) {
	if depth > 64 {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := append(clone(path), n.Content[i].Value)
			pos[PathKey(p)] = Pos{File: file, Line: n.Content[i].Line, Col: n.Content[i].Column}
			recordYAMLPositions(pos, file, n.Content[i+1], p, depth+1)
		}
	case yaml.SequenceNode:
		for i, e := range n.Content {
			p := append(clone(path), i)
			pos[PathKey(p)] = Pos{File: file, Line: e.Line, Col: e.Column}
			recordYAMLPositions(pos, file, e, p, depth+1)
		}
	}
}

// mapLoc locates fields from positions recorded while parsing.
type mapLoc struct {
	pos  map[string]Pos
	file string
}

func (l mapLoc) locate(path []any) (Pos, bool, error) {
	norm := make([]any, len(path))
	for i, p := range path {
		if n, ok := index(p); ok {
			norm[i] = n
		} else {
			norm[i] = p
		}
	}
	for n := len(norm); n > 0; n-- {
		if p, ok := l.pos[PathKey(norm[:n])]; ok {
			return p, n == len(norm), nil
		}
	}
	return Pos{File: l.file}, false, nil
}
