package report

import (
	"io"
)

func init() { register("json", JSON) }

// jsonReport is the JSON format's schema; fields are only ever added.
type jsonReport struct {
	Tool     string `json:"tool"`
	Version  string `json:"version"`
	Findings any    `json:"findings"` // streamed

	Errors  []string    `json:"errors"`
	Summary jsonSummary `json:"summary"`
}

type jsonSummary struct {
	Total      int            `json:"total"`
	BySeverity map[string]int `json:"bySeverity"`
	Hidden     int            `json:"hidden"`
	Suppressed int            `json:"suppressed"`
}

// JSON writes the machine-readable report. Versions are left out of golden
// comparisons by callers that set Version to "".
func JSON(w io.Writer, in Input) error {
	r := jsonReport{Tool: "relcheck", Version: in.Version, Errors: []string{},
		Summary: jsonSummary{Total: len(in.Findings), BySeverity: map[string]int{}, Hidden: in.Hidden, Suppressed: in.Suppressed}}
	for _, e := range in.Errors {
		r.Errors = append(r.Errors, e.Error())
	}
	for s, n := range counts(in.Findings) {
		r.Summary.BySeverity[s.String()] = n
	}
	return streamJSON(w, func(p string) any { r.Findings = p; return r }, len(in.Findings), func(i int) any { return &in.Findings[i] })
}
