package policy

import (
	"path"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/relcheck/relcheck/internal/manifest"
)

// A Service or PodDisruptionBudget that selects pods of a workload in its
// own directory (or below it) belongs to that directory: documents outside
// it do not see it. In a run over many applications (a repository of
// examples, several repositories checked together) generic labels such as
// tier: backend or app: nginx otherwise tie one application's Deployment to
// another's Service, and rules reported a preStop hook missing "behind" a
// Service from elsewhere. An object that selects nothing beside it (Services
// kept in a services/ directory, apart from their workloads) stays visible
// to the whole run, as before.

// selecting are the kinds whose label selectors pick pods.
var selecting = map[string]bool{"Service": true, "PodDisruptionBudget": true}

// podLabelPaths is where each workload kind keeps its pods' labels.
var podLabelPaths = map[string][]any{
	"Deployment":            {"spec", "template", "metadata", "labels"},
	"StatefulSet":           {"spec", "template", "metadata", "labels"},
	"DaemonSet":             {"spec", "template", "metadata", "labels"},
	"ReplicaSet":            {"spec", "template", "metadata", "labels"},
	"ReplicationController": {"spec", "template", "metadata", "labels"},
	"Job":                   {"spec", "template", "metadata", "labels"},
	"CronJob":               {"spec", "jobTemplate", "spec", "template", "metadata", "labels"},
	"Pod":                   {"metadata", "labels"},
}

// homes returns, for the objects of one selecting kind in one namespace,
// the directory each belongs to; objects without one are absent. pods are
// the namespace's workloads.
func homes(byName map[string][]*manifest.Document, pods *podSet) map[*manifest.Document]string {
	var out map[*manifest.Document]string
	for _, ds := range byName {
		for _, x := range ds {
			sel, ok := selectorOf(x)
			if !ok {
				continue
			}
			dir := path.Dir(x.File)
			if pods.selectsBelow(sel, dir) {
				if out == nil {
					out = map[*manifest.Document]string{}
				}
				out[x] = dir
			}
		}
	}
	return out
}

// podSet is the workloads of one namespace with their pods' labels, read
// once, and looked up by label: every Service and PodDisruptionBudget of
// the namespace is matched against them (reading each workload's labels for
// each selector cost 3.4 s of 8 on 2,000 services in one namespace).
type podSet struct {
	pods    []pod
	byLabel map[[2]string][]int
}

type pod struct {
	doc    *manifest.Document
	labels ast.Value
}

func (s *objectStore) podSet(ns string) *podSet {
	ps := &podSet{byLabel: map[[2]string][]int{}}
	for _, kind := range sortedNames(podLabelPaths) {
		for _, name := range sortedNames(s.docs[kind][ns]) {
			for _, w := range s.docs[kind][ns][name] {
				labels, _, ok := w.Lookup(podLabelPaths[kind])
				if !ok {
					continue
				}
				i := len(ps.pods)
				ps.pods = append(ps.pods, pod{w, labels})
				stringLabels(labels, func(k, v string) {
					key := [2]string{k, v}
					ps.byLabel[key] = append(ps.byLabel[key], i)
				})
			}
		}
	}
	return ps
}

// selectsBelow reports whether sel picks the pods of a workload whose file
// is in dir or below it. A selector with labels looks at the workloads
// that carry one of them only.
func (ps *podSet) selectsBelow(sel selector, dir string) bool {
	try := func(p pod) bool { return within(p.doc.File, dir) && sel.matches(p.labels) }
	if k, ok := sel.anyLabel(); ok {
		for _, i := range ps.byLabel[[2]string{k, sel.labels[k]}] {
			if try(ps.pods[i]) {
				return true
			}
		}
		return false
	}
	for _, p := range ps.pods {
		if try(p) {
			return true
		}
	}
	return false
}

// within reports whether file is in dir or a directory below it.
func within(file, dir string) bool {
	d := path.Dir(file)
	return dir == "." || d == dir || strings.HasPrefix(d, dir+"/")
}

// sees reports whether viewer sees x, given the homes of x's namespace.
func sees(viewer, x *manifest.Document, homes map[*manifest.Document]string) bool {
	home, ok := homes[x]
	return !ok || viewer == nil || within(viewer.File, home)
}

// selector is a label selector: equality terms and set-based expressions.
type selector struct {
	labels map[string]string
	exprs  []expression
}

// anyLabel is one key of the selector's labels (the least, so that the
// choice is the same in every run); every pod it selects carries it.
func (sel selector) anyLabel() (string, bool) {
	least, ok := "", false
	for k := range sel.labels {
		if !ok || k < least {
			least, ok = k, true
		}
	}
	return least, ok
}

type expression struct {
	key, op string
	values  []string
}

// selectorOf reads a Service's spec.selector or a PodDisruptionBudget's
// spec.selector. ok is false for selectors that pick no pods or every pod
// of the namespace (an empty one), and for shapes it cannot read: those
// objects are left visible to everyone.
func selectorOf(x *manifest.Document) (selector, bool) {
	v, _, ok := x.Lookup([]any{"spec", "selector"})
	if !ok {
		return selector{}, false
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return selector{}, false
	}
	var sel selector
	if x.Kind == "Service" {
		sel.labels, ok = stringMap(obj)
		return sel, ok && len(sel.labels) > 0
	}
	if ml := obj.Get(ast.InternedTerm("matchLabels")); ml != nil {
		m, ok := ml.Value.(ast.Object)
		if !ok {
			return selector{}, false
		}
		if sel.labels, ok = stringMap(m); !ok {
			return selector{}, false
		}
	}
	if me := obj.Get(ast.InternedTerm("matchExpressions")); me != nil {
		arr, ok := me.Value.(*ast.Array)
		if !ok {
			return selector{}, false
		}
		for i := 0; i < arr.Len(); i++ {
			e, ok := readExpression(arr.Elem(i).Value)
			if !ok {
				return selector{}, false
			}
			sel.exprs = append(sel.exprs, e)
		}
	}
	return sel, len(sel.labels)+len(sel.exprs) > 0
}

func readExpression(v ast.Value) (expression, bool) {
	obj, ok := v.(ast.Object)
	if !ok {
		return expression{}, false
	}
	str := func(k string) (string, bool) {
		t := obj.Get(ast.InternedTerm(k))
		if t == nil {
			return "", false
		}
		s, ok := t.Value.(ast.String)
		return string(s), ok
	}
	var e expression
	if e.key, ok = str("key"); !ok {
		return expression{}, false
	}
	if e.op, ok = str("operator"); !ok {
		return expression{}, false
	}
	if t := obj.Get(ast.InternedTerm("values")); t != nil {
		arr, ok := t.Value.(*ast.Array)
		if !ok {
			return expression{}, false
		}
		for i := 0; i < arr.Len(); i++ {
			s, ok := arr.Elem(i).Value.(ast.String)
			if !ok {
				return expression{}, false
			}
			e.values = append(e.values, string(s))
		}
	}
	switch e.op {
	case "In", "NotIn", "Exists", "DoesNotExist":
		return e, true
	}
	return expression{}, false
}

// stringLabels calls f with each label of labels whose key and value are
// strings, the only ones a selector can require; labels that are not an
// object have none.
func stringLabels(labels ast.Value, f func(k, v string)) {
	obj, ok := labels.(ast.Object)
	if !ok {
		return
	}
	obj.Foreach(func(k, v *ast.Term) {
		ks, kok := k.Value.(ast.String)
		vs, vok := v.Value.(ast.String)
		if kok && vok {
			f(string(ks), string(vs))
		}
	})
}

// stringMap reads an object of string values; ok is false for any other.
func stringMap(obj ast.Object) (map[string]string, bool) {
	out := make(map[string]string, obj.Len())
	ok := true
	obj.Foreach(func(k, v *ast.Term) {
		ks, kok := k.Value.(ast.String)
		vs, vok := v.Value.(ast.String)
		if !kok || !vok {
			ok = false
			return
		}
		out[string(ks)] = string(vs)
	})
	return out, ok
}

// matches reports whether pod labels (an object, as written) satisfy sel.
func (sel selector) matches(labels ast.Value) bool {
	obj, ok := labels.(ast.Object)
	if !ok {
		return false
	}
	get := func(k string) (string, bool) {
		t := obj.Get(ast.StringTerm(k))
		if t == nil {
			return "", false
		}
		s, ok := t.Value.(ast.String)
		return string(s), ok
	}
	for k, want := range sel.labels {
		if got, ok := get(k); !ok || got != want {
			return false
		}
	}
	for _, e := range sel.exprs {
		got, has := get(e.key)
		in := false
		for _, v := range e.values {
			in = in || (has && v == got)
		}
		switch {
		case e.op == "In" && !in, e.op == "NotIn" && in,
			e.op == "Exists" && !has, e.op == "DoesNotExist" && has:
			return false
		}
	}
	return true
}
