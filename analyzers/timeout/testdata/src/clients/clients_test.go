package clients

import (
	"net/http"
	"testing"
)

// Tests are checked too; the driver lowers the severity.
func TestFetch(t *testing.T) {
	c := &http.Client{} // want `http.Client c has no Timeout`
	if _, err := c.Get("http://127.0.0.1:1"); err == nil {
		t.Fatal("expected an error")
	}
}

// A client built to check configuration is not seen sending: in a test,
// that is not reported.
func TestNewAPI(t *testing.T) {
	s := &Service{client: &http.Client{}}
	if s.client == nil {
		t.Fatal("no client")
	}
}
