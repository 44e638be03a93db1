package uncheckederr

import (
	"encoding/json"
	"flag"
	"strings"
	"sync"

	"github.com/relcheck/relcheck/analyzers/ruleinfo"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Settings configures the family. It is the settings block of the
// go/unchecked-error rule; the exclusions apply to every rule of the family,
// because a function listed as never failing cannot fail on Close either.
type Settings struct {
	// CheckBlank reports `_ = f()` and `_, _ = f()` that discard an error.
	CheckBlank bool `json:"check-blank"`
	// Exclude lists functions in errcheck syntax ("os.Remove",
	// "(*bytes.Buffer).Write", "fmt.Fprintf(*bytes.Buffer)") whose errors
	// may be dropped. It adds to the built-in list.
	Exclude []string `json:"exclude"`
	// ExcludeFile is an errcheck exclude file. A relative path is resolved
	// against the process's working directory; relcheck's config loader
	// makes it absolute relative to .relcheck.yaml before calling Configure.
	ExcludeFile string `json:"exclude-file"`
}

// DefaultSettings is what Analyzer runs with.
func DefaultSettings() Settings { return Settings{CheckBlank: true} }

// Analyzer reports the whole family with default settings.
var Analyzer = New(DefaultSettings())

// New returns an analyzer for the family. Each call owns its settings, and
// the flags registered on it write to that copy, so two analyzers with
// different settings can run in one process. A bad exclude list is reported
// as an error of the first run, since New cannot fail; Configure checks it
// up front.
func New(s Settings) *analysis.Analyzer {
	st := &state{settings: s}
	st.settings.Exclude = append([]string(nil), s.Exclude...)
	a := &analysis.Analyzer{
		Name:     "uncheckederr",
		Doc:      doc,
		URL:      "https://github.com/relcheck/relcheck/tree/main/analyzers/uncheckederr",
		Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
		Run:      st.run,
	}
	a.Flags.BoolVar(&st.settings.CheckBlank, "check-blank", s.CheckBlank,
		"report `_ = f()` assignments that discard an error")
	a.Flags.Var((*listFlag)(&st.settings.Exclude), "exclude",
		"comma-separated functions in errcheck syntax whose errors may be dropped")
	a.Flags.StringVar(&st.settings.ExcludeFile, "exclude-file", s.ExcludeFile,
		"errcheck exclude file (absolute, or relative to the working directory)")
	return a
}

// Configure builds the analyzer from the per-rule settings blocks of
// .relcheck.yaml, keyed by rule id. Only go/unchecked-error takes settings.
func Configure(settings map[string]json.RawMessage) (*analysis.Analyzer, error) {
	s := DefaultSettings()
	if err := ruleinfo.DecodeSettings(settings, map[string]any{RuleUncheckedError: &s}); err != nil {
		return nil, err
	}
	if _, err := loadExcludes(s); err != nil {
		return nil, err
	}
	return New(s), nil
}

// state is one analyzer's configuration. The exclude set is built once, on
// first use, because flags are parsed after New returns.
type state struct {
	settings Settings
	once     sync.Once
	excludes excludeSet
	err      error
}

func (st *state) config() (excludeSet, error) {
	st.once.Do(func() { st.excludes, st.err = loadExcludes(st.settings) })
	return st.excludes, st.err
}

type listFlag []string

var _ flag.Value = (*listFlag)(nil)

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}
