package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/relcheck/relcheck/internal/finding"
)

// writeFiles writes files under dir and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return dir
}

func knownRule(id string) bool { return id != "k8s/nope" }

// chain is an organisation config, a department config that extends it and
// a team config that extends the department's, each in its own directory.
func chain(t *testing.T) string {
	return writeFiles(t, t.TempDir(), map[string]string{
		"org/relcheck.yaml": `fail-on: critical
exclude: ["**/zz_generated*.go"]
policies: [policy]
rules:
  go/unchecked-error:
    severity: medium
    settings:
      exclude-file: errcheck.txt
  k8s/image-tag:
    enabled: false
waivers:
  - rule: k8s/min-replicas
    paths: [deploy/batch/**]
    owner: platform
    reason: batch workers
    expires: 2027-03-31
`,
		"dept/relcheck.yaml": `extends: ../org/relcheck.yaml
fail-on: high
policies: [../org/policy, rego]
rules:
  go/unchecked-error:
    settings:
      check-blank: false
  k8s/image-tag:
    severity: high
`,
		"team/.relcheck.yaml": `rules:
  go/unchecked-error:
    severity: low
  k8s/image-tag:
    enabled: true
exclude: ["legacy/**"]
extends: [../dept/relcheck.yaml]
waivers:
  - rule: go/unchecked-error
    paths: [main.go]
    owner: team
    reason: best effort
    expires: 2027-03-31
`,
	})
}

func TestExtendsMerge(t *testing.T) {
	dir := chain(t)
	team := filepath.Join(dir, "team", ".relcheck.yaml")
	c, err := Load(team, knownRule)
	require.NoError(t, err)

	org, dept := filepath.Join(dir, "org", "relcheck.yaml"), filepath.Join(dir, "dept", "relcheck.yaml")
	require.Equal(t, team, c.File)
	require.Equal(t, filepath.Join(dir, "team"), c.Dir, "globs are relative to the loaded file")
	require.Equal(t, []string{org, dept, team}, c.Files, "extended files first")
	require.Equal(t, finding.High, c.FailOn, "the last file that sets fail-on wins")
	require.Equal(t, []string{"**/zz_generated*.go", "legacy/**"}, c.Exclude, "excludes are appended")
	require.Equal(t, []string{filepath.Join(dir, "org", "policy"), filepath.Join(dir, "dept", "rego")}, c.Policies,
		"policies are relative to the file that names them, and listed once")

	ue := c.Rules["go/unchecked-error"]
	require.Equal(t, finding.Low, ue.Severity, "a later file's severity overrides")
	require.JSONEq(t, `{"check-blank": false}`, string(ue.Settings), "a settings block replaces the one before it")
	require.Equal(t, dept, ue.File, "the block the settings came from")
	require.True(t, c.Enabled("k8s/image-tag", false), "the team enabled what the org disabled")
	require.Equal(t, finding.High, c.Rules["k8s/image-tag"].Severity, "the department's severity is kept when the team only enables")

	require.Len(t, c.Waivers, 2)
	require.Equal(t, org, c.Waivers[0].File)
	require.Equal(t, "k8s/min-replicas", c.Waivers[0].Rule)
	require.Equal(t, team, c.Waivers[1].File)

	// The org's settings file is relative to the org's config, even though
	// the department's settings replaced it in the merged view.
	o, err := Load(org, knownRule)
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(o.Rules["go/unchecked-error"].Settings, &s))
	require.Equal(t, filepath.Join(dir, "org", "errcheck.txt"), s["exclude-file"])
}

// TestExtendsSharedOnce: two files that extend one shared file merge it
// once, where it is first reached, so its waivers are not doubled.
func TestExtendsSharedOnce(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"base.yaml": "fail-on: low\nwaivers:\n  - {rule: k8s/min-replicas, paths: [\"**\"], owner: o, reason: r, expires: 2027-01-01}\n",
		"a.yaml":    "extends: base.yaml\nfail-on: medium\n",
		"b.yaml":    "extends: ./base.yaml\n",
		"team.yaml": "extends: [a.yaml, b.yaml]\n",
	})
	c, err := Load(filepath.Join(dir, "team.yaml"), knownRule)
	require.NoError(t, err)
	var names []string
	for _, f := range c.Files {
		names = append(names, filepath.Base(f))
	}
	require.Equal(t, []string{"base.yaml", "a.yaml", "b.yaml", "team.yaml"}, names)
	require.Len(t, c.Waivers, 1)
	require.Equal(t, finding.Medium, c.FailOn, "b.yaml does not set fail-on, so a.yaml's stays")
}

func TestExtendsErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		file  string // the file the error names, relative to the temporary directory
		line  int
		msg   string
	}{
		{"missing file", map[string]string{"team/.relcheck.yaml": "fail-on: high\nextends:\n  - ../platform/relcheck.yaml\n"},
			"team/.relcheck.yaml", 3, "extends: ../platform/relcheck.yaml ("},
		{"missing file hint", map[string]string{"team/.relcheck.yaml": "extends: ../platform/relcheck.yaml\n"},
			"team/.relcheck.yaml", 1, "does not exist; is the repository that holds it checked out (git submodule update --init)?"},
		{"missing in a chain", map[string]string{"team/.relcheck.yaml": "extends: ../dept.yaml\n", "dept.yaml": "\n\nextends: org.yaml\n"},
			"dept.yaml", 3, "extends: org.yaml ("},
		{"directory", map[string]string{"team/.relcheck.yaml": "extends: ../platform\n", "platform/relcheck.yaml": ""},
			"team/.relcheck.yaml", 1, "is a directory; name the config file in it"},
		{"cycle", map[string]string{"team/.relcheck.yaml": "extends: ../platform/relcheck.yaml\n", "platform/relcheck.yaml": "fail-on: low\nextends: ../team/.relcheck.yaml\n"},
			"platform/relcheck.yaml", 2, "extends: cycle: TMP/team/.relcheck.yaml extends TMP/platform/relcheck.yaml, which extends TMP/team/.relcheck.yaml; a configuration cannot extend itself"},
		{"itself", map[string]string{"team/.relcheck.yaml": "extends: [.relcheck.yaml]\n"},
			"team/.relcheck.yaml", 1, "extends: cycle: TMP/team/.relcheck.yaml extends TMP/team/.relcheck.yaml"},
		{"not a path", map[string]string{"team/.relcheck.yaml": "extends: {file: a.yaml}\n"},
			"team/.relcheck.yaml", 1, "extends: want the path of a relcheck config file, or a list of them"},
		{"empty entry", map[string]string{"team/.relcheck.yaml": "extends:\n  - a.yaml\n  - \"\"\n", "team/a.yaml": ""},
			"team/.relcheck.yaml", 3, "extends: want the path of a relcheck config file"},
		{"listed twice", map[string]string{"team/.relcheck.yaml": "extends:\n  - a.yaml\n  - ./a.yaml\n", "team/a.yaml": ""},
			"team/.relcheck.yaml", 3, "extends: ./a.yaml is already listed at line 2"},
		{"error in the extended file", map[string]string{"team/.relcheck.yaml": "extends: ../p/r.yaml\n", "p/r.yaml": "rules:\n  k8s/nope: {}\n"},
			"p/r.yaml", 2, `unknown rule "k8s/nope"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), tt.files)
			_, err := Load(filepath.Join(dir, "team", ".relcheck.yaml"), knownRule)
			var ce *Error
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.line, ce.Line, "%v", err)
			require.Equal(t, filepath.Clean(filepath.Join(dir, tt.file)), filepath.Clean(ce.File), "%v", err)
			require.Contains(t, ce.Msg, strings.ReplaceAll(tt.msg, "TMP", dir))
		})
	}
}

// lockCatalog is the catalog CheckLocks sees in these tests.
var lockCatalog = map[string]finding.Severity{
	"k8s/readiness-probe": finding.High,
	"k8s/min-replicas":    finding.High,
	"tf/aws-rds-multi-az": finding.High,
	"tf/aws-rds-backup":   finding.Medium,
	"go/unchecked-error":  finding.High,
}

func checkLocks(t *testing.T, files map[string]string) (*Config, error) {
	t.Helper()
	dir := writeFiles(t, t.TempDir(), files)
	c, err := Load(filepath.Join(dir, "team", ".relcheck.yaml"), knownRule)
	require.NoError(t, err)
	var ids []string
	for id := range lockCatalog {
		ids = append(ids, id)
	}
	return c, c.CheckLocks(ids, func(id string) finding.Severity { return lockCatalog[id] })
}

const platformLocks = `rules:
  k8s/readiness-probe:
    severity: critical
locked:
  - k8s/readiness-probe
  - tf/aws-rds-*
waivers:
  - rule: k8s/readiness-probe
    paths: [deploy/batch/**]
    owner: platform@example.com
    reason: batch workers receive no traffic
    expires: 2027-03-31
`

func TestLockViolations(t *testing.T) {
	team := func(body string) map[string]string {
		return map[string]string{
			"platform/relcheck.yaml": platformLocks,
			"team/.relcheck.yaml":    "extends: ../platform/relcheck.yaml\n" + body,
		}
	}
	for _, tt := range []struct {
		name  string
		files map[string]string
		file  string
		line  int
		msg   string
	}{
		{"disable", team("rules:\n  k8s/readiness-probe:\n    enabled: false\n"), "team/.relcheck.yaml", 4,
			"rules.k8s/readiness-probe.enabled: k8s/readiness-probe is locked by TMP/platform/relcheck.yaml:5; a file that extends it cannot disable it"},
		{"disable by glob", team("rules:\n  tf/aws-rds-backup:\n    enabled: false\n"), "team/.relcheck.yaml", 4,
			"tf/aws-rds-backup is locked by TMP/platform/relcheck.yaml:6"},
		{"lower the locking file's severity", team("rules:\n  k8s/readiness-probe:\n    severity: high\n"), "team/.relcheck.yaml", 4,
			"rules.k8s/readiness-probe.severity: k8s/readiness-probe is locked by TMP/platform/relcheck.yaml:5 at critical; a file that extends it cannot lower it to high"},
		{"lower the default severity", team("rules:\n  tf/aws-rds-backup:\n    severity: low\n"), "team/.relcheck.yaml", 4,
			"is locked by TMP/platform/relcheck.yaml:6 at medium; a file that extends it cannot lower it to low"},
		{"settings", team("rules:\n  tf/aws-rds-multi-az:\n    settings: {x: 1}\n"), "team/.relcheck.yaml", 4,
			"rules.tf/aws-rds-multi-az.settings: tf/aws-rds-multi-az is locked by TMP/platform/relcheck.yaml:6, and its settings come from there"},
		{"waiver", team("waivers:\n  - owner: team\n    rule: k8s/readiness-probe\n    paths: [deploy/**]\n    reason: r\n    expires: 2027-01-01\n"), "team/.relcheck.yaml", 4,
			"waiver for k8s/readiness-probe: k8s/readiness-probe is locked by TMP/platform/relcheck.yaml:5; only waivers in that file apply to it"},
		{"the first line wins", team("waivers:\n  - {rule: k8s/readiness-probe, paths: [a], owner: o, reason: r, expires: 2027-01-01}\nrules:\n  k8s/readiness-probe: {enabled: false}\n"), "team/.relcheck.yaml", 3,
			"waiver for k8s/readiness-probe"},
		{"re-locking grants nothing", team("locked: [k8s/readiness-probe]\nwaivers:\n  - {rule: k8s/readiness-probe, paths: [a], owner: o, reason: r, expires: 2027-01-01}\n"), "team/.relcheck.yaml", 4,
			"only waivers in that file apply to it"},
		{"through a chain", map[string]string{
			"platform/relcheck.yaml": platformLocks,
			"dept/relcheck.yaml":     "extends: ../platform/relcheck.yaml\n",
			"team/.relcheck.yaml":    "extends: ../dept/relcheck.yaml\nrules:\n  k8s/readiness-probe: {severity: medium}\n"}, "team/.relcheck.yaml", 3,
			"at critical; a file that extends it cannot lower it to medium"},
		{"a later sibling", map[string]string{
			"platform/relcheck.yaml": platformLocks,
			"team/legacy.yaml":       "rules:\n  k8s/readiness-probe: {enabled: false}\n",
			"team/.relcheck.yaml":    "extends: [../platform/relcheck.yaml, legacy.yaml]\n"}, "team/legacy.yaml", 2,
			"is locked by TMP/platform/relcheck.yaml:5"},
		{"disabled where locked", map[string]string{
			"team/.relcheck.yaml": "locked: [k8s/*]\nrules:\n  k8s/min-replicas:\n    enabled: false\n"}, "team/.relcheck.yaml", 4,
			"rules.k8s/min-replicas.enabled: k8s/min-replicas is locked at line 1 of this file, and a locked rule is always enabled"},
		{"unknown id", map[string]string{"team/.relcheck.yaml": "locked:\n  - k8s/readines-probe\n"}, "team/.relcheck.yaml", 2,
			`locked: unknown rule "k8s/readines-probe"`},
		{"glob matching nothing", map[string]string{"team/.relcheck.yaml": "locked:\n  - tf/aws-rdss-*\n"}, "team/.relcheck.yaml", 2,
			`locked: "tf/aws-rdss-*" matches no rule`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checkLocks(t, tt.files)
			var ce *Error
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.line, ce.Line, "%v", err)
			require.True(t, strings.HasSuffix(filepath.ToSlash(ce.File), tt.file), "%v names %s, want %s", err, ce.File, tt.file)
			dir := strings.TrimSuffix(filepath.ToSlash(ce.File), "/"+tt.file)
			require.Contains(t, ce.Msg, strings.ReplaceAll(tt.msg, "TMP", filepath.FromSlash(dir)))
		})
	}
}

func TestLocksAllowed(t *testing.T) {
	c, err := checkLocks(t, map[string]string{
		// The org waives min-replicas; the platform extends it and locks
		// it, so the org's waiver is part of what the platform locked.
		"org.yaml": "waivers:\n  - {rule: k8s/min-replicas, paths: [jobs/**], owner: org, reason: r, expires: 2027-01-01}\n",
		"platform/relcheck.yaml": "extends: ../org.yaml\n" + strings.Replace(platformLocks, "locked:\n", "locked:\n  - k8s/min-replicas\n", 1) +
			"  - {rule: k8s/min-replicas, paths: [cron/**], owner: platform, reason: r, expires: 2027-01-01}\n",
		"team/.relcheck.yaml": `extends: ../platform/relcheck.yaml
locked: [go/unchecked-error]  # a team may lock more for the files that extend it
rules:
  k8s/readiness-probe:
    enabled: true          # saying what the lock says
    severity: critical     # the same severity
  tf/aws-rds-multi-az:
    severity: critical     # raising is allowed
  k8s/min-replicas:
    severity: high
  go/unchecked-error:
    severity: low          # lowered in the file that locks it
waivers:
  - {rule: go/unchecked-error, paths: [main.go], owner: team, reason: r, expires: 2027-01-01}
`,
	})
	require.NoError(t, err)
	require.Len(t, c.Waivers, 4)
	lk, ok := c.Locked("tf/aws-rds-backup")
	require.True(t, ok)
	require.Equal(t, "tf/aws-rds-*", lk.Pattern)
	require.Equal(t, 8, lk.Line)
	_, ok = c.Locked("k8s/image-tag")
	require.False(t, ok)
}

// TestLockedRuleIsEnabled: a lock turns on a rule that is off by default,
// or that a file merged before the lock turned off.
func TestLockedRuleIsEnabled(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"org.yaml":            "rules:\n  k8s/readiness-probe: {enabled: false}\n",
		"team/.relcheck.yaml": "extends: ../org.yaml\nlocked: [k8s/readiness-probe, go/unchecked-type-assertion]\n",
	})
	c, err := Load(filepath.Join(dir, "team", ".relcheck.yaml"), knownRule)
	require.NoError(t, err)
	require.True(t, c.Enabled("k8s/readiness-probe", false))
	require.True(t, c.Enabled("go/unchecked-type-assertion", true))
	require.False(t, c.Enabled("go/retry-no-jitter", true), "locks cover only the rules they name")
}

func TestExcludesAndLocks(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"org.yaml":      "exclude: [vendor2/**]\n",
		"platform.yaml": "extends: org.yaml\nexclude: [gen/**]\nlocked: [k8s/readiness-probe]\n",
		"dept.yaml":     "extends: platform.yaml\nexclude: [legacy/**]\nlocked: [tf/*]\n",
		"team.yaml":     "extends: dept.yaml\nexclude: [scratch/**]\n",
	})
	c, err := Load(filepath.Join(dir, "team.yaml"), knownRule)
	require.NoError(t, err)
	require.Equal(t, []string{"vendor2/**", "gen/**", "legacy/**", "scratch/**"}, c.Exclude)
	require.Equal(t, c.Exclude, c.ExcludesFor("k8s/min-replicas"), "an unlocked rule honours every exclude")
	require.Equal(t, []string{"vendor2/**", "gen/**"}, c.ExcludesFor("k8s/readiness-probe"), "excludes written after the lock do not apply")
	require.Equal(t, []string{"vendor2/**", "gen/**", "legacy/**"}, c.ExcludesFor("tf/aws-rds-multi-az"))
	require.Equal(t, []string{"vendor2/**", "gen/**"}, c.CommonExcludes())

	single, err := Load(filepath.Join(dir, "org.yaml"), knownRule)
	require.NoError(t, err)
	require.Equal(t, single.Exclude, single.CommonExcludes(), "without locks every exclude is common")
}

// TestAnalyzerConfig: the go vet tool gets the merged analyzer settings as
// one file, which loads to the same analyzers and changes when a shared
// file changes them.
func TestAnalyzerConfig(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"platform.yaml": "locked: [go/unchecked-type-assertion]\nrules:\n  go/unchecked-error:\n    settings: {exclude: [os.Remove]}\n",
		"team.yaml":     "extends: platform.yaml\nrules:\n  go/dial-timeout: {enabled: false}\n",
	})
	c, err := Load(filepath.Join(dir, "team.yaml"), knownRule)
	require.NoError(t, err)
	data, err := c.AnalyzerConfig()
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "analyzers.yaml")
	require.NoError(t, os.WriteFile(p, data, 0o644))
	back, err := Load(p, knownRule)
	require.NoError(t, err)
	ids := []string{"go/unchecked-error", "go/unchecked-type-assertion", "go/dial-timeout", "go/retry-no-jitter"}
	for _, id := range ids {
		require.Equal(t, c.Enabled(id, true), back.Enabled(id, true), id)
		require.Equal(t, c.Enabled(id, false), back.Enabled(id, false), id)
	}
	require.Equal(t, c.SettingsFor(ids), back.SettingsFor(ids))

	writeFiles(t, dir, map[string]string{"platform.yaml": "rules:\n  go/unchecked-error:\n    settings: {exclude: [os.Chdir]}\n"})
	c2, err := Load(filepath.Join(dir, "team.yaml"), knownRule)
	require.NoError(t, err)
	data2, err := c2.AnalyzerConfig()
	require.NoError(t, err)
	require.NotEqual(t, string(data), string(data2))
}

// locked: [fail-on] makes the gate in effect at the locking file a ceiling:
// files extending it may fail on more (a lower severity), never on less,
// and the same holds for --fail-on (CheckFailOn).
func TestFailOnLock(t *testing.T) {
	platform := "fail-on: medium\nlocked:\n  - fail-on\n"
	for _, tt := range []struct {
		name, team string
		line       int // 0: allowed
		msg        string
	}{
		{"raised by the team", "fail-on: critical\n", 2, "fail-on: fail-on is locked by TMP/platform/relcheck.yaml:3 at medium; a file that extends it cannot raise it to critical"},
		{"lowered by the team", "fail-on: low\n", 0, ""},
		{"the same", "fail-on: medium\n", 0, ""},
		{"not set by the team", "rules: {}\n", 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := checkLocks(t, map[string]string{
				"platform/relcheck.yaml": platform,
				"team/.relcheck.yaml":    "extends: ../platform/relcheck.yaml\n" + tt.team,
			})
			if tt.line == 0 {
				require.NoError(t, err)
				require.NotNil(t, c.FailOnLock)
				require.Equal(t, finding.Medium, c.FailOnLock.Severity)
				return
			}
			var ce *Error
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.line, ce.Line)
			require.True(t, strings.HasSuffix(filepath.ToSlash(ce.File), "team/.relcheck.yaml"), ce.File)
			dir := strings.TrimSuffix(filepath.ToSlash(ce.File), "/team/.relcheck.yaml")
			require.Contains(t, ce.Msg, strings.ReplaceAll(tt.msg, "TMP", filepath.FromSlash(dir)))
		})
	}

	// The gate locked is the one in effect at the locking file, inherited
	// or its own; the default is high.
	c, err := checkLocks(t, map[string]string{
		"platform/relcheck.yaml": "locked: [fail-on]\n",
		"team/.relcheck.yaml":    "extends: ../platform/relcheck.yaml\n",
	})
	require.NoError(t, err)
	require.Equal(t, finding.High, c.FailOnLock.Severity)
	require.NoError(t, c.CheckFailOn(finding.Medium, "--fail-on"))
	require.NoError(t, c.CheckFailOn(finding.High, "--fail-on"))
	err = c.CheckFailOn(finding.Critical, "--fail-on")
	require.ErrorContains(t, err, "--fail-on critical: fail-on is locked at high by ")
	require.ErrorContains(t, err, "platform/relcheck.yaml:1; it may be lowered (fail on more), not raised")

	dir := writeFiles(t, t.TempDir(), map[string]string{"team/.relcheck.yaml": "locked: [fail-on, fail-on]\n"})
	_, err = Load(filepath.Join(dir, "team", ".relcheck.yaml"), knownRule)
	require.ErrorContains(t, err, "locked: fail-on is already listed at line 1")

	c, err = checkLocks(t, map[string]string{"team/.relcheck.yaml": "fail-on: low\n"})
	require.NoError(t, err)
	require.Nil(t, c.FailOnLock)
	require.NoError(t, c.CheckFailOn(finding.Critical, "--fail-on"), "no lock, no limit")
}
