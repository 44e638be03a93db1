package yamlerr

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// TestSplit: every syntax error yaml.v3 raises names the line the mistake
// is on as an editor counts it, whether yaml.v3 raised it in its scanner
// (1-based), its parser (0-based, and no line at all on line 1) or its
// reader (no place).
func TestSplit(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
		text string
	}{
		{"a: 1\nb: [x\n", 2, "did not find expected ',' or ']'"},
		{"a: 1\nb: {x: 1\n", 2, "did not find expected ',' or '}'"},
		// A collection opened on the first line: yaml.v3 names where it
		// noticed (the end of the stream, past the last newline) instead.
		{"a: [x\n", 2, "did not find expected ',' or ']'"},
		{"a:\n  b: 1\n - c\n", 3, "did not find expected key"},
		{"a: 1\n  b: 2\n", 2, "mapping values are not allowed in this context"},
		{"a: 1\nb: \"x\n", 2, "found unexpected end of stream"},
		{"a: *nowhere\n", 0, "unknown anchor 'nowhere' referenced"},
		{"a: b\x01\n", 0, "control characters are not allowed"},
	} {
		var v any
		err := yaml.Unmarshal([]byte(c.src), &v)
		require.Error(t, err, "%q", c.src)
		line, text := Split(err.Error())
		require.Equal(t, c.line, line, "%q: %v", c.src, err)
		require.Equal(t, c.text, text, "%q", c.src)
	}
}
