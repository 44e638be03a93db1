package clients

import (
	"context"
	"net/http"
)

// An exported package-level context is for other packages to set (a main
// that assigns its signal context at start-up): what it holds is not known
// here.
var RequestContext = context.Background()

func fetchShared(url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(RequestContext, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// An unexported one is only assigned here: context.Background().
var background = context.Background()

func fetchBackground(url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(background, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends through http.DefaultClient`
}

// Reassigned in a closure: not fresh.
func fetchReassigned(r *http.Request, url string) (*http.Response, error) {
	ctx := context.Background()
	use := func() { ctx = r.Context() }
	use()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// Assigned the caller's context on one path: not fresh.
func fetchMaybe(r *http.Request, url string, inherit bool) (*http.Response, error) {
	ctx := context.Background()
	if inherit {
		ctx = r.Context()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// Generic code: the context is a parameter.
func fetchGeneric[C context.Context](ctx C, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// A struct embedding a context: not a context variable.
type tagged struct {
	context.Context
	id string
}

func fetchTagged(url string) (*http.Response, error) {
	t := tagged{Context: context.Background(), id: "x"}
	req, err := http.NewRequestWithContext(t, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}
