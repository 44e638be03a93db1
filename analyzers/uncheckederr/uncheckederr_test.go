package uncheckederr_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/analyzers/uncheckederr"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestUnchecked(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), uncheckederr.Analyzer,
		"unchecked", "closeonwrite", "overwritten", "assertion")
	checkCategories(t, results)
}

// TestCloseDelivered covers Close, Flush and Sync calls whose data is safe
// or discarded by other means (sockets, pipes, memory sinks, a checked Sync,
// a removal, a checked Close through a variable, a file handed to the
// caller), beside the lost writes that look the same.
func TestCloseDelivered(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), uncheckederr.Analyzer, "closedelivered")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if strings.Contains(d.Message, "was written to") != (d.Category == uncheckederr.RuleUncheckedCloseOnWrite) {
				t.Errorf("%s: category %s", d.Message, d.Category)
			}
		}
	}
}

// TestOverwriteLoops covers overwrites that the CFG shows but the program
// does not take or mean: a failed attempt superseded by the next one in a
// loop that leaves on success or repeats one attempt, a boolean flag set
// with the call, and a switch on a boolean that covers both values.
func TestOverwriteLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), uncheckederr.Analyzer, "overwriteloops")
}

// checkCategories ties each message shape to its rule id, since `// want`
// comments see only messages and the driver filters by Category.
func checkCategories(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	shapes := map[string]*regexp.Regexp{
		uncheckederr.RuleUncheckedError:         regexp.MustCompile(`^error returned by `),
		uncheckederr.RuleUncheckedCloseOnWrite:  regexp.MustCompile(`(was written to|csv\.Writer)`),
		uncheckederr.RuleErrorOverwritten:       regexp.MustCompile(`^error from .* stored in `),
		uncheckederr.RuleUncheckedTypeAssertion: regexp.MustCompile(`^type assertion `),
	}
	seen := map[string]int{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			re, ok := shapes[d.Category]
			if !ok {
				t.Errorf("%s: unknown category %q", d.Message, d.Category)
				continue
			}
			if !re.MatchString(d.Message) {
				t.Errorf("category %s does not fit message %q", d.Category, d.Message)
			}
			seen[d.Category]++
		}
	}
	for id := range shapes {
		if seen[id] == 0 {
			t.Errorf("no diagnostic of %s", id)
		}
	}
}

func TestConfigureExcludes(t *testing.T) {
	file, err := filepath.Abs(filepath.Join(analysistest.TestData(), "excludes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]json.RawMessage{
		uncheckederr.RuleUncheckedError: mustJSON(t, map[string]any{
			"exclude":      []string{"os.Remove", "(*excludes.Client).Ping // a comment"},
			"exclude-file": file,
		}),
	}
	a, err := uncheckederr.Configure(settings)
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "excludes")
}

func TestConfigureCheckBlank(t *testing.T) {
	a, err := uncheckederr.Configure(map[string]json.RawMessage{
		uncheckederr.RuleUncheckedError: json.RawMessage(`{"check-blank": false}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "noblank")
}

func TestNewWithSettings(t *testing.T) {
	a := uncheckederr.New(uncheckederr.Settings{CheckBlank: false})
	analysistest.Run(t, analysistest.TestData(), a, "noblank")
}

func TestConfigureErrors(t *testing.T) {
	cases := map[string]map[string]json.RawMessage{
		"rule go/error-overwritten takes no settings": {
			uncheckederr.RuleErrorOverwritten: json.RawMessage(`{}`),
		},
		"unknown field": {
			uncheckederr.RuleUncheckedError: json.RawMessage(`{"check_blank": true}`),
		},
		"receiver must be package-qualified": {
			uncheckederr.RuleUncheckedError: json.RawMessage(`{"exclude": ["(Buffer).Write"]}`),
		},
		"want pkg/path.Func": {
			uncheckederr.RuleUncheckedError: json.RawMessage(`{"exclude": ["Remove"]}`),
		},
		"exclude-file": {
			uncheckederr.RuleUncheckedError: json.RawMessage(`{"exclude-file": "/nonexistent/errcheck.txt"}`),
		},
	}
	for want, settings := range cases {
		_, err := uncheckederr.Configure(settings)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Configure(%s) = %v, want error containing %q", settings, err, want)
		}
	}
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), uncheckederr.Analyzer, "fix")
}

func TestRules(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range uncheckederr.Rules {
		if r.ID == "" || r.Title == "" || r.Rationale == "" || r.Fix == "" || r.Example == "" {
			t.Errorf("rule %q is missing documentation", r.ID)
		}
		switch r.Severity {
		case "info", "low", "medium", "high", "critical":
		default:
			t.Errorf("rule %s: bad severity %q", r.ID, r.Severity)
		}
		if r.DefaultOff != (r.ID == uncheckederr.RuleUncheckedTypeAssertion) {
			t.Errorf("rule %s: DefaultOff = %v", r.ID, r.DefaultOff)
		}
		ids[r.ID] = true
	}
	for _, id := range []string{uncheckederr.RuleUncheckedError, uncheckederr.RuleUncheckedCloseOnWrite,
		uncheckederr.RuleErrorOverwritten, uncheckederr.RuleUncheckedTypeAssertion} {
		if !ids[id] {
			t.Errorf("rule %s is not documented", id)
		}
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The analyzer sees cmd/cgo's rewrite of a file that imports "C", which
// carries a "Code generated by cmd/cgo" header; the code is still the
// user's. A cgo file with its own generator's header is skipped.
func TestCgoFiles(t *testing.T) {
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is not enabled")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler")
	}
	analysistest.Run(t, analysistest.TestData(), uncheckederr.Analyzer, "cgofile", "cgogen")
}
