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
	"github.com/relcheck/relcheck/internal/config"
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

// Configure builds the analyzer of every family with at least one enabled
// rule, with the rules' settings from cfg. A settings error names the
// config file and the rule's line.
func Configure(cfg *config.Config) ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, fam := range all {
		var ids []string
		on := false
		for _, r := range fam.Rules {
			ids = append(ids, r.ID)
			if cfg.Enabled(r.ID, r.DefaultOff) {
				on = true
			}
		}
		if !on {
			continue
		}
		a, err := fam.Configure(cfg.SettingsFor(ids))
		if err != nil {
			if cfg.File != "" {
				return nil, cfg.SettingsError(err)
			}
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}
