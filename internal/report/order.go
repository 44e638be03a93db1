package report

import (
	"sort"

	"github.com/relcheck/relcheck/internal/finding"
)

// mostSevereFirst returns a copy of fs ordered by descending severity and
// then the usual report order, for the formats a person skims from the top
// (annotations, summaries, PR comments) where the worst must come first.
func mostSevereFirst(fs []finding.Finding) []finding.Finding {
	out := append([]finding.Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return out[i].Severity > out[j].Severity
		}
		return finding.Less(out[i], out[j])
	})
	return out
}
