// Package retryablehttp is a test stub with the API shape of
// hashicorp/go-retryablehttp, including a retry loop written the way the
// library writes its own: it must produce no finding.
package retryablehttp

import (
	"context"
	"math"
	"net/http"
	"time"
)

type CheckRetry func(ctx context.Context, resp *http.Response, err error) (bool, error)
type Backoff func(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration

type Client struct {
	HTTPClient   *http.Client
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	RetryMax     int
	CheckRetry   CheckRetry
	Backoff      Backoff
}

type Request struct {
	*http.Request
}

func NewClient() *Client {
	return &Client{HTTPClient: http.DefaultClient, RetryWaitMin: time.Second, RetryWaitMax: 30 * time.Second, RetryMax: 4,
		CheckRetry: DefaultRetryPolicy, Backoff: DefaultBackoff}
}

func DefaultRetryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		return true, nil
	}
	return resp.StatusCode == 429 || resp.StatusCode >= 500, nil
}

func DefaultBackoff(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration { // want DefaultBackoff:"returns\\(param\\)"
	mult := math.Pow(2, float64(attemptNum)) * float64(min)
	sleep := time.Duration(mult)
	if sleep > max {
		sleep = max
	}
	return sleep
}

func (c *Client) Do(req *Request) (*http.Response, error) {
	var resp *http.Response
	var attempt int
	var shouldRetry bool
	var doErr, checkErr error
	for i := 0; ; i++ {
		attempt++
		resp, doErr = c.HTTPClient.Do(req.Request)
		shouldRetry, checkErr = c.CheckRetry(req.Context(), resp, doErr)
		if !shouldRetry {
			break
		}
		remain := c.RetryMax - i
		if remain <= 0 {
			break
		}
		if doErr == nil && resp != nil {
			resp.Body.Close()
		}
		wait := c.Backoff(c.RetryWaitMin, c.RetryWaitMax, i, resp)
		timer := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			timer.Stop()
			return nil, req.Context().Err()
		case <-timer.C:
		}
	}
	if doErr == nil && checkErr == nil && !shouldRetry {
		return resp, nil
	}
	if checkErr != nil {
		return resp, checkErr
	}
	return resp, doErr
}

func (c *Client) Get(url string) (*http.Response, error) {
	r, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(&Request{r})
}
