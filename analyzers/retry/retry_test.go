package retry_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/relcheck/relcheck/analyzers/retry"
)

func TestAnalyzer(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), retry.Analyzer, "a", "customdefault")
	// Drivers filter and grade findings by Category, so every diagnostic
	// must carry a documented rule id.
	ids := map[string]bool{}
	for _, r := range retry.Rules {
		ids[r.ID] = true
	}
	seen := map[string]int{}
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if !ids[d.Category] {
				t.Errorf("%v: category %q is not a rule id", res.Pass.Fset.Position(d.Pos), d.Category)
			}
			seen[d.Category]++
		}
	}
	for id := range ids {
		if seen[id] == 0 {
			t.Errorf("testdata has no finding of %s", id)
		}
	}
}

// TestNotRetries covers loops that call again after a failure without
// retrying: a failure that switches the loop to another branch, a walk,
// a value refilled by a callback, a retried timeout, a dial between
// accepts, a testing.TB Fatalf, a periodic publisher; each beside the
// retry it resembles.
func TestNotRetries(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), retry.Analyzer, "notretry")
}

// The libraries' own retry loops compute a backoff and wait on a timer: they
// must not be reported (the stubs reproduce the shape of those loops).
func TestLibrariesAreQuiet(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), retry.Analyzer,
		"github.com/cenkalti/backoff/v4", "github.com/hashicorp/go-retryablehttp")
}

func TestDelayFunctionsSetting(t *testing.T) {
	a, err := retry.Configure(map[string]json.RawMessage{
		retry.RuleNoBackoff: json.RawMessage(`{"delay-functions": ["custom.Wait"]}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "customset")
}

func TestConfigureErrors(t *testing.T) {
	for _, tc := range []struct {
		raw  map[string]json.RawMessage
		want string
	}{
		{map[string]json.RawMessage{retry.RuleNoJitter: json.RawMessage(`{"delay-function": []}`)}, "go/retry-no-jitter"},
		{map[string]json.RawMessage{"go/retry-other": json.RawMessage(`{}`)}, "go/retry-other"},
	} {
		_, err := retry.Configure(tc.raw)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Configure(%v) = %v, want an error naming %s", tc.raw, err, tc.want)
		}
	}
	if _, err := retry.Configure(map[string]json.RawMessage{retry.RuleUnbounded: json.RawMessage(`{}`)}); err != nil {
		t.Errorf("empty settings block: %v", err)
	}
}

// The testdata is the bar the family is held to: at least 25 retry shapes
// reported and 25 non-retry or well-behaved shapes left alone.
func TestTestdataCoverage(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", "src", "a", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	positives := regexp.MustCompile(`(?m)^// P\d+: `).FindAllString(read("positives.go"), -1)
	negatives := regexp.MustCompile(`(?m)^// ok: `).FindAllString(read("negatives.go"), -1)
	if len(positives) < 25 || len(negatives) < 25 {
		t.Errorf("testdata has %d positive and %d negative shapes, want at least 25 of each", len(positives), len(negatives))
	}
}

func TestRulesDocumented(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range retry.Rules {
		if r.Title == "" || r.Rationale == "" || r.Fix == "" || r.Example == "" {
			t.Errorf("%s: incomplete documentation", r.ID)
		}
		switch r.Severity {
		case "info", "low", "medium", "high", "critical":
		default:
			t.Errorf("%s: severity %q", r.ID, r.Severity)
		}
		ids[r.ID] = true
	}
	for _, id := range []string{retry.RuleNoBackoff, retry.RuleNoJitter, retry.RuleUnbounded} {
		if !ids[id] {
			t.Errorf("rule %s is not documented", id)
		}
	}
}

// Retries that k8s.io/apimachinery's wait or client-go's util/retry drive
// jitter only when the wait.Backoff sets Jitter; a literal without it
// (the zero value) waits the same delays in every replica.
func TestWaitBackoffJitter(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), retry.Analyzer, "k8sretry")
}
