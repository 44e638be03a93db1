// Package httpx is a helper package other testdata packages import: its
// facts decide findings in the callers.
package httpx

import (
	"net"
	"net/http"
	"time"
)

// NewClient returns a client with a timeout: callers trust it through a fact.
func NewClient() *http.Client { // want NewClient:`returns http.Client.Timeout.`
	return &http.Client{Timeout: 30 * time.Second}
}

// NewClientFor is generic to check that instantiations resolve to the
// origin's fact.
func NewClientFor[T any](_ T) *http.Client { // want NewClientFor:`returns http.Client.Timeout.`
	c := &http.Client{}
	c.Timeout = 10 * time.Second
	return c
}

// NewPlainClient hands out a client without a timeout. It is exported, so
// its callers may be anywhere: the finding stays here.
func NewPlainClient() *http.Client { // want NewPlainClient:`returns http.Client..\)`
	return &http.Client{} // want `http.Client literal has no Timeout and its transport does not bound dial, TLS handshake and response headers \(returned by httpx.NewPlainClient\)`
}

// NewTransport bounds dialing, the handshake and the response headers.
func NewTransport() *http.Transport { // want NewTransport:`returns http.Transport.*ResponseHeaderTimeout`
	return &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second,
	}
}

// NewLooseTransport forgets the response header timeout.
func NewLooseTransport() *http.Transport { // want NewLooseTransport:`returns http.Transport.MaxIdleConnsPerHost,TLSHandshakeTimeout,dial.`
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 10
	return t
}

// NewServer returns a server with a read header timeout.
func NewServer(addr string, h http.Handler) *http.Server { // want NewServer:`returns http.Server.Addr,Handler,ReadHeaderTimeout.`
	return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}
}

// NewBareServer returns a server its caller must configure before start.
func NewBareServer(addr string, h http.Handler) *http.Server { // want NewBareServer:`returns http.Server.Addr,Handler.`
	return &http.Server{Addr: addr, Handler: h}
}

// WithDefaults configures a client passed in.
func WithDefaults(c *http.Client) *http.Client { // want WithDefaults:`configures param 0`
	if c.Timeout == 0 {
		c.Timeout = 15 * time.Second
	}
	return c
}

// Fetch sends with the client it is given, so the caller's client decides.
func Fetch(c *http.Client, url string) (*http.Response, error) { // want Fetch:`uses param 0`
	return c.Get(url)
}

// Serve starts the server it is given.
func Serve(srv *http.Server) error { // want Serve:`uses param 0`
	return srv.ListenAndServe()
}

// NewDialer returns a dialer with a timeout.
func NewDialer() *net.Dialer { // want NewDialer:`returns net.Dialer.Timeout.`
	return &net.Dialer{Timeout: 3 * time.Second}
}
