// Package retry reports retry loops that hammer a failing dependency: loops
// that repeat a failed call with no delay (go/retry-no-backoff), with a delay
// that every client computes identically (go/retry-no-jitter), or with no
// way to give up (go/retry-unbounded).
//
// A loop is a retry loop for a call when, on the control-flow graph, the
// branch taken after the call fails (its error is non-nil, or its HTTP status
// is 429 or 5xx; an error read off the call's result, c.Ping(ctx).Err() or
// db.First(&u).Error, is the call's) leads back to the loop head and around
// to the same call, and the call's receiver and arguments do not change
// with the iteration. A loop
// that moves to the next item, or that does the same thing whether the call
// failed or not (periodic work), is not a retry loop. Nor is one whose
// failure flips a variable that a branch guarding the call tests (the loop
// falls back to other work), one whose call is guarded by what the
// iteration just read (a line, a message), one that walks (cur =
// filepath.Dir(cur)), one whose call reads a value a callback refills or a
// decoder filled (proto.Unmarshal(buf, rec) into a record declared in the
// loop) or a read filled (r.Read(oct[:]), io.ReadFull(r, buf) into a buffer
// declared in the loop), or a reader loop of this package that skips a particular error
// after the read consumed the bad message. A failure known to be a
// timeout (ne.Timeout(), context.DeadlineExceeded, a library's ErrTimeout)
// already waited, and a blocking Accept between attempts is a wait. Calls of
// t.Fatal and its kin through testing.TB end the path, and a failure
// recorded with t.Error, t.Errorf or t.Fail is asserted, not retried.
//
// Retries that a library drives are judged by their policy only for
// k8s.io/apimachinery's wait.Backoff (wait.ExponentialBackoff and
// client-go's retry.OnError and RetryOnConflict, or b.Step() in a loop):
// a literal of this package that leaves Jitter out, or sets it to zero,
// waits the same delays in every replica and is reported by
// go/retry-no-jitter.
//
// Precision is preferred over recall: whenever the analyzer cannot tell what
// a delay or a loop condition does (an interface method, a duration taken
// from a field or parameter, a blocking receive from some channel), it
// assumes the code is fine.
package retry

import "github.com/relcheck/relcheck/analyzers/ruleinfo"

// Rule ids reported by this family.
const (
	RuleNoBackoff = "go/retry-no-backoff"
	RuleNoJitter  = "go/retry-no-jitter"
	RuleUnbounded = "go/retry-unbounded"
)

// jitterPattern is the fix shown for both delay rules; four lines a reader
// can paste without pulling in a library.
const jitterPattern = `    // exponential backoff with full jitter
    base, limit := 100*time.Millisecond, 10*time.Second
    d := min(limit, base<<attempt)
    time.Sleep(time.Duration(rand.Int64N(int64(d)) + 1))`

// Rules documents every rule id this family reports.
var Rules = []ruleinfo.Rule{
	{
		ID:       RuleNoBackoff,
		Title:    "Retry loop repeats a failed call with no delay",
		Severity: "high",
		Rationale: "When the dependency is down, a loop that retries at once turns one " +
			"failure into thousands of requests per second: it burns CPU, floods logs " +
			"and keeps the dependency from recovering.",
		Fix: "Wait before the next attempt, growing the wait each time and adding random " +
			"jitter; or let a library drive the retries (github.com/cenkalti/backoff/v5, " +
			"k8s.io/apimachinery/pkg/util/wait, github.com/hashicorp/go-retryablehttp). " +
			"Without a library:\n" + jitterPattern,
		Example: `// bad
for i := 0; i < 5; i++ {
    if resp, err = client.Do(req); err == nil {
        break
    }
}

// good
for attempt := 0; attempt < 5; attempt++ {
    if resp, err = client.Do(req); err == nil {
        break
    }
    d := min(10*time.Second, 100*time.Millisecond<<attempt)
    time.Sleep(time.Duration(rand.Int64N(int64(d)) + 1))
}`,
	},
	{
		ID:       RuleNoJitter,
		Title:    "Retry loop waits a fixed or purely exponential delay with no jitter",
		Severity: "low",
		// Tests that poll a local server with a fixed sleep are fine: no
		// fleet of clients retries in lockstep there.
		TestSeverity: "info",
		Rationale: "Clients that failed together and wait the same delay retry together: " +
			"every wave of retries hits the dependency at the same instant. A random " +
			"component spreads the retries out.",
		Fix: "Make the delay random within a growing bound (full jitter), or use a " +
			"library that jitters by default (cenkalti/backoff's ExponentialBackOff). " +
			"Without a library:\n" + jitterPattern,
		Example: `// bad
for attempt := 0; attempt < 5; attempt++ {
    if err = db.PingContext(ctx); err == nil {
        break
    }
    time.Sleep(time.Second << attempt)
}

// good
for attempt := 0; attempt < 5; attempt++ {
    if err = db.PingContext(ctx); err == nil {
        break
    }
    d := min(10*time.Second, 100*time.Millisecond<<attempt)
    time.Sleep(time.Duration(rand.Int64N(int64(d)) + 1))
}`,
	},
	{
		ID:       RuleUnbounded,
		Title:    "Retry loop has no attempt bound, context or time budget",
		Severity: "medium",
		Rationale: "A loop that retries until the call succeeds hangs its caller forever " +
			"when the dependency stays down, and cannot be stopped on shutdown: the " +
			"goroutine, its connections and its request leak.",
		Fix: "Bound the loop by attempts (for attempt := 0; attempt < max; attempt++), " +
			"by a total time budget, or by the caller's context: wait in a select on " +
			"ctx.Done() and return ctx.Err().",
		Example: `// bad
for {
    if err = connect(); err == nil {
        break
    }
    time.Sleep(backoff())
}

// good
for {
    if err = connect(); err == nil {
        break
    }
    select {
    case <-ctx.Done():
        return ctx.Err()
    case <-time.After(backoff()):
    }
}`,
	},
}
