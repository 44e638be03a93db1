// Package analyzers is the root of relcheck's public go/analysis analyzers.
//
// Each subdirectory is one rule family (timeout, uncheckederr, retry). A family
// package exports:
//
//	var Rules []ruleinfo.Rule              // documentation of every rule id it reports
//	var Analyzer *analysis.Analyzer        // the family with default settings
//	func New(s Settings) *analysis.Analyzer
//	func Configure(settings map[string]json.RawMessage) (*analysis.Analyzer, error)
//
// Every diagnostic sets Category to the rule id, so a driver can tell rules of
// one family apart, filter disabled ones and apply severities.
package analyzers
