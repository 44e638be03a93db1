package a

import (
	"encoding/csv"
	"errors"
	"io"
)

// ok: a malformed record is skipped with errors.As; the Read consumed it,
// the next Read returns the next record, and every other error leaves.
func csvRecords(r *csv.Reader) ([][]string, error) {
	var out [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}
