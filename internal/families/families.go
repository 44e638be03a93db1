// Package families lists the Go analyzer families relcheck ships. It is the
// one place that knows them all, so the rule catalog, the Go engine and the
// vet-tool mode cannot disagree about which rules exist.
package families

import (
	"encoding/json"

	"golang.org/x/tools/go/analysis"

	"github.com/relcheck/relcheck/analyzers/retry"
	"github.com/relcheck/relcheck/analyzers/ruleinfo"
	"github.com/relcheck/relcheck/analyzers/timeout"
	"github.com/relcheck/relcheck/analyzers/uncheckederr"
)

// Family is one analyzer package: the rules it documents and how to build
// its analyzer from per-rule settings.
type Family struct {
	Name      string
	Rules     []ruleinfo.Rule
	Configure func(settings map[string]json.RawMessage) (*analysis.Analyzer, error)
}

// All returns the families in a fixed order.
func All() []Family { return all }

var all = []Family{
	{Name: "timeout", Rules: timeout.Rules, Configure: timeout.Configure},
	{Name: "uncheckederr", Rules: uncheckederr.Rules, Configure: uncheckederr.Configure},
	{Name: "retry", Rules: retry.Rules, Configure: retry.Configure},
}

// OfRule returns the family that reports id.
func OfRule(id string) (Family, bool) {
	for _, f := range all {
		for _, r := range f.Rules {
			if r.ID == id {
				return f, true
			}
		}
	}
	return Family{}, false
}
