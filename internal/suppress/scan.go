package suppress

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/relcheck/relcheck/internal/discover"
)

const marker = "relcheck:ignore"

// Mentions says whether data holds the suppression marker: a file without it
// holds no suppression.
func Mentions(data []byte) bool { return bytes.Contains(data, []byte(marker)) }

// scanFile returns the suppressions in one file. Most files hold none, so the
// bytes are searched for the marker before anything is parsed.
func scanFile(path, display string) ([]*directive, error) {
	name := filepath.Base(path)
	var lang string
	switch {
	case strings.HasSuffix(name, ".go"):
		lang = "go"
	case strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml"):
		lang = "yaml"
	case strings.HasSuffix(name, ".tf"):
		lang = "hcl"
	default:
		// JSON and .tf.json have no comments.
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		// A dangling symlink or a file deleted mid-run: the engine that
		// tried to read it has reported it already, once is enough.
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: reading suppressions: %w", display, err)
	}
	if !Mentions(data) {
		return nil, nil
	}
	switch lang {
	case "go":
		// A file the build excludes (another GOOS, a tag) was not analyzed,
		// so its suppressions could not have matched anything.
		if ok, err := build.Default.MatchFile(filepath.Dir(path), name); err == nil && !ok {
			return nil, nil
		}
		return scanGo(display, data), nil
	case "yaml":
		// The check parses only YAML that could hold an object; a CI config
		// that mentions relcheck was not analyzed.
		if !discover.IsCompose(name) && !(bytes.Contains(data, []byte("apiVersion")) && bytes.Contains(data, []byte("kind"))) {
			return nil, nil
		}
		return scanHash(display, data, []string{"#"}), nil
	default:
		return scanHash(display, data, []string{"#", "//"}), nil
	}
}

func splitLines(data []byte) []string {
	return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
}

// newDirective builds a line-scoped directive from the text after the
// comment opener, or returns nil when the comment is not a directive.
func newDirective(display string, line, col int, body, text string) *directive {
	body = strings.TrimSpace(body)
	rest, ok := strings.CutPrefix(body, marker)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil
	}
	ids, reason := parseDirective(rest)
	return &directive{file: display, line: line, col: col, text: strings.TrimSpace(text), ids: ids, reason: reason,
		from: line, to: line, used: map[string]bool{}}
}

// nextCodeLine is the first line after line n that is not a comment, so
// that suppressions stacked above one line all apply to it.
func nextCodeLine(lines []string, n int, comment func(string) bool) int {
	for i := n; i < len(lines); i++ { // lines[i] is line i+1
		if !comment(strings.TrimSpace(lines[i])) {
			return i + 1
		}
	}
	return n + 1
}

// scanHash finds "# relcheck:ignore" comments in YAML and HCL. A comment
// alone on its line covers the next line that is not a comment; one after
// code covers its own line.
func scanHash(display string, data []byte, openers []string) []*directive {
	lines := splitLines(data)
	isComment := func(s string) bool {
		for _, o := range openers {
			if strings.HasPrefix(s, o) {
				return true
			}
		}
		return false
	}
	var out []*directive
	for i, l := range lines {
		if !strings.Contains(l, marker) {
			continue
		}
		at, body := commentStart(l, openers)
		if at < 0 {
			continue
		}
		d := newDirective(display, i+1, at+1, body, l[at:])
		if d == nil {
			continue
		}
		if strings.TrimSpace(l[:at]) == "" {
			d.to = nextCodeLine(lines, i+1, isComment)
		}
		out = append(out, d)
	}
	return out
}

// commentStart finds a comment opener that starts a comment: at the start of
// the line or after white space, outside quotes. It returns the opener's
// byte offset and the text after it.
func commentStart(l string, openers []string) (int, string) {
	var quote byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
			continue
		case c == '"' || c == '\'':
			// An apostrophe inside a plain word ("don't") is not a quote.
			if i == 0 || l[i-1] == ' ' || l[i-1] == '\t' || l[i-1] == ':' || l[i-1] == '=' || l[i-1] == '[' || l[i-1] == ',' || l[i-1] == '-' {
				quote = c
			}
			continue
		}
		if i > 0 && l[i-1] != ' ' && l[i-1] != '\t' {
			continue
		}
		for _, o := range openers {
			if strings.HasPrefix(l[i:], o) {
				return i, l[i+len(o):]
			}
		}
	}
	return -1, ""
}

// scanGo finds //relcheck:ignore comments with the Go parser, so that text
// in strings never counts and a directive on a function covers all of it.
func scanGo(display string, data []byte) []*directive {
	fset := token.NewFileSet()
	// A file with syntax errors did not type-check and was reported already;
	// the comments the parser got through still count.
	f, _ := parser.ParseFile(fset, display, data, parser.ParseComments|parser.SkipObjectResolution)
	if f == nil {
		return nil
	}
	lines := splitLines(data)
	type span struct{ from, to int }
	funcs := map[*ast.CommentGroup]span{}
	funcLine := map[int]span{}
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		s := span{fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line}
		if fd.Doc != nil {
			funcs[fd.Doc] = s
		}
		funcLine[s.from] = s
	}
	isComment := func(s string) bool { return strings.HasPrefix(s, "//") }
	var out []*directive
	for _, g := range f.Comments {
		for _, c := range g.List {
			if !strings.Contains(c.Text, marker) {
				continue
			}
			body := strings.TrimPrefix(c.Text, "//")
			if strings.HasPrefix(c.Text, "/*") {
				body = strings.TrimSuffix(strings.TrimPrefix(c.Text, "/*"), "*/")
			}
			pos := fset.Position(c.Slash)
			d := newDirective(display, pos.Line, pos.Column, body, c.Text)
			if d == nil {
				continue
			}
			own := pos.Line <= len(lines) && strings.TrimSpace(lines[pos.Line-1][:pos.Column-1]) == ""
			if s, ok := funcs[g]; ok {
				d.from, d.to, d.scope = s.from, s.to, "function"
			} else if s, ok := funcLine[pos.Line]; ok && !own {
				d.from, d.to, d.scope = s.from, s.to, "function"
			} else if own {
				d.to = nextCodeLine(lines, pos.Line, isComment)
			}
			out = append(out, d)
		}
	}
	return out
}
