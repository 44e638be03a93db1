package manifest

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastDecode is a parser for the narrow subset of YAML that nearly every
// generated or hand-written Kubernetes and Compose manifest uses: block
// mappings and sequences, one-line plain and quoted scalars, `{}` and `[]`,
// and `---` between documents. On such input it returns the node trees
// go.yaml.in/yaml/v3's Decoder would (same kinds, styles, tags, values,
// lines and columns), at a fraction of the cost: yaml.v3 was about a sixth
// of the CPU of a whole run on 20,000 Deployments.
//
// Comments before a document's first node (helm's `# Source:` lines, the
// only comments anything reads, in helmSource) are placed where yaml.v3
// puts them, or the input declines; comments after it are dropped (yaml.v3
// hangs them on nodes in intricate ways).
//
// ok is false as soon as the input leaves that subset: anchors, aliases,
// tags, flow collections other than empty ones, block scalars, multi-line
// scalars, escapes, tabs, CR, a BOM, directives, `...`, `?` keys, merge
// keys, duplicate keys, timestamps, empty documents. The caller then parses
// the whole file with yaml.v3, so every error and edge case keeps yaml.v3's
// behaviour and message. fastyaml_test.go checks the two agree.
func fastDecode(data []byte) (docs []*yaml.Node, ok bool) {
	p := fastParser{src: string(data)}
	if !p.split() {
		return nil, false
	}
	defer func() {
		// A decline deep in the tree unwinds here rather than threading a
		// flag through every call.
		if r := recover(); r != nil {
			if r != errDecline {
				panic(r)
			}
			docs, ok = nil, false
		}
	}()
	p.slab = make([]yaml.Node, 0, 2*len(p.lines)+4)
	p.stack, p.keys = make([]*yaml.Node, 0, 64), make([]string, 0, 32)
	for p.i < len(p.lines) {
		explicit := p.lines[p.i].isSeparator()
		if !explicit && len(docs) > 0 {
			return nil, false
		}
		start := p.i
		if explicit {
			p.i++
		}
		docHead, keyHead := p.headComments(explicit)
		// An empty document (a trailing `---`, or two in a row) is
		// yaml.v3's business.
		if p.i == len(p.lines) || p.lines[p.i].isSeparator() {
			return nil, false
		}
		if !explicit {
			start = p.i // a document without `---` starts at its first node
		}
		doc := p.node(yaml.DocumentNode, "", "", start, p.lines[start].indent)
		doc.HeadComment = docHead
		root := p.block(p.lines[p.i].indent, 0)
		if p.i < len(p.lines) && !p.lines[p.i].isSeparator() {
			return nil, false
		}
		if keyHead != "" {
			if root.Kind != yaml.MappingNode {
				return nil, false
			}
			root.Content[0].HeadComment = keyHead
		}
		p.stack = append(p.stack, root)
		doc.Content = p.children(0)
		docs = append(docs, doc)
	}
	return docs, len(docs) > 0
}

type declineSignal struct{}

// errDecline is the panic value that abandons the fast path.
var errDecline = &declineSignal{}

func decline() { panic(errDecline) }

type fastLine struct {
	text   string // the line without its newline
	num    int    // 1-based line number
	indent int    // leading spaces
	ascii  bool   // columns are byte offsets + 1
	off    int    // where text starts in the source
	// A comment line before a document's first node (split drops the
	// others, so no node is ever parsed from one), and whether a blank
	// line precedes the line: yaml.v3 attaches comments by their
	// blank-line grouping.
	comment, blankBefore bool
}

func (l *fastLine) isSeparator() bool { return l.text == "---" }

// col is yaml.v3's column of byte offset off: it counts characters.
func (l *fastLine) col(off int) int {
	if l.ascii {
		return off + 1
	}
	return utf8.RuneCountInString(l.text[:off]) + 1
}

type fastParser struct {
	src   string
	lines []fastLine // lines with content; blank lines are dropped
	i     int        // the line being parsed
	slab  []yaml.Node
	ptrs  []*yaml.Node // backing for Content slices
	// The open containers' children and mappings' keys, innermost last:
	// a container pushes above its parent's and pops what it pushed.
	stack []*yaml.Node
	keys  []string
}

// split checks the characters and cuts the input into lines. It declines
// what the line-based parser below cannot see: control characters (tab and
// CR included), characters yaml.v3 treats as line breaks or refuses, a BOM,
// directives and document-end markers. It drops comments inside documents
// and keeps, as comment lines, those before a document's first node.
func (p *fastParser) split() bool {
	s := p.src
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
		} else if (c < 0x20 && c != '\n') || c == 0x7f {
			return false
		}
	}
	if !ascii {
		for _, r := range s {
			// RuneError is also what invalid UTF-8 decodes to.
			if r < 0x80 {
				continue
			}
			if r < 0xA0 || r == utf8.RuneError || (r >= 0xD800 && r < 0xE000) || r == 0xFEFF || r == 0x2028 || r == 0x2029 || r > 0xFFFD {
				return false
			}
		}
	}
	p.lines = make([]fastLine, 0, strings.Count(s, "\n")+1)
	num, blank := 0, false
	head := true // no node of the current document yet
	for off := 0; off < len(s) || num == 0; {
		num++
		text := s[off:]
		if j := strings.IndexByte(text, '\n'); j >= 0 {
			text = text[:j]
		}
		l := fastLine{text: text, num: num, ascii: true, off: off, blankBefore: blank}
		off += len(text) + 1
		for l.indent < len(text) && text[l.indent] == ' ' {
			l.indent++
		}
		if l.indent == len(text) {
			blank = true
			continue
		}
		if text[l.indent] == '#' && !head {
			// A comment inside a document is dropped: yaml.v3 hangs it on
			// some node, but only helmSource reads comments, and only the
			// ones before a document's first node.
			continue
		}
		blank = false
		switch text[l.indent] {
		case '#':
			// Comments before a document's first node are taken only where
			// headComments places them: at the left margin, without
			// trailing spaces to trim.
			if l.indent > 0 || text[len(text)-1] == ' ' {
				return false
			}
			l.comment = true
		case '%', '.':
			if l.indent == 0 {
				return false
			}
		case '-':
			if l.indent == 0 && strings.HasPrefix(text, "--") && text != "---" {
				return false
			}
		}
		switch {
		case l.comment:
		case text == "---":
			head = true
		default:
			head = false
			l.text = withoutComment(text)
		}
		if !ascii {
			for k := 0; k < len(l.text); k++ {
				if l.text[k] >= 0x80 {
					l.ascii = false
					break
				}
			}
		}
		p.lines = append(p.lines, l)
	}
	return len(p.lines) > 0
}

// withoutComment cuts a comment off the end of a line: ` #` and what
// follows, and the spaces before it. A quote before it might hold the `#`
// (`k: "a #b"`), or a scalar continued from the line above might; such lines
// are left whole, and the parser declines at the ` #`.
func withoutComment(text string) string {
	i := strings.Index(text, " #")
	if i < 0 || strings.ContainsAny(text[:i], `'"`) {
		return text
	}
	return strings.TrimRight(text[:i], " ")
}

func (p *fastParser) node(kind yaml.Kind, tag, value string, line, off int) *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]yaml.Node, 0, 64)
	}
	p.slab = append(p.slab, yaml.Node{Kind: kind, Tag: tag, Value: value})
	n := &p.slab[len(p.slab)-1]
	l := &p.lines[line]
	n.Line, n.Column = l.num, l.col(off)
	return n
}

// children pops the stack above start into an exact-size slice cut from a
// shared backing array: one allocation per many containers.
func (p *fastParser) children(start int) []*yaml.Node {
	c := p.stack[start:]
	p.stack = p.stack[:start]
	if len(p.ptrs)+len(c) > cap(p.ptrs) {
		p.ptrs = make([]*yaml.Node, 0, max(256, len(c)))
	}
	from := len(p.ptrs)
	p.ptrs = append(p.ptrs, c...)
	return p.ptrs[from:len(p.ptrs):len(p.ptrs)]
}

// isSeqEntry: a `-` at off followed by a space or the end of the line.
func isSeqEntry(text string, off int) bool {
	return off < len(text) && text[off] == '-' && (off+1 == len(text) || text[off+1] == ' ')
}

// block parses the mapping or sequence whose first entry starts at byte off
// of the current line; off is also its indentation.
func (p *fastParser) block(off, depth int) *yaml.Node {
	n := p.collection(off, depth)
	if n == nil {
		decline()
	}
	return n
}

// collection parses the mapping or sequence that starts at byte off of the
// current line, or returns nil if none starts there.
func (p *fastParser) collection(off, depth int) *yaml.Node {
	if depth > 100 {
		decline()
	}
	text := p.lines[p.i].text
	if isSeqEntry(text, off) {
		return p.sequence(off, depth)
	}
	if _, isKey := keyEnd(text, off); isKey {
		return p.mapping(off, depth)
	}
	return nil
}

// next returns the current line if there is one in this document.
func (p *fastParser) next() (*fastLine, bool) {
	if p.i >= len(p.lines) || p.lines[p.i].isSeparator() {
		return nil, false
	}
	return &p.lines[p.i], true
}

// headComments reads the comment lines before a document's first node, the
// one place the fast path takes comments (helm's `# Source:` lines, license
// headers), and places them as yaml.v3 does: the group of lines touching
// the first key is its head comment; in a document without `---`, a group
// before it (or a lone group followed by a blank line) is the document's.
// Other groupings decline (after `---`, yaml.v3 joins them all into the
// key's head comment, blank lines included).
func (p *fastParser) headComments(explicit bool) (doc, key string) {
	var groups []string
	for p.i < len(p.lines) && p.lines[p.i].comment {
		l := &p.lines[p.i]
		if len(groups) == 0 || l.blankBefore {
			groups = append(groups, p.src[l.off:l.off+len(l.text)])
		} else {
			// Lines of one group are adjacent in the source.
			first := groups[len(groups)-1]
			start := l.off - len(first) - 1
			groups[len(groups)-1] = p.src[start : l.off+len(l.text)]
		}
		p.i++
	}
	switch {
	case len(groups) == 0:
		return "", ""
	case explicit && (len(groups) > 1 || p.i == len(p.lines) || p.lines[p.i].blankBefore):
		decline()
	case p.i == len(p.lines) || p.lines[p.i].blankBefore:
		if len(groups) > 1 {
			decline()
		}
		return groups[0], ""
	case len(groups) == 1:
		return "", groups[0]
	case len(groups) == 2:
		return groups[0], groups[1]
	}
	decline()
	return "", ""
}

func (p *fastParser) sequence(off, depth int) *yaml.Node {
	seq := p.node(yaml.SequenceNode, "!!seq", "", p.i, off)
	start := len(p.stack)
	for {
		text := p.lines[p.i].text
		c := off + 1
		for c < len(text) && text[c] == ' ' {
			c++
		}
		if c == len(text) {
			// `-` alone: the item is on the following lines. An empty
			// item (null) is left to yaml.v3.
			p.i++
			l, ok := p.next()
			if !ok || l.indent <= off {
				decline()
			}
			item := p.block(l.indent, depth+1)
			p.stack = append(p.stack, item)
		} else {
			item := p.inline(c, depth+1)
			p.stack = append(p.stack, item)
		}
		l, ok := p.next()
		if !ok || l.indent < off {
			break
		}
		if l.indent > off {
			// A continuation line of a plain scalar, or an error.
			decline()
		}
		if !isSeqEntry(l.text, off) {
			break // the parent mapping's next key, or an error it finds
		}
	}
	seq.Content = p.children(start)
	return seq
}

// inline parses the node that starts at byte off of the current line after
// a `- `: a nested sequence, a mapping whose first key is here, or a scalar.
func (p *fastParser) inline(off, depth int) *yaml.Node {
	if n := p.collection(off, depth); n != nil {
		return n
	}
	n := p.value(off)
	p.i++
	return n
}

func (p *fastParser) mapping(off, depth int) *yaml.Node {
	m := p.node(yaml.MappingNode, "!!map", "", p.i, off)
	start, keys := len(p.stack), len(p.keys)
	var seen map[string]struct{}
	for {
		line := p.i
		text := p.lines[line].text
		colon, isKey := keyEnd(text, off)
		if !isKey {
			decline()
		}
		key := p.key(off, colon)
		// yaml.v3 keeps both of duplicate keys; the packer reports them.
		// A scan suits the few keys of most mappings; a set keeps a
		// ConfigMap of many thousand keys linear.
		if seen != nil {
			if _, dup := seen[key.Value]; dup {
				decline()
			}
			seen[key.Value] = struct{}{}
		} else {
			for _, k := range p.keys[keys:] {
				if k == key.Value {
					decline()
				}
			}
			p.keys = append(p.keys, key.Value)
			if len(p.keys)-keys > 32 {
				seen = make(map[string]struct{}, 2*(len(p.keys)-keys))
				for _, k := range p.keys[keys:] {
					seen[k] = struct{}{}
				}
			}
		}
		v := colon + 1
		for v < len(text) && text[v] == ' ' {
			v++
		}
		var val *yaml.Node
		if v < len(text) {
			val = p.value(v)
			p.i++
		} else {
			p.i++
			l, ok := p.next()
			switch {
			case ok && l.indent > off:
				val = p.block(l.indent, depth+1)
			case ok && l.indent == off && isSeqEntry(l.text, off):
				// A sequence may sit at its key's indentation.
				val = p.sequence(off, depth+1)
			default:
				// yaml.v3 places the empty value just after the colon.
				val = p.node(yaml.ScalarNode, "!!null", "", line, colon+1)
			}
		}
		p.stack = append(p.stack, key, val)
		l, ok := p.next()
		if !ok || l.indent < off {
			break
		}
		if l.indent > off {
			decline()
		}
	}
	p.keys = p.keys[:keys]
	m.Content = p.children(start)
	return m
}

// keyEnd finds the colon of the mapping key at byte off of a line; isKey
// is false when the line holds no key there. Anything odd declines.
func keyEnd(text string, off int) (colon int, isKey bool) {
	end, isKey := 0, false
	switch text[off] {
	case '"', '\'':
		end = quotedEnd(text, off)
		isKey = end < len(text) && text[end] == ':' && (end+1 == len(text) || text[end+1] == ' ')
	default:
		end, isKey = plainEnd(text, off)
		if isKey && text[end-1] == ' ' {
			decline()
		}
	}
	if isKey && end-off > 1000 { // yaml.v3's simple keys end within 1024 characters
		decline()
	}
	return end, isKey
}

// key makes the node of the key that keyEnd found.
func (p *fastParser) key(off, colon int) *yaml.Node {
	if c := p.lines[p.i].text[off]; c == '"' || c == '\'' {
		return p.quoted(off, colon)
	}
	return p.plain(off, colon)
}

// plainEnd finds where the plain scalar at off ends: at `: `, at a colon
// ending the line (isKey), or at the end of the line. A comment (` #`) or a
// scalar that cannot start with its first character declines.
func plainEnd(text string, off int) (end int, isKey bool) {
	switch c := text[off]; c {
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', '?', ':', '"', '\'':
		decline()
	case '-':
		if off+1 == len(text) || text[off+1] == ' ' {
			decline()
		}
	}
	for i := off + 1; i < len(text); i++ {
		switch text[i] {
		case ':':
			if i+1 == len(text) || text[i+1] == ' ' {
				return i, true
			}
		case '#':
			if text[i-1] == ' ' {
				decline()
			}
		}
	}
	return len(text), false
}

// value reads the scalar, `{}` or `[]` that fills the rest of the current
// line from byte off.
func (p *fastParser) value(off int) *yaml.Node {
	text := p.lines[p.i].text
	var n *yaml.Node
	var end int
	switch text[off] {
	case '"', '\'':
		end = quotedEnd(text, off)
		n = p.quoted(off, end)
	case '{', '[':
		if off+1 == len(text) || text[off+1] != text[off]+2 { // '{'+2 is '}', '['+2 is ']'
			decline()
		}
		if text[off] == '{' {
			n = p.node(yaml.MappingNode, "!!map", "", p.i, off)
		} else {
			n = p.node(yaml.SequenceNode, "!!seq", "", p.i, off)
		}
		n.Style = yaml.FlowStyle
		end = off + 2
	default:
		end, isKey := plainEnd(text, off)
		if isKey {
			decline() // `a: b: c` is an error in yaml.v3
		}
		for text[end-1] == ' ' {
			end--
		}
		return p.plain(off, end)
	}
	for ; end < len(text); end++ {
		if text[end] != ' ' {
			decline()
		}
	}
	return n
}

// quotedEnd returns the byte after the closing quote of the quoted scalar
// at off. It declines a scalar that continues on the next line or has
// escapes.
func quotedEnd(text string, off int) int {
	q := text[off]
	for i := off + 1; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\\' && q == '"':
			decline()
		case c == q && q == '\'' && i+1 < len(text) && text[i+1] == '\'':
			i++ // '' stands for '
		case c == q:
			return i + 1
		}
	}
	decline()
	return 0
}

// quoted makes the node of the quoted scalar from off to end.
func (p *fastParser) quoted(off, end int) *yaml.Node {
	text := p.lines[p.i].text
	value := text[off+1 : end-1]
	style := yaml.DoubleQuotedStyle
	if text[off] == '\'' {
		style = yaml.SingleQuotedStyle
		value = strings.ReplaceAll(value, "''", "'")
	}
	n := p.node(yaml.ScalarNode, "!!str", value, p.i, off)
	n.Style = style
	return n
}

func (p *fastParser) plain(off, end int) *yaml.Node {
	value := p.lines[p.i].text[off:end]
	tag := plainTag(value)
	if tag == "" {
		decline()
	}
	return p.node(yaml.ScalarNode, tag, value, p.i, off)
}

// plainTag is yaml.v3's resolve() for a plain scalar, reduced to the tag;
// "" for what the fast path leaves to yaml.v3 (merge keys, timestamps).
func plainTag(s string) string {
	switch c := s[0]; {
	case c == '<':
		if s == "<<" {
			return ""
		}
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "~", "null", "Null", "NULL":
			return "!!null"
		}
	case c == '.':
		switch s {
		case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
			return "!!float"
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	case c == '+' || c == '-' || (c >= '0' && c <= '9'):
		return numberTag(s)
	}
	return "!!str"
}

// numberTag follows resolve()'s 'D' and 'S' branch step by step.
func numberTag(s string) string {
	switch s {
	case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	}
	if looksLikeTimestamp(s) {
		return ""
	}
	// A character no number syntax below accepts makes every parse fail:
	// skip them (each failure allocates an error). "100m", "128Mi".
	if strings.Trim(s, "0123456789abcdefABCDEFxXoO_+-.") != "" {
		return "!!str"
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if isYAMLFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	for _, pre := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"-0b", 2}, {"0o", 8}, {"-0o", 8}} {
		if rest, ok := strings.CutPrefix(plain, pre.prefix); ok {
			if pre.prefix[0] == '-' {
				rest = "-" + rest
			}
			if _, err := strconv.ParseInt(rest, pre.base, 64); err == nil {
				return "!!int"
			}
			// resolve() tries unsigned only without the sign.
			if _, err := strconv.ParseUint(rest, pre.base, 64); err == nil && pre.prefix[0] != '-' {
				return "!!int"
			}
			break
		}
	}
	return "!!str"
}

// looksLikeTimestamp is parseTimestamp's quick check (four digits and a
// dash); such values are left to yaml.v3 rather than reproducing time.Parse.
func looksLikeTimestamp(s string) bool {
	return len(s) > 4 && s[4] == '-' && strings.Trim(s[:4], "0123456789") == ""
}

// isYAMLFloat matches yaml.v3's yamlStyleFloat,
// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$, without a regexp.
func isYAMLFloat(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
