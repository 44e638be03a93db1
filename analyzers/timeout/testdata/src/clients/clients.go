package clients

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	nethttp "net/http"
	"time"

	"httpx"
)

// --- positives -------------------------------------------------------------

func fetchStatus(url string) (int, error) {
	c := &http.Client{} // want `http.Client c has no Timeout and its transport does not bound dial, TLS handshake and response headers`
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func withNew(url string) error {
	c := new(http.Client) // want `http.Client c has no Timeout`
	_, err := c.Head(url)
	return err
}

func zeroValue(req *http.Request) error {
	var c http.Client // want `http.Client c has no Timeout`
	_, err := c.Do(req)
	return err
}

func copyOfDefault(req *http.Request) error {
	c := *http.DefaultClient // want `http.Client copy of \*http.DefaultClient has no Timeout`
	_, err := c.Do(req)
	return err
}

func aliasedImport(url string) error {
	c := &nethttp.Client{Jar: nil} // want `http.Client c has no Timeout`
	_, err := c.Get(url)
	return err
}

// A transport that bounds dialing and the handshake still waits forever for
// response headers.
func looseTransport(url string) error {
	t := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSHandshakeTimeout: 5 * time.Second,
	}
	c := &http.Client{Transport: t} // want `http.Client c has no Timeout`
	_, err := c.Get(url)
	return err
}

func looseTransportFromHelper(url string) error {
	c := &http.Client{Transport: httpx.NewLooseTransport()} // want `http.Client c has no Timeout`
	_, err := c.Get(url)
	return err
}

// An API client that stores its http.Client: the literal is the finding.
type API struct {
	base string
	hc   *http.Client
}

func NewAPI(base string) *API {
	return &API{base: base, hc: &http.Client{}} // want `http.Client literal has no Timeout and its transport does not bound dial, TLS handshake and response headers \(stored in API.hc\)`
}

func (a *API) Get(path string, v any) error {
	resp, err := a.hc.Get(a.base + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// Embedded client: Get is promoted from *http.Client.
type embedded struct {
	*http.Client
	retries int
}

func embeddedClient(url string) error {
	e := embedded{Client: &http.Client{}, retries: 3} // want `http.Client e.Client has no Timeout`
	_, err := e.Get(url)
	return err
}

// Method value: the request is sent later through f.
func methodValue(reqs []*http.Request) error {
	c := &http.Client{} // want `http.Client c has no Timeout`
	send := c.Do
	for _, r := range reqs {
		if _, err := send(r); err != nil {
			return err
		}
	}
	return nil
}

// Passing a client to a helper that sends with it is a use.
func passedToFetch(url string) error {
	c := &http.Client{} // want `http.Client c has no Timeout`
	_, err := httpx.Fetch(c, url)
	return err
}

// Generic code calling Do through a type parameter still receives the
// client as an argument.
type doer interface {
	Do(*http.Request) (*http.Response, error)
}

func send[D doer](d D, r *http.Request) error {
	_, err := d.Do(r)
	return err
}

func generic(r *http.Request) error {
	c := &http.Client{} // want `http.Client c has no Timeout .*passed to clients.send`
	return send(c, r)
}

// unexported helper: the finding is carried to the caller's use.
func plain() *http.Client { return &http.Client{} } // want plain:`returns http.Client..\)`

func usesPlain(url string) error {
	c := plain() // want `the http.Client returned by clients.plain has no Timeout`
	_, err := c.Get(url)
	return err
}

// DefaultClient and DefaultTransport.
func defaults(req *http.Request, url string) {
	http.Get(url)                        // want `http.Get sends through http.DefaultClient, which has no timeout`
	nethttp.Post(url, "text/plain", nil) // want `nethttp.Post sends through http.DefaultClient`
	http.DefaultClient.Do(req)           // want `http.DefaultClient.Do sends through http.DefaultClient`
	c := http.DefaultClient
	c.Do(req)                                           // want `c.Do sends through http.DefaultClient`
	d := &http.Client{Transport: http.DefaultTransport} // want `http.Client d uses http.DefaultTransport as-is`
	d.Do(req)
}

// The exported helper is reported where it builds the client, and its
// caller in another package where it sends with it.
func plainFromOtherPackage(url string) error {
	c := httpx.NewPlainClient() // want `the http.Client returned by httpx.NewPlainClient has no Timeout`
	_, err := c.Get(url)
	return err
}

// --- negatives -------------------------------------------------------------

func timeoutLater(url string) error {
	c := &http.Client{}
	c.Timeout = 5 * time.Second
	_, err := c.Get(url)
	return err
}

func timeoutConditional(url string, d time.Duration) error {
	c := &http.Client{}
	if d > 0 {
		c.Timeout = d
	} else {
		c.Timeout = time.Minute
	}
	_, err := c.Get(url)
	return err
}

func boundedTransport(url string) error {
	t := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second,
	}
	c := &http.Client{Transport: t}
	_, err := c.Get(url)
	return err
}

func clonedDefaultWithHeaders(url string) error {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = 10 * time.Second
	c := &http.Client{Transport: t}
	_, err := c.Get(url)
	return err
}

func boundedTransportFromHelper(url string) error {
	c := &http.Client{Transport: httpx.NewTransport()}
	_, err := c.Get(url)
	return err
}

// A transport we cannot see into (a wrapper, a parameter) is not ours to judge.
func customTransport(rt http.RoundTripper, url string) error {
	c := &http.Client{Transport: rt}
	_, err := c.Get(url)
	return err
}

func configuredHelper(url string) error {
	c := httpx.NewClient()
	_, err := c.Get(url)
	return err
}

func configuredGenericHelper(url string) error {
	c := httpx.NewClientFor(0)
	_, err := c.Get(url)
	return err
}

func configuredByCallee(url string) error {
	c := httpx.WithDefaults(&http.Client{})
	_, err := c.Get(url)
	return err
}

func configuredInPlace(url string) error {
	c := &http.Client{}
	httpx.WithDefaults(c)
	_, err := c.Get(url)
	return err
}

func earlyReturn(url string, fast bool) error {
	c := &http.Client{Timeout: time.Second}
	if fast {
		return nil
	}
	_, err := c.Get(url)
	return err
}

func neverUsed() *http.Transport {
	c := &http.Client{}
	return c.Transport.(*http.Transport)
}

// Client stored in a struct field and configured by a constructor option.
type Service struct {
	client *http.Client
}

type Option func(*Service)

func WithTimeout(d time.Duration) Option {
	return func(s *Service) { s.client.Timeout = d }
}

func NewService(opts ...Option) *Service {
	s := &Service{client: &http.Client{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

func (s *Service) Ping(url string) error {
	_, err := s.client.Get(url)
	return err
}

// Constructor that sets the timeout after building the struct.
type Fetcher struct{ hc *http.Client }

func NewFetcher() *Fetcher {
	f := &Fetcher{hc: &http.Client{}}
	f.hc.Timeout = 20 * time.Second
	return f
}

func embeddedWithTimeout(url string) error {
	e := embedded{Client: &http.Client{Timeout: time.Second}}
	_, err := e.Get(url)
	return err
}

func methodValueWithTimeout(r *http.Request) error {
	c := &http.Client{Timeout: time.Second}
	f := c.Do
	_, err := f(r)
	return err
}

func goroutine(urls []string) {
	c := &http.Client{}
	c.Timeout = 2 * time.Second
	for _, u := range urls {
		go func() {
			resp, err := c.Get(u)
			if err == nil {
				resp.Body.Close()
			}
		}()
	}
}

// A client whose Timeout is set explicitly to zero has none.
func explicitZero(url string) error {
	c := &http.Client{Timeout: 0} // want `http.Client c has no Timeout`
	_, err := c.Get(url)
	return err
}

// A transport passed in is the caller's to judge.
func NewHTTPClient(t *http.Transport) *http.Client { // want NewHTTPClient:`returns http.Client.Transport,transport:bounded.`
	return &http.Client{Transport: t}
}

// The request carries the caller's context, which bounds the default client.
func defaultWithContext(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// Package-level clients: one configured in init, one never.
var (
	shared = &http.Client{}
	global = &http.Client{} // want `http.Client global has no Timeout`
)

func init() {
	shared.Timeout = 30 * time.Second
}

func usePackageClients(url string) {
	shared.Get(url)
	global.Get(url)
}

// Every request carries a deadline made right here: the exchange is bounded
// even though the client has no Timeout.
func reportWithDeadline(ctx context.Context, url string) error {
	c := &http.Client{Transport: &http.Transport{Proxy: http.ProxyFromEnvironment}}
	reqCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(reqCtx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func reportWithDeadlineInline(ctx context.Context, req *http.Request) error {
	c := &http.Client{}
	tctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Minute))
	defer cancel()
	resp, err := c.Do(req.WithContext(tctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The caller's context may have no deadline: still reported.
func reportWithCallerContext(ctx context.Context, url string) error {
	c := &http.Client{} // want `http.Client c has no Timeout`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A helper that takes the client and the caller's context and sends a
// request built with it: handing it http.DefaultClient with a live context
// is DefaultClient.Do(req) with a request that carries one.
func postJSON(ctx context.Context, c *http.Client, url string) error { // want postJSON:`uses param 1`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func PostWebhook(url string) error {
	return postJSON(context.Background(), http.DefaultClient, url) // want `passing it to clients.postJSON sends through http.DefaultClient`
}

func PostWebhookContext(ctx context.Context, url string) error {
	return postJSON(ctx, http.DefaultClient, url)
}

// A client without a timeout is reported whatever context comes with it.
func PostWebhookPlain(ctx context.Context, url string) error {
	c := &http.Client{} // want `http.Client c has no Timeout`
	return postJSON(ctx, c, url)
}

// DefaultClient as the starting value, replaced only when the caller gave
// a client: on the other path the request goes through DefaultClient.
func getFallback(cli *http.Client, url string) (*http.Response, error) { // want getFallback:`uses param 0`
	c := http.DefaultClient
	if cli != nil {
		c = cli
	}
	return c.Get(url) // want `c.Get sends through http.DefaultClient, which has no timeout`
}

// Replaced on every path (if and else), or used inside the branch that
// replaced it: DefaultClient never reaches the call.
func getEitherWay(cli *http.Client, url string) (*http.Response, error) {
	c := http.DefaultClient
	if cli != nil {
		c = cli
	} else {
		c = &http.Client{Timeout: time.Second}
	}
	return c.Get(url)
}

func getInBranch(cli *http.Client, url string) (*http.Response, error) { // want getInBranch:`uses param 0`
	c := http.DefaultClient
	if cli != nil {
		c = cli
		return c.Get(url)
	}
	return nil, nil
}

func getReplaced(cli *http.Client, url string) (*http.Response, error) { // want getReplaced:`uses param 0`
	c := http.DefaultClient
	c = cli
	return c.Get(url)
}

// The same fallback written inside a branch: DefaultClient is bound in the
// body of an if without else, and the call comes later in that body.
func getFallbackInBranch(enabled bool, cli *http.Client, url string) (*http.Response, error) { // want getFallbackInBranch:`uses param 1`
	if enabled {
		c := http.DefaultClient
		if cli != nil {
			c = cli
		}
		return c.Get(url) // want `c.Get sends through http.DefaultClient, which has no timeout`
	}
	return nil, nil
}
