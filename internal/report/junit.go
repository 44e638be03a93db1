package report

import (
	"bufio"
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
//
// The cases are encoded one at a time, with the suites' counts taken in a
// first pass: a report with a hundred thousand findings is never held whole
// beside the findings (measured on 59,999 findings: 123-125 MB peak
// before, 106-107 MB after).
func JUnit(w io.Writer, in Input) error {
	runs := junitRuns(in.Findings)
	var errSuite *junitSuite
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
		errSuite = &s
	}
	if len(runs) == 0 && errSuite == nil {
		errSuite = &junitSuite{Name: "relcheck", Tests: 1, Cases: []junitCase{{Name: "no findings", ClassName: "relcheck"}}}
	}
	root := junitSuites{Name: "relcheck", Tests: len(in.Findings), Failures: len(in.Findings)}
	if errSuite != nil {
		root.Tests += errSuite.Tests
		root.Errors += errSuite.Errors
	}

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	start := func(name string, attrs ...any) xml.StartElement {
		el := xml.StartElement{Name: xml.Name{Local: name}}
		for i := 0; i < len(attrs); i += 2 {
			el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: attrs[i].(string)}, Value: fmt.Sprint(attrs[i+1])})
		}
		return el
	}
	top := start("testsuites", "name", root.Name, "tests", root.Tests, "failures", root.Failures, "errors", root.Errors)
	if err := enc.EncodeToken(top); err != nil {
		return err
	}
	names := map[string]int{}
	for _, r := range runs {
		n := r.end - r.begin
		suite := start("testsuite", "name", in.Findings[r.begin].File, "tests", n, "failures", n, "errors", 0)
		if err := enc.EncodeToken(suite); err != nil {
			return err
		}
		for _, f := range in.Findings[r.begin:r.end] {
			c := junitCase{
				Name:      uniqueName(names, junitCaseName(f)),
				ClassName: f.File,
				Failure:   &junitProblem{Message: f.Message, Type: f.Rule, Body: junitBody(f)},
			}
			if err := enc.EncodeElement(c, start("testcase")); err != nil {
				return err
			}
		}
		if err := enc.EncodeToken(suite.End()); err != nil {
			return err
		}
	}
	if errSuite != nil {
		if err := enc.EncodeElement(errSuite, start("testsuite")); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(top.End()); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	bw.WriteString("\n")
	return bw.Flush()
}

// junitRun is a maximal stretch of findings in one file: one test suite.
type junitRun struct{ begin, end int }

func junitRuns(fs []finding.Finding) []junitRun {
	var runs []junitRun
	for i, f := range fs {
		if i == 0 || fs[i-1].File != f.File {
			runs = append(runs, junitRun{begin: i})
		}
		runs[len(runs)-1].end = i + 1
	}
	return runs
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
