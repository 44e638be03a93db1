package gocheck

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/relcheck/relcheck/internal/discover"
	"github.com/relcheck/relcheck/internal/finding"
)

// VetEnv is set in the environment of the relcheck binary when `go vet`
// runs it as its analysis tool; its value is the config file to read (or
// "-" for none), so each vet-tool process configures the analyzers the same
// way as the parent.
const VetEnv = "RELCHECK_VETTOOL_CONFIG"

// ConfigHashFlag is the vet-tool flag that carries the configuration's
// hash into go vet's cache key.
const ConfigHashFlag = "relcheck.config"

// RunVet analyzes targets through `go vet -vettool=exe`: the go command
// builds and caches export data and facts per package (separate analysis),
// and relcheck only parses the JSON diagnostics. exe is the relcheck binary.
// inputs are the other files the analyzers' settings read (an exclude file):
// go vet keys its cache on the tool's flags, so their contents go into the
// hash beside the config file's, or an edit to them would serve stale results.
func RunVet(targets []discover.GoTarget, o Options, exe, configFile string, inputs []string) (*Result, error) {
	res := &Result{}
	hash := "none"
	if configFile == "" {
		configFile = "-"
	} else {
		h := sha256.New()
		for _, f := range append([]string{configFile}, inputs...) {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			// Content only: the merged config of an extending one is a temporary
			// file with a new name on every run.
			h.Write(binary.AppendUvarint(nil, uint64(len(data))))
			h.Write(data)
		}
		hash = hex.EncodeToString(h.Sum(nil)[:8])
	}
	for _, t := range targets {
		args := append([]string{"vet", "-vettool=" + exe, "-" + ConfigHashFlag + "=" + hash, "-json"}, t.Patterns...)
		cmd := exec.Command("go", args...)
		cmd.Dir = t.Root
		cmd.Env = append(os.Environ(), VetEnv+"="+configFile)
		// Go 1.26's vet writes -json diagnostics to stdout and build or type
		// errors to stderr; older ones wrote both to stderr, so read both.
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		runErr := cmd.Run()
		var only map[string]bool
		if len(t.Files) > 0 {
			only = map[string]bool{}
			for _, f := range t.Files {
				only[f] = true
			}
		}
		other, err := parseVetJSON(append(stdout.Bytes(), stderr.Bytes()...), newTargetFilter(t.Root, t.Patterns), o, only, res)
		if err != nil {
			return nil, err
		}
		var ee *exec.ExitError
		if runErr != nil && !errors.As(runErr, &ee) {
			return nil, fmt.Errorf("running go vet in %s: %w", discover.Display(o.Base, t.Root), runErr)
		}
		if runErr != nil && len(other) > 0 {
			// Type errors and build failures come as plain text.
			res.Errors = append(res.Errors, fmt.Errorf("go vet in %s: %s", discover.Display(o.Base, t.Root), strings.Join(other, "; ")))
		}
	}
	sortResult(res)
	return res, nil
}

// errorPath is a file position at the start of a go command error line,
// after an optional "vet: " prefix.
var errorPath = regexp.MustCompile(`^(vet: )?(\.?/?[^\s:]+\.go)(:\d+)`)

// rebaseErrorPath rewrites the leading file of an error line from root's
// terms to base's, when that file exists under root.
func rebaseErrorPath(line, root, base string) string {
	m := errorPath.FindStringSubmatchIndex(line)
	if m == nil {
		return line
	}
	file := line[m[4]:m[5]]
	abs := file
	if !filepath.IsAbs(file) {
		abs = filepath.Join(root, filepath.FromSlash(file))
	}
	if _, err := os.Stat(abs); err != nil {
		return line
	}
	return line[:m[4]] + discover.Display(base, abs) + line[m[5]:]
}

// targetFilter says which files belong to the packages relcheck asked go
// vet about. go vet also prints what the vet tool reports for dependencies
// (the vet tool runs the user's own dependencies in full; see
// cli.fullLocalRuns), and a check of ./b must not report findings in the
// package b imports.
type targetFilter struct {
	root string
	// dirs are the pattern directories; recursive[i] says "dir/...".
	dirs      []string
	recursive []bool
	// modRoot caches, per directory, the root of the module it is in.
	modRoot map[string]string
}

func newTargetFilter(root string, patterns []string) *targetFilter {
	f := &targetFilter{root: root, modRoot: map[string]string{}}
	for _, p := range patterns {
		rec := p == "..." || strings.HasSuffix(p, "/...")
		p = strings.TrimSuffix(strings.TrimSuffix(p, "..."), "/")
		f.dirs = append(f.dirs, filepath.Join(root, filepath.FromSlash(p)))
		f.recursive = append(f.recursive, rec)
	}
	return f
}

// holds reports whether file is in a package the patterns match, in this
// target's module (a nested module's packages are never in "./...").
func (f *targetFilter) holds(file string) bool {
	if !within(f.root, file) {
		return false
	}
	dir := filepath.Dir(file)
	if f.moduleRoot(dir) != f.root {
		return false
	}
	for i, d := range f.dirs {
		if dir == d || (f.recursive[i] && within(d, dir)) {
			return true
		}
	}
	return false
}

// moduleRoot is the nearest directory at or above dir, up to the target's
// root, that holds a go.mod.
func (f *targetFilter) moduleRoot(dir string) string {
	if r, ok := f.modRoot[dir]; ok {
		return r
	}
	r := f.root
	if dir != f.root && within(f.root, dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			r = dir
		} else {
			r = f.moduleRoot(filepath.Dir(dir))
		}
	}
	f.modRoot[dir] = r
	return r
}

type vetDiag struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Edits []struct {
			Filename   string `json:"filename"`
			Start, End int
			New        string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

// parseVetJSON reads go vet's -json stream: "# pkg" comment lines followed by
// {"pkg": {"analyzer": [diagnostics]}} objects. Lines that are neither are
// returned, they carry build and type errors.
func parseVetJSON(out []byte, target *targetFilter, o Options, only map[string]bool, res *Result) ([]string, error) {
	root := target.root
	var jsonPart bytes.Buffer
	var other []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	depth := 0
	pkg := ""
	for sc.Scan() {
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if depth == 0 && strings.HasPrefix(trim, "# ") {
			pkg = strings.TrimPrefix(trim, "# ")
			continue
		}
		if depth == 0 && trim == "" {
			continue
		}
		if depth == 0 && !strings.HasPrefix(trim, "{") {
			// Build and type errors follow a "# import/path" header, and
			// name files relative to the module root; findings name them
			// relative to the base, and so should errors.
			trim = rebaseErrorPath(trim, root, o.Base)
			if pkg != "" {
				trim = "package " + pkg + ": " + trim
			}
			other = append(other, trim)
			continue
		}
		depth += strings.Count(line, "{") - strings.Count(line, "}")
		jsonPart.WriteString(line)
		jsonPart.WriteByte('\n')
	}
	dec := json.NewDecoder(&jsonPart)
	lines := &lineCache{}
	funcs := &funcCache{}
	for {
		var doc map[string]map[string]json.RawMessage
		if err := dec.Decode(&doc); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go vet output: %w", err)
		}
		for _, byAnalyzer := range doc {
			for name, raw := range byAnalyzer {
				var diags []vetDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					// An analyzer error is reported as {"error": "..."}.
					var e struct{ Error string }
					if json.Unmarshal(raw, &e) == nil && e.Error != "" {
						res.Errors = append(res.Errors, fmt.Errorf("analyzer %s: %s", name, e.Error))
						continue
					}
					return nil, fmt.Errorf("reading go vet output: %w", err)
				}
				for _, d := range diags {
					file, line, col := splitPosn(d.Posn)
					if file == "" || !target.holds(file) || (only != nil && !only[file]) {
						continue
					}
					rule, sev := ruleFor(o.Catalog, d.Category, name, file)
					f := finding.Finding{Rule: rule.ID, Severity: sev, Message: d.Message, File: discover.Display(o.Base, file),
						Line: line, Col: col, Fix: rule.Fix, Snippet: lines.line(file, line), Anchor: funcs.at(file, line)}
					if _, el, ec := splitPosn(d.End); el > 0 {
						f.EndLine, f.EndCol = el, ec
					}
					if len(d.SuggestedFixes) > 0 {
						for _, e := range d.SuggestedFixes[0].Edits {
							f.Edits = append(f.Edits, finding.Edit{File: e.Filename, Start: e.Start, End: e.End, New: e.New})
						}
					}
					res.Findings = append(res.Findings, f)
				}
			}
		}
	}
	return other, nil
}

func splitPosn(p string) (string, int, int) {
	// file:line:col, where file may itself contain colons.
	i := strings.LastIndexByte(p, ':')
	if i < 0 {
		return "", 0, 0
	}
	col, err1 := strconv.Atoi(p[i+1:])
	j := strings.LastIndexByte(p[:i], ':')
	if j < 0 || err1 != nil {
		return "", 0, 0
	}
	line, err := strconv.Atoi(p[j+1 : i])
	if err != nil {
		return "", 0, 0
	}
	return filepath.Clean(p[:j]), line, col
}

// funcCache finds the function around a line by parsing the file once.
type funcCache struct {
	file  string
	funcs []*ast.FuncDecl
	fset  *token.FileSet
}

func (c *funcCache) at(file string, line int) string {
	if c.file != file {
		c.file, c.funcs, c.fset = file, nil, token.NewFileSet()
		if f, err := parser.ParseFile(c.fset, file, nil, parser.SkipObjectResolution); err == nil {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					c.funcs = append(c.funcs, fd)
				}
			}
		}
	}
	for _, fd := range c.funcs {
		if c.fset.Position(fd.Pos()).Line <= line && line <= c.fset.Position(fd.End()).Line {
			return funcName(fd)
		}
	}
	return ""
}
