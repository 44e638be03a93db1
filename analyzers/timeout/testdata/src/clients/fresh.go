package clients

import (
	"context"
	"net/http"
	"time"
)

// context.Background() bounds nothing: a request built with it and sent
// through DefaultClient can wait forever, however it got the context.
func fetchHealth(url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends through http.DefaultClient`
}

func fetchConfig(url string) (*http.Response, error) {
	ctx := context.Background()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends through http.DefaultClient`
}

func fetchLegacy(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req.WithContext(context.TODO())) // want `http.DefaultClient.Do sends through http.DefaultClient`
}

func fetchRetagged(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	var ctx = context.TODO()
	req = req.WithContext(ctx)
	return http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends through http.DefaultClient`
}

// The same local later given a deadline is not fresh: the request is
// bounded by it.
func fetchBounded(url string) (*http.Response, error) {
	ctx := context.Background()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// A context from a field or a parameter is the caller's choice.
type poller struct{ ctx context.Context }

func (p *poller) fetch(url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(p.ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

func fetchWith(ctx context.Context, url string) (*http.Response, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// A fresh context handed with the default client to a helper that builds
// the request with it is the same unbounded exchange.
func PostAlert(url string) error {
	ctx := context.Background()
	return postJSON(ctx, http.DefaultClient, url) // want `passing it to clients.postJSON sends through http.DefaultClient`
}
