// Package yamlerr reads the line out of a go.yaml.in/yaml/v3 syntax error,
// as people count lines: yaml.v3's own numbering is off by one for some
// errors and missing for others.
package yamlerr

import (
	"regexp"
	"strconv"
	"strings"
)

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Split returns the 1-based line a yaml.v3 error is about and its message
// without the "yaml: line N: " prefix. line is 0 when the error has no
// place (an unknown anchor, bytes that are not UTF-8: the reader places
// those by byte offset only). Errors yaml.v3 does not raise while parsing
// (a *yaml.TypeError) should not be passed.
func Split(msg string) (line int, text string) {
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		if parserProblems[m[2]] {
			// yaml.v3 adds one to its 0-based marks for scanner errors
			// only; a parser error names the line before the collection
			// it was parsing ("kind: [x" on line 2 says line 1).
			n++
		}
		return n, m[2]
	}
	text = strings.TrimPrefix(msg, "yaml: ")
	for _, p := range placeless {
		if strings.HasPrefix(text, p) {
			return 0, text
		}
	}
	// yaml.v3 names no line for a parser error on the first line (its
	// marks count from 0 and it omits line 0): a template tag such as
	// {% raw %} opening a documentation snippet.
	return 1, text
}

// parserProblems are the errors of yaml.v3's parser (parserc.go), as
// opposed to its scanner's: their line is its 0-based mark.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// placeless start the yaml.v3 errors that name no line because they have
// none, not because they are on the first (readerc.go's reader errors and
// decode.go's).
var placeless = []string{
	"unknown anchor",
	"attempted to go past",
	"input error",
	"invalid leading UTF-8 octet",
	"incomplete UTF-8 octet sequence",
	"invalid trailing UTF-8 octet",
	"invalid length of a UTF-8 sequence",
	"invalid Unicode character",
	"incomplete UTF-16 character",
	"unexpected low surrogate area",
	"incomplete UTF-16 surrogate pair",
	"expected low surrogate area",
	"control characters are not allowed",
}
