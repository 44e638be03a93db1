package policy

import (
	"context"
	"math"
	"path"
	"sort"
	"strings"
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
// When objects of a run share kind, namespace and name (two applications of
// one repository that both deploy "frontend" to the default namespace, or
// two copies of an example), the index a document sees holds the one
// nearest to it: fewest directories apart, the later one in file order on a
// tie, as the later kubectl apply would win. Without that, one
// application's Service was checked against the other's Deployment.
//
// Everything else (transactions, the policy store) is an empty in-memory
// store's.
type objectStore struct {
	storage.Store
	// docs[kind][namespace][name] are the objects of that name in file
	// order.
	docs map[string]map[string]map[string][]*manifest.Document

	// shared says no two objects of the run share kind, namespace and
	// name, so every document sees the same index and whole-index reads are
	// built once.
	shared bool
	all    struct {
		once sync.Once
		v    ast.Object
		err  error
	}

	mu    sync.Mutex
	cache map[[2]string]*lazyNamespace

	// homes[kind, namespace] are the directories that selecting objects
	// belong to (see homes.go), found on the first read.
	homeOnce sync.Once
	homesBy  map[[2]string]map[*manifest.Document]string
	// hidden[kind, namespace, directory] is hidesAny's answer (under mu).
	hidden map[[3]string]bool

	// twinsBy indexes, on first use, the objects that share a kind,
	// namespace and name (under mu).
	twinsBy map[[3]string]*twinIndex

	// indexes are data.relcheck.index (labelindex.go), built on first read;
	// noIndex serves none, as a run of the Rego tests has none.
	indexes labelIndexes
	noIndex bool
}

// homesIn returns the homes of one kind and namespace's objects.
func (s *objectStore) homesIn(kind, ns string) map[*manifest.Document]string {
	return s.allHomes()[[2]string{kind, ns}]
}

// allHomes finds, on first use, the homes of every selecting object of the
// run, by kind and namespace.
func (s *objectStore) allHomes() map[[2]string]map[*manifest.Document]string {
	s.homeOnce.Do(func() {
		s.homesBy = map[[2]string]map[*manifest.Document]string{}
		pods := map[string]*podSet{}
		for kind := range selecting {
			for ns, byName := range s.docs[kind] {
				if pods[ns] == nil {
					pods[ns] = s.podSet(ns)
				}
				if h := homes(byName, pods[ns]); h != nil {
					s.homesBy[[2]string{kind, ns}] = h
				}
			}
		}
	})
	return s.homesBy
}

// hidesAny reports whether the viewer is outside the home of any object
// of a kind and namespace, so that it needs a view of its own. The answer
// depends on the viewer's directory only, and every document reads the
// namespaces of its kind: it is kept per directory (testing every home for
// every document cost 3.5 s of 8 on 4,000 services in one namespace).
func (s *objectStore) hidesAny(kind, ns string, viewer *manifest.Document, homes map[*manifest.Document]string) bool {
	if viewer == nil || len(homes) == 0 {
		return false
	}
	key := [3]string{kind, ns, path.Dir(viewer.File)}
	s.mu.Lock()
	hides, ok := s.hidden[key]
	s.mu.Unlock()
	if ok {
		return hides
	}
	for x := range homes {
		if !sees(viewer, x, homes) {
			hides = true
			break
		}
	}
	s.mu.Lock()
	if s.hidden == nil {
		s.hidden = map[[3]string]bool{}
	}
	s.hidden[key] = hides
	s.mu.Unlock()
	return hides
}

// lazyNamespace is one kind and namespace, decoded once.
type lazyNamespace struct {
	once sync.Once
	// values are the decoded objects, for building a document's own view.
	values map[*manifest.Document]ast.Value
	// shared is the index every document sees when no two objects share a
	// name; nil otherwise.
	shared ast.Object
	err    error
}

// viewerKey carries the document under evaluation in the context of its
// evaluation, so that reads resolve shared names from where it stands.
type viewerKey struct{}

func withViewer(ctx context.Context, d *manifest.Document) context.Context {
	return context.WithValue(ctx, viewerKey{}, d)
}

func newObjectStore(docs []*manifest.Document) *objectStore {
	s := &objectStore{Store: inmem.New(), docs: map[string]map[string]map[string][]*manifest.Document{}, cache: map[[2]string]*lazyNamespace{}}
	for _, d := range docs {
		if d.Type != manifest.Kubernetes || d.Name == "" {
			continue
		}
		ns := indexNamespace(d)
		byNS := s.docs[d.Kind]
		if byNS == nil {
			byNS = map[string]map[string][]*manifest.Document{}
			s.docs[d.Kind] = byNS
		}
		if byNS[ns] == nil {
			byNS[ns] = map[string][]*manifest.Document{}
		}
		byNS[ns][d.Name] = append(byNS[ns][d.Name], d)
	}
	s.shared = true
	for _, byNS := range s.docs {
		for _, byName := range byNS {
			for _, ds := range byName {
				s.shared = s.shared && len(ds) == 1
			}
		}
	}
	return s
}

// indexNamespace is where the index keeps an object: its namespace, or
// "default" when it names none, where kubectl apply without -n puts it.
func indexNamespace(d *manifest.Document) string {
	if d.Namespace == "" {
		return "default"
	}
	return d.Namespace
}

var objectsPath = storage.Path{"relcheck", "objects"}

// Read answers reads at, above and below data.relcheck.objects. Policies that
// name the kind and namespace (as the built-in library does) cost only
// those objects; reading the whole index decodes everything once.
func (s *objectStore) Read(ctx context.Context, txn storage.Transaction, p storage.Path) (any, error) {
	viewer, _ := ctx.Value(viewerKey{}).(*manifest.Document)
	if len(p) < len(objectsPath) {
		if !p.HasPrefix(objectsPath[:len(p)]) && !objectsPath.HasPrefix(p) {
			return s.Store.Read(ctx, txn, p)
		}
		all, err := s.everything(viewer)
		if err != nil {
			return nil, err
		}
		v := ast.Value(all)
		for i := len(objectsPath) - 1; i >= len(p); i-- {
			v = ast.NewObject(ast.Item(ast.InternedTerm(objectsPath[i]), ast.NewTerm(v)))
		}
		return v, nil
	}
	if p.HasPrefix(indexPath) {
		return s.readIndex(p, p[len(indexPath):])
	}
	if !p.HasPrefix(objectsPath) {
		return s.Store.Read(ctx, txn, p)
	}
	rest := p[len(objectsPath):]
	switch len(rest) {
	case 0:
		return s.everything(viewer)
	case 1:
		if _, ok := s.docs[rest[0]]; !ok {
			return nil, notFound(p)
		}
		v, err := s.kind(rest[0], viewer)
		if err == nil && v.Len() == 0 {
			return nil, notFound(p)
		}
		return v, err
	}
	v, err := s.namespace(rest[0], rest[1], viewer)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, notFound(p)
	}
	return below(v, rest[2:], p)
}

// below walks keys down from v; a miss reads as p not found.
func below(v ast.Value, keys, p storage.Path) (ast.Value, error) {
	for _, k := range keys {
		obj, ok := v.(ast.Object)
		if !ok {
			return nil, notFound(p)
		}
		t := obj.Get(ast.StringTerm(k))
		if t == nil {
			return nil, notFound(p)
		}
		v = t.Value
	}
	return v, nil
}

// errNotFound is every miss: evaluation reads it as "undefined", and most
// documents miss several kinds (no PodDisruptionBudget, no autoscaler), so
// it is one value rather than a message formatted per read.
var errNotFound = &storage.Error{Code: storage.NotFoundErr, Message: "document missing"}

func notFound(storage.Path) error { return errNotFound }

// namespace returns the objects of one kind in one namespace as viewer sees
// them, by name, or nil when there are none.
func (s *objectStore) namespace(kind, ns string, viewer *manifest.Document) (ast.Object, error) {
	byName := s.docs[kind][ns]
	if byName == nil {
		return nil, nil
	}
	s.mu.Lock()
	lv := s.cache[[2]string{kind, ns}]
	if lv == nil {
		lv = &lazyNamespace{}
		s.cache[[2]string{kind, ns}] = lv
	}
	s.mu.Unlock()
	lv.once.Do(func() { lv.err = lv.decode(byName) })
	if lv.err != nil {
		return nil, lv.err
	}
	twins := s.twins(viewer)
	homes := s.homesIn(kind, ns)
	if lv.shared != nil && twins == nil && !s.hidesAny(kind, ns, viewer, homes) {
		return lv.shared, nil
	}
	obj := ast.NewObjectWithCapacity(len(byName))
	for _, name := range sortedNames(byName) {
		var seen []*manifest.Document
		for _, d := range byName[name] {
			if belongs(d, viewer, twins) && sees(viewer, d, homes) {
				seen = append(seen, d)
			}
		}
		if len(seen) > 0 {
			obj.Insert(ast.StringTerm(name), ast.NewTerm(lv.values[nearest(seen, viewer)]))
		}
	}
	if obj.Len() == 0 {
		return nil, nil // the viewer sees none of them: as if there were none
	}
	return obj, nil
}

// twins are the objects of the run that share the viewer's kind, namespace
// and name (the viewer included), with an index of where they are, or nil
// when its name is its own.
func (s *objectStore) twins(viewer *manifest.Document) *twinIndex {
	if viewer == nil || viewer.Type != manifest.Kubernetes {
		return nil
	}
	ns := indexNamespace(viewer)
	ds := s.docs[viewer.Kind][ns][viewer.Name]
	if len(ds) < 2 {
		return nil
	}
	key := [3]string{viewer.Kind, ns, viewer.Name}
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := s.twinsBy[key]
	if ix == nil {
		ix = newTwinIndex(ds)
		if s.twinsBy == nil {
			s.twinsBy = map[[3]string]*twinIndex{}
		}
		s.twinsBy[key] = ix
	}
	return ix
}

// belongs says whether object d is part of the viewer's application when
// the viewer's name is shared: no object of that name is nearer to d than
// the viewer. An HPA of one application that targets "frontend" does not
// scale the other application's "frontend"; copies side by side (a v1 and
// a v2 of one controller) share what is beside them.
func belongs(d, viewer *manifest.Document, twins *twinIndex) bool {
	if twins == nil || d == viewer {
		return true
	}
	return dirDistance(d.File, viewer.File) <= twins.nearest(d.File)
}

// twinIndex finds how near the nearest of the objects sharing one name is
// to a file without measuring from each of them: a run over forty copies of
// one application (a directory per tenant or environment) otherwise
// compared every object of a namespace with every copy, for every document
// read (272 s for 40 copies of 50 Services, Deployments and
// PodDisruptionBudgets in the default namespace).
type twinIndex struct {
	files map[string]bool
	// least[p] is the fewest directory components of a twin whose
	// directory starts with the k components p.
	least map[prefix]int
}

type prefix struct {
	dir string
	k   int
}

func newTwinIndex(twins []*manifest.Document) *twinIndex {
	ix := &twinIndex{files: map[string]bool{}, least: map[prefix]int{}}
	for _, t := range twins {
		ix.files[t.File] = true
		dir := path.Dir(t.File)
		n := components(dir)
		prefixes(dir, func(p prefix) {
			if l, ok := ix.least[p]; !ok || n < l {
				ix.least[p] = n
			}
		})
	}
	return ix
}

// nearest is the least dirDistance from file to a twin. Through a common
// directory of k components, the nearest twin below it is the one with the
// fewest components; the deepest common directory of each twin gives its
// distance, and a shallower one only a larger figure, so the least over
// all of file's directories is the least over the twins.
func (ix *twinIndex) nearest(file string) int {
	if ix.files[file] {
		return 0
	}
	dir := path.Dir(file)
	best := math.MaxInt
	prefixes(dir, func(p prefix) {
		if l, ok := ix.least[p]; ok && l-2*p.k < best {
			best = l - 2*p.k
		}
	})
	return 2*(components(dir)+best) + 1
}

// prefixes calls f with the directory of no components, then of the first,
// the first two, and so on to dir itself, as dirDistance splits it.
func prefixes(dir string, f func(prefix)) {
	f(prefix{"", 0})
	k := 0
	for i := 0; i <= len(dir); i++ {
		if i == len(dir) || dir[i] == '/' {
			k++
			f(prefix{dir[:i], k})
		}
	}
}

// components counts dir's components the way strings.Split counts them
// ("." is one).
func components(dir string) int { return strings.Count(dir, "/") + 1 }

func (lv *lazyNamespace) decode(byName map[string][]*manifest.Document) error {
	unique := true
	n := 0
	for _, ds := range byName {
		unique = unique && len(ds) == 1
		n += len(ds)
	}
	lv.values = make(map[*manifest.Document]ast.Value, n)
	for _, ds := range byName {
		for _, d := range ds {
			v, err := d.Value()
			if err != nil {
				return err
			}
			lv.values[d] = v
		}
	}
	if unique {
		obj := ast.NewObjectWithCapacity(len(byName))
		for _, name := range sortedNames(byName) {
			obj.Insert(ast.StringTerm(name), ast.NewTerm(lv.values[byName[name][0]]))
		}
		lv.shared = obj
	}
	return nil
}

// nearest picks, among objects of one name, the one fewest directories away
// from viewer, the last in file order on a tie (and without a viewer).
func nearest(ds []*manifest.Document, viewer *manifest.Document) *manifest.Document {
	best := ds[len(ds)-1]
	if viewer == nil {
		return best
	}
	bestDist := dirDistance(viewer.File, best.File)
	for i := len(ds) - 2; i >= 0; i-- {
		if d := dirDistance(viewer.File, ds[i].File); d < bestDist {
			best, bestDist = ds[i], d
		}
	}
	return best
}

// dirDistance measures how far apart two files are: twice the directory
// steps from one's directory to the other's, plus one for different files,
// so that an object in the same file is nearer than one beside it. It is
// measured once per object for every document that reads a namespace with
// shared names, so it allocates nothing.
func dirDistance(a, b string) int {
	da, db := path.Dir(a), path.Dir(b)
	d := 2 * (components(da) + components(db) - 2*commonComponents(da, db))
	if a != b {
		d++
	}
	return d
}

// commonComponents counts the leading components two directories share.
func commonComponents(a, b string) int {
	common := 0
	for i := 0; ; {
		ea, eb := componentEnd(a, i), componentEnd(b, i)
		if ea != eb || a[i:ea] != b[i:eb] {
			return common
		}
		common++
		if ea == len(a) || eb == len(b) {
			return common
		}
		i = ea + 1
	}
}

// componentEnd is the end of the component of dir that starts at i.
func componentEnd(dir string, i int) int {
	if j := strings.IndexByte(dir[i:], '/'); j >= 0 {
		return i + j
	}
	return len(dir)
}

func (s *objectStore) kind(kind string, viewer *manifest.Document) (ast.Object, error) {
	byNS := s.docs[kind]
	obj := ast.NewObjectWithCapacity(len(byNS))
	for _, ns := range sortedNames(byNS) {
		v, err := s.namespace(kind, ns, viewer)
		if err != nil {
			return nil, err
		}
		if v != nil {
			obj.Insert(ast.StringTerm(ns), ast.NewTerm(v))
		}
	}
	return obj, nil
}

func (s *objectStore) everything(viewer *manifest.Document) (ast.Object, error) {
	// With no shared names and no object bound to a directory, every
	// document sees the same index: build it once.
	if s.shared && len(s.allHomes()) == 0 {
		s.all.once.Do(func() { s.all.v, s.all.err = s.build(nil) })
		return s.all.v, s.all.err
	}
	return s.build(viewer)
}

func (s *objectStore) build(viewer *manifest.Document) (ast.Object, error) {
	obj := ast.NewObjectWithCapacity(len(s.docs))
	for _, kind := range sortedNames(s.docs) {
		v, err := s.kind(kind, viewer)
		if err != nil {
			return nil, err
		}
		if v.Len() > 0 {
			obj.Insert(ast.StringTerm(kind), ast.NewTerm(v))
		}
	}
	return obj, nil
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
