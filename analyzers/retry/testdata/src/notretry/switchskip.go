package notretry

import (
	"bufio"
	"io"
)

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
