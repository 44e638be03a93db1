package uncheckederr

import "github.com/relcheck/relcheck/analyzers/ruleinfo"

// Rule ids reported by this family, as diagnostic categories.
const (
	RuleUncheckedError         = "go/unchecked-error"
	RuleUncheckedCloseOnWrite  = "go/unchecked-close-on-write"
	RuleErrorOverwritten       = "go/error-overwritten"
	RuleUncheckedTypeAssertion = "go/unchecked-type-assertion"
)

// Rules documents every rule id the family reports.
var Rules = []ruleinfo.Rule{
	{
		ID:       RuleUncheckedError,
		Title:    "Error result of a call is dropped",
		Severity: "high",
		Rationale: "A dropped error turns a failure into silent wrong behaviour: the program " +
			"goes on with a half-written record, a missing file or a lost message, and " +
			"the first sign is corrupted data far from the cause. Functions documented " +
			"never to fail (bytes.Buffer writes, hash writes, fmt.Print) are exempt, and so are " +
			"writes to a bufio.Writer whose Flush error the function checks: it keeps the first " +
			"write error for Flush.",
		Fix: "Handle the error (return it wrapped, log it, or retry). If dropping it is " +
			"really right, say so with `_ = f()` and check-blank: false, or list the " +
			"function under exclude.",
		Example: "// bad\nos.Remove(tmp)\n\n// good\nif err := os.Remove(tmp); err != nil {\n\treturn fmt.Errorf(\"remove %s: %w\", tmp, err)\n}",
		// A test that drops an error usually fails later and louder.
		TestSeverity: "medium",
		Related:      []string{"errcheck", "gosec:G104"},
	},
	{
		ID:       RuleUncheckedCloseOnWrite,
		Title:    "Error of Close, Flush or Sync on a written value is dropped",
		Severity: "high",
		Rationale: "Writes to files, compressors and buffered writers are often only " +
			"delivered when the value is flushed or closed; a full disk or a broken " +
			"connection shows up as the error of Close. `defer f.Close()` on a written " +
			"file drops it and reports success for data that never arrived. Close on " +
			"something only read is not reported.",
		Fix: "Check the error: close explicitly before returning, or use a named error " +
			"result and set it from a deferred Close when it is still nil.",
		Example: "// bad\nf, err := os.Create(p)\nif err != nil {\n\treturn err\n}\ndefer f.Close()\n_, err = f.Write(b)\nreturn err\n\n" +
			"// good\nfunc save(p string, b []byte) (err error) {\n\tf, err := os.Create(p)\n\tif err != nil {\n\t\treturn err\n\t}\n" +
			"\tdefer func() {\n\t\tif cerr := f.Close(); cerr != nil && err == nil {\n\t\t\terr = cerr\n\t\t}\n\t}()\n\t_, err = f.Write(b)\n\treturn err\n}",
		// Tests write temporary files whose loss nobody ships.
		TestSeverity: "low",
		Related:      []string{"errcheck", "gosec:G307"},
	},
	{
		ID:       RuleErrorOverwritten,
		Title:    "Error value is overwritten or discarded before it is checked",
		Severity: "medium",
		Rationale: "`err = a(); err = b(); if err != nil` only ever checks b: the failure of a " +
			"is lost although the code looks careful. The rule follows the control-flow " +
			"graph, so it reports only when some path from the assignment reaches another " +
			"assignment or the end of the function without reading the error.",
		Fix: "Check the error right after the call that returns it, or combine errors with errors.Join.",
		Example: "// bad\nerr = a()\nerr = b()\nif err != nil {\n\treturn err\n}\n\n" +
			"// good\nif err := a(); err != nil {\n\treturn err\n}\nif err := b(); err != nil {\n\treturn err\n}",
		Related: []string{"ineffassign", "staticcheck:SA4006"},
	},
	{
		ID:       RuleUncheckedTypeAssertion,
		Title:    "Single-value type assertion can panic",
		Severity: "low",
		Rationale: "`v := x.(T)` panics when x holds another type. That is fine for " +
			"invariants the code guarantees, so the rule is off by default; turn it on " +
			"for code that handles untrusted or loosely typed data (JSON, plugin values).",
		Fix:        "Use the two-value form `v, ok := x.(T)` and handle !ok, or a type switch.",
		Example:    "// bad\nn := v.(float64)\n\n// good\nn, ok := v.(float64)\nif !ok {\n\treturn fmt.Errorf(\"want a number, got %T\", v)\n}",
		DefaultOff: true,
		Related:    []string{"forcetypeassert", "errcheck -asserts"},
	},
}
