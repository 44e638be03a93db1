// Package colorable is a stub of github.com/mattn/go-colorable: writers
// that translate ANSI colours for the console they wrap.
package colorable

import (
	"io"
	"os"
)

func NewColorableStdout() io.Writer { return os.Stdout }

func NewColorableStderr() io.Writer { return os.Stderr }

func NewNonColorable(w io.Writer) io.Writer { return w }
