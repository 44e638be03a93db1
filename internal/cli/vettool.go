package cli

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
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
	if os.Getenv(gocheck.VetEnv) != "" {
		os.Args = fullLocalRuns(os.Args)
	}
	unitchecker.Main(gocheck.Guard(analyzers)...)
}

// fullLocalRuns turns go vet's facts-only run of a dependency into a full
// run when the package is the user's own code (the main module, a
// workspace module or one replaced by a directory: not a download in the
// module cache or a vendor directory).
//
// go vet caches a run's output under a key that does not say whether it was
// facts-only (cmd/go's vet action ID, Go 1.26). A package first vetted as a
// dependency of another (relcheck check ./b) and then directly (relcheck
// check ./a) replayed the facts-only run's empty output: no findings, with
// no sign that anything was skipped. A full run prints its diagnostics in
// both cases, so the cache holds the same thing either way; relcheck reads
// only the packages it was asked about (gocheck's target filter), and the
// standard library and downloaded modules keep their facts-only runs.
// Only relcheck's own driver gets this: someone running go vet -vettool
// by hand keeps go vet's output as it is.
func fullLocalRuns(args []string) []string {
	if len(args) < 2 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return args
	}
	path := args[len(args)-1]
	data, err := os.ReadFile(path)
	if err != nil {
		return args // unitchecker reports it
	}
	var cfg map[string]json.RawMessage
	var head struct {
		VetxOnly      bool
		Dir           string
		ModulePath    string
		ModuleVersion string
	}
	if json.Unmarshal(data, &cfg) != nil || json.Unmarshal(data, &head) != nil {
		return args
	}
	// A module replaced by a directory keeps its required version
	// (v0.0.0) in the config; its files are the user's all the same.
	if !head.VetxOnly || head.ModulePath == "" || (head.ModuleVersion != "" && downloaded(head.Dir)) {
		return args
	}
	cfg["VetxOnly"] = json.RawMessage("false")
	out, err := json.Marshal(cfg)
	if err != nil {
		return args
	}
	full := strings.TrimSuffix(path, ".cfg") + "-full.cfg"
	if os.WriteFile(full, out, 0o644) != nil {
		return args
	}
	return append(append([]string(nil), args[:len(args)-1]...), full)
}

// downloaded reports whether a package directory is a copy of a module
// nobody edits here: in the module cache (a path element such as
// "x@v1.2.3") or vendored.
func downloaded(dir string) bool {
	for _, e := range strings.Split(filepath.ToSlash(dir), "/") {
		if e == "vendor" || strings.Contains(e, "@v") {
			return true
		}
	}
	return false
}
