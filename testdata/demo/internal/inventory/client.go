// Package inventory talks to the inventory service.
package inventory

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Item is what the inventory service knows about a SKU.
type Item struct {
	SKU   string `json:"sku"`
	Stock int    `json:"stock"`
}

// Client looks items up. Its HTTP client has no timeout: one slow inventory
// replica stalls every storefront request that needs it.
type Client struct {
	base string
	http *http.Client
}

// New returns a client for the service at base.
func New(base string) *Client {
	return &Client{base: base, http: &http.Client{}}
}

// Lookup fetches one item, retrying when the service is unavailable.
func (c *Client) Lookup(ctx context.Context, sku string) (*Item, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/items/"+url.PathEscape(sku), nil)
	if err != nil {
		return nil, err
	}
	var resp *http.Response
	for attempt := 0; attempt < 5; attempt++ {
		resp, err = c.http.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("inventory: %s", resp.Status)
	}
	var it Item
	if err := json.NewDecoder(resp.Body).Decode(&it); err != nil {
		return nil, err
	}
	return &it, nil
}
