package policy

import (
	"sort"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/relcheck/relcheck/internal/manifest"
)

// The label index answers "which objects of a namespace may select these
// pods" and "whose pods may carry this label" without reading every object
// of the namespace. Cross-resource rules otherwise test every Service and
// PodDisruptionBudget of the namespace for each workload, and every
// workload for each Service: the cost of a run grew with the square of the
// objects in one namespace (1,000 services, each a Deployment, a Service and
// a PodDisruptionBudget, in the default namespace: 18 s of CPU).
//
// It is served under data.relcheck.index, read by the library's helpers
// only (policies/lib/k8s.rego), which fall back to reading every object
// where it is absent (the Rego tests give data.relcheck.objects alone). An
// entry names candidates: every object that can match is listed, others may
// be, and the rule still tests each candidate in full, so the findings are
// those of the full scan. Names shared by several objects (copies of one
// application) are listed if any of them qualifies; which one a document
// sees is still the object index's decision.
//
//	data.relcheck.index.pods[kind][namespace][key][value][name] = true
//	    objects of kind whose pod template (or pod) has label key=value
//	data.relcheck.index.selectors[kind][namespace].by_label[key][value][name] = true
//	    Services and PodDisruptionBudgets whose selector requires key=value,
//	    each listed under one pair of its selector, the one fewest others share
//	data.relcheck.index.selectors[kind][namespace].other[name] = true
//	    those whose selector has no such pair (matchExpressions only, or a
//	    shape the library reads differently): always candidates
//	data.relcheck.index.kinds = {kind, ...}
//	    the kinds of the run's objects, so that a rule that looks across
//	    kinds reads one kind and namespace at a time (the rule indexer
//	    otherwise reads the whole object index for every Service)

var indexPath = storage.Path{"relcheck", "index"}

// selectorPaths is where each selecting kind keeps the label pairs that
// all have to match.
var selectorPaths = map[string][]any{
	"Service":             {"spec", "selector"},
	"PodDisruptionBudget": {"spec", "selector", "matchLabels"},
}

// indexedPodLabelPaths adds to podLabelPaths the custom workloads whose
// template the library reads (Argo Rollouts, OpenShift DeploymentConfig,
// OpenKruise CloneSet).
var indexedPodLabelPaths = func() map[string][]any {
	m := map[string][]any{}
	for k, p := range podLabelPaths {
		m[k] = p
	}
	for _, k := range []string{"Rollout", "DeploymentConfig", "CloneSet"} {
		m[k] = []any{"spec", "template", "metadata", "labels"}
	}
	return m
}()

type labelIndexes struct {
	mu sync.Mutex
	by map[[3]string]*lazyIndex
}

type lazyIndex struct {
	once sync.Once
	v    ast.Object
}

// readIndex answers a read of data.relcheck.index; rest follows "index".
func (s *objectStore) readIndex(p, rest storage.Path) (any, error) {
	if s.noIndex {
		return nil, notFound(p)
	}
	if len(rest) == 1 && rest[0] == "kinds" {
		kinds := make([]*ast.Term, 0, len(s.docs))
		for _, k := range sortedNames(s.docs) {
			kinds = append(kinds, ast.StringTerm(k))
		}
		return ast.NewSet(kinds...), nil
	}
	if len(rest) < 3 {
		// The library always names what and kind and namespace; a read of
		// more is refused rather than built whole, and reads as undefined.
		return nil, notFound(p)
	}
	what, kind, ns := rest[0], rest[1], rest[2]
	var build func(map[string][]*manifest.Document) ast.Object
	switch {
	case what == "pods" && indexedPodLabelPaths[kind] != nil:
		build = func(byName map[string][]*manifest.Document) ast.Object {
			return podIndex(indexedPodLabelPaths[kind], byName)
		}
	case what == "selectors" && selectorPaths[kind] != nil:
		build = func(byName map[string][]*manifest.Document) ast.Object {
			return selectorIndex(selectorPaths[kind], byName)
		}
	default:
		return nil, notFound(p)
	}
	byName := s.docs[kind][ns]
	if byName == nil {
		return nil, notFound(p)
	}
	key := [3]string{what, kind, ns}
	s.indexes.mu.Lock()
	if s.indexes.by == nil {
		s.indexes.by = map[[3]string]*lazyIndex{}
	}
	li := s.indexes.by[key]
	if li == nil {
		li = &lazyIndex{}
		s.indexes.by[key] = li
	}
	s.indexes.mu.Unlock()
	li.once.Do(func() { li.v = build(byName) })

	return below(li.v, rest[3:], p)
}

// stringPairs reads an object whose keys and values are all strings, in
// key order; ok is false for anything else or an empty object.
func stringPairs(v ast.Value) (pairs [][2]string, ok bool) {
	obj, isObj := v.(ast.Object)
	if !isObj || obj.Len() == 0 {
		return nil, false
	}
	m, ok := stringMap(obj)
	if !ok {
		return nil, false
	}
	for k, v := range m {
		pairs = append(pairs, [2]string{k, v})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i][0] < pairs[j][0] })
	return pairs, true
}

// nested builds key -> value -> name -> true.
type nested map[string]map[string]map[string]bool

func (n nested) add(k, v, name string) {
	if n[k] == nil {
		n[k] = map[string]map[string]bool{}
	}
	if n[k][v] == nil {
		n[k][v] = map[string]bool{}
	}
	n[k][v][name] = true
}

func (n nested) value() ast.Object {
	obj := ast.NewObjectWithCapacity(len(n))
	for _, k := range sortedNames(n) {
		byValue := ast.NewObjectWithCapacity(len(n[k]))
		for _, v := range sortedNames(n[k]) {
			byValue.Insert(ast.StringTerm(v), ast.NewTerm(nameSet(n[k][v])))
		}
		obj.Insert(ast.StringTerm(k), ast.NewTerm(byValue))
	}
	return obj
}

func nameSet(names map[string]bool) ast.Object {
	obj := ast.NewObjectWithCapacity(len(names))
	for _, name := range sortedNames(names) {
		obj.Insert(ast.StringTerm(name), ast.InternedTerm(true))
	}
	return obj
}

// podIndex lists the objects of one kind and namespace under every label
// of their pods. Labels that are not strings are left out: no selector the
// library looks up by label requires them (it scans when its pair is not a
// string).
func podIndex(labelPath []any, byName map[string][]*manifest.Document) ast.Object {
	idx := nested{}
	for name, ds := range byName {
		for _, d := range ds {
			if v, _, ok := d.Lookup(labelPath); ok {
				stringLabels(v, func(k, v string) { idx.add(k, v, name) })
			}
		}
	}
	return idx.value()
}

// selectorIndex lists each selecting object under the pair of its selector
// that fewest others of the namespace require, so that a pod's labels look
// up few candidates; objects whose selector is not such pairs are "other".
func selectorIndex(selPath []any, byName map[string][]*manifest.Document) ast.Object {
	type entry struct {
		name  string
		pairs [][2]string
	}
	var entries []entry
	other := map[string]bool{}
	shared := map[[2]string]int{}
	for _, name := range sortedNames(byName) {
		for _, d := range byName[name] {
			v, _, ok := d.Lookup(selPath)
			var pairs [][2]string
			if ok {
				pairs, ok = stringPairs(v)
			}
			if !ok {
				other[name] = true
				continue
			}
			for _, p := range pairs {
				shared[p]++
			}
			entries = append(entries, entry{name, pairs})
		}
	}
	idx := nested{}
	for _, e := range entries {
		best := e.pairs[0]
		for _, p := range e.pairs[1:] {
			if shared[p] < shared[best] {
				best = p
			}
		}
		idx.add(best[0], best[1], e.name)
	}
	return ast.NewObject(
		ast.Item(ast.StringTerm("by_label"), ast.NewTerm(idx.value())),
		ast.Item(ast.StringTerm("other"), ast.NewTerm(nameSet(other))),
	)
}
