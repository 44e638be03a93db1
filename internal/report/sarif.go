package report

import (
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/rules"
)

func init() { register("sarif", SARIF) }

// Only the SARIF properties relcheck fills are modelled; the OASIS schema
// test keeps them honest.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	// ColumnKind is left out when some column could not be converted, so
	// that the file never claims a unit it does not use throughout.
	ColumnKind string `json:"columnKind,omitempty"`
	Results    any    `json:"results"` // streamed
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      *sarifText          `json:"fullDescription,omitempty"`
	Help                 *sarifHelp          `json:"help,omitempty"`
	DefaultConfiguration sarifRuleConfig     `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags []string `json:"tags"`
	// GitHub code scanning reads this flat, dotted key for non-security
	// rules; security-severity is deliberately absent.
	ProblemSeverity string `json:"problem.severity"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

type sarifResultProps struct {
	Resource string `json:"resource"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

const (
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	// fingerprintKey is versioned so that a future change of the
	// fingerprint recipe can use a new key instead of silently reopening
	// every alert in code scanning.
	fingerprintKey = "relcheck/v1"
)

// SARIF writes one SARIF 2.1.0 run holding both engines' findings, in the
// shape GitHub code scanning and other SARIF viewers read. Columns are
// converted to UTF-16 code units by reading the reported lines from disk,
// relative to the working directory, because that is the unit GitHub uses.
func SARIF(w io.Writer, in Input) error {
	descs, index := sarifRules(in)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            "relcheck",
			InformationURI:  "https://github.com/relcheck/relcheck",
			Version:         in.Version,
			SemanticVersion: semanticVersion(in.Version),
			Rules:           descs,
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(in.Errors) == 0}},
	}
	for _, err := range in.Errors {
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications,
			sarifNotification{Level: "error", Message: sarifText{Text: err.Error()}})
	}
	// Regions first: columnKind, written before the results, says whether
	// every column could be converted.
	src := newSourceLines(in.Base)
	regions := make([]*sarifRegion, len(in.Findings))
	for i, f := range in.Findings {
		regions[i] = sarifRegionFor(f, src)
	}
	if src.exact {
		run.ColumnKind = "utf16CodeUnits"
	}
	log := func(p string) any {
		run.Results = p
		return sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}
	}
	return streamJSON(w, log, len(in.Findings), func(i int) any {
		f := &in.Findings[i]
		r := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifactFor(f.File),
				Region:           regions[i],
			}}},
		}
		if f.Fingerprint != "" {
			r.PartialFingerprints = map[string]string{fingerprintKey: f.Fingerprint}
		}
		if f.Resource != "" {
			r.Properties = &sarifResultProps{Resource: f.Resource}
		}
		return &r
	})
}

// sarifRules describes the rules the findings reference, ordered by id, and
// maps each id to its index. Describing only referenced rules follows
// GitHub's advice and keeps the file proportional to what was found. A rule
// missing from the catalog (a conftest-style policy without METADATA) still
// gets a descriptor so that every ruleIndex is valid.
func sarifRules(in Input) ([]sarifRule, map[string]int) {
	seen := map[string]bool{}
	var ids []string
	for _, f := range in.Findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			ids = append(ids, f.Rule)
		}
	}
	sort.Strings(ids)
	out := make([]sarifRule, 0, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
		r, ok := lookupRule(in.Catalog, id)
		if !ok {
			r.Severity = worstSeverity(in.Findings, id)
		}
		out = append(out, sarifRuleFor(r))
	}
	return out, index
}

func lookupRule(c *rules.Catalog, id string) (rules.Rule, bool) {
	if c != nil {
		if r, ok := c.Get(id); ok {
			return r, true
		}
	}
	return rules.Rule{ID: id}, false
}

func worstSeverity(fs []finding.Finding, id string) finding.Severity {
	var s finding.Severity
	for _, f := range fs {
		if f.Rule == id && f.Severity > s {
			s = f.Severity
		}
	}
	return s
}

func sarifRuleFor(r rules.Rule) sarifRule {
	short := r.Title
	if short == "" {
		short = r.ID
	}
	d := sarifRule{
		ID:                   r.ID,
		Name:                 pascalCase(r.ID),
		ShortDescription:     sarifText{Text: short},
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)},
		Properties: sarifRuleProperties{
			Tags:            []string{"reliability", r.Domain()},
			ProblemSeverity: problemSeverity(r.Severity),
		},
	}
	if r.Rationale != "" {
		d.FullDescription = &sarifText{Text: r.Rationale}
	}
	d.Help = &sarifHelp{Text: helpText(r), Markdown: helpMarkdown(r)}
	return d
}

func helpText(r rules.Rule) string {
	var b strings.Builder
	if r.Rationale != "" {
		b.WriteString(r.Rationale + "\n\n")
	}
	if r.Fix != "" {
		b.WriteString("Fix: " + r.Fix + "\n\n")
	}
	if r.Example != "" {
		b.WriteString("Example:\n" + indent(r.Example, "    ") + "\n\n")
	}
	b.WriteString("Run `relcheck explain " + r.ID + "` for the full description.")
	return b.String()
}

func helpMarkdown(r rules.Rule) string {
	var b strings.Builder
	lang := exampleLanguage(r.Domain())
	if r.Rationale != "" {
		b.WriteString(fenceIndented(r.Rationale, lang) + "\n\n")
	}
	if r.Fix != "" {
		b.WriteString("**Fix:** " + fenceIndented(r.Fix, lang) + "\n\n")
	}
	if r.Example != "" {
		b.WriteString("**Example:**\n\n" + fencedBlock(r.Example, lang) + "\n\n")
	}
	b.WriteString("Run `relcheck explain " + r.ID + "` for the full description.")
	return b.String()
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// fenceIndented turns runs of indented lines in catalog prose into fenced
// blocks. The catalog indents code the way `relcheck explain` prints it,
// but in Markdown an indented line right after a paragraph continues the
// paragraph, which would run the code into the sentence.
func fenceIndented(s, lang string) string {
	lines := strings.Split(s, "\n")
	var out, code []string
	flush := func() {
		if len(code) == 0 {
			return
		}
		for len(code) > 0 && strings.TrimSpace(code[len(code)-1]) == "" {
			code = code[:len(code)-1]
		}
		out = append(out, "", fencedBlock(strings.Join(code, "\n"), lang), "")
		code = nil
	}
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "    "):
			code = append(code, l[4:])
		case strings.HasPrefix(l, "\t"):
			code = append(code, l[1:])
		case strings.TrimSpace(l) == "" && len(code) > 0:
			code = append(code, "")
		default:
			flush()
			out = append(out, l)
		}
	}
	flush()
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// fencedBlock fences s with more backticks than any run inside it, so an
// example that itself shows Markdown cannot close the block early.
func fencedBlock(s, lang string) string {
	fence := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	return fence + lang + "\n" + strings.TrimRight(s, "\n") + "\n" + fence
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

func exampleLanguage(domain string) string {
	switch domain {
	case "go":
		return "go"
	case "k8s", "compose":
		return "yaml"
	case "tf":
		return "hcl"
	}
	return ""
}

func sarifLevel(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	}
	return "note"
}

func problemSeverity(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	}
	return "recommendation"
}

// pascalCase turns "go/http-client-timeout" into "GoHttpClientTimeout", the
// form SARIF suggests for a rule's name.
func pascalCase(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		switch {
		case r == '/' || r == '-' || r == '_' || r == '.' || r == ' ':
			up = true
		case up:
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var semverRE = regexp.MustCompile(`^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// semanticVersion returns v without its "v" when it is a semver, and ""
// for builds such as "devel" that have none.
func semanticVersion(v string) string {
	if !semverRE.MatchString(v) {
		return ""
	}
	return strings.TrimPrefix(v, "v")
}

// sarifArtifactFor makes a URI reference from a finding's file. Relative
// paths resolve against %SRCROOT% (the checkout), which is what lets code
// scanning place results; a path outside the repository is absolute and
// becomes a file URI.
func sarifArtifactFor(file string) sarifArtifact {
	switch {
	case strings.HasPrefix(file, "/"):
		return sarifArtifact{URI: "file://" + escapeURIPath(file)}
	case len(file) > 2 && file[1] == ':' && file[2] == '/':
		return sarifArtifact{URI: "file:///" + file[:2] + escapeURIPath(file[2:])}
	}
	return sarifArtifact{URI: escapeURIPath(file), URIBaseID: "%SRCROOT%"}
}

// escapeURIPath percent-encodes every byte outside RFC 3986's unreserved set
// except the path separator. That is stricter than needed, but a colon in
// the first segment or a "%" in a name can then never be misread.
func escapeURIPath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func sarifRegionFor(f finding.Finding, src *sourceLines) *sarifRegion {
	if f.Line <= 0 {
		return nil
	}
	r := &sarifRegion{StartLine: f.Line}
	if f.Col > 0 {
		r.StartColumn = src.utf16Col(f.File, f.Line, f.Col)
	}
	endLine := f.EndLine
	if endLine <= 0 && f.EndCol > 0 {
		endLine = f.Line
	}
	if endLine < f.Line {
		// An end before the start is an engine bug; the start alone is
		// still a useful place.
		return r
	}
	if endLine > f.Line {
		r.EndLine = endLine
	}
	if f.EndCol > 0 {
		end := src.utf16Col(f.File, endLine, f.EndCol)
		if endLine > f.Line || end >= r.StartColumn {
			r.EndLine, r.EndColumn = endLine, end
		}
	}
	return r
}
