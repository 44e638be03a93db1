package report

import (
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// sourceLines reads reported files to convert byte columns into the UTF-16
// code units SARIF consumers expect. Findings carry paths relative to
// Input.Base (the repository root), which may not be the working directory.
// Findings come sorted by file, so only the file being read is kept: a run
// over twenty thousand files never holds them all.
type sourceLines struct {
	base  string
	file  string   // the file lines holds
	lines []string // nil when file could not be read
	read  bool     // whether file has been read
	// exact stays true while every column asked for could be converted;
	// a column from an unreadable file is passed through as bytes.
	exact bool
}

func newSourceLines(base string) *sourceLines {
	return &sourceLines{base: base, exact: true}
}

func (s *sourceLines) line(file string, n int) (string, bool) {
	if !s.read || s.file != file {
		path := file
		if s.base != "" && !filepath.IsAbs(path) {
			path = filepath.Join(s.base, filepath.FromSlash(file))
		}
		s.file, s.lines, s.read = file, nil, true
		if data, err := os.ReadFile(path); err == nil {
			s.lines = strings.Split(string(data), "\n")
		}
	}
	if n < 1 || n > len(s.lines) {
		return "", false
	}
	return s.lines[n-1], true
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
