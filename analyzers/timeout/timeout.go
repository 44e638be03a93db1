// Package timeout reports network calls that can block forever: HTTP clients,
// servers and dialers without timeouts, requests and queries that no context
// can cancel, and fresh contexts that discard the caller's deadline.
//
// The rules are documented in Rules. Values that need a timeout are tracked
// by type through each function: where they are built, the fields set on
// them anywhere in the function (anywhere before start, for servers), and
// where they are used, returned, stored or passed on. Helpers that build
// such values, or configure or use the ones passed to them, are summarized
// as facts so that a finding follows the value across packages. A client
// that a function literal builds and returns (a lazy initializer) is judged
// as stored: the literal's callers are not followed.
package timeout

import (
	"fmt"
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Analyzer runs the family with default settings.
var Analyzer = New(Settings{})

// New returns the family's analyzer configured by s. Each call returns an
// independent analyzer; nothing is shared through package state.
func New(s Settings) *analysis.Analyzer {
	cfg := newConfig(s)
	return &analysis.Analyzer{
		Name: "timeout",
		Doc: "report HTTP clients, servers and dials without timeouts and calls no context can cancel\n\n" +
			"Rules: " + ruleList(),
		URL:       "https://github.com/relcheck/relcheck/tree/main/analyzers/timeout",
		FactTypes: []analysis.Fact{new(funcFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			return nil, run(cfg, pass)
		},
	}
}

func ruleList() string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// funcFact summarizes what a function does with the clients, servers,
// dialers and transports it returns or receives, so that callers in other
// packages see through it.
type funcFact struct {
	// Result describes the first tracked result, nil when the function
	// returns none or returns something the analyzer cannot follow.
	Result *valueSummary
	// Params holds one effect per parameter (0 for untracked ones).
	Params []uint8
	// BareRequest says the function returns an *http.Request built
	// without a context and not given one: API clients build requests in
	// a helper and attach the context where they send them, so the finding
	// belongs to the caller that sends it without one.
	BareRequest bool
	// ContextlessTwin says the method makes a database/sql call without a
	// context, directly or through another such method, and has a twin
	// taking a context (sqlx's Select and SelectContext): callers are told
	// to use the twin.
	ContextlessTwin bool
}

type valueSummary struct {
	Index  int      // result index
	Kind   uint8    // kind of the value
	Fields []string // fields set on it, plus pseudo fields (see summarize)
	// Reported is true when the helper itself was already reported, so
	// callers must not report the same value again.
	Reported bool
}

const (
	effConfigures uint8 = 1 << iota // sets the timeout on the parameter
	effUses                         // sends requests with it, starts it, or dials with it
)

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	var parts []string
	if r := f.Result; r != nil {
		fields := append([]string(nil), r.Fields...)
		sort.Strings(fields)
		parts = append(parts, fmt.Sprintf("returns %s{%s}", kind(r.Kind), strings.Join(fields, ",")))
	}
	if f.BareRequest {
		parts = append(parts, "returns a request without context")
	}
	if f.ContextlessTwin {
		parts = append(parts, "calls without context")
	}
	for i, e := range f.Params {
		if e&effConfigures != 0 {
			parts = append(parts, fmt.Sprintf("configures param %d", i))
		}
		if e&effUses != 0 {
			parts = append(parts, fmt.Sprintf("uses param %d", i))
		}
	}
	return "timeout(" + strings.Join(parts, "; ") + ")"
}

func (f *funcFact) equal(g *funcFact) bool {
	return f.String() == g.String() && (f.Result == nil) == (g.Result == nil) &&
		(f.Result == nil || f.Result.Reported == g.Result.Reported)
}

func run(cfg *config, pass *analysis.Pass) error {
	// Every rule needs net (clients, servers, dials, lookups) or
	// database/sql somewhere below the package, or a direct use of context
	// (context.Background); pure packages are skipped without a walk.
	deps := importClosure(pass.Pkg)
	if !deps["net"] && !deps["database/sql"] && !importsDirectly(pass.Pkg, "context") {
		return nil
	}
	a := &pkgRun{pass: pass, cfg: cfg, summaries: map[*types.Func]*funcFact{}, reported: map[reportKey]bool{}}
	// Helpers in this package can be used before they are declared, so the
	// summaries are computed to a fixed point before anything is reported.
	// Most packages have no such helper and settle after one round.
	for range 4 {
		a.usedLocalSummary = false
		changed := a.round(false)
		if !changed || !a.usedLocalSummary {
			break
		}
	}
	a.round(true)
	for fn, f := range a.summaries {
		if fn.Pkg() == pass.Pkg && (f.Result != nil || f.BareRequest || f.ContextlessTwin || nonZero(f.Params)) {
			pass.ExportObjectFact(fn, f)
		}
	}
	return nil
}

func nonZero(b []uint8) bool {
	for _, x := range b {
		if x != 0 {
			return true
		}
	}
	return false
}

func importsDirectly(pkg *types.Package, path string) bool {
	for _, q := range pkg.Imports() {
		if q.Path() == path {
			return true
		}
	}
	return false
}

func importClosure(pkg *types.Package) map[string]bool {
	seen := map[string]bool{}
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		for _, q := range p.Imports() {
			if !seen[q.Path()] {
				seen[q.Path()] = true
				walk(q)
			}
		}
	}
	walk(pkg)
	return seen
}

// pkgRun is the state of one package's analysis across rounds.
type pkgRun struct {
	pass             *analysis.Pass
	cfg              *config
	summaries        map[*types.Func]*funcFact
	usedLocalSummary bool
	reported         map[reportKey]bool
	// fresh caches freshContextVars; freshDef holds, for each of those
	// variables, the context.Background() or TODO() call it was first
	// assigned.
	fresh    map[*types.Var]bool
	freshDef map[*types.Var]*ast.CallExpr
}

type reportKey struct {
	pos  int
	rule string
}

// summary returns what is known about fn: this round's view for functions
// of this package, the exported fact for others.
func (a *pkgRun) summary(fn *types.Func) *funcFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == a.pass.Pkg {
		a.usedLocalSummary = true
		return a.summaries[fn]
	}
	f := new(funcFact)
	if a.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

func (a *pkgRun) trusted(fn *types.Func, k kind) bool {
	if fn == nil || len(a.cfg.trusted) == 0 {
		return false
	}
	rules := a.cfg.trusted[fn.Origin().FullName()]
	if rules == nil {
		return false
	}
	switch k {
	case kClient, kTransport:
		return rules[RuleHTTPClientTimeout]
	case kServer:
		return rules[RuleHTTPServerTimeout]
	case kDialer:
		return rules[RuleDialTimeout] || rules[RuleHTTPClientTimeout]
	}
	return false
}

// report emits d once per position and rule, honouring skip-packages.
func (a *pkgRun) report(d analysis.Diagnostic) {
	if a.cfg.skipped(d.Category, a.pass.Pkg.Path()) {
		return
	}
	k := reportKey{int(d.Pos), d.Category}
	if a.reported[k] {
		return
	}
	a.reported[k] = true
	a.pass.Report(d)
}

// round walks every file twice: first to learn bindings and the fields set
// on tracked values, then to judge their uses. It reports only when report
// is set, and says whether any summary changed.
func (a *pkgRun) round(report bool) bool {
	st := newState(a, report)
	for _, f := range a.pass.Files {
		st.collect(f)
	}
	for _, f := range a.pass.Files {
		st.check(f)
	}
	st.finish()
	changed := false
	for fn, f := range st.newSummaries {
		if old := a.summaries[fn]; old == nil || !old.equal(f) {
			changed = true
		}
	}
	for fn := range a.summaries {
		if st.newSummaries[fn] == nil {
			changed = true
		}
	}
	a.summaries = st.newSummaries
	return changed
}

// fileName is the name of the file holding n, to tell test files apart.
func (a *pkgRun) fileName(n ast.Node) string {
	return a.pass.Fset.Position(n.Pos()).Filename
}
