package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/relcheck/relcheck/internal/finding"
)

// TestStreamJSON checks streamJSON against encoding/json writing the whole
// document: the same bytes for empty, one and several elements, at the top
// level and nested, with characters encoding/json would escape for HTML.
func TestStreamJSON(t *testing.T) {
	type item struct {
		Msg  string         `json:"msg"`
		Tags []string       `json:"tags"`
		Map  map[string]int `json:"map,omitempty"`
	}
	type inner struct {
		Name  string `json:"name"`
		Items any    `json:"items"`
		After []int  `json:"after"`
	}
	type doc struct {
		Before string  `json:"before"`
		Runs   []inner `json:"runs"`
	}
	all := []item{
		{Msg: "<a & b>", Tags: []string{}},
		{Msg: "x", Tags: []string{"p", "q"}, Map: map[string]int{"b": 2, "a": 1}},
		{Msg: "\u2028 \"quoted\"", Tags: nil},
	}
	for n := range len(all) + 1 {
		items := all[:n]
		whole := doc{Before: "b", Runs: []inner{{Name: "r", Items: items, After: []int{1}}}}
		if n == 0 {
			whole.Runs[0].Items = []item{}
		}
		var want bytes.Buffer
		if err := encodeIndented(&want, whole, ""); err != nil {
			t.Fatal(err)
		}
		streamedDoc := func(p string) any { return doc{Before: "b", Runs: []inner{{Name: "r", Items: p, After: []int{1}}}} }
		var got bytes.Buffer
		if err := streamJSON(&got, streamedDoc, n, func(i int) any { return items[i] }); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d elements: streamed\n%s\nwant\n%s", n, got.String(), want.String())
		}
	}
	var out bytes.Buffer
	if err := streamJSON(&out, func(string) any { return doc{Before: "no placeholder"} }, 1, func(int) any { return 1 }); err == nil {
		t.Error("an envelope without the placeholder was accepted")
	}
}

// TestStreamJSONPlaceholderInText checks that text in the envelope equal to
// the placeholder (an error message can say anything) neither fails the
// report nor moves the array.
func TestStreamJSONPlaceholderInText(t *testing.T) {
	type doc struct {
		Errors []string `json:"errors"`
		Items  any      `json:"items"`
	}
	errs := []string{"\x00relcheck:streamed:0\x00", "\x00relcheck:streamed:1\x00"}
	items := []string{"a", "b"}
	var want, got bytes.Buffer
	if err := encodeIndented(&want, doc{Errors: errs, Items: items}, ""); err != nil {
		t.Fatal(err)
	}
	if err := streamJSON(&got, func(p string) any { return doc{Errors: errs, Items: p} }, len(items), func(i int) any { return items[i] }); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("streamed\n%s\nwant\n%s", got.String(), want.String())
	}
}

// TestWritersErrorLikePlaceholder runs the streamed writers on errors whose
// text is what a placeholder looks like: the report is still written, with
// the errors as they were and the findings in their place.
func TestWritersErrorLikePlaceholder(t *testing.T) {
	errs := []error{errors.New("\x00relcheck:streamed\x00"), errors.New("\x00relcheck:streamed:0\x00")}
	in := Input{Errors: errs, Findings: []finding.Finding{{Rule: "go/x", File: "a.go", Line: 1, Message: "m"}}}
	for _, format := range []string{"json", "sarif"} {
		w, _ := Get(format)
		var out bytes.Buffer
		if err := w(&out, in); err != nil {
			t.Errorf("%s: %v", format, err)
			continue
		}
		for _, e := range errs {
			q, _ := json.Marshal(e.Error())
			if !bytes.Contains(out.Bytes(), q) {
				t.Errorf("%s: error %s missing from\n%s", format, q, out.String())
			}
		}
		if !bytes.Contains(out.Bytes(), []byte(`"message": "m"`)) && !bytes.Contains(out.Bytes(), []byte(`"text": "m"`)) {
			t.Errorf("%s: finding missing from\n%s", format, out.String())
		}
	}
}
