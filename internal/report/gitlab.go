package report

import (
	"io"

	"github.com/relcheck/relcheck/internal/finding"
)

func init() { register("gitlab", GitLab) }

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Categories  []string       `json:"categories"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

var gitlabSeverity = map[finding.Severity]string{
	finding.Info:     "info",
	finding.Low:      "minor",
	finding.Medium:   "major",
	finding.High:     "critical",
	finding.Critical: "blocker",
}

func gitlabSeverityOf(s finding.Severity) string {
	if v, ok := gitlabSeverity[s]; ok {
		return v
	}
	return "info"
}

// GitLab writes a GitLab Code Quality report (a subset of the Code Climate
// issue format). GitLab matches issues between the base and the merge
// request by fingerprint, which is why the stable finding fingerprint is
// used as is. The format has no place for targets that could not be
// analyzed; those still fail the run through the exit code.
func GitLab(w io.Writer, in Input) error {
	return streamJSON(w, func(p string) any { return p }, len(in.Findings), func(i int) any {
		f := &in.Findings[i]
		// GitLab requires a begin line; a finding about a whole file goes
		// on its first line.
		begin := max(f.Line, 1)
		return &gitlabIssue{
			Description: f.Message,
			CheckName:   f.Rule,
			Fingerprint: f.Fingerprint,
			Severity:    gitlabSeverityOf(f.Severity),
			Categories:  []string{"Bug Risk"},
			Location:    gitlabLocation{Path: f.File, Lines: gitlabLines{Begin: begin, End: max(f.EndLine, begin)}},
		}
	})
}
