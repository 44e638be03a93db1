package report

import (
	"bytes"
	"testing"
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
