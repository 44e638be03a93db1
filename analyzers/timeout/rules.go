package timeout

import "github.com/relcheck/relcheck/analyzers/ruleinfo"

// Rule ids reported by this family. They never change once released.
const (
	RuleHTTPClientTimeout     = "go/http-client-timeout"
	RuleHTTPDefaultClient     = "go/http-default-client"
	RuleHTTPServerTimeout     = "go/http-server-timeout"
	RuleDialTimeout           = "go/dial-timeout"
	RuleRequestWithoutContext = "go/request-without-context"
	RuleContextDetached       = "go/context-detached"
)

// Rules documents every rule id the timeout family reports.
var Rules = []ruleinfo.Rule{
	{
		ID:       RuleHTTPClientTimeout,
		Title:    "HTTP client used for requests without a timeout",
		Severity: "high",
		Rationale: "An http.Client with no Timeout and a transport that does not bound dialing, " +
			"the TLS handshake and the wait for response headers waits forever on a server that " +
			"accepts the connection and never answers. Every goroutine that calls it piles up " +
			"until the process runs out of memory or connections.",
		Fix: "Set Timeout on the client (covers the whole exchange), or give it an *http.Transport " +
			"with a dialer Timeout, TLSHandshakeTimeout and ResponseHeaderTimeout.",
		Example: `// bad
c := &http.Client{}
resp, err := c.Get(url)

// good
c := &http.Client{Timeout: 10 * time.Second}
resp, err := c.Get(url)`,
		TestSeverity: "low",
	},
	{
		ID:       RuleHTTPDefaultClient,
		Title:    "Request sent through http.DefaultClient or http.DefaultTransport",
		Severity: "high",
		Rationale: "http.Get, http.Post, http.DefaultClient and a client built on http.DefaultTransport " +
			"as-is have no overall timeout and no response header timeout, so one slow server blocks the " +
			"caller forever. DefaultClient is also shared, process-wide mutable state. A request that " +
			"carries the caller's context is bounded by it and not reported; one built with " +
			"context.Background() or context.TODO(), directly or through a variable only ever assigned " +
			"one, is bounded by nothing and is.",
		Fix: "Build your own *http.Client with Timeout set (or a transport with ResponseHeaderTimeout) " +
			"and send requests through it.",
		Example: `// bad
resp, err := http.Get(url)

// good
client := &http.Client{Timeout: 10 * time.Second}
resp, err := client.Get(url)`,
		TestSeverity: "low",
	},
	{
		ID:       RuleHTTPServerTimeout,
		Title:    "HTTP server started without a read timeout",
		Severity: "high",
		Rationale: "A server with neither ReadHeaderTimeout nor ReadTimeout keeps a connection and its " +
			"goroutine for as long as a client takes to send headers. A few slow clients (Slowloris) " +
			"exhaust file descriptors and memory. http.ListenAndServe and http.Serve always run such a server.",
		Fix: "Construct an http.Server with ReadHeaderTimeout (and usually ReadTimeout, WriteTimeout, " +
			"IdleTimeout) and start that server.",
		Example: `// bad
log.Fatal(http.ListenAndServe(":8080", mux))

// good
srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
log.Fatal(srv.ListenAndServe())`,
		TestSeverity: "low",
		Related:      []string{"gosec:G112", "gosec:G114"},
	},
	{
		ID:       RuleDialTimeout,
		Title:    "Network dial without a timeout",
		Severity: "medium",
		Rationale: "net.Dial and friends wait for the operating system's connect timeout, which is minutes " +
			"long, when the peer drops SYN packets. A caller stuck there holds its resources and cannot " +
			"be cancelled.",
		Fix: "Use net.DialTimeout, a net.Dialer with Timeout set, or (*net.Dialer).DialContext with a " +
			"context that has a deadline.",
		Example: `// bad
conn, err := net.Dial("tcp", addr)

// good
d := net.Dialer{Timeout: 5 * time.Second}
conn, err := d.DialContext(ctx, "tcp", addr)`,
		TestSeverity: "low",
	},
	{
		ID:       RuleRequestWithoutContext,
		Title:    "Outgoing call that cannot be cancelled by a context",
		Severity: "medium",
		Rationale: "http.NewRequest, database/sql methods without the Context suffix and net.Lookup* run " +
			"with context.Background, so a caller's deadline or cancellation never reaches them: a " +
			"cancelled request keeps its database query or HTTP call running. A library method that makes " +
			"such a call and has a twin named with a Context suffix (sqlx's Queryx and QueryxContext) is " +
			"reported where it is called, not inside the library. (*tls.Conn).Handshake is " +
			"reported where a context is in scope (a DialTLSContext hook), since it ignores that context.",
		Fix: "Use the context-aware twin and pass the caller's context: http.NewRequestWithContext, " +
			"db.QueryContext, db.ExecContext, (*net.Resolver).LookupHost, (*tls.Conn).HandshakeContext.",
		Example: `// bad
req, err := http.NewRequest("GET", url, nil)
rows, err := db.Query("SELECT 1")

// good
req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
rows, err := db.QueryContext(ctx, "SELECT 1")`,
		TestSeverity: "low",
		Related:      []string{"noctx"},
	},
	{
		ID:       RuleContextDetached,
		Title:    "Fresh context used where the caller's context is available",
		Severity: "medium",
		Rationale: "Passing context.Background() or context.TODO() inside a function that received a " +
			"context throws away the caller's deadline, cancellation and trace values: work continues " +
			"after the client has gone. When the work must outlive the caller, say so with " +
			"context.WithoutCancel(ctx), which keeps the values.",
		Fix: "Pass the function's context (ctx or r.Context()), or context.WithoutCancel(ctx) when the " +
			"work must survive cancellation.",
		Example: `// bad
func (s *Store) Get(ctx context.Context, id string) (*Item, error) {
	return s.load(context.Background(), id)
}

// good
func (s *Store) Get(ctx context.Context, id string) (*Item, error) {
	return s.load(ctx, id)
}`,
		TestSeverity: "low",
	},
}
