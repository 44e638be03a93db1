package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/finding"
)

// Findings a suppression or waiver hid are counted in the summary: a clean
// report that hides forty waived findings must not read as a clean repository.
func TestSummaryCountsSuppressed(t *testing.T) {
	require.Equal(t, "no findings", summary(Input{}))
	require.Equal(t, "no findings (2 suppressed inline or by a waiver)", summary(Input{Suppressed: 2}))
	require.Equal(t, "no findings (2 suppressed inline or by a waiver, 3 hidden by baseline or only-new mode)", summary(Input{Suppressed: 2, Hidden: 3}))
	one := []finding.Finding{{Rule: "k8s/min-replicas", Severity: finding.High, File: "a.yaml", Line: 1}}
	require.Equal(t, "1 finding (1 high), 4 suppressed inline or by a waiver", summary(Input{Findings: one, Suppressed: 4}))

	var b strings.Builder
	require.NoError(t, JSON(&b, Input{Findings: one, Suppressed: 4}))
	var doc struct {
		Summary struct{ Suppressed int } `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(b.String()), &doc))
	require.Equal(t, 4, doc.Summary.Suppressed)
}
