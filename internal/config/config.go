// Package config reads .relcheck.yaml: which rules run at which severity,
// what to exclude, where extra policies live, which shared configuration it
// extends and which rules that configuration locks. Every mistake in it is an
// error with file and line, because a typo that silently disables a check is
// the worst kind of configuration bug. docs/governance.md is the user's view
// of extends and locks.
package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/relcheck/relcheck/internal/finding"
	"github.com/relcheck/relcheck/internal/yamlerr"
)

// Names are the file names searched for, in order.
var Names = []string{".relcheck.yaml", ".relcheck.yml"}

// Config is the validated configuration.
type Config struct {
	// File is the path it was read from; "" when defaults are used. With
	// extends, it is the file relcheck loaded, the last one merged.
	File string
	// Dir is File's directory. Globs (exclude, waiver paths) are relative to
	// it in every merged file, so that a shared configuration's globs describe
	// the repository that uses it.
	Dir string
	// Files are the files merged into this configuration in merge order:
	// each extended file before the file that extends it, File last. A file
	// that several files extend is merged once, where it is first reached.
	Files    []string
	FailOn   finding.Severity
	Exclude  []string
	Rules    map[string]RuleConfig
	Policies []string // absolute directories of extra Rego policies
	// Waivers are time-boxed exceptions, in merge order.
	Waivers []Waiver
	// Locks are the locked rule ids and globs, in merge order.
	Locks []Lock
	// FailOnLock, when a file lists fail-on under locked, is the fail-on in
	// effect at that file: neither a file that extends it nor --fail-on
	// may raise the gate above it.
	FailOnLock *FailOnLock

	// While a file is parsed: what it extends, whether and where it set
	// fail-on, and whether it locks fail-on.
	extends      []extendsRef
	failOnSet    bool
	failOnLine   int
	failOnLocked *Lock
	// After merging: for each Exclude glob, the index in layers of the file
	// that wrote it; and the files as written, in merge order, which
	// CheckLocks reads to find which file weakened a locked rule.
	excludeFrom []int
	layers      []*Config
}

// RuleConfig is the per-rule block.
type RuleConfig struct {
	Enabled  *bool
	Severity finding.Severity // 0: the rule's default
	// Settings is the rule's settings block as JSON, for its analyzer.
	Settings json.RawMessage
	// File and Line are where the rule's block is: after merging, the block
	// its settings came from, else the last block that named the rule.
	File string
	Line int

	// The lines of the enabled, severity and settings values in File.
	enabledLine, severityLine, settingsLine int
}

// Default is the configuration without a file.
func Default(dir string) *Config {
	return &Config{Dir: dir, FailOn: finding.High, Rules: map[string]RuleConfig{}}
}

// Error is a configuration problem at a line of the file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Find looks for a config file in dir and its parents.
func Find(dir string) (string, bool) {
	for {
		for _, n := range Names {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Load reads and validates a config file and every file it extends. known
// reports whether a rule id exists, so that a misspelled id is caught; ids of
// the user's own policies are only known to the caller, which checks them
// (and the locks, see CheckLocks) once the catalog is built.
func Load(path string, known func(string) bool) (*Config, error) {
	l := &loader{known: known, done: map[string]bool{}}
	if err := l.load(path); err != nil {
		return nil, err
	}
	return merge(path, l.layers), nil
}

// parseFile reads one file as written, without what it extends.
func parseFile(path string, data []byte, known func(string) bool) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c := Default(filepath.Dir(abs))
	c.File = path
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return c, nil // an empty file means the defaults
		}
		line, msg := yamlerr.Split(err.Error())
		return nil, &Error{File: path, Line: line, Msg: msg}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: path, Line: root.Line, Msg: "the config must be a mapping"}
	}
	p := parser{file: path, cfg: c, known: known}
	if err := p.top(root); err != nil {
		return nil, err
	}
	return c, nil
}

type parser struct {
	file  string
	cfg   *Config
	known func(string) bool
}

func (p *parser) errf(n *yaml.Node, format string, args ...any) error {
	return &Error{File: p.file, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
}

var topKeys = []string{"extends", "fail-on", "exclude", "rules", "policies", "waivers", "locked"}

func (p *parser) top(root *yaml.Node) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			return p.errf(k, "key %q appears twice", k.Value)
		}
		seen[k.Value] = true
		var err error
		switch k.Value {
		case "extends":
			err = p.extends(v)
		case "locked":
			err = p.locked(v)
		case "fail-on":
			p.cfg.FailOn, err = p.severity(v)
			p.cfg.failOnSet, p.cfg.failOnLine = true, v.Line
		case "exclude":
			p.cfg.Exclude, err = p.strings(v, "exclude")
			for j, g := range p.cfg.Exclude {
				if err == nil && !doublestar.ValidatePattern(g) {
					err = p.errf(v.Content[j], "exclude: invalid glob %q", g)
				}
			}
		case "rules":
			err = p.rules(v)
		case "waivers":
			err = p.waivers(v)
		case "policies":
			var dirs []string
			dirs, err = p.strings(v, "policies")
			for _, d := range dirs {
				if !filepath.IsAbs(d) {
					d = filepath.Join(p.cfg.Dir, d)
				}
				p.cfg.Policies = append(p.cfg.Policies, d)
			}
		default:
			err = p.errf(k, "unknown key %q (known: %s)", k.Value, strings.Join(topKeys, ", "))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) severity(v *yaml.Node) (finding.Severity, error) {
	if v.Kind != yaml.ScalarNode {
		return 0, p.errf(v, "want a severity (info, low, medium, high, critical)")
	}
	s, err := finding.ParseSeverity(v.Value)
	if err != nil {
		return 0, p.errf(v, "%v", err)
	}
	return s, nil
}

// list returns the entries of a list-valued key; a key whose every entry
// is commented out (YAML null) has none. Anything else is the error want.
func (p *parser) list(v *yaml.Node, want string) ([]*yaml.Node, error) {
	switch {
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null":
		return nil, nil
	case v.Kind != yaml.SequenceNode:
		return nil, p.errf(v, "%s", want)
	}
	return v.Content, nil
}

func (p *parser) strings(v *yaml.Node, what string) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, p.errf(v, "%s: want a list of strings", what)
	}
	out := make([]string, 0, len(v.Content))
	for _, e := range v.Content {
		if e.Kind != yaml.ScalarNode || e.Value == "" {
			return nil, p.errf(e, "%s: want a non-empty string", what)
		}
		out = append(out, e.Value)
	}
	return out, nil
}

func (p *parser) rules(v *yaml.Node) error {
	if v.Kind != yaml.MappingNode {
		return p.errf(v, "rules: want a mapping from rule id to settings")
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, body := v.Content[i], v.Content[i+1]
		id := k.Value
		if p.known != nil && !p.known(id) {
			return p.errf(k, "unknown rule %q (see `relcheck rules`)", id)
		}
		if _, dup := p.cfg.Rules[id]; dup {
			return p.errf(k, "rule %q appears twice", id)
		}
		rc := RuleConfig{File: p.file, Line: k.Line}
		if body.Kind != yaml.MappingNode {
			return p.errf(body, "rules.%s: want a mapping with enabled, severity or settings", id)
		}
		for j := 0; j+1 < len(body.Content); j += 2 {
			rk, rv := body.Content[j], body.Content[j+1]
			switch rk.Value {
			case "enabled":
				var b bool
				if rv.Kind != yaml.ScalarNode || rv.ShortTag() != "!!bool" || rv.Decode(&b) != nil {
					return p.errf(rv, "rules.%s.enabled: want true or false", id)
				}
				rc.Enabled = &b
				rc.enabledLine = rv.Line
			case "severity":
				s, err := p.severity(rv)
				if err != nil {
					return err
				}
				rc.Severity = s
				rc.severityLine = rv.Line
			case "settings":
				var x any
				if err := rv.Decode(&x); err != nil {
					return p.errf(rv, "rules.%s.settings: %v", id, err)
				}
				resolveFiles(x, p.cfg.Dir)
				raw, err := json.Marshal(normalize(x))
				if err != nil {
					return p.errf(rv, "rules.%s.settings: %v", id, err)
				}
				rc.Settings = raw
				rc.settingsLine = rv.Line
			default:
				return p.errf(rk, "rules.%s: unknown key %q (known: enabled, severity, settings)", id, rk.Value)
			}
		}
		p.cfg.Rules[id] = rc
	}
	return nil
}

// SettingsFiles lists the files that rules' settings name (keys ending in
// "-file"), sorted: what the analyzers may read besides the config.
func (c *Config) SettingsFiles() []string {
	var out []string
	for _, rc := range c.Rules {
		var m map[string]any
		if len(rc.Settings) == 0 || json.Unmarshal(rc.Settings, &m) != nil {
			continue
		}
		for k, v := range m {
			if s, ok := fileSetting(k, v); ok {
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// fileSetting returns the path a setting names: a non-empty string under a
// key ending in "-file".
func fileSetting(k string, v any) (string, bool) {
	s, ok := v.(string)
	return s, ok && s != "" && strings.HasSuffix(k, "-file")
}

// resolveFiles makes settings that name a file (keys ending in "-file",
// such as an errcheck exclude file) relative to the config file rather than
// to wherever relcheck happens to run.
func resolveFiles(x any, dir string) {
	m, ok := x.(map[string]any)
	if !ok {
		return
	}
	for k, v := range m {
		if s, ok := fileSetting(k, v); ok && !filepath.IsAbs(s) {
			m[k] = filepath.Join(dir, s)
		}
	}
}

// normalize makes YAML's map[string]any JSON-encodable (nested maps with
// non-string keys come out of YAML as map[any]any in some shapes).
func normalize(x any) any {
	switch v := x.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = normalize(e)
		}
		return v
	case map[any]any:
		out := map[string]any{}
		for k, e := range v {
			out[fmt.Sprint(k)] = normalize(e)
		}
		return out
	case []any:
		for i, e := range v {
			v[i] = normalize(e)
		}
	}
	return x
}

// Severity is the severity a rule reports at: the configured one, else def
// (the rule's own).
func (c *Config) Severity(id string, def finding.Severity) finding.Severity {
	if rc, ok := c.Rules[id]; ok && rc.Severity != 0 {
		return rc.Severity
	}
	return def
}

// Enabled says whether a rule runs, given whether it is on by default. A
// locked rule always runs.
func (c *Config) Enabled(id string, defaultOff bool) bool {
	if _, ok := c.Locked(id); ok {
		return true
	}
	if rc, ok := c.Rules[id]; ok && rc.Enabled != nil {
		return *rc.Enabled
	}
	return !defaultOff
}

// SettingsFor returns the settings blocks of the given rule ids that have one.
func (c *Config) SettingsFor(ids []string) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for _, id := range ids {
		if rc, ok := c.Rules[id]; ok && rc.Settings != nil {
			out[id] = rc.Settings
		}
	}
	return out
}

// SettingsError wraps an analyzer's settings error with the config line of
// the rule it concerns.
func (c *Config) SettingsError(err error) error {
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if strings.Contains(err.Error(), id) {
			return &Error{File: c.Rules[id].File, Line: c.Rules[id].Line, Msg: err.Error()}
		}
	}
	return &Error{File: c.File, Msg: err.Error()}
}
