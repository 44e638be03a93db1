// Package fix applies the certain edits analyzers suggest, for --fix. It is
// the only code in relcheck that writes to the user's files, and only when
// asked.
package fix

import (
	"fmt"
	"go/format"
	"os"
	"sort"
	"strings"

	"github.com/relcheck/relcheck/internal/finding"
)

// Apply writes the edits of findings to their files and returns the findings
// it fixed. Identical edits (the same fix seen through a package and its
// test variant) are applied once; a finding whose edits overlap another's is
// left for the next run rather than risking a broken file. Go files are
// gofmt-ed after editing since inserted text may not be aligned.
func Apply(fs []finding.Finding) (fixed []finding.Finding, err error) {
	type edit struct {
		finding.Edit
		owner int
	}
	byFile := map[string][]edit{}
	for i, f := range fs {
		for _, e := range f.Edits {
			byFile[e.File] = append(byFile[e.File], edit{e, i})
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	done := map[int]bool{}
	skipped := map[int]bool{}
	for _, file := range files {
		edits := byFile[file]
		sort.SliceStable(edits, func(i, j int) bool {
			if edits[i].Start != edits[j].Start {
				return edits[i].Start < edits[j].Start
			}
			return edits[i].End < edits[j].End
		})
		src, err := os.ReadFile(file)
		if err != nil {
			return fixed, fmt.Errorf("fix: %w", err)
		}
		var b strings.Builder
		last := 0
		var prev *edit
		for i := range edits {
			e := &edits[i]
			if prev != nil && prev.Start == e.Start && prev.End == e.End && prev.New == e.New {
				done[e.owner] = true
				continue
			}
			if e.Start < last || e.End > len(src) || e.Start > e.End {
				skipped[e.owner] = true
				continue
			}
			b.Write(src[last:e.Start])
			b.WriteString(e.New)
			last = e.End
			prev = e
			done[e.owner] = true
		}
		b.Write(src[last:])
		out := []byte(b.String())
		if strings.HasSuffix(file, ".go") {
			if formatted, err := format.Source(out); err == nil {
				out = formatted
			}
		}
		st, err := os.Stat(file)
		if err != nil {
			return fixed, fmt.Errorf("fix: %w", err)
		}
		if err := os.WriteFile(file, out, st.Mode().Perm()); err != nil {
			return fixed, fmt.Errorf("fix: %w", err)
		}
	}
	for i, f := range fs {
		if done[i] && !skipped[i] {
			fixed = append(fixed, f)
		}
	}
	return fixed, nil
}
