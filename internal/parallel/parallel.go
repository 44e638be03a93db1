// Package parallel runs independent work items on every core.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(i) for every i in [0, n) on GOMAXPROCS goroutines and returns
// when all calls have. f must only write state owned by index i, which keeps
// results in input order and the output deterministic.
func For(n int, f func(i int)) { forN(runtime.GOMAXPROCS(0), n, f) }

// ForFiles is For for work that reads a file per item: twice as many
// goroutines as cores, so that a core whose goroutine waits in a read has
// another to run. Measured on 20,000 small manifests (2 cores): parsing took
// 0.81 s instead of 0.96-1.06 s.
func ForFiles(n int, f func(i int)) { forN(2*runtime.GOMAXPROCS(0), n, f) }

func forN(workers, n int, f func(i int)) {
	workers = min(workers, n)
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
