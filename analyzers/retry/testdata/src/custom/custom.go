// Package custom has a wait the analyzer cannot see (it blocks on a
// condition variable); the delay-functions setting names it.
package custom

import "sync"

var mu sync.Mutex
var cond = sync.NewCond(&mu)

func Wait() {
	mu.Lock()
	cond.Wait()
	mu.Unlock()
}
