package clients

import (
	"context"
	"crypto/tls"
	"net/http"
	"time"
)

// A metrics provider keeps its client in an unexported field and sends
// every query with a deadline of its own: the client stored there needs no
// Timeout.
type metricsSource struct {
	client  *http.Client
	timeout time.Duration
}

func newMetricsSource(insecure bool) *metricsSource {
	s := &metricsSource{client: http.DefaultClient, timeout: 5 * time.Second}
	if insecure {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
		s.client = &http.Client{Transport: t}
	}
	return s
}

func (s *metricsSource) query(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(req.Context(), s.timeout)
	defer cancel()
	resp, err := s.client.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The same provider with one send that carries no deadline: the client
// stored in the field is reported.
type leakySource struct {
	client *http.Client
}

func newLeakySource() *leakySource {
	s := &leakySource{}
	t := http.DefaultTransport.(*http.Transport).Clone()
	s.client = &http.Client{Transport: t} // want `http.Client s.client has no Timeout and its transport does not bound dial, TLS handshake and response headers \(stored in s.client\)`
	return s
}

func (s *leakySource) query(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	resp, err := s.client.Do(req.WithContext(tctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (s *leakySource) ping(url string) error {
	resp, err := s.client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
