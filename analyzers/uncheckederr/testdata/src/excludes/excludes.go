package excludes

import (
	"io"
	"os"
)

type Client struct{}

func (*Client) Ping() error  { return nil }
func (*Client) Flush() error { return nil }

type Pinger interface{ Ping() error }

type Log struct{}

func (Log) Write(p []byte) (int, error) { return len(p), nil }

func Notify(w io.Writer, msg string) error { return nil }

func Cleanup(dir string) error { return nil }

func calls(c *Client, p Pinger, w io.Writer, l Log) {
	os.Remove("x")        // inline: os.Remove
	c.Ping()              // inline: (*excludes.Client).Ping
	p.Ping()              // file: (excludes.Pinger).Ping
	l.Write(nil)          // file: (excludes.Log).Write
	Notify(l, "x")        // file: excludes.Notify(excludes.Log)
	Notify(w, "x")        // want `error returned by Notify\(\) is not checked`
	Notify(os.Stdin, "x") // file: excludes.Notify(os.Stdin)
	Cleanup("x")          // file: excludes.Cleanup
	c.Flush()             // want `error returned by c.Flush\(\) is not checked`
	os.Chdir("x")         // want `error returned by os.Chdir\(\) is not checked`
}
