package servers

import (
	"context"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"time"

	"httpx"
)

// --- positives -------------------------------------------------------------

func packageLevel(mux *http.ServeMux, l net.Listener) {
	log.Fatal(http.ListenAndServe(":8080", mux))              // want `http.ListenAndServe starts a server without ReadHeaderTimeout or ReadTimeout`
	log.Fatal(http.ListenAndServeTLS(":8443", "c", "k", mux)) // want `http.ListenAndServeTLS starts a server`
	log.Fatal(http.Serve(l, mux))                             // want `http.Serve starts a server`
}

func bareServer(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, WriteTimeout: 10 * time.Second}
	return srv.ListenAndServe() // want `http.Server srv is started by srv.ListenAndServe without ReadHeaderTimeout or ReadTimeout`
}

// The timeout is set, but only after an early return that starts the server.
func earlyStart(mux *http.ServeMux, tls bool) error {
	srv := &http.Server{Addr: ":8443", Handler: mux}
	if tls {
		return srv.ListenAndServeTLS("cert.pem", "key.pem") // want `http.Server srv is started by srv.ListenAndServeTLS`
	}
	srv.ReadHeaderTimeout = 5 * time.Second
	return srv.ListenAndServe()
}

func inGoroutine(ctx context.Context, mux *http.ServeMux) {
	var srv http.Server
	srv.Addr = ":9090"
	srv.Handler = mux
	go func() {
		if err := srv.ListenAndServe(); err != http.ErrServerClosed { // want `http.Server srv is started by srv.ListenAndServe`
			log.Print(err)
		}
	}()
	<-ctx.Done()
	srv.Shutdown(context.WithoutCancel(ctx))
}

func bareFromHelper(l net.Listener) error {
	srv := httpx.NewBareServer(":8080", http.NotFoundHandler())
	return srv.Serve(l) // want `the http.Server returned by httpx.NewBareServer is started by srv.Serve`
}

func passedToStarter(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux}
	return httpx.Serve(srv) // want `http.Server srv is started by httpx.Serve`
}

// --- negatives -------------------------------------------------------------

func configured(mux *http.ServeMux) error {
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	return srv.ListenAndServe()
}

func configuredThenGoroutine(ctx context.Context, l net.Listener, mux *http.ServeMux) error {
	srv := &http.Server{Handler: mux}
	srv.ReadTimeout = 10 * time.Second
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case <-ctx.Done():
		return srv.Shutdown(context.WithoutCancel(ctx))
	case err := <-errc:
		return err
	}
}

func configuredHelper() error {
	srv := httpx.NewServer(":8080", http.NotFoundHandler())
	return srv.ListenAndServe()
}

func configuredBeforeHelperStart(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux}
	srv.ReadHeaderTimeout = time.Second
	return httpx.Serve(srv)
}

func bareHelperConfiguredByCaller() error {
	srv := httpx.NewBareServer(":8080", nil)
	srv.ReadHeaderTimeout = 3 * time.Second
	return srv.ListenAndServe()
}

// httptest servers are for tests; they are not flagged.
func testServer() string {
	ts := httptest.NewServer(http.NotFoundHandler())
	defer ts.Close()
	return ts.URL
}

// A server built elsewhere (a parameter, a field) is judged where it is built.
type app struct{ srv *http.Server }

func (a *app) run() error { return a.srv.ListenAndServe() }

// A server kept in a field and started by another method.
type daemon struct {
	srv  *http.Server
	safe *http.Server
}

func newDaemon(mux *http.ServeMux) *daemon {
	return &daemon{
		srv:  &http.Server{Addr: ":8080", Handler: mux},
		safe: &http.Server{Addr: ":8081", Handler: mux, ReadHeaderTimeout: time.Second},
	}
}

func (d *daemon) start() {
	go d.srv.ListenAndServe() // want `http.Server in field srv is started by d.srv.ListenAndServe, and no server stored there has ReadHeaderTimeout or ReadTimeout`
	go d.safe.ListenAndServe()
}
