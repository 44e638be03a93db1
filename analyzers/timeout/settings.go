package timeout

import (
	"encoding/json"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/relcheck/relcheck/analyzers/ruleinfo"
)

// ConstructorSettings are the settings of a rule about a value that needs a
// timeout (client, server, dialer).
type ConstructorSettings struct {
	// ConfiguredConstructors are functions, written as types.Func.FullName
	// ("example.com/x/httpx.NewClient", "(*example.com/x.Factory).Client"),
	// whose result is trusted to carry a timeout and which configure a
	// client, server or dialer passed to them. Use it for helpers the
	// analyzer cannot see through, such as ones that read the timeout from
	// a configuration file.
	ConfiguredConstructors []string `json:"configured-constructors,omitempty"`
	// SkipPackages are import paths where the rule reports nothing. A path
	// ending in "/..." also skips everything below it.
	SkipPackages []string `json:"skip-packages,omitempty"`
}

// SkipSettings are the settings of a rule that only supports skipping packages.
type SkipSettings struct {
	SkipPackages []string `json:"skip-packages,omitempty"`
}

// Settings configure the family, one block per rule id.
type Settings struct {
	HTTPClientTimeout     ConstructorSettings `json:"http-client-timeout"`
	HTTPDefaultClient     SkipSettings        `json:"http-default-client"`
	HTTPServerTimeout     ConstructorSettings `json:"http-server-timeout"`
	DialTimeout           ConstructorSettings `json:"dial-timeout"`
	RequestWithoutContext SkipSettings        `json:"request-without-context"`
	ContextDetached       SkipSettings        `json:"context-detached"`
}

// Configure builds the family's analyzer from relcheck's per-rule settings
// blocks, keyed by rule id.
func Configure(settings map[string]json.RawMessage) (*analysis.Analyzer, error) {
	var s Settings
	err := ruleinfo.DecodeSettings(settings, map[string]any{
		RuleHTTPClientTimeout:     &s.HTTPClientTimeout,
		RuleHTTPDefaultClient:     &s.HTTPDefaultClient,
		RuleHTTPServerTimeout:     &s.HTTPServerTimeout,
		RuleDialTimeout:           &s.DialTimeout,
		RuleRequestWithoutContext: &s.RequestWithoutContext,
		RuleContextDetached:       &s.ContextDetached,
	})
	if err != nil {
		return nil, err
	}
	return New(s), nil
}

// config is Settings resolved into lookups, built once per analyzer.
type config struct {
	// trusted maps a FullName to the rules it is a configured constructor for.
	trusted map[string]map[string]bool
	skip    map[string][]string
}

func newConfig(s Settings) *config {
	c := &config{trusted: map[string]map[string]bool{}, skip: map[string][]string{}}
	addTrusted := func(rule string, names []string) {
		for _, n := range names {
			if c.trusted[n] == nil {
				c.trusted[n] = map[string]bool{}
			}
			c.trusted[n][rule] = true
		}
	}
	addTrusted(RuleHTTPClientTimeout, s.HTTPClientTimeout.ConfiguredConstructors)
	addTrusted(RuleHTTPServerTimeout, s.HTTPServerTimeout.ConfiguredConstructors)
	addTrusted(RuleDialTimeout, s.DialTimeout.ConfiguredConstructors)
	c.skip[RuleHTTPClientTimeout] = s.HTTPClientTimeout.SkipPackages
	c.skip[RuleHTTPDefaultClient] = s.HTTPDefaultClient.SkipPackages
	c.skip[RuleHTTPServerTimeout] = s.HTTPServerTimeout.SkipPackages
	c.skip[RuleDialTimeout] = s.DialTimeout.SkipPackages
	c.skip[RuleRequestWithoutContext] = s.RequestWithoutContext.SkipPackages
	c.skip[RuleContextDetached] = s.ContextDetached.SkipPackages
	return c
}

// skipped reports whether rule is switched off for the package at path.
// External test packages ("p_test") follow the package they test.
func (c *config) skipped(rule, path string) bool {
	path = strings.TrimSuffix(path, "_test")
	for _, p := range c.skip[rule] {
		if base, ok := strings.CutSuffix(p, "/..."); ok {
			if path == base || strings.HasPrefix(path, base+"/") {
				return true
			}
		} else if p == path {
			return true
		}
	}
	return false
}
