package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/relcheck/relcheck/internal/finding"
)

func init() { register("markdown", Markdown) }

// prCommentBudget keeps the report postable as one pull request comment:
// GitHub rejects comments over 65,536 characters, and bytes are never fewer
// than characters.
const prCommentBudget = 60000

// Markdown writes a report meant to be posted as a pull request comment:
// the counts, every finding most severe first (as many as fit in a
// comment), the targets that could not be analyzed, and per rule the
// `relcheck explain` command that says why it matters.
func Markdown(w io.Writer, in Input) error {
	_, err := io.WriteString(w, renderMarkdown(in, mdOptions{
		title:  "relcheck report",
		budget: prCommentBudget,
	}))
	return err
}

type mdOptions struct {
	title string
	// limit caps the findings table; 0 means as many as the budget allows.
	limit int
	// budget is the most bytes the document may take.
	budget int
}

// renderMarkdown is shared by the markdown format and the GitHub job
// summary. Rows that would push the document past the budget are left out
// with a note rather than cut mid-table, so the result always renders.
func renderMarkdown(in Input, o mdOptions) string {
	var head, tail strings.Builder

	fmt.Fprintf(&head, "## %s\n\n", mdText(o.title))
	fmt.Fprintf(&head, "%s\n\n", mdText(summary(in)))
	c := counts(in.Findings)
	if len(c) > 0 {
		head.WriteString("| Severity | Findings |\n|---|---:|\n")
		for s := finding.Critical; s >= finding.Info; s-- {
			if c[s] > 0 {
				fmt.Fprintf(&head, "| %s | %d |\n", s, c[s])
			}
		}
		head.WriteString("\n")
	}

	if len(in.Errors) > 0 {
		tail.WriteString("### Could not be analyzed\n\n")
		for _, err := range in.Errors {
			fmt.Fprintf(&tail, "- %s\n", mdText(err.Error()))
		}
		tail.WriteString("\n")
	}
	writeRuleHints(&tail, in)

	var table strings.Builder
	shown := 0
	if len(in.Findings) > 0 {
		fs := mostSevereFirst(in.Findings)
		withResource := false
		for _, f := range fs {
			withResource = withResource || f.Resource != ""
		}
		head.WriteString("### Findings\n\n")
		head.WriteString("| Severity | Rule | Location | Message |")
		sep := "|---|---|---|---|"
		if withResource {
			head.WriteString(" Resource |")
			sep += "---|"
		}
		head.WriteString("\n" + sep + "\n")
		// Room for the note about omitted rows, which is short.
		room := o.budget - head.Len() - tail.Len() - 200
		for _, f := range fs {
			if o.limit > 0 && shown == o.limit {
				break
			}
			row := mdRow(f, withResource)
			if table.Len()+len(row) > room {
				break
			}
			table.WriteString(row)
			shown++
		}
		if shown < len(fs) {
			fmt.Fprintf(&table, "\n_%d more %s not shown; see the full report (for example `--format sarif=FILE`)._\n",
				len(fs)-shown, plural(len(fs)-shown, "finding", "findings"))
		}
		table.WriteString("\n")
	}

	doc := head.String() + table.String() + tail.String()
	return truncateMarkdown(strings.TrimRight(doc, "\n")+"\n", o.budget)
}

func mdRow(f finding.Finding, withResource bool) string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, f.Line)
	}
	row := fmt.Sprintf("| %s | %s | %s | %s |", f.Severity, mdCellCode(f.Rule), mdCellCode(loc), mdText(f.Message))
	if withResource {
		res := ""
		if f.Resource != "" {
			res = mdCellCode(f.Resource)
		}
		row += " " + res + " |"
	}
	return row + "\n"
}

// writeRuleHints lists every rule seen with its count, title and the
// command that explains it, so a reader can go from a finding to its
// rationale without leaving the page.
func writeRuleHints(b *strings.Builder, in Input) {
	n := map[string]int{}
	for _, f := range in.Findings {
		n[f.Rule]++
	}
	if len(n) == 0 {
		return
	}
	ids := make([]string, 0, len(n))
	for id := range n {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if n[ids[i]] != n[ids[j]] {
			return n[ids[i]] > n[ids[j]]
		}
		return ids[i] < ids[j]
	})
	b.WriteString("### Rules\n\n")
	for _, id := range ids {
		title := ""
		if r, ok := lookupRule(in.Catalog, id); ok && r.Title != "" {
			title = ": " + mdText(r.Title)
		}
		fmt.Fprintf(b, "- %s (%d)%s. Run %s\n", mdCode(id), n[id], title, mdCode("relcheck explain "+id))
	}
	b.WriteString("\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// mdText escapes text for inline Markdown, table cells included: every
// ASCII punctuation mark that could start markup is backslash-escaped (a
// message mentioning <stdin> or a_b_c must show as written) and line breaks
// become <br> so a cell stays on its row.
func mdText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteString("<br>")
		case c == '\n':
			b.WriteString("<br>")
		case strings.IndexByte("\\`*_[]<>|~&#", c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// mdCellCode is mdCode for a table cell: GitHub splits cells before it
// parses code spans, so a pipe must be escaped even inside one.
func mdCellCode(s string) string {
	return mdCode(strings.ReplaceAll(s, "|", `\|`))
}

// mdCode makes an inline code span that survives any content: the fence is
// longer than any backtick run inside.
func mdCode(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// truncateMarkdown is the last resort when even the parts that are never
// dropped (counts, errors, rule hints) exceed the budget: it cuts at a line
// boundary and says so.
func truncateMarkdown(s string, budget int) string {
	if budget <= 0 || len(s) <= budget {
		return s
	}
	const note = "\n_Truncated: the report exceeded the size limit; see the full report._\n"
	cut := budget - len(note)
	if cut < 0 {
		cut = 0
	}
	if i := strings.LastIndexByte(s[:cut], '\n'); i >= 0 {
		cut = i + 1
	} else {
		cut = 0
	}
	return s[:cut] + note
}
