package closeonwrite

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
)

// A helper that drains and closes a response body: dropping its error is
// dropping Body.Close's, as `defer resp.Body.Close()` does unreported.
func closeResponseBody(resp *http.Response) error {
	_, _ = io.Copy(io.Discard, resp.Body) // want `error returned by io.Copy\(\) is assigned to _`
	return resp.Body.Close()
}

func drainBody(resp *http.Response) error {
	if resp == nil || resp.Body == nil {
		return nil
	}
	_, _ = io.Copy(io.Discard, resp.Body) // want `error returned by io.Copy\(\) is assigned to _`
	return resp.Body.Close()
}

func getJSON(c *http.Client, url string, out any) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer closeResponseBody(resp)
	if resp.StatusCode != http.StatusOK {
		drainBody(resp)
		return errors.New(resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// --- still reported --------------------------------------------------------

// The error may come from the decode, not only from Close.
func decodeAndClose(resp *http.Response, out any) error {
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		resp.Body.Close()
		return err
	}
	return resp.Body.Close()
}

// A file opened for writing: its Close can lose data.
func closeLog(f *os.File) error {
	return f.Close()
}

// Closes something it was handed, of a type that is written.
func closeWriter(w io.WriteCloser) error {
	return w.Close()
}

func finish(c *http.Client, url string, f *os.File, w io.WriteCloser, out any) {
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	decodeAndClose(resp, out) // want `error returned by decodeAndClose\(\) is not checked`
	closeLog(f)               // want `error returned by closeLog\(\) is not checked`
	defer closeWriter(w)      // want `error returned by closeWriter\(\) is not checked in a defer`
}

// The named result is set again by a deferred Flush: the error returned
// may be a write's, not the Close's.
func closeAndFlush(resp *http.Response, w interface{ Flush() error }) (err error) {
	defer func() {
		if ferr := w.Flush(); ferr != nil {
			err = ferr
		}
	}()
	return resp.Body.Close()
}

func finishFlush(c *http.Client, url string, w interface{ Flush() error }) {
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	closeAndFlush(resp, w) // want `error returned by closeAndFlush\(\) is not checked`
}
