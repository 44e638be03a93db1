// Package cli is relcheck's command line: flags and wiring, no logic.
package cli

import (
	"errors"
	"fmt"
	"github.com/relcheck/relcheck/internal/config"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Exit codes, as DESIGN.md defines them.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2
	ExitTarget   = 3
)

// IO is where a command reads and writes; tests pass buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Terminal reports whether Out is a terminal (for colour).
	Terminal bool
	Getenv   func(string) string
	// Now is the clock waivers' expiry dates are judged by (their UTC
	// date); nil is time.Now. Tests pass a fixed day.
	Now func() time.Time
}

// exitError carries an exit code out of a cobra command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func usageErr(err error) error { return &exitError{code: ExitUsage, err: err} }

// Main runs relcheck with args (without the program name) and returns the
// exit code.
func Main(args []string, stdio IO) int {
	if stdio.Getenv == nil {
		stdio.Getenv = os.Getenv
	}
	if stdio.Now == nil {
		stdio.Now = time.Now
	}
	root := newRoot(stdio)
	root.SetArgs(defaultToCheck(root, args))
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			say(stdio.Err, "relcheck: %v\n", relativePaths(ee.err))
		}
		return ee.code
	}
	// Cobra's own errors: unknown flags, wrong argument counts.
	say(stdio.Err, "relcheck: %v\n", err)
	return ExitUsage
}

// defaultToCheck makes `relcheck`, `relcheck ./...` and `relcheck --format
// json deploy/` mean `relcheck check …`, as users of linters expect.
func defaultToCheck(root *cobra.Command, args []string) []string {
	if len(args) == 0 {
		return []string{"check"}
	}
	first := args[0]
	switch first {
	case "-h", "--help", "help", "completion", "__complete", "__completeNoDesc", "-v", "--version":
		return args
	}
	for _, c := range root.Commands() {
		if c.Name() == first || c.HasAlias(first) {
			return args
		}
	}
	return append([]string{"check"}, args...)
}

func newRoot(stdio IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "relcheck",
		Short: "Find reliability risks in Go code and deploy manifests before they merge",
		Long: `relcheck finds reliability risks before they merge: missing timeouts, unchecked
errors and retries without backoff in Go code, and single replicas, missing
probes or single-zone databases in Kubernetes, Terraform and Compose files.

Running relcheck without a command is the same as 'relcheck check'.`,
		Example: `  relcheck                      # check the current directory
  relcheck ./...                # the same, in Go's spelling
  relcheck check --format json deploy/ | jq .
  relcheck explain go/http-client-timeout`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newCheck(stdio), newRules(stdio), newExplain(stdio), newVersion(stdio), newPolicy(stdio), newBaseline(stdio))
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// Version is set at build time with -ldflags "-X …cli.Version=v1.2.3"; a
// `go install …@version` build reads it from the module instead.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			if len(rev) > 12 {
				rev = rev[:12]
			}
			if dirty {
				rev += "-dirty"
			}
			return "devel-" + rev
		}
	}
	return "devel"
}

func newVersion(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print relcheck's version",
		Example: "  relcheck version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(stdio.Out, "relcheck %s\n", version())
			return err
		},
	}
}

func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// say writes a message for the person running relcheck. A write to the
// terminal or CI log that fails has nowhere else to be reported, so its error
// is dropped here, in one place, rather than at every message.
//
//relcheck:ignore go/unchecked-error -- a failed write to the user's terminal has nowhere to be reported
func say(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, format, args...)
}

// relativePaths shows the files a usage error names relative to the
// working directory, as every other path relcheck prints: the config file
// is found by searching upward and the paths it names are resolved against
// it, so they are held as absolute paths.
func relativePaths(err error) error {
	var ce *config.Error
	if !errors.As(err, &ce) {
		return errors.New(relativeInText(err.Error()))
	}
	ce.File = relativePath(ce.File)
	// Other config files a message names (the shared file that locked a
	// rule, both ends of an extends cycle) the same way.
	ce.Msg = relativeInText(ce.Msg)
	return err
}

// relativeInText rewrites the absolute paths in a message that lead to
// something on disk; a path into a file (a module inside a policy bundle)
// keeps its inner part. An absolute glob quoted back to its author stays as
// written.
func relativeInText(msg string) string {
	return absPathRE.ReplaceAllStringFunc(msg, func(p string) string {
		for prefix := p; prefix != "/" && prefix != "."; prefix = filepath.Dir(prefix) {
			st, err := os.Stat(prefix)
			switch {
			case err != nil:
				continue
			case prefix == p || st.Mode().IsRegular():
				return relativePath(prefix) + p[len(prefix):]
			}
			// A missing file in an existing directory: the absolute path
			// says where it was looked for.
			return p
		}
		return p
	})
}

var absPathRE = regexp.MustCompile(`(?:^|\B)/[^\s:;,()"']+`)

// relativePath is an absolute path as relcheck prints paths: relative to the
// working directory when that is shorter.
func relativePath(p string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(p) {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && len(rel) < len(p) {
		return rel
	}
	return p
}
