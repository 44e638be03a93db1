package configured

import (
	"net/http"

	"httpx"
)

// The test settings list httpx.NewPlainClient as a configured constructor:
// its owners set the timeout from configuration the analyzer cannot see.
func trusted(url string) error {
	c := httpx.NewPlainClient()
	_, err := c.Get(url)
	return err
}

// The settings skip http-server-timeout in this package.
func skippedRule() {
	http.ListenAndServe(":8080", nil)
	http.Get("http://example.com") // want `http.Get sends through http.DefaultClient`
}
