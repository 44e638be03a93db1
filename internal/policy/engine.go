package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/relcheck/relcheck/internal/arena"
	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/manifest"
	"github.com/relcheck/relcheck/internal/parallel"
	"github.com/relcheck/relcheck/rules"
)

// Engine holds compiled policies. It is safe for concurrent use.
type Engine struct {
	compiler *ast.Compiler
	sets     []ruleSet
	docs     []rules.Rule
	// noLabelIndex serves no data.relcheck.index, so that tests can hold
	// the library's lookups through it to its full scans.
	noLabelIndex bool
}

// Options select what an engine evaluates.
type Options struct {
	// Disabled rule ids are not evaluated at all.
	Disabled map[string]bool
	// Strict compiles with OPA's strict mode (unused variables and imports,
	// deprecated built-ins are errors).
	Strict bool
}

// New compiles modules once for the whole run. A compile error names the
// file and line; a package under relcheck.<domain> with decision rules but
// no custom.id is an error too.
func New(mods []Module, o Options) (*Engine, error) {
	parsed, err := Parse(mods)
	if err != nil {
		return nil, err
	}
	return NewParsed(parsed, o)
}

// NewParsed is New for modules the caller has parsed already (to build the
// rule catalog), so a run parses its policies once.
func NewParsed(parsed []*ast.Module, o Options) (*Engine, error) {
	docs, err := rules.FromRego(parsed)
	if err != nil {
		return nil, err
	}
	sets, extra, err := collect(parsed, docs)
	if err != nil {
		return nil, err
	}
	docs = append(docs, extra...)
	c := ast.NewCompiler().WithStrict(o.Strict).WithCapabilities(capabilities()).WithEnablePrintStatements(false)
	byName := make(map[string]*ast.Module, len(parsed))
	for _, m := range parsed {
		byName[m.Package.Location.File] = m
	}
	if c.Compile(byName); c.Failed() {
		return nil, fmt.Errorf("compiling policies: %w", c.Errors)
	}
	e := &Engine{compiler: c, docs: docs}
	for _, s := range sets {
		if !o.Disabled[s.rule.ID] {
			e.sets = append(e.sets, s)
		}
	}
	return e, nil
}

// Rules documents every rule the loaded policies declare, enabled or not.
func (e *Engine) Rules() []rules.Rule { return e.docs }

// result is one element of a decision set before it has a position.
type result struct {
	set      *ruleSet
	doc      *manifest.Document
	msg      string
	path     []any
	resource string
	warn     bool
}

// Run is one evaluation over the documents of a run: they share the index of
// Kubernetes objects that cross-resource rules read.
type run struct {
	e        *Engine
	ctx      context.Context
	store    *objectStore
	mu       sync.Mutex
	prepared map[string]*prepared
}

type prepared struct {
	once sync.Once
	body ast.Body // the compiled query
	sets []*ruleSet
	vars []ast.Var // the query's variables, one per rule and decision
	err  error
}

// Evaluate runs every enabled rule over docs on GOMAXPROCS workers. Findings
// are returned in report order. Errors name the rule and the file; a
// document whose evaluation failed yields no findings, never a silent pass
// of the run (the caller turns errors into exit code 3).
//
// Each document is decoded, evaluated and located by one worker and its Rego
// value dropped right after, so memory holds the packed documents and the
// findings, not every document's value at once.
func (e *Engine) Evaluate(ctx context.Context, docs []*manifest.Document) ([]finding.Finding, []error) {
	return e.EvaluateWith(ctx, docs, nil)
}

// EvaluateWith evaluates docs with neighbours: documents that are indexed in
// data.relcheck.objects for cross-resource rules but not evaluated. A
// pre-commit run passes the staged files as docs and the repository's other
// manifests as neighbours, so a staged Deployment sees the PodDisruptionBudget
// that was not staged with it.
func (e *Engine) EvaluateWith(ctx context.Context, docs, neighbours []*manifest.Document) ([]finding.Finding, []error) {
	indexed := docs
	if len(neighbours) > 0 {
		indexed = append(append(make([]*manifest.Document, 0, len(docs)+len(neighbours)), docs...), neighbours...)
	}
	r := &run{e: e, ctx: ctx, prepared: map[string]*prepared{}, store: newObjectStore(indexed)}
	r.store.noIndex = e.noLabelIndex

	// Workers keep located results, about half the size of a finding, and
	// the findings are built once, in a slice of the exact size: a run with
	// a hundred thousand findings never holds two full copies of them.
	found := make([][]located, len(docs))
	errs := make([][]error, len(docs))
	parallel.For(len(docs), func(i int) {
		res, err := r.evalDoc(docs[i])
		if err != nil {
			errs[i] = append(errs[i], err)
		}
		if len(res) == 0 {
			return
		}
		found[i] = make([]located, 0, len(res))
		resource := findingStrings.Join(docs[i].Resource()) // shared by the document's findings
		for _, x := range res {
			l, err := locate(x, resource)
			if err != nil {
				errs[i] = append(errs[i], err)
			}
			found[i] = append(found[i], l)
		}
	})
	if len(docs) >= largeRun {
		// Evaluation leaves the heap fragmented by gigabytes of short-lived
		// Rego values; the findings slice built next needs one contiguous
		// block. Returning the free pages first keeps the run's peak memory
		// near what is live (measured: 166-181 MB -> 151 MB on 20,000
		// Deployments) for one extra collection.
		debug.FreeOSMemory()
	}
	n := 0
	for _, ls := range found {
		n += len(ls)
	}
	out := make([]finding.Finding, 0, n)
	var all []error
	for i := range docs {
		for _, l := range found[i] {
			out = append(out, l.finding())
		}
		found[i] = nil // the collector may free it while the rest is built
		all = append(all, errs[i]...)
	}
	finding.Sort(out)
	return out, all
}

// key groups documents that evaluate the same rules: a domain, and for
// Kubernetes the kind.
func (r *run) setsFor(d *manifest.Document) (string, []*ruleSet) {
	key := string(d.Type) + "/" + d.Kind
	var sets []*ruleSet
	for i := range r.e.sets {
		s := &r.e.sets[i]
		if s.domain != "" && s.domain != d.Type {
			continue
		}
		if d.Type == manifest.Kubernetes && s.kinds != nil && !s.kinds[d.Kind] {
			continue
		}
		sets = append(sets, s)
	}
	return key, sets
}

// query prepares, once per key, one query that evaluates every applicable
// rule: a single evaluation per document instead of one per rule.
func (r *run) query(key string, sets []*ruleSet) (*prepared, error) {
	r.mu.Lock()
	p := r.prepared[key]
	if p == nil {
		p = &prepared{sets: sets}
		r.prepared[key] = p
	}
	r.mu.Unlock()
	p.once.Do(func() {
		var b strings.Builder
		for i, s := range sets {
			for j, d := range s.decisions {
				if b.Len() > 0 {
					b.WriteString("; ")
				}
				name := fmt.Sprintf("r%d_%d", i, j)
				p.vars = append(p.vars, ast.Var(name))
				fmt.Fprintf(&b, "%s = data.%s.%s", name, s.pkg, d)
			}
		}
		body, err := ast.ParseBodyWithOpts(b.String(), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			p.err = err
			return
		}
		p.body, p.err = r.e.compiler.QueryCompiler().Compile(body)
	})
	return p, p.err
}

// eval runs a prepared query on one document with topdown directly. The
// rego package's Eval would also convert every result to Go values (8 % of
// a run's allocations) and start a goroutine per evaluation for
// cancellation; relcheck reads the results as Rego values and never cancels
// a single document. The first solution is the only one: every variable is
// bound to a whole decision set.
func (r *run) eval(p *prepared, d *manifest.Document, input ast.Value) (topdown.QueryResult, error) {
	ctx := withViewer(r.ctx, d)
	txn, err := r.store.NewTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer r.store.Abort(ctx, txn)
	q := topdown.NewQuery(p.body).WithCompiler(r.e.compiler).WithStore(r.store).WithTransaction(txn).
		WithInput(ast.NewTerm(input)).WithStrictBuiltinErrors(true).WithIndexing(true).WithEarlyExit(true)
	var first topdown.QueryResult
	err = q.Iter(ctx, func(qr topdown.QueryResult) error {
		if first == nil {
			first = qr
		}
		return nil
	})
	return first, err
}

func (r *run) evalDoc(d *manifest.Document) (res []result, err error) {
	key, sets := r.setsFor(d)
	if len(sets) == 0 {
		return nil, nil
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: policy evaluation panicked (rules %s): %v", d.File, ids(sets), p)
		}
	}()
	p, err := r.query(key, sets)
	if err != nil {
		return nil, fmt.Errorf("preparing policies for %s: %w", key, err)
	}
	input, err := d.Value()
	if err != nil {
		return nil, err
	}
	qr, err := r.eval(p, d, input)
	if err != nil {
		return nil, r.blame(d, input, sets, err)
	}
	if qr == nil {
		return nil, nil
	}
	k := 0
	for _, s := range p.sets {
		for _, dec := range s.decisions {
			v := qr[p.vars[k]]
			k++
			out, err := decode(s, d, dec, v)
			if err != nil {
				return nil, err
			}
			res = append(res, out...)
		}
	}
	return res, nil
}

// blame finds which rule failed when the combined query errors, so the error
// names the rule as well as the file.
func (r *run) blame(d *manifest.Document, input ast.Value, sets []*ruleSet, cause error) error {
	for _, s := range sets {
		p, err := r.query("single/"+s.pkg, []*ruleSet{s})
		if err != nil {
			return fmt.Errorf("%s: rule %s: %w", d.File, s.rule.ID, err)
		}
		if _, err := r.eval(p, d, input); err != nil {
			return fmt.Errorf("%s: %s: rule %s: %w", d.File, describe(d), s.rule.ID, err)
		}
	}
	return fmt.Errorf("%s: %s: rules %s: %w", d.File, describe(d), ids(sets), cause)
}

func describe(d *manifest.Document) string {
	if res := d.Resource(); res != "" {
		return res
	}
	return string(d.Type)
}

func ids(sets []*ruleSet) string {
	var out []string
	for _, s := range sets {
		out = append(out, s.rule.ID)
	}
	return strings.Join(out, ", ")
}

// decode reads one decision set. Elements are objects with msg, path and
// resource, or plain strings as conftest policies write them.
func decode(s *ruleSet, d *manifest.Document, decision string, t *ast.Term) ([]result, error) {
	if t == nil {
		return nil, nil
	}
	var items []*ast.Term
	switch v := t.Value.(type) {
	case ast.Set:
		items = termsOf(v.Sorted())
	case *ast.Array:
		items = termsOf(v)
	case ast.Null:
		return nil, nil
	default:
		return nil, fmt.Errorf("%s: rule %s: %s must be a set, got %s", d.File, s.rule.ID, decision, ast.ValueName(v))
	}
	out := make([]result, 0, len(items))
	for _, it := range items {
		r := result{set: s, doc: d, warn: decision == "warn"}
		switch x := it.Value.(type) {
		case ast.String:
			r.msg = string(x)
		case ast.Object:
			if m := x.Get(ast.InternedTerm("msg")); m != nil {
				if str, ok := m.Value.(ast.String); ok {
					r.msg = string(str)
				}
			}
			if r.msg == "" {
				return nil, fmt.Errorf("%s: rule %s: result %v has no msg", d.File, s.rule.ID, x)
			}
			if p := x.Get(ast.InternedTerm("path")); p != nil {
				list, ok := p.Value.(*ast.Array)
				if !ok {
					return nil, fmt.Errorf("%s: rule %s: path must be a list, got %v", d.File, s.rule.ID, p)
				}
				r.path = pathOf(list)
			}
			if res := x.Get(ast.InternedTerm("resource")); res != nil {
				if str, ok := res.Value.(ast.String); ok {
					r.resource = string(str)
				}
			}
		default:
			return nil, fmt.Errorf("%s: rule %s: a %s result must be a string or an object with msg, got %v", d.File, s.rule.ID, decision, it)
		}
		out = append(out, r)
	}
	return out, nil
}

func termsOf(a *ast.Array) []*ast.Term {
	out := make([]*ast.Term, a.Len())
	for i := range out {
		out[i] = a.Elem(i)
	}
	return out
}

// pathOf turns a reported path into the keys and indexes Locate takes.
func pathOf(a *ast.Array) []any {
	out := make([]any, a.Len())
	for i := range out {
		switch v := a.Elem(i).Value.(type) {
		case ast.String:
			out[i] = string(v)
		case ast.Number:
			if n, ok := v.Int(); ok {
				out[i] = n
			} else {
				out[i] = json.Number(v)
			}
		default:
			out[i], _ = ast.JSON(v)
		}
	}
	return out
}

// largeRun is the number of documents from which Evaluate hands memory
// back to the OS between evaluation and building the findings.
const largeRun = 1000

// findingStrings holds the strings of findings densely; see package arena.
var findingStrings arena.Strings

// located is a result with its position: what a finding is built from.
type located struct {
	set                         *ruleSet
	msg, resource, anchor, file string
	// int32 keeps a located result at 96 bytes: a large run holds a
	// hundred thousand of them until the findings are built.
	line, col, endLine, endCol int32
	warn                       bool
}

func locate(r result, resource string) (located, error) {
	pos, _, err := r.doc.Locate(r.path)
	if err != nil {
		err = fmt.Errorf("rule %s: %w", r.set.rule.ID, err)
	}
	if pos.File == "" {
		pos.File = r.doc.File
	}
	// What a finding keeps goes to the arena: these strings live until
	// the report is written, amid gigabytes of short-lived Rego values.
	l := located{set: r.set, msg: findingStrings.Join(r.msg), resource: findingStrings.Join(r.resource), file: pos.File,
		line: int32(pos.Line), col: int32(pos.Col), endLine: int32(pos.EndLine), endCol: int32(pos.EndCol), warn: r.warn}
	if l.resource == "" {
		l.resource = resource
	}
	if l.resource == "" {
		l.resource = findingStrings.Join(resourceOf(r.doc.Type, r.path))
	}
	l.anchor = findingStrings.Join(l.resource, "\x00", manifest.PathKey(r.path))
	return l, err
}

func (l located) finding() finding.Finding {
	f := finding.Finding{
		Rule: l.set.rule.ID, Severity: l.set.rule.Severity, Message: l.msg,
		File: l.file, Line: int(l.line), Col: int(l.col), EndLine: int(l.endLine), EndCol: int(l.endCol),
		Resource: l.resource, Fix: l.set.rule.Fix, Anchor: l.anchor,
	}
	if l.warn && f.Severity > finding.Low {
		f.Severity = finding.Low
	}
	return f
}

// resourceOf names what a Terraform or Compose finding is about, from the
// path a policy reported.
func resourceOf(t manifest.Type, path []any) string {
	str := func(i int) string {
		if i < len(path) {
			s, _ := path[i].(string)
			return s
		}
		return ""
	}
	switch t {
	case manifest.Terraform:
		switch str(0) {
		case "resource":
			if str(1) != "" && str(2) != "" {
				return str(1) + "." + str(2)
			}
		case "data":
			if str(1) != "" && str(2) != "" {
				return "data." + str(1) + "." + str(2)
			}
		case "module":
			if str(1) != "" {
				return "module." + str(1)
			}
		}
	case manifest.Compose:
		if str(0) == "services" && str(1) != "" {
			return "service/" + str(1)
		}
	}
	return ""
}
