package retry

import (
	"encoding/json"
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/relcheck/relcheck/analyzers/ruleinfo"
)

// Settings configures the family. Function names are written as
// "import/path.Func", "import/path.Type.Method" or "(*import/path.Type).Method".
type Settings struct {
	// DelayFunctions wait before returning, like time.Sleep. The analyzer
	// already recognizes the standard library, golang.org/x/time/rate, the
	// common backoff libraries, and functions of the analyzed code that
	// wait (through a fact); list here the ones it cannot see, such as
	// functions reached only through cgo or assembly.
	DelayFunctions []string `json:"delay-functions,omitempty"`
	// JitterFunctions wait for, or return, a duration with a random
	// component. A listed function that is called as a statement also counts
	// as a delay.
	JitterFunctions []string `json:"jitter-functions,omitempty"`
}

// Analyzer is the family with default settings.
var Analyzer = New(Settings{})

// New returns the family's analyzer with the given settings. Each call
// returns a distinct analyzer, so two configurations can coexist in one
// process (though not in one driver run, because they share a fact type).
func New(s Settings) *analysis.Analyzer {
	cfg := &config{
		delay:  nameSet(s.DelayFunctions),
		jitter: nameSet(s.JitterFunctions),
	}
	return &analysis.Analyzer{
		Name: "retry",
		Doc: "report retry loops without backoff, without jitter, or without a bound\n\n" +
			"Rules: " + RuleNoBackoff + ", " + RuleNoJitter + ", " + RuleUnbounded + ".",
		URL:        "https://github.com/relcheck/relcheck/tree/main/analyzers/retry",
		Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
		FactTypes:  []analysis.Fact{new(funcFact)},
		ResultType: reflect.TypeOf(struct{}{}),
		Run:        cfg.run,
	}
}

// Configure builds the family from the per-rule settings blocks of a
// configuration file. Every rule accepts the Settings fields; the lists of all
// rules are merged, because recognizing a delay matters to all three rules
// alike.
func Configure(settings map[string]json.RawMessage) (*analysis.Analyzer, error) {
	var backoff, jitter, unbounded Settings
	into := map[string]any{
		RuleNoBackoff: &backoff,
		RuleNoJitter:  &jitter,
		RuleUnbounded: &unbounded,
	}
	if err := ruleinfo.DecodeSettings(settings, into); err != nil {
		return nil, err
	}
	var merged Settings
	for _, s := range []Settings{backoff, jitter, unbounded} {
		merged.DelayFunctions = append(merged.DelayFunctions, s.DelayFunctions...)
		merged.JitterFunctions = append(merged.JitterFunctions, s.JitterFunctions...)
	}
	return New(merged), nil
}

// config is the immutable state of one analyzer instance.
type config struct {
	delay, jitter map[string]bool
}

func nameSet(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// matches reports whether fn is named in set, in any of the accepted
// spellings.
func matches(set map[string]bool, fn *types.Func) bool {
	if len(set) == 0 || fn == nil {
		return false
	}
	if set[fn.FullName()] {
		return true
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil || fn.Pkg() == nil {
		return false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return set[fn.Pkg().Path()+"."+n.Obj().Name()+"."+fn.Name()]
	}
	return false
}

func (c *config) run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)

	a := &state{
		config: c,
		pass:   pass,
		cfgs:   cfgs,
		funcs:  map[*types.Func]*funcFact{},
	}
	var decls []*ast.FuncDecl
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decls = append(decls, cur.Node().(*ast.FuncDecl))
	}
	a.indexFuncs(decls)
	a.computeFacts(decls)
	a.computeConsumers(decls)
	for _, d := range decls {
		if d.Body != nil {
			a.checkFunc(d)
		}
	}
	return struct{}{}, nil
}
