package a

import (
	"math/rand/v2"
	"sync/atomic"
	"time"
)

// A client with no close channel to select on: its waits sleep in short
// steps and give up early once Close has set the flag.
type sentinel struct {
	stop uint32
}

func (s *sentinel) refresh() error { return nil }

func (s *sentinel) waitBeforeRetry(d time.Duration) { // want waitBeforeRetry:"delays\\(param\\)"
	const step = 20 * time.Millisecond
	for d > 0 && atomic.LoadUint32(&s.stop) == 0 {
		sl := min(step, d)
		time.Sleep(sl)
		d -= sl
	}
}

func retryDelay(attempts int) time.Duration { // want retryDelay:"returns\\(jitter\\)"
	base := 1 << min(9, attempts)
	return min(time.Second, time.Duration(base+rand.IntN(base))*time.Millisecond)
}

// ok: the chunked wait is given a jittered, growing delay.
func (s *sentinel) refreshRetry() {
	for attempts := 0; atomic.LoadUint32(&s.stop) == 0; attempts++ {
		if err := s.refresh(); err == nil {
			return
		}
		s.waitBeforeRetry(retryDelay(attempts))
	}
}

// The chunked wait is given the same half second in every client.
func (s *sentinel) refreshFixed() {
	for atomic.LoadUint32(&s.stop) == 0 {
		if err := s.refresh(); err == nil {
			return
		}
		s.waitBeforeRetry(500 * time.Millisecond) // want `retry loop \(line 43\) retries s.refresh after a constant delay with no random jitter`
	}
}

// A poller is not a delay: it calls an operation in its loop.
func (s *sentinel) pollRefresh() error {
	for attempt := 0; attempt < 10; attempt++ {
		if err := s.refresh(); err == nil {
			return nil
		}
		time.Sleep(time.Second) // want `retry loop \(line 53\) retries s.refresh after a constant delay with no random jitter`
	}
	return errBusy
}
