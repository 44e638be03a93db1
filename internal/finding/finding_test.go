package finding

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSortIsTotalAndStable(t *testing.T) {
	fs := []Finding{
		{Rule: "k8s/b", File: "b.yaml", Line: 3},
		{Rule: "go/z", File: "a.go", Line: 10, Col: 2},
		{Rule: "go/a", File: "a.go", Line: 10, Col: 2},
		{Rule: "go/a", File: "a.go", Line: 2, Col: 9},
	}
	Sort(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.File+":"+f.Rule)
	}
	require.Equal(t, []string{"a.go:go/a", "a.go:go/a", "a.go:go/z", "b.yaml:k8s/b"}, got)
	require.Equal(t, 2, fs[0].Line)
}

func TestFingerprintSurvivesMovedLines(t *testing.T) {
	before := []Finding{
		{Rule: "go/unchecked-error", File: "a.go", Line: 10, Anchor: "Save", Snippet: "\tf.Close()"},
		{Rule: "go/unchecked-error", File: "a.go", Line: 12, Anchor: "Save", Snippet: "\tf.Close()"},
	}
	after := []Finding{
		{Rule: "go/unchecked-error", File: "a.go", Line: 25, Anchor: "Save", Snippet: "   f.Close()"},
		{Rule: "go/unchecked-error", File: "a.go", Line: 27, Anchor: "Save", Snippet: "\tf.Close()"},
	}
	SetFingerprints(before)
	SetFingerprints(after)
	require.Equal(t, before[0].Fingerprint, after[0].Fingerprint, "lines moved and whitespace changed")
	require.Equal(t, before[1].Fingerprint, after[1].Fingerprint)
	require.NotEqual(t, before[0].Fingerprint, before[1].Fingerprint, "the same call twice in a function stays distinct")

	other := []Finding{{Rule: "go/unchecked-error", File: "a.go", Line: 10, Anchor: "Load", Snippet: "\tf.Close()"}}
	SetFingerprints(other)
	require.NotEqual(t, before[0].Fingerprint, other[0].Fingerprint, "another function is another finding")
}

func TestSeverity(t *testing.T) {
	for _, s := range []string{"info", "low", "medium", "high", "critical", "HIGH"} {
		v, err := ParseSeverity(s)
		require.NoError(t, err)
		require.NotZero(t, v)
	}
	_, err := ParseSeverity("urgent")
	require.Error(t, err)
	require.Less(t, Low, High)
	require.Equal(t, 1, Count([]Finding{{Severity: Low}, {Severity: High}}, Medium))
}
