package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

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

func TestWaivers(t *testing.T) {
	c, err := load(t, `waivers:
  - rule: k8s/min-replicas
    paths: [deploy/batch/**, ./jobs/*.yaml]
    resource: Deployment/batch/*
    owner: team-batch@example.com
    reason: single-replica batch worker, queue absorbs restarts
    expires: 2027-03-31
  - paths: ["**"]
    rule: go/unchecked-error
    owner: platform
    reason: "legacy code, tracked in PLAT-12"
    expires: "2026-01-15"
`)
	require.NoError(t, err)
	require.Equal(t, []Waiver{
		{Rule: "k8s/min-replicas", Paths: []string{"deploy/batch/**", "jobs/*.yaml"}, Resource: "Deployment/batch/*",
			Owner: "team-batch@example.com", Reason: "single-replica batch worker, queue absorbs restarts", Expires: "2027-03-31",
			File: c.File, Line: 2, Col: 5, RuleLine: 2},
		{Rule: "go/unchecked-error", Paths: []string{"**"}, Owner: "platform", Reason: "legacy code, tracked in PLAT-12",
			Expires: "2026-01-15", File: c.File, Line: 8, Col: 5, RuleLine: 9},
	}, c.Waivers)

	c, err = load(t, "waivers:\n#  - rule: k8s/min-replicas\n")
	require.NoError(t, err, "a waivers key with every entry commented out is no waivers")
	require.Empty(t, c.Waivers)
}

func TestWaiverExpired(t *testing.T) {
	w := Waiver{Expires: "2027-03-31"}
	for _, tt := range []struct {
		now     time.Time
		expired bool
	}{
		{time.Date(2027, 3, 30, 12, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 3, 31, 23, 59, 59, 0, time.UTC), false}, // through the expiry day
		{time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC), true},
		// The day is the UTC day: 2027-04-01 01:00 in UTC+2 is still March 31st in UTC.
		{time.Date(2027, 4, 1, 1, 0, 0, 0, time.FixedZone("UTC+2", 2*3600)), false},
		{time.Date(2027, 3, 31, 23, 0, 0, 0, time.FixedZone("UTC-2", -2*3600)), true},
	} {
		require.Equal(t, tt.expired, w.Expired(tt.now), "%v", tt.now)
	}
}

func TestWaiverErrors(t *testing.T) {
	const ok = "  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    owner: team-batch\n    reason: batch worker\n    expires: 2027-03-31\n"
	for _, tt := range []struct {
		name, src string
		line      int
		msg       string
	}{
		{"not a list", "waivers: {rule: k8s/min-replicas}\n", 1, "waivers: want a list of waivers"},
		{"not a mapping", "waivers:\n  - k8s/min-replicas\n", 2, "each waiver is a mapping"},
		{"missing rule", "waivers:\n  - paths: [deploy/**]\n    owner: a\n    reason: b\n    expires: 2027-03-31\n", 2, "waiver: rule is required"},
		{"unknown rule", "waivers:\n  - owner: a\n    rule: k8s/nope\n", 3, `waiver: unknown rule "k8s/nope"`},
		{"relcheck rule", "waivers:\n  - rule: relcheck/expired-waiver\n", 2, "relcheck/expired-waiver findings are about relcheck's own inputs and cannot be waived"},
		{"missing paths", "waivers:\n" + ok + "  - rule: k8s/min-replicas\n    owner: a\n    reason: b\n    expires: 2027-03-31\n", 7, "waiver for k8s/min-replicas: paths is required"},
		{"empty paths", "waivers:\n  - rule: k8s/min-replicas\n    paths: []\n", 3, "paths is empty"},
		{"paths not a list", "waivers:\n  - rule: k8s/min-replicas\n    paths: deploy/**\n", 3, "paths: want a list of strings"},
		{"bad glob", "waivers:\n  - rule: k8s/min-replicas\n    paths:\n      - deploy/**\n      - \"deploy/[\"\n", 5, `paths: invalid glob "deploy/["`},
		{"absolute path", "waivers:\n  - rule: k8s/min-replicas\n    paths: [/srv/deploy/**]\n", 3, `"/srv/deploy/**" is absolute`},
		{"bad resource", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    resource: \"Deployment/[\"\n", 4, "resource: invalid glob"},
		{"missing owner", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    reason: b\n    expires: 2027-03-31\n", 2, "waiver for k8s/min-replicas: owner is required"},
		{"empty owner", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    owner: \"  \"\n", 4, "owner: want a non-empty string"},
		{"missing reason", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    owner: a\n    expires: 2027-03-31\n", 2, "waiver for k8s/min-replicas: reason is required"},
		{"null reason", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    owner: a\n    reason:\n", 5, "reason: want a non-empty string"},
		{"missing expires", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    owner: a\n    reason: b\n", 2, "expires is required (YYYY-MM-DD)"},
		{"bad date", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    owner: a\n    reason: b\n    expires: 31/03/2027\n", 6, `expires: "31/03/2027" is not a date as YYYY-MM-DD`},
		{"no such day", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    owner: a\n    reason: b\n    expires: 2027-02-30\n", 6, `"2027-02-30" is not a date`},
		{"timestamp", "waivers:\n  - rule: k8s/min-replicas\n    paths: [deploy/**]\n    owner: a\n    reason: b\n    expires: 2027-03-31T12:00:00Z\n", 6, "is not a date"},
		{"unknown key", "waivers:\n  - rule: k8s/min-replicas\n    expiry: 2027-03-31\n", 3, `waiver: unknown key "expiry" (known: rule, paths, resource, owner, reason, expires)`},
		{"duplicate key", "waivers:\n  - rule: k8s/min-replicas\n    owner: a\n    owner: b\n", 4, `waiver: key "owner" appears twice`},
		{"duplicate waiver", "waivers:\n" + ok + strings.Replace(ok, "2027-03-31", "2028-01-01", 1), 7, "the waiver at line 2 has the same rule, paths and resource"},
		{"waivers twice", "waivers: []\nwaivers: []\n", 2, `key "waivers" appears twice`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, tt.src)
			var ce *Error
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.line, ce.Line, "%v", err)
			require.Contains(t, ce.Msg, tt.msg)
			require.Regexp(t, `\.relcheck\.yaml:\d+: `, err.Error(), "the error names the file and line")
		})
	}

	// The same waiver for another resource, or other paths, is not a duplicate.
	_, err := load(t, "waivers:\n"+ok+strings.Replace(ok, "deploy/**", "jobs/**", 1)+ok+"    resource: Deployment/x/*\n")
	require.NoError(t, err)
}

func TestRebaseGlob(t *testing.T) {
	base := filepath.FromSlash("/repo")
	require.Equal(t, "deploy/**", RebaseGlob(base, base, "deploy/**"))
	require.Equal(t, "svc/a/deploy/**", RebaseGlob(base, filepath.Join(base, "svc", "a"), "deploy/**"))
	require.Equal(t, "svc/shared/*.yaml", RebaseGlob(base, filepath.Join(base, "svc", "a"), "../shared/*.yaml"))
}

// TestDocumentedConfigsLoad loads every .relcheck.yaml example in the README,
// docs/suppressions.md and docs/governance.md, so that the documentation
// cannot drift from what the parser accepts. The files an example extends
// are written empty next to it.
func TestDocumentedConfigsLoad(t *testing.T) {
	n := 0
	for _, doc := range []string{"../../README.md", "../../docs/suppressions.md", "../../docs/governance.md"} {
		data, err := os.ReadFile(doc)
		require.NoError(t, err)
		blocks := strings.Split(string(data), "```yaml\n")
		for _, b := range blocks[1:] {
			b, _, _ = strings.Cut(b, "```")
			body := b
			for strings.HasPrefix(body, "#") {
				_, body, _ = strings.Cut(body, "\n")
			}
			first, _, _ := strings.Cut(body, ":")
			if !slices.Contains(topKeys, first) {
				continue // a manifest or a workflow, not a config
			}
			n++
			dir := filepath.Join(t.TempDir(), "repo")
			var top struct{ Extends any }
			require.NoError(t, yaml.Unmarshal([]byte(b), &top))
			ext, _ := top.Extends.([]any)
			if s, ok := top.Extends.(string); ok {
				ext = []any{s}
			}
			for _, e := range ext {
				writeFiles(t, dir, map[string]string{e.(string): ""})
			}
			p := filepath.Join(dir, ".relcheck.yaml")
			writeFiles(t, dir, map[string]string{".relcheck.yaml": b})
			_, err := Load(p, knownRule)
			require.NoError(t, err, "%s:\n%s", doc, b)
		}
	}
	require.GreaterOrEqual(t, n, 10, "the config examples were not found")
}

// TestSyntaxErrorLine: a config that is not valid YAML is an error at the
// line of the mistake, in the file:line form of every other config error.
func TestSyntaxErrorLine(t *testing.T) {
	_, err := load(t, "fail-on: high\nexclude: [legacy/**, vendor/**\n")
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, 2, e.Line, err.Error())
	require.True(t, strings.HasSuffix(err.Error(), ".relcheck.yaml:2: did not find expected ',' or ']'"), err.Error())

	// A key indented wrong: yaml.v3 names the start of the mapping it was
	// reading (its parser keeps the line of the stray key to itself).
	_, err = load(t, "fail-on: high\nrules:\n  go/unchecked-error:\n    severity: low\n   enabled: false\n")
	require.ErrorAs(t, err, &e)
	require.Equal(t, 3, e.Line, err.Error())
}
