package report

import (
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// sourceLines reads reported files once per report to convert byte columns
// into the UTF-16 code units SARIF consumers expect. Findings carry paths
// relative to Input.Base (the repository root), which may not be the
// working directory.
type sourceLines struct {
	base  string
	files map[string][]string
	// exact stays true while every column asked for could be converted;
	// a column from an unreadable file is passed through as bytes.
	exact bool
}

func newSourceLines(base string) *sourceLines {
	return &sourceLines{base: base, files: map[string][]string{}, exact: true}
}

func (s *sourceLines) line(file string, n int) (string, bool) {
	lines, ok := s.files[file]
	if !ok {
		path := file
		if s.base != "" && !filepath.IsAbs(path) {
			path = filepath.Join(s.base, filepath.FromSlash(file))
		}
		data, err := os.ReadFile(path)
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		s.files[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

// utf16Col converts a 1-based byte column on a file's line.
func (s *sourceLines) utf16Col(file string, line, col int) int {
	text, ok := s.line(file, line)
	if !ok {
		s.exact = false
		return col
	}
	return utf16Column(text, col)
}

// utf16Column converts a 1-based byte column within line to a 1-based
// UTF-16 column. Bytes past the end of the line (an end column just after
// it) count one each; invalid UTF-8 counts one unit per byte, as editors
// show it as one replacement character each.
func utf16Column(line string, col int) int {
	n := col - 1
	if n <= 0 {
		return col
	}
	past := 0
	if n > len(line) {
		past = n - len(line)
		n = len(line)
	}
	units := 0
	for _, r := range line[:n] {
		units += utf16.RuneLen(r)
	}
	return 1 + units + past
}
