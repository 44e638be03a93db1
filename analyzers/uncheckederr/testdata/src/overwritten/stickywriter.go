package overwritten

import (
	"bufio"
	"io"
	"strconv"
)

// A RESP encoder writes a command into a bufio.Writer piece by piece. The
// writer keeps its first error and returns it from every later write and
// from Flush, so keeping only the last write's error loses nothing.
func writeN(o *bufio.Writer, id byte, n int) error {
	if err := o.WriteByte(id); err != nil {
		return err
	}
	_, err := o.WriteString(strconv.Itoa(n) + "\r\n")
	return err
}

func writeB(o *bufio.Writer, id byte, s string) error {
	_, err := o.WriteString(string(id) + strconv.Itoa(len(s)) + "\r\n")
	_, err = o.WriteString(s + "\r\n")
	return err
}

func writeCmd(o *bufio.Writer, cmd []string) (err error) {
	err = writeN(o, '*', len(cmd))
	for _, m := range cmd {
		err = writeB(o, '$', m)
	}
	return err
}

type pipe struct {
	w *bufio.Writer
}

func (p *pipe) flushCmds(cmds [][]string) (err error) {
	for _, c := range cmds {
		err = writeCmd(p.w, c)
	}
	if err != nil {
		return err
	}
	return p.w.Flush()
}

// An io.Writer keeps nothing: the header's error is lost.
func writeHeader(o io.Writer, name string, n int) error {
	_, err := o.Write([]byte(name)) // want `error from o.Write\(\) stored in err is overwritten at line 51 before it is checked`
	_, err = o.Write([]byte(strconv.Itoa(n)))
	return err
}

// Two different writers: the first one's error is lost.
func writeBoth(a, b *bufio.Writer, s string) error {
	_, err := a.WriteString(s) // want `error from a.WriteString\(\) stored in err is overwritten at line 58 before it is checked`
	_, err = b.WriteString(s)
	return err
}

// A helper that can fail on its own, before writing anything: the writer
// does not keep that error, so the next write's nil hides it.
func writeArg(o *bufio.Writer, v any) error {
	switch v := v.(type) {
	case string:
		_, err := o.WriteString(v)
		return err
	case int:
		_, err := o.WriteString(strconv.Itoa(v))
		return err
	}
	return marshalError{}
}

type marshalError struct{}

func (marshalError) Error() string { return "can't marshal value" }

func writeArgs(o *bufio.Writer, a, b any) error {
	err := writeArg(o, a) // want `error from writeArg\(\) stored in err is overwritten at line 82 before it is checked`
	err = writeArg(o, b)
	if err != nil {
		return err
	}
	return o.Flush()
}
