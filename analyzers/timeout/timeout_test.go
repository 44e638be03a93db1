package timeout_test

import (
	"encoding/json"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/relcheck/relcheck/analyzers/timeout"
)

func TestFlow(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), timeout.Analyzer, "httpx", "clients", "servers", "dial", "example.com/sqlwrap", "sqlwrapuser")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), timeout.Analyzer, "requests", "detached")
}

func TestConfigure(t *testing.T) {
	a, err := timeout.Configure(map[string]json.RawMessage{
		timeout.RuleHTTPClientTimeout: json.RawMessage(`{"configured-constructors": ["httpx.NewPlainClient"]}`),
		timeout.RuleHTTPServerTimeout: json.RawMessage(`{"skip-packages": ["configured"]}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "configured")
}

func TestConfigureErrors(t *testing.T) {
	for name, raw := range map[string]map[string]json.RawMessage{
		"unknown rule":    {"go/nope": json.RawMessage(`{}`)},
		"unknown setting": {timeout.RuleDialTimeout: json.RawMessage(`{"skip-package": ["x"]}`)},
		"wrong type":      {timeout.RuleContextDetached: json.RawMessage(`{"skip-packages": "x"}`)},
	} {
		if _, err := timeout.Configure(raw); err == nil {
			t.Errorf("%s: Configure accepted %v", name, raw)
		}
	}
}

// Every rule the analyzer can report is documented, with the fields the
// catalog renders.
func TestRulesDocumented(t *testing.T) {
	ids := []string{
		timeout.RuleHTTPClientTimeout, timeout.RuleHTTPDefaultClient, timeout.RuleHTTPServerTimeout,
		timeout.RuleDialTimeout, timeout.RuleRequestWithoutContext, timeout.RuleContextDetached,
	}
	byID := map[string]bool{}
	for _, r := range timeout.Rules {
		if r.Title == "" || r.Rationale == "" || r.Fix == "" || r.Example == "" || r.TestSeverity != "low" {
			t.Errorf("%s: incomplete documentation", r.ID)
		}
		switch r.Severity {
		case "high", "medium":
		default:
			t.Errorf("%s: unexpected severity %q", r.ID, r.Severity)
		}
		byID[r.ID] = true
	}
	for _, id := range ids {
		if !byID[id] {
			t.Errorf("%s: not in Rules", id)
		}
	}
	if len(timeout.Rules) != len(ids) {
		t.Errorf("Rules has %d entries, want %d", len(timeout.Rules), len(ids))
	}
}
