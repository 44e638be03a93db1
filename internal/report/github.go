package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/relcheck/relcheck/internal/finding"
)

func init() { register("github", GitHub) }

const (
	// stepSummaryLimit is GitHub's cap on one step's job summary; a larger
	// summary is dropped with an error, so ours must stay below it.
	stepSummaryLimit = 1 << 20
	// summaryRows keeps the summary skimmable; the annotations and the
	// other formats hold the rest.
	summaryRows = 50
)

// GitHub writes GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request's diff, most severe first because
// GitHub shows only the first annotations of each kind per step. Columns are
// byte columns: annotations are placed by line, and the column is only
// informative. When in.StepSummary names a file, a Markdown job summary is
// appended to it as well.
func GitHub(w io.Writer, in Input) error {
	bw := bufio.NewWriter(w)
	for _, err := range in.Errors {
		fmt.Fprintf(bw, "::error title=%s::%s\n", ghProperty("relcheck: could not analyze"), ghData(err.Error()))
	}
	for _, f := range mostSevereFirst(in.Findings) {
		var props []string
		if f.File != "" {
			props = append(props, "file="+ghProperty(f.File))
		}
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line))
			if f.Col > 0 {
				props = append(props, "col="+strconv.Itoa(f.Col))
			}
			if f.EndLine >= f.Line {
				props = append(props, "endLine="+strconv.Itoa(f.EndLine))
				if f.EndCol > 0 {
					props = append(props, "endColumn="+strconv.Itoa(f.EndCol))
				}
			}
		}
		props = append(props, "title="+ghProperty(f.Rule))
		msg := f.Message
		if fix := strings.TrimSpace(f.Fix); fix != "" {
			msg += "\nFix: " + fix
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", ghCommand(f.Severity), strings.Join(props, ","), ghData(msg))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if in.StepSummary != "" {
		if err := appendStepSummary(in.StepSummary, in); err != nil {
			return fmt.Errorf("job summary %s: %w", in.StepSummary, err)
		}
	}
	return nil
}

func ghCommand(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	}
	return "notice"
}

// ghData escapes a workflow command's message the way the runner unescapes
// it; an unescaped newline would end the command and let the rest of a
// message be read as a command of its own.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value, where ':' and ',' are separators too.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// githubStepSummary renders the job summary within budget bytes.
func githubStepSummary(in Input, budget int) string {
	return renderMarkdown(in, mdOptions{title: "relcheck", limit: summaryRows, budget: budget})
}

// appendStepSummary appends rather than overwrites because other actions of
// the same step may have written to the file already, and counts what they
// wrote against the limit.
func appendStepSummary(path string, in Input) error {
	used := int64(0)
	if st, err := os.Stat(path); err == nil {
		used = st.Size()
	}
	budget := stepSummaryLimit - int(used) - 1
	if budget <= 0 {
		return fmt.Errorf("the file is already at GitHub's %d byte limit", stepSummaryLimit)
	}
	prefix := ""
	if used > 0 {
		// A blank line so our heading does not run into earlier output.
		prefix = "\n"
	}
	s := prefix + githubStepSummary(in, budget-len(prefix))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close() //relcheck:ignore go/unchecked-error -- the write error is the one to report
		return err
	}
	return f.Close()
}
