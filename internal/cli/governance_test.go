package cli_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/relcheck/relcheck/internal/cli"
)

// platformConfig is a governance team's shared configuration: its own
// policy directory, a locked rule at a raised severity, and a waiver of that
// rule for the batch workers of every repository that extends it.
const platformConfig = `# The platform team's relcheck configuration; service repositories extend it.
policies: [policy]
rules:
  k8s/readiness-probe:
    severity: critical
locked:
  - k8s/readiness-probe
  - acme/owner-label
waivers:
  - rule: k8s/readiness-probe
    paths: [deploy/batch/**]
    owner: platform@example.com
    reason: batch workers receive no traffic
    expires: 2027-03-31
`

const ownerPolicy = `# METADATA
# title: Workloads name their owning team
# custom:
#   id: acme/owner-label
#   severity: high
#   kinds: [Deployment]
#   remediation: Add metadata.labels.owner with the team's name.
package relcheck.kubernetes.acme_owner

deny contains result if {
	not input.metadata.labels.owner
	result := {"msg": sprintf("%s has no owner label", [input.metadata.name]), "path": ["metadata"]}
}
`

// sharedRepos writes a platform repository and a team repository side by
// side, as a CI job that checks both out would, and returns the team's.
func sharedRepos(t *testing.T, teamConfig string) string {
	t.Helper()
	root := t.TempDir()
	worker := strings.NewReplacer("name: web", "name: worker", "app: web", "app: worker").Replace(supDeployment)
	supWrite(t, root, map[string]string{
		"platform/relcheck.yaml":     platformConfig,
		"platform/policy/owner.rego": ownerPolicy,
		"team/.relcheck.yaml":        teamConfig,
		// The team tries to suppress the locked rule inline.
		"team/deploy/web.yaml": strings.Replace(supDeployment, "      containers:\n",
			"      containers:\n        # relcheck:ignore k8s/readiness-probe -- static site, any pod can serve\n", 1),
		"team/deploy/batch/worker.yaml": worker,
		"team/legacy/old.yaml":          strings.NewReplacer("name: web", "name: old", "app: web", "app: old").Replace(supDeployment),
		// Not a manifest until a template engine renders it: excluded by
		// the team, so it is not an error for the locked rules either.
		"team/legacy/template.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Name }}\ndata: {{ .Data }}\n",
	})
	return filepath.Join(root, "team")
}

func TestSharedConfigLockedRuleCannotBeDisabled(t *testing.T) {
	team := sharedRepos(t, "extends: ../platform/relcheck.yaml\nrules:\n  k8s/readiness-probe:\n    enabled: false\n")
	t.Chdir(team)
	code, out, errs := waiverRun(t, "2027-01-01", "check", ".")
	want := ".relcheck.yaml:4: rules.k8s/readiness-probe.enabled: k8s/readiness-probe is locked by " +
		"../platform/relcheck.yaml:7; a file that extends it cannot disable it\n"
	if code != cli.ExitUsage || errs != "relcheck: "+want || out != "" {
		t.Errorf("exit %d, stderr %q, stdout %q; want exit 2 and %q", code, errs, out, want)
	}

	// Waiving it is an error too; so is lowering its severity.
	for _, cfg := range []string{
		"extends: ../platform/relcheck.yaml\nwaivers:\n  - rule: k8s/readiness-probe\n    paths: [deploy/**]\n    owner: team\n    reason: r\n    expires: 2027-03-31\n",
		"extends: ../platform/relcheck.yaml\nrules:\n  k8s/readiness-probe:\n    severity: high\n",
	} {
		supWrite(t, team, map[string]string{".relcheck.yaml": cfg})
		code, _, errs := waiverRun(t, "2027-01-01", "check", ".")
		if code != cli.ExitUsage || !strings.Contains(errs, "is locked by ../platform/relcheck.yaml:7") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q", cfg, code, errs)
		}
	}
}

func TestSharedConfig(t *testing.T) {
	team := sharedRepos(t, `extends: ../platform/relcheck.yaml
exclude: [legacy/**]
rules:
  k8s/liveness-probe:
    enabled: false        # not locked: the team decides
`)
	t.Chdir(team)
	got, r := waiverCheck(t, "2027-03-31", cli.ExitFindings, "--only", "manifests", ".")
	platform := filepath.ToSlash(filepath.Join(filepath.Dir(team), "platform", "relcheck.yaml"))
	for _, want := range []string{
		"deploy/web.yaml:3 acme/owner-label",     // the platform's policy directory is used
		"deploy/web.yaml:18 k8s/readiness-probe", // the inline suppression hides nothing
		"deploy/web.yaml:17 relcheck/locked-rule-suppression",
		"legacy/old.yaml:17 k8s/readiness-probe", // the team's exclude does not cover a locked rule
		"legacy/old.yaml:3 acme/owner-label",
	} {
		if !contains(got, want) {
			t.Errorf("missing %s in\n%s", want, strings.Join(got, "\n"))
		}
	}
	for _, g := range got {
		switch {
		case strings.HasPrefix(g, "deploy/batch/worker.yaml") && strings.HasSuffix(g, "k8s/readiness-probe"):
			t.Errorf("the platform's waiver did not apply: %s", g)
		case strings.HasPrefix(g, "legacy/") && !strings.HasSuffix(g, "k8s/readiness-probe") && !strings.HasSuffix(g, "acme/owner-label"):
			t.Errorf("the team's exclude did not apply to an unlocked rule: %s", g)
		case strings.HasSuffix(g, "k8s/liveness-probe"):
			t.Errorf("an unlocked rule the team disabled was reported: %s", g)
		case strings.Contains(g, "unused-suppression") || strings.Contains(g, "expired-waiver"):
			t.Errorf("the platform's waiver was judged unused or expired: %s", g)
		}
	}
	for _, f := range r.Findings {
		if f.Rule == "relcheck/locked-rule-suppression" {
			want := "suppression of k8s/readiness-probe hides nothing: the rule is locked by " + platform + ":7; fix the finding, or ask the owners of that file for a waiver there"
			if f.Message != want {
				t.Errorf("message %q, want %q", f.Message, want)
			}
		}
	}
	code, out, _ := waiverRun(t, "2027-03-31", "check", "--no-color", "--only", "manifests", "deploy/web.yaml")
	if code != cli.ExitFindings || !strings.Contains(out, "deploy/web.yaml:18:11: critical k8s/readiness-probe") {
		t.Errorf("the locked rule is not reported at the platform's severity (exit %d):\n%s", code, out)
	}

	// The day after the waiver's expiry it hides nothing, and it is
	// reported where the platform team can renew it.
	got, _ = waiverCheck(t, "2027-04-01", cli.ExitFindings, "--only", "manifests", ".")
	for _, want := range []string{platform + ":10 relcheck/expired-waiver", "deploy/batch/worker.yaml:17 k8s/readiness-probe"} {
		if !contains(got, want) {
			t.Errorf("expired: missing %s in\n%s", want, strings.Join(got, "\n"))
		}
	}
}

func TestSharedConfigMissing(t *testing.T) {
	dir := t.TempDir()
	supWrite(t, dir, map[string]string{"team/.relcheck.yaml": "fail-on: high\nextends:\n  - ../platform/relcheck.yaml\n", "team/deploy/web.yaml": supDeployment})
	t.Chdir(filepath.Join(dir, "team"))
	code, _, errs := waiverRun(t, "2027-01-01", "check", ".")
	want := ".relcheck.yaml:3: extends: ../platform/relcheck.yaml (" + filepath.Join(dir, "platform", "relcheck.yaml") +
		") does not exist; is the repository that holds it checked out (git submodule update --init)?\n"
	if code != cli.ExitUsage || errs != "relcheck: "+want {
		t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errs, want)
	}
}

// A shared configuration that locks fail-on is a ceiling for the team's
// configuration and for --fail-on alike.
func TestFailOnLockedByTheSharedConfig(t *testing.T) {
	root := t.TempDir()
	supWrite(t, root, map[string]string{
		"platform/relcheck.yaml": "fail-on: medium\nlocked: [fail-on]\n",
		"team/.relcheck.yaml":    "extends: ../platform/relcheck.yaml\n",
		"team/deploy/web.yaml":   supDeployment,
	})
	t.Chdir(filepath.Join(root, "team"))
	code, out, errs := waiverRun(t, "2027-01-01", "check", "--fail-on", "critical", ".")
	if code != cli.ExitUsage || !strings.Contains(errs, "--fail-on critical: fail-on is locked at medium by ../platform/relcheck.yaml:2; it may be lowered (fail on more), not raised") {
		t.Fatalf("exit %d, stderr %q, stdout %q", code, errs, out)
	}
	if code, _, errs := waiverRun(t, "2027-01-01", "check", "--fail-on", "low", "."); code != cli.ExitFindings {
		t.Fatalf("a stricter flag: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := waiverRun(t, "2027-01-01", "check", "."); code != cli.ExitFindings {
		t.Fatalf("the locked gate (medium) without a flag: exit %d, stderr %q", code, errs)
	}
}
