// Command relcheck finds reliability risks in Go code and deploy manifests.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"golang.org/x/term"

	"github.com/relcheck/relcheck/internal/cli"
)

func main() {
	stdio := cli.IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		Terminal: term.IsTerminal(int(os.Stdout.Fd())),
	}
	if cli.IsVetTool(os.Args[1:]) {
		cli.VetTool(stdio) // exits
	}
	if os.Getenv("GOGC") == "" {
		// A large run's live heap is mostly what it reports (packed
		// documents, findings) while it allocates gigabytes of short-lived
		// Rego values: collecting at 75 % growth instead of 100 % measured
		// 12-18 MB (9-13 %) less peak memory for 2 % more time on 20,000
		// Deployments. GOGC set in the environment wins.
		debug.SetGCPercent(75)
	}
	stop := profile()
	code := cli.Main(os.Args[1:], stdio)
	stop()
	os.Exit(code)
}

// profile writes CPU and heap profiles where RELCHECK_CPUPROFILE and
// RELCHECK_MEMPROFILE say, and RELCHECK_MEMSTATS=1 prints the runtime's
// memory figures at exit, for measuring relcheck on real inputs (make
// bench, docs/performance.md). A profile that cannot be written is reported
// and the run goes on: it is a developer's aid, never part of a verdict.
func profile() (stop func()) {
	var stops []func()
	if path := os.Getenv("RELCHECK_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "relcheck: RELCHECK_CPUPROFILE: %v\n", err)
		} else {
			stops = append(stops, func() {
				pprof.StopCPUProfile()
				if err := f.Close(); err != nil {
					fmt.Fprintf(os.Stderr, "relcheck: RELCHECK_CPUPROFILE: %v\n", err)
				}
			})
		}
	}
	if path := os.Getenv("RELCHECK_MEMPROFILE"); path != "" {
		stops = append(stops, func() {
			f, err := os.Create(path)
			if err == nil {
				runtime.GC()
				err = pprof.WriteHeapProfile(f)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "relcheck: RELCHECK_MEMPROFILE: %v\n", err)
			}
		})
	}
	if os.Getenv("RELCHECK_MEMSTATS") != "" {
		stops = append(stops, func() {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			fmt.Fprintf(os.Stderr, "relcheck: memory: heap in use %d MB, heap held %d MB (released %d MB), stacks %d MB, total from the OS %d MB, %d collections\n",
				m.HeapInuse>>20, m.HeapSys>>20, m.HeapReleased>>20, m.StackSys>>20, m.Sys>>20, m.NumGC)
		})
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}
