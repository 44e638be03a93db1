package requests

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func hello(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hi")) }

// Requests handed to a handler in process are never sent: not reported.
func TestHello(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "/hello", nil)
	rec := httptest.NewRecorder()
	hello(rec, req)

	url := "http://example.com/hello"
	req2, _ := http.NewRequest(http.MethodGet, url, nil)
	http.HandlerFunc(hello).ServeHTTP(rec, req2)

	req3, _ := http.NewRequest(http.MethodGet, url, nil) // want `http.NewRequest builds a request`
	http.DefaultClient.Do(req3)                          // want `http.DefaultClient.Do sends through http.DefaultClient`
}

// Built to test header handling, never sent: not reported in a test.
func TestHeaders(t *testing.T) {
	r, _ := http.NewRequest(http.MethodGet, "http://example.com", nil)
	r.Header.Set("X-A", "1")
	if h := r.Header.Clone(); h.Get("X-A") != "1" {
		t.Fatal("lost header")
	}
}

// Sent through a Do(*http.Request) method other than http.Client's (an
// SDK's HTTPClient interface, a signing wrapper): the request leaves the
// process.
type httpDoer interface {
	Do(*http.Request) (*http.Response, error)
}

func sendVia(t *testing.T, c httpDoer, url string) {
	req, _ := http.NewRequest(http.MethodGet, url, nil) // want `http.NewRequest builds a request`
	if _, err := c.Do(req); err != nil {
		t.Fatal(err)
	}
}
