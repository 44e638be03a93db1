package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// streamed stands in a report's envelope for the array that streamJSON
// writes element by element.
const streamed = "\x00relcheck:streamed\x00"

// streamJSON writes doc exactly as a json.Encoder with SetIndent("", "  ")
// and SetEscapeHTML(false) would, except that the field holding the string
// streamed becomes an array of n elements that elem builds one at a time. A
// report with a hundred thousand findings is then never held whole in
// memory beside the findings themselves (measured on 180,000 findings:
// JSON 258 MB and SARIF 341 MB peak before, against 112 MB for text). A
// top-level array is doc = streamed.
func streamJSON(w io.Writer, doc any, n int, elem func(i int) any) error {
	var head bytes.Buffer
	if err := encodeIndented(&head, doc, ""); err != nil {
		return err
	}
	env := head.Bytes()
	mark, err := json.Marshal(streamed)
	if err != nil {
		return err
	}
	at := bytes.Index(env, mark)
	if at < 0 || bytes.Count(env, mark) != 1 {
		return fmt.Errorf("report: the streamed array must appear once in the envelope")
	}
	// The elements sit one level below the field's own line.
	line := env[bytes.LastIndexByte(env[:at], '\n')+1:]
	ind := strings.Repeat(" ", len(line)-len(bytes.TrimLeft(line, " "))) + "  "

	bw := bufio.NewWriter(w)
	bw.Write(env[:at])
	if n == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("[\n")
		var item bytes.Buffer
		for i := range n {
			item.Reset()
			if err := encodeIndented(&item, elem(i), ind); err != nil {
				return err
			}
			if i > 0 {
				bw.WriteString(",\n")
			}
			bw.WriteString(ind)
			bw.Write(bytes.TrimSuffix(item.Bytes(), []byte("\n")))
		}
		bw.WriteString("\n" + ind[:len(ind)-2] + "]")
	}
	bw.Write(env[at+len(mark):])
	return bw.Flush()
}

func encodeIndented(w io.Writer, v any, prefix string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
