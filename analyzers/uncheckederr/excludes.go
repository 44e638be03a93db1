package uncheckederr

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"strings"
)

// defaultExcludes is kept as data in errcheck's syntax, not as Go code, so
// the list can be reviewed line by line against the standard library docs
// and against a team's existing errcheck exclude file.
//
//go:embed default_excludes.txt
var defaultExcludes string

// excludeSet holds parsed signatures. The key is the normalised function
// name ("os.Remove", "(*bytes.Buffer).Write"); the value lists the argument
// qualifiers written for it, where "" means "any arguments".
type excludeSet map[string][]string

// parseExcludes reads errcheck exclude syntax: one signature per line,
// blank lines and // comments ignored. source names the origin in errors.
func parseExcludes(set excludeSet, text, source string) error {
	for i, line := range strings.Split(text, "\n") {
		if j := strings.Index(line, "//"); j >= 0 {
			line = line[:j]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, arg, err := parseSignature(line)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", source, i+1, err)
		}
		set[name] = append(set[name], arg)
	}
	return nil
}

// parseSignature splits "fmt.Fprintf(*bytes.Buffer)" into its function name
// and argument qualifier, checking the shape so that a typo is reported
// instead of silently excluding nothing.
func parseSignature(s string) (name, arg string, err error) {
	s = strings.Join(strings.Fields(s), "")
	var recv string
	if strings.HasPrefix(s, "(") {
		end := strings.Index(s, ")")
		if end < 0 {
			return "", "", fmt.Errorf("bad exclude %q: unbalanced parenthesis", s)
		}
		recv = s[1:end]
		s = s[end+1:]
		if !strings.HasPrefix(s, ".") {
			return "", "", fmt.Errorf("bad exclude %q: want (pkg.Type).Method", s)
		}
		s = s[1:]
		t := strings.TrimPrefix(recv, "*")
		if !strings.Contains(t, ".") || strings.HasSuffix(t, ".") {
			return "", "", fmt.Errorf("bad exclude %q: receiver must be package-qualified", recv)
		}
	}
	if open := strings.Index(s, "("); open >= 0 {
		if !strings.HasSuffix(s, ")") {
			return "", "", fmt.Errorf("bad exclude %q: unbalanced parenthesis", s)
		}
		arg = s[open+1 : len(s)-1]
		s = s[:open]
	}
	if recv != "" {
		if s == "" || strings.ContainsAny(s, "./") {
			return "", "", fmt.Errorf("bad exclude method name %q", s)
		}
		return "(" + recv + ")." + s, arg, nil
	}
	dot := strings.LastIndex(s, ".")
	if dot <= 0 || dot == len(s)-1 || strings.Contains(s[dot+1:], "/") {
		return "", "", fmt.Errorf("bad exclude %q: want pkg/path.Func", s)
	}
	return s, arg, nil
}

// loadExcludes builds the exclusion set from the defaults, the inline list
// and the exclude file. The file path must already be absolute or relative
// to the working directory: resolving it against a config file is the
// caller's job, as the analyzer does not know where its config lives.
func loadExcludes(s Settings) (excludeSet, error) {
	set := excludeSet{}
	if err := parseExcludes(set, defaultExcludes, "default_excludes.txt"); err != nil {
		return nil, err
	}
	if err := parseExcludes(set, strings.Join(s.Exclude, "\n"), "exclude"); err != nil {
		return nil, err
	}
	if s.ExcludeFile != "" {
		data, err := os.ReadFile(s.ExcludeFile)
		if err != nil {
			return nil, fmt.Errorf("exclude-file: %w", err)
		}
		if err := parseExcludes(set, string(data), s.ExcludeFile); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// excluded reports whether a call to fn matches an entry. names are all the
// spellings under which the call may be listed (see calleeNames); arg0 is
// the call's first argument, used by qualified entries such as
// "fmt.Fprintf(os.Stderr)".
func (set excludeSet) excluded(info *types.Info, names []string, arg0 ast.Expr) bool {
	for _, name := range names {
		for _, q := range set[name] {
			if q == "" || (arg0 != nil && argMatches(info, arg0, q)) {
				return true
			}
		}
	}
	return false
}

// argMatches accepts either the first argument's type ("*bytes.Buffer") or
// the package-level variable it names ("os.Stderr"), as errcheck does.
func argMatches(info *types.Info, arg ast.Expr, q string) bool {
	if t := info.TypeOf(arg); t != nil && types.TypeString(t, pathQualifier) == q {
		return true
	}
	var id *ast.Ident
	switch e := ast.Unparen(arg).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	}
	if id == nil {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return false
	}
	return v.Pkg().Path()+"."+v.Name() == q
}

func pathQualifier(p *types.Package) string { return p.Path() }

// calleeNames lists the exclude-syntax names of a call to fn. recvExpr is
// the receiver expression of a method call, or nil. A method is listed under
// the type that declares it and under every named type on the way from the
// receiver's static type to that declaration, so "(hash.Hash).Write" matches
// although Write is declared by the io.Writer embedded in hash.Hash.
func calleeNames(info *types.Info, fn *types.Func, recvExpr ast.Expr) []string {
	fn = fn.Origin()
	sig := fn.Signature()
	if sig.Recv() == nil {
		if fn.Pkg() == nil {
			return nil
		}
		return []string{fn.Pkg().Path() + "." + fn.Name()}
	}
	var names []string
	add := func(t types.Type) {
		if n := recvTypeName(t); n != "" {
			names = append(names, "("+n+")."+fn.Name())
		}
	}
	add(sig.Recv().Type())
	if recvExpr != nil {
		if t := info.TypeOf(recvExpr); t != nil {
			seen := map[types.Type]bool{}
			var walk func(t types.Type)
			walk = func(t types.Type) {
				if seen[t] {
					return
				}
				seen[t] = true
				add(t)
				under := t
				if p, ok := under.(*types.Pointer); ok {
					under = p.Elem()
				}
				switch u := under.Underlying().(type) {
				case *types.Interface:
					for i := 0; i < u.NumEmbeddeds(); i++ {
						e := u.EmbeddedType(i)
						if hasMethod(e, fn.Name()) {
							walk(e)
						}
					}
				case *types.Struct:
					for i := 0; i < u.NumFields(); i++ {
						f := u.Field(i)
						if f.Embedded() && hasMethod(f.Type(), fn.Name()) {
							walk(f.Type())
						}
					}
				}
			}
			walk(t)
		}
	}
	return names
}

func hasMethod(t types.Type, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	_, ok := obj.(*types.Func)
	return ok
}

// recvTypeName spells a receiver type as exclude files do: "*pkg/path.T" or
// "pkg/path.T", without type arguments, so one entry covers every
// instantiation of a generic type.
func recvTypeName(t types.Type) string {
	star := ""
	if p, ok := t.(*types.Pointer); ok {
		star, t = "*", p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return ""
	}
	obj := n.Origin().Obj()
	if obj.Pkg() == nil {
		return ""
	}
	return star + obj.Pkg().Path() + "." + obj.Name()
}
