package cli

import (
	"flag"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/relcheck/relcheck/internal/config"
	"github.com/relcheck/relcheck/internal/families"
	"github.com/relcheck/relcheck/internal/gocheck"
)

// IsVetTool reports whether relcheck was started by `go vet -vettool`,
// either by relcheck's own vet driver or by a user running
// `go vet -vettool=$(which relcheck) ./...`.
func IsVetTool(args []string) bool {
	if os.Getenv(gocheck.VetEnv) != "" {
		return true
	}
	if len(args) == 0 {
		return false
	}
	return args[0] == "-V=full" || args[0] == "-flags" || strings.HasSuffix(args[len(args)-1], ".cfg")
}

// VetTool runs the unitchecker protocol with the configured analyzers. It
// does not return.
func VetTool(stdio IO) {
	cfg := config.Default(".")
	if p := os.Getenv(gocheck.VetEnv); p != "" && p != "-" {
		c, err := config.Load(p, nil)
		if err != nil {
			say(stdio.Err, "relcheck: %v\n", err)
			os.Exit(ExitUsage)
		}
		cfg = c
	}
	analyzers, err := families.Configure(cfg)
	if err != nil {
		say(stdio.Err, "relcheck: %v\n", err)
		os.Exit(ExitUsage)
	}
	// go vet caches results by the tool's build ID and its flags, not by
	// environment: the parent passes the config's hash as this flag so a
	// changed .relcheck.yaml is a cache miss, not a stale result.
	flag.String(gocheck.ConfigHashFlag, "", "hash of the relcheck configuration (set by relcheck)")
	unitchecker.Main(gocheck.Guard(analyzers)...)
}
