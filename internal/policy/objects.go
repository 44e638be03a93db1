package policy

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/relcheck/relcheck/internal/manifest"
)

// objectStore serves data.relcheck.objects[kind][namespace][name], the
// index of every Kubernetes object of a run that cross-resource rules read.
// It decodes one kind and namespace the first time a policy reads it and
// keeps that for the rest of the run. A run of 20,000 Deployments with no
// PodDisruptionBudget, Service or autoscaler never decodes a Deployment for
// the index: holding every object as a Rego value for the whole run cost
// most of a gigabyte and most of the garbage collector's time.
//
// Everything else (transactions, the policy store) is an empty in-memory
// store's.
type objectStore struct {
	storage.Store
	// docs[kind][namespace][name]; a later document of the same name wins,
	// as it would on kubectl apply.
	docs map[string]map[string]map[string]*manifest.Document

	mu    sync.Mutex
	cache map[[2]string]*lazyValue
	all   lazyValue
}

type lazyValue struct {
	once sync.Once
	v    ast.Object
	err  error
}

func newObjectStore(docs []*manifest.Document) *objectStore {
	s := &objectStore{Store: inmem.New(), docs: map[string]map[string]map[string]*manifest.Document{}, cache: map[[2]string]*lazyValue{}}
	for _, d := range docs {
		if d.Type != manifest.Kubernetes || d.Name == "" {
			continue
		}
		ns := d.Namespace
		if ns == "" {
			ns = "default"
		}
		byNS := s.docs[d.Kind]
		if byNS == nil {
			byNS = map[string]map[string]*manifest.Document{}
			s.docs[d.Kind] = byNS
		}
		if byNS[ns] == nil {
			byNS[ns] = map[string]*manifest.Document{}
		}
		byNS[ns][d.Name] = d
	}
	return s
}

var objectsPath = storage.Path{"relcheck", "objects"}

// Read answers reads at, above and below data.relcheck.objects. Policies that
// name the kind and namespace (as the built-in library does) cost only
// those objects; reading the whole index decodes everything once.
func (s *objectStore) Read(ctx context.Context, txn storage.Transaction, path storage.Path) (any, error) {
	if len(path) < len(objectsPath) {
		if !path.HasPrefix(objectsPath[:len(path)]) && !objectsPath.HasPrefix(path) {
			return s.Store.Read(ctx, txn, path)
		}
		all, err := s.everything()
		if err != nil {
			return nil, err
		}
		v := ast.Value(all)
		for i := len(objectsPath) - 1; i >= len(path); i-- {
			v = ast.NewObject(ast.Item(ast.InternedTerm(objectsPath[i]), ast.NewTerm(v)))
		}
		return v, nil
	}
	if !path.HasPrefix(objectsPath) {
		return s.Store.Read(ctx, txn, path)
	}
	rest := path[len(objectsPath):]
	switch len(rest) {
	case 0:
		all, err := s.everything()
		if err != nil {
			return nil, err
		}
		return all, nil
	case 1:
		byNS, ok := s.docs[rest[0]]
		if !ok {
			return nil, notFound(path)
		}
		return s.kind(rest[0], byNS)
	}
	v, err := s.namespace(rest[0], rest[1])
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, notFound(path)
	}
	var found ast.Value = v
	for _, k := range rest[2:] {
		obj, ok := found.(ast.Object)
		if !ok {
			return nil, notFound(path)
		}
		t := obj.Get(ast.StringTerm(k))
		if t == nil {
			return nil, notFound(path)
		}
		found = t.Value
	}
	return found, nil
}

func notFound(path storage.Path) error {
	return &storage.Error{Code: storage.NotFoundErr, Message: fmt.Sprintf("%v: document missing", path)}
}

// namespace returns the objects of one kind in one namespace, by name, or
// nil when there are none.
func (s *objectStore) namespace(kind, ns string) (ast.Object, error) {
	docs := s.docs[kind][ns]
	if docs == nil {
		return nil, nil
	}
	s.mu.Lock()
	lv := s.cache[[2]string{kind, ns}]
	if lv == nil {
		lv = &lazyValue{}
		s.cache[[2]string{kind, ns}] = lv
	}
	s.mu.Unlock()
	lv.once.Do(func() {
		obj := ast.NewObjectWithCapacity(len(docs))
		for _, name := range sortedNames(docs) {
			v, err := docs[name].Value()
			if err != nil {
				lv.err = err
				return
			}
			obj.Insert(ast.StringTerm(name), ast.NewTerm(v))
		}
		lv.v = obj
	})
	return lv.v, lv.err
}

func (s *objectStore) kind(kind string, byNS map[string]map[string]*manifest.Document) (ast.Object, error) {
	obj := ast.NewObjectWithCapacity(len(byNS))
	for _, ns := range sortedNames(byNS) {
		v, err := s.namespace(kind, ns)
		if err != nil {
			return nil, err
		}
		obj.Insert(ast.StringTerm(ns), ast.NewTerm(v))
	}
	return obj, nil
}

func (s *objectStore) everything() (ast.Object, error) {
	s.all.once.Do(func() {
		obj := ast.NewObjectWithCapacity(len(s.docs))
		for _, kind := range sortedNames(s.docs) {
			v, err := s.kind(kind, s.docs[kind])
			if err != nil {
				s.all.err = err
				return
			}
			obj.Insert(ast.StringTerm(kind), ast.NewTerm(v))
		}
		s.all.v = obj
	})
	return s.all.v, s.all.err
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
