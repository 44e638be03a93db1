package requests

import (
	"context"
	"crypto/tls"
	stdsql "database/sql"
	"net"
	"net/http"
	"time"
)

type Store struct{ db *stdsql.DB }

func (s *Store) Count(ctx context.Context, table string) (int, error) {
	var n int
	err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n) // want `s.db.QueryRow cannot be cancelled; use QueryRowContext with the caller's context`
	return n, err
}

func (s *Store) Rename(ctx context.Context, id int, name string) error {
	tx, err := s.db.Begin() // want `s.db.Begin cannot be cancelled; use BeginTx`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE items SET name = ? WHERE id = ?", name, id); err != nil { // want `tx.Exec cannot be cancelled; use ExecContext`
		return err
	}
	return tx.Commit()
}

func (s *Store) Healthy(ctx context.Context) bool {
	return s.db.Ping() == nil // want `s.db.Ping cannot be cancelled; use PingContext`
}

func (s *Store) Prepared(ctx context.Context, stmt *stdsql.Stmt) (*stdsql.Rows, error) {
	return stmt.Query(1) // want `stmt.Query cannot be cancelled; use QueryContext`
}

// No context in scope: reported, but there is no certain fix.
func (s *Store) Migrate() error {
	_, err := s.db.Exec("CREATE TABLE t (id int)") // want `s.db.Exec cannot be cancelled`
	return err
}

func fetch(ctx context.Context, c *http.Client, url string) (*http.Response, error) { // want fetch:`uses param 1`
	req, err := http.NewRequest(http.MethodGet, url, nil) // want `http.NewRequest builds a request no context can cancel; use NewRequestWithContext`
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

func proxy(w http.ResponseWriter, r *http.Request) {
	out, err := http.NewRequest(http.MethodGet, "http://backend/"+r.URL.Path, nil) // want `http.NewRequest builds a request`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = out
}

// Two contexts in scope: which one is right is the author's call.
func twoContexts(ctx context.Context, url string) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = tctx
	http.NewRequest(http.MethodGet, url, nil) // want `http.NewRequest builds a request`
}

func resolve(host string) ([]string, error) {
	return net.LookupHost(host) // want `net.LookupHost resolves without a context`
}

// A service port comes from the local services database, not the network.
func resolvePort(network, port string) (int, error) {
	return net.LookupPort(network, port)
}

// A TLS dial hook (http.Transport.DialTLSContext, websocket's
// NetDialTLSContext) that dials with the caller's context and then
// handshakes without it: a peer that accepts and never answers holds the
// caller past its deadline.
func dialTLS(cfg *tls.Config) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		conn, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		tc := tls.Client(conn, cfg)
		if err := tc.Handshake(); err != nil { // want `tc.Handshake ignores the context in scope; use HandshakeContext`
			conn.Close()
			return nil, err
		}
		return tc, nil
	}
}

// No context in reach: the deadline on the connection bounds the handshake.
func upgrade(conn net.Conn, cfg *tls.Config) (*tls.Conn, error) {
	tc := tls.Server(conn, cfg)
	if err := conn.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		return nil, err
	}
	if err := tc.Handshake(); err != nil {
		return nil, err
	}
	return tc, conn.SetDeadline(time.Time{})
}

func dialTLSContext(ctx context.Context, conn net.Conn, cfg *tls.Config) (*tls.Conn, error) {
	tc := tls.Client(conn, cfg)
	return tc, tc.HandshakeContext(ctx)
}

// --- negatives -------------------------------------------------------------

func withContextLater(ctx context.Context, c *http.Client, url string) (*http.Response, error) { // want withContextLater:`uses param 1`
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	return c.Do(req)
}

func cloned(ctx context.Context, c *http.Client, url string) (*http.Response, error) { // want cloned:`uses param 1`
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req.Clone(ctx))
}

func withContext(ctx context.Context, s *Store, url string) error {
	if _, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil); err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	_, err = net.DefaultResolver.LookupHost(ctx, "example.com")
	return err
}

func conn(ctx context.Context, db *stdsql.DB) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	return c.PingContext(ctx)
}

// API clients build requests in one helper and attach the context where they
// send them: the helper is not reported, its callers that send the request
// without a context are.
type API struct {
	hc   *http.Client
	base string
}

func (a *API) newRequest(method, path string) (*http.Request, error) { // want newRequest:`returns a request without context`
	req, err := http.NewRequest(method, a.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// NewRequest is exported for users who send through Do(ctx, req).
func (a *API) NewRequest(method, path string) (*http.Request, error) { // want NewRequest:`returns a request without context`
	return http.NewRequest(method, a.base+path, nil)
}

func (a *API) Do(ctx context.Context, req *http.Request) (*http.Response, error) {
	return a.hc.Do(req.WithContext(ctx))
}

func (a *API) Get(ctx context.Context, path string) (*http.Response, error) {
	req, err := a.newRequest(http.MethodGet, path)
	if err != nil {
		return nil, err
	}
	return a.Do(ctx, req)
}

func (a *API) Delete(ctx context.Context, path string) (*http.Response, error) {
	req, err := a.NewRequest(http.MethodDelete, path)
	if err != nil {
		return nil, err
	}
	return a.hc.Do(req.WithContext(ctx))
}

func (a *API) Ping() error {
	req, err := a.newRequest(http.MethodGet, "/ping") // want `a.newRequest returns a request without a context and none is given to it`
	if err != nil {
		return err
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The request is handed to a function that receives context.Background():
// no live context reaches it.
func (a *API) Refresh() error {
	req, err := a.NewRequest(http.MethodPost, "/refresh") // want `a.NewRequest returns a request without a context`
	if err != nil {
		return err
	}
	_, err = a.Do(context.Background(), req)
	return err
}

// A request factory handed to a transport: whoever calls it attaches the
// context.
func requestFactory(url string) func(ctx context.Context) (*http.Request, error) {
	return func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequest(http.MethodPost, url, nil)
		if err != nil {
			return nil, err
		}
		return req, nil
	}
}

// A request built once and kept in a field, sent with the context of each
// call: the context given to the field is given to the request.
type scraper struct {
	hc  *http.Client
	url string
	req *http.Request
}

func (s *scraper) scrape(ctx context.Context) (*http.Response, error) {
	if s.req == nil {
		req, err := http.NewRequest(http.MethodGet, s.url, http.NoBody)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "text/plain")
		s.req = req
	}
	return s.hc.Do(s.req.WithContext(ctx))
}

func (s *scraper) scrapeBare() (*http.Response, error) {
	if s.req == nil {
		req, err := http.NewRequest(http.MethodGet, s.url, http.NoBody) // want `http.NewRequest builds a request`
		if err != nil {
			return nil, err
		}
		s.req = req
	}
	return s.hc.Do(s.req)
}

// Some API clients give the request a type of their own (type Request
// http.Request) and return it converted; the callers convert it back to
// attach their context where they send it.
type wireRequest http.Request

func newWireRequest(method, url string) (*wireRequest, error) { // want newWireRequest:`returns a request without context`
	r, err := http.NewRequest(method, url, nil)
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	return (*wireRequest)(r), nil
}

func (a *API) Query(ctx context.Context, url string) (*http.Response, error) {
	r, err := newWireRequest(http.MethodPost, url)
	if err != nil {
		return nil, err
	}
	return a.hc.Do((*http.Request)(r).WithContext(ctx))
}

func (a *API) Probe(url string) error {
	r, err := newWireRequest(http.MethodHead, url) // want `newWireRequest returns a request without a context and none is given to it`
	if err != nil {
		return err
	}
	resp, err := a.hc.Do((*http.Request)(r))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
