package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/finding"
)

func load(t *testing.T, src string) (*Config, error) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, ".relcheck.yaml")
	require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	return Load(p, func(id string) bool { return id != "k8s/nope" })
}

func TestLoad(t *testing.T) {
	c, err := load(t, `fail-on: medium
exclude: ["legacy/**"]
policies: [policy]
rules:
  go/unchecked-error:
    severity: low
    settings:
      check-blank: false
      exclude-file: errcheck.txt
  go/unchecked-type-assertion:
    enabled: true
  k8s/image-tag:
    enabled: false
`)
	require.NoError(t, err)
	require.Equal(t, finding.Medium, c.FailOn)
	require.Equal(t, []string{"legacy/**"}, c.Exclude)
	require.Equal(t, []string{filepath.Join(c.Dir, "policy")}, c.Policies)
	require.Equal(t, finding.Low, c.Rules["go/unchecked-error"].Severity)
	require.True(t, c.Enabled("go/unchecked-type-assertion", true))
	require.False(t, c.Enabled("k8s/image-tag", false))
	require.True(t, c.Enabled("k8s/readiness-probe", false))
	var settings map[string]any
	require.NoError(t, json.Unmarshal(c.Rules["go/unchecked-error"].Settings, &settings))
	require.Equal(t, false, settings["check-blank"])
	require.Equal(t, filepath.Join(c.Dir, "errcheck.txt"), settings["exclude-file"], "file settings are relative to the config file")
}

func TestErrorsHaveLines(t *testing.T) {
	for src, line := range map[string]int{
		"fail-on: high\nrulez: {}\n":               2,
		"rules:\n  k8s/nope:\n    enabled: true\n": 2,
		"rules:\n  go/x:\n    enabled: 1\n":        3,
		"rules:\n  go/x:\n    severity: huge\n":    3,
		"rules:\n  go/x:\n    colour: red\n":       3,
		"exclude: \"*.go\"\n":                      1,
		"exclude: [\"[\"]\n":                       1,
		"fail-on: high\nfail-on: low\n":            2,
	} {
		_, err := load(t, src)
		require.Error(t, err, src)
		var ce *Error
		require.ErrorAs(t, err, &ce, src)
		require.Equal(t, line, ce.Line, "%q: %v", src, err)
	}
	_, err := load(t, "rules: [\n")
	require.Error(t, err)
}

func TestEmptyFileIsDefaults(t *testing.T) {
	c, err := load(t, "")
	require.NoError(t, err)
	require.Equal(t, finding.High, c.FailOn)
}
