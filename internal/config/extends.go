package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// extendsRef is one entry of a file's extends list.
type extendsRef struct {
	// path is the extended file: the entry resolved against the directory of
	// the file that names it, so that it reads well in messages and opens
	// from the working directory.
	path string
	// written is the entry as written.
	written string
	line    int
}

// describe names the file as written and, when that differs, as resolved.
func (r extendsRef) describe() string {
	if filepath.Clean(filepath.FromSlash(r.written)) == r.path {
		return r.written
	}
	return fmt.Sprintf("%s (%s)", r.written, r.path)
}

func (p *parser) extends(v *yaml.Node) error {
	var entries []*yaml.Node
	switch {
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
		entries = []*yaml.Node{v}
	case v.Kind == yaml.SequenceNode:
		entries = v.Content
	default:
		return p.errf(v, "extends: want the path of a relcheck config file, or a list of them")
	}
	seen := map[string]int{}
	for _, e := range entries {
		if e.Kind != yaml.ScalarNode || e.ShortTag() != "!!str" || strings.TrimSpace(e.Value) == "" {
			return p.errf(e, "extends: want the path of a relcheck config file, relative to this file")
		}
		rel := filepath.FromSlash(strings.TrimSpace(e.Value))
		path := rel
		if !filepath.IsAbs(rel) {
			path = filepath.Join(filepath.Dir(p.file), rel)
		}
		if line, dup := seen[path]; dup {
			return p.errf(e, "extends: %s is already listed at line %d", e.Value, line)
		}
		seen[path] = e.Line
		p.cfg.extends = append(p.cfg.extends, extendsRef{path: path, written: e.Value, line: e.Line})
	}
	return nil
}

// loader reads a file and, depth first, the files it extends.
type loader struct {
	known func(string) bool
	// layers are the files read, in merge order: every extended file
	// before the file that extends it.
	layers []*Config
	// done holds the files already merged, by identity; stack the files
	// being read, outermost first, to find cycles.
	done  map[string]bool
	stack []loading
}

type loading struct{ id, path string }

// identity names a file so that two spellings of one path, or a symlink and
// its target, are the same file.
func identity(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

func (l *loader) load(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return l.loadData(path, data)
}

func (l *loader) loadData(path string, data []byte) error {
	c, err := parseFile(path, data, l.known)
	if err != nil {
		return err
	}
	id := identity(path)
	l.stack = append(l.stack, loading{id: id, path: path})
	for _, ref := range c.extends {
		if err := l.extend(c, ref); err != nil {
			return err
		}
	}
	l.stack = l.stack[:len(l.stack)-1]
	l.done[id] = true
	l.layers = append(l.layers, c)
	return nil
}

// extend merges the file one entry of c's extends names, unless it already
// was (two files of a chain may extend the same shared file).
func (l *loader) extend(c *Config, ref extendsRef) error {
	at := func(format string, args ...any) error {
		return &Error{File: c.File, Line: ref.line, Msg: "extends: " + fmt.Sprintf(format, args...)}
	}
	id := identity(ref.path)
	for i, s := range l.stack {
		if s.id != id {
			continue
		}
		var b strings.Builder
		b.WriteString(l.stack[i].path)
		for j, s := range append(l.stack[i+1:], loading{path: ref.path}) {
			if j == 0 {
				b.WriteString(" extends ")
			} else {
				b.WriteString(", which extends ")
			}
			b.WriteString(s.path)
		}
		return at("cycle: %s; a configuration cannot extend itself", b.String())
	}
	if l.done[id] {
		return nil
	}
	st, err := os.Stat(ref.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return at("%s does not exist; is the repository that holds it checked out (git submodule update --init)?", ref.describe())
	case err != nil:
		return at("%v", err)
	case st.IsDir():
		return at("%s is a directory; name the config file in it", ref.describe())
	}
	data, err := os.ReadFile(ref.path)
	if err != nil {
		return at("%v", err)
	}
	return l.loadData(ref.path, data)
}

// merge folds the files, read in merge order, into one configuration. A
// later file overrides an earlier one's scalars and, per rule, the keys it
// sets; lists (exclude, policies, waivers, locked) are appended.
func merge(path string, layers []*Config) *Config {
	top := layers[len(layers)-1]
	c := Default(top.Dir)
	c.File = path
	c.layers = layers
	seenPolicy := map[string]bool{}
	for i, l := range layers {
		c.Files = append(c.Files, l.File)
		if l.failOnSet {
			c.FailOn = l.FailOn
		}
		for _, g := range l.Exclude {
			c.Exclude = append(c.Exclude, g)
			c.excludeFrom = append(c.excludeFrom, i)
		}
		for _, d := range l.Policies {
			if !seenPolicy[d] {
				seenPolicy[d] = true
				c.Policies = append(c.Policies, d)
			}
		}
		for id, rc := range l.Rules {
			m, had := c.Rules[id]
			if rc.Enabled != nil {
				m.Enabled = rc.Enabled
			}
			if rc.Severity != 0 {
				m.Severity = rc.Severity
			}
			if rc.Settings != nil || m.Settings == nil || !had {
				// Errors in settings name the block they came from.
				m.File, m.Line, m.settingsLine = rc.File, rc.Line, rc.settingsLine
			}
			if rc.Settings != nil {
				m.Settings = rc.Settings
			}
			c.Rules[id] = m
		}
		c.Waivers = append(c.Waivers, l.Waivers...)
		for _, lk := range l.Locks {
			lk.layer = i
			c.Locks = append(c.Locks, lk)
		}
		if l.failOnLocked != nil && c.FailOnLock == nil {
			// The gate in effect at the locking file: its own fail-on, or
			// what it inherits.
			lk := *l.failOnLocked
			lk.layer = i
			c.FailOnLock = &FailOnLock{Severity: c.FailOn, Lock: lk}
		}
	}
	return c
}

// AnalyzerConfig returns a single-file configuration that enables and
// configures rules as c does, without extends, for a process that only
// builds analyzers (the go vet tool). Its bytes change whenever any merged
// file changes what the analyzers do, so it can also key go vet's cache,
// which hashes one file.
func (c *Config) AnalyzerConfig() ([]byte, error) {
	type rule struct {
		Enabled  *bool           `json:"enabled,omitempty"`
		Settings json.RawMessage `json:"settings,omitempty"`
	}
	out := struct {
		Rules  map[string]rule `json:"rules,omitempty"`
		Locked []string        `json:"locked,omitempty"`
	}{Rules: map[string]rule{}}
	for id, rc := range c.Rules {
		out.Rules[id] = rule{Enabled: rc.Enabled, Settings: rc.Settings}
	}
	for _, l := range c.Locks {
		if !slices.Contains(out.Locked, l.Pattern) {
			out.Locked = append(out.Locked, l.Pattern)
		}
	}
	// JSON is YAML; encoding/json sorts map keys, so equal configurations
	// give equal bytes.
	return json.Marshal(out)
}
