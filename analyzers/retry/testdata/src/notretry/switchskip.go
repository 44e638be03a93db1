package notretry

import (
	"bufio"
	"errors"
	"io"
)

var errBadFrame = errors.New("bad frame")

// A reader loop that takes a particular error in a switch on it: a full
// buffer hands back the part read so far, so the next ReadSlice reads on,
// and every other error leaves the loop (a git log parser's NUL-separated
// file names). Not a retry.
func namesUntilEOF(rd *bufio.Reader, out chan<- []byte) error {
	var long []byte
	for {
		part, err := rd.ReadSlice(0)
		if err != nil {
			switch err {
			case bufio.ErrBufferFull:
				long = append(long, part...)
				continue
			case io.EOF:
				return nil
			default:
				return err
			}
		}
		out <- append(long, part...)
		long = nil
	}
}

// The same switch whose default case goes around as well: any error,
// a broken stream's included, is read again at once (reported).
func namesSpin(rd *bufio.Reader, out chan<- []byte) {
	for {
		part, err := rd.ReadSlice(0) // want `retry loop \(line \d+\) repeats rd.ReadSlice with no delay before the next attempt`
		if err != nil {
			switch err {
			case io.EOF:
				return
			default:
				continue
			}
		}
		out <- part
	}
}

// The loop condition itself takes the particular error: a tree entry
// longer than the buffer is read on while ReadSlice reports a full buffer
// (git cat-file's tree parser). Not a retry.
func treeEntry(rd *bufio.Reader) ([]byte, error) {
	buf, err := rd.ReadSlice(0)
	if errors.Is(err, bufio.ErrBufferFull) {
		buf = append([]byte(nil), buf...)
		for len(buf) < 1<<20 && errors.Is(err, bufio.ErrBufferFull) {
			var tmp []byte
			tmp, err = rd.ReadSlice(0)
			buf = append(buf, tmp...)
		}
	}
	return buf, err
}

// A reader loop skipping a particular error with errors.Is in an if.
func framesSkippingBad(rd *bufio.Reader, out chan<- []byte) error {
	for {
		line, err := rd.ReadBytes('\n')
		if errors.Is(err, errBadFrame) {
			continue
		}
		if err != nil {
			return err
		}
		out <- line
	}
}
