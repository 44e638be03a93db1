package clients

import (
	"net/http"
	"sync"
	"time"
)

// A lazily built client: the function literal's callers are not followed,
// so a client it builds without a timeout is reported where it is built
// (a captcha verifier's proxy-aware client).
var captchaClient = sync.OnceValue(func() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = http.ProxyFromEnvironment
	return &http.Client{Transport: t} // want `http.Client literal has no Timeout and its transport does not bound dial, TLS handshake and response headers \(returned by a function literal\)`
})

func verifyCaptcha(req *http.Request) (*http.Response, error) {
	return captchaClient().Do(req)
}

// The same initializer with a Timeout: nothing to report (an identity
// provider's discovery client).
var discoveryClient = sync.OnceValue(func() *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{Proxy: http.ProxyFromEnvironment}}
})

func discover(req *http.Request) (*http.Response, error) {
	return discoveryClient().Do(req)
}

// A literal handing out a client built by its enclosing function is judged
// there: this one is bounded before it is used.
func sharedClient() func() *http.Client {
	c := &http.Client{}
	c.Timeout = 10 * time.Second
	return func() *http.Client { return c }
}
