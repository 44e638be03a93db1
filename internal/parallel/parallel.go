// Package parallel runs independent work items on every core.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(i) for every i in [0, n) on GOMAXPROCS goroutines and returns
// when all calls have. f must only write state owned by index i, which keeps
// results in input order and the output deterministic.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
