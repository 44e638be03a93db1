// Command relcheck finds reliability risks in Go code and deploy manifests.
package main

import (
	"os"

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
	os.Exit(cli.Main(os.Args[1:], stdio))
}
