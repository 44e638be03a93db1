package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// streamJSON writes the document doc(placeholder) exactly as a json.Encoder
// with SetIndent("", "  ") and SetEscapeHTML(false) would, except that the
// field holding the string placeholder becomes an array of n elements that
// elem builds one at a time. A report with a hundred thousand findings is
// then never held whole in memory beside the findings themselves (measured
// on 59,999 findings: JSON 258 MB and SARIF 341 MB peak before, against
// 112 MB for text). A top-level array is doc returning placeholder.
//
// The envelope holds text from the run (error messages), which may happen
// to equal a placeholder; another placeholder is then tried, so that no
// input makes the report fail.
func streamJSON(w io.Writer, doc func(placeholder string) any, n int, elem func(i int) any) error {
	var head bytes.Buffer
	var env, mark []byte
	for try := 0; ; try++ {
		placeholder := fmt.Sprintf("\x00relcheck:streamed:%d\x00", try)
		head.Reset()
		if err := encodeIndented(&head, doc(placeholder), ""); err != nil {
			return err
		}
		env = head.Bytes()
		var err error
		if mark, err = json.Marshal(placeholder); err != nil {
			return err
		}
		c := bytes.Count(env, mark)
		if c == 0 {
			return fmt.Errorf("report: the streamed array is missing from the envelope")
		}
		if c == 1 {
			break
		}
	}
	at := bytes.Index(env, mark)
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
