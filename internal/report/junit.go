package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/relcheck/relcheck/internal/finding"
)

func init() { register("junit", JUnit) }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// JUnit writes one test suite per file with a finding, each finding a
// failed test case, for CI systems that show test reports but not SARIF.
// relcheck does not know which files it checked without finding anything,
// so clean files do not appear; a run with no findings and no errors is a
// single passing case, so that the report shows green rather than empty.
// Targets that could not be analyzed are test cases with an error.
func JUnit(w io.Writer, in Input) error {
	doc := junitSuites{Name: "relcheck"}
	var cur *junitSuite
	names := map[string]int{}
	for _, f := range in.Findings {
		if cur == nil || cur.Name != f.File {
			doc.Suites = append(doc.Suites, junitSuite{Name: f.File})
			cur = &doc.Suites[len(doc.Suites)-1]
		}
		cur.Cases = append(cur.Cases, junitCase{
			Name:      uniqueName(names, junitCaseName(f)),
			ClassName: f.File,
			Failure:   &junitProblem{Message: f.Message, Type: f.Rule, Body: junitBody(f)},
		})
		cur.Tests++
		cur.Failures++
	}
	if len(in.Errors) > 0 {
		s := junitSuite{Name: "relcheck: targets that could not be analyzed"}
		for i, err := range in.Errors {
			s.Cases = append(s.Cases, junitCase{
				Name:      fmt.Sprintf("target %d", i+1),
				ClassName: "relcheck",
				Error:     &junitProblem{Message: err.Error(), Type: "relcheck/target-error", Body: err.Error()},
			})
		}
		s.Tests, s.Errors = len(s.Cases), len(s.Cases)
		doc.Suites = append(doc.Suites, s)
	}
	if len(doc.Suites) == 0 {
		doc.Suites = []junitSuite{{Name: "relcheck", Tests: 1, Cases: []junitCase{{Name: "no findings", ClassName: "relcheck"}}}}
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func junitCaseName(f finding.Finding) string {
	if f.Line > 0 {
		return fmt.Sprintf("%s %s:%d", f.Rule, f.File, f.Line)
	}
	return f.Rule + " " + f.File
}

// uniqueName numbers repeated names, since several JUnit consumers merge
// test cases that share a name and would hide the second finding on a line.
func uniqueName(seen map[string]int, name string) string {
	seen[name]++
	if n := seen[name]; n > 1 {
		return fmt.Sprintf("%s (%d)", name, n)
	}
	return name
}

func junitBody(f finding.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "severity: %s\n", f.Severity)
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, f.Line)
		if f.Col > 0 {
			loc = fmt.Sprintf("%s:%d", loc, f.Col)
		}
	}
	fmt.Fprintf(&b, "location: %s\n", loc)
	if f.Resource != "" {
		fmt.Fprintf(&b, "resource: %s\n", f.Resource)
	}
	if fix := strings.TrimSpace(f.Fix); fix != "" {
		fmt.Fprintf(&b, "fix: %s\n", fix)
	}
	fmt.Fprintf(&b, "explain: relcheck explain %s", f.Rule)
	return b.String()
}
