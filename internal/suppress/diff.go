package suppress

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/relcheck/relcheck/internal/finding"
)

// Changes is what a diff added, by path relative to Root: whole new files,
// and the new-side numbers of lines added or changed in the others. Judging
// is by line only: a finding on an unchanged line is old even when a change
// elsewhere in its function or resource caused it.
type Changes struct {
	// Root is the absolute directory the diff's paths are relative to.
	Root  string
	added map[string]bool
	lines map[string]map[int]bool
}

// ParseDiff reads a unified diff, as `git diff` or `diff -u` write it. Paths
// are taken from the "+++" side with git's "b/" prefix removed; a file whose
// "---" side is /dev/null (or that git calls a new file) is added whole.
func ParseDiff(r io.Reader) (*Changes, error) {
	c := &Changes{added: map[string]bool{}, lines: map[string]map[int]bool{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	var (
		cur              string // file the hunks belong to
		set              map[int]bool
		git, fromNull    bool
		oldLeft, newLeft int // lines still to read in the current hunk
		next             int // new-side number of the next line in the hunk
		n                int
	)
	for sc.Scan() {
		n++
		l := sc.Text()
		if oldLeft > 0 || newLeft > 0 {
			// Inside a hunk a removed "-- x" reads as "--- x": count lines
			// instead of trusting prefixes.
			// Context lines (with -U1 and up) are in the hunk's range but
			// are not changes.
			switch {
			case strings.HasPrefix(l, "+"):
				if set != nil {
					set[next] = true
				}
				next++
				newLeft--
			case strings.HasPrefix(l, "-"):
				oldLeft--
			case strings.HasPrefix(l, `\`):
			default:
				next++
				oldLeft--
				newLeft--
			}
			continue
		}
		switch {
		case strings.HasPrefix(l, "diff --git "):
			git, fromNull, cur = true, false, ""
			if _, b, ok := splitGitHeader(strings.TrimPrefix(l, "diff --git ")); ok {
				cur = b
			}
		case strings.HasPrefix(l, "new file mode "):
			if cur != "" {
				c.added[cur] = true
			}
		case strings.HasPrefix(l, "rename to "):
			cur = unquote(strings.TrimPrefix(l, "rename to "))
		case strings.HasPrefix(l, "--- "):
			fromNull = diffPath(l[4:], "a/", git) == "/dev/null"
		case strings.HasPrefix(l, "+++ "):
			p := diffPath(l[4:], "b/", git)
			if p == "/dev/null" {
				cur = "" // deleted: nothing of it can be reported
				continue
			}
			cur = p
			if fromNull {
				c.added[cur] = true
			}
		case strings.HasPrefix(l, "@@ "):
			start, count, olds, err := hunkHeader(l)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			oldLeft, newLeft, next, set = olds, count, start, nil
			if cur == "" {
				continue
			}
			if set = c.lines[cur]; set == nil {
				set = map[int]bool{}
				c.lines[cur] = set
			}
		}
	}
	return c, sc.Err()
}

// splitGitHeader splits "a/x b/x" (possibly quoted) into the two paths
// without prefixes. Unquoted paths with spaces are split where the two
// halves agree, which holds for everything but renames.
func splitGitHeader(s string) (a, b string, ok bool) {
	if strings.HasPrefix(s, `"`) {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return "", "", false
		}
		a = unquote(q)
		b = unquote(strings.TrimSpace(s[len(q):]))
	} else if i := strings.Index(s, " b/"); i >= 0 && len(s)-i-3 == i-2 {
		a, b = s[:i], s[i+1:]
	} else if i := strings.LastIndex(s, " "); i >= 0 {
		a, b = s[:i], unquote(s[i+1:])
	} else {
		return "", "", false
	}
	return strings.TrimPrefix(a, "a/"), strings.TrimPrefix(b, "b/"), true
}

// diffPath reads the path of a "---" or "+++" line: git quotes unusual names,
// and diff -u appends a tab and a timestamp.
func diffPath(s, prefix string, git bool) string {
	if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	s = unquote(strings.TrimSpace(s))
	if s == "/dev/null" {
		return s
	}
	if git || strings.HasPrefix(s, prefix) {
		s = strings.TrimPrefix(s, prefix)
	}
	return filepath.ToSlash(filepath.Clean(s))
}

func unquote(s string) string {
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}

// hunkHeader reads "@@ -a[,b] +c[,d] @@": the new side's first line and
// count, and the old side's count, which say how many lines the hunk holds.
func hunkHeader(l string) (start, count, oldCount int, err error) {
	f := strings.Fields(l)
	if len(f) < 3 || !strings.HasPrefix(f[1], "-") || !strings.HasPrefix(f[2], "+") {
		return 0, 0, 0, fmt.Errorf("malformed hunk header %q", l)
	}
	_, oldCount, err = rangeOf(f[1][1:])
	if err != nil {
		return 0, 0, 0, fmt.Errorf("hunk header %q: %w", l, err)
	}
	start, count, err = rangeOf(f[2][1:])
	if err != nil {
		return 0, 0, 0, fmt.Errorf("hunk header %q: %w", l, err)
	}
	return start, count, oldCount, nil
}

func rangeOf(s string) (start, count int, err error) {
	a, b, has := strings.Cut(s, ",")
	if start, err = strconv.Atoi(a); err != nil {
		return 0, 0, err
	}
	count = 1
	if has {
		if count, err = strconv.Atoi(b); err != nil {
			return 0, 0, err
		}
	}
	return start, count, nil
}

// FromPatch reads a unified diff file. Its paths are relative to the root of
// the git repository around base, or to base outside a repository, which is
// where `git diff` and `diff -ru old new` are usually run.
func FromPatch(ctx context.Context, file, base string) (*Changes, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	c, err := ParseDiff(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	c.Root = base
	if top, err := git(ctx, base, "rev-parse", "--show-toplevel"); err == nil {
		c.Root = strings.TrimSpace(top)
	}
	return c, nil
}

// FromRev diffs the working tree against the merge base of rev and HEAD, so
// that what a branch changed counts, uncommitted edits included, and what
// landed on rev since the branch was cut does not. Untracked files that git
// does not ignore are new files too: they are about to be added.
func FromRev(ctx context.Context, rev, base string) (*Changes, error) {
	top, err := git(ctx, base, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(top)
	mb, err := git(ctx, root, "merge-base", rev, "HEAD")
	if err != nil {
		return nil, noMergeBase(ctx, root, rev, err)
	}
	out, err := git(ctx, root, "-c", "core.quotePath=off", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
		"--unified=0", "-M", "--src-prefix=a/", "--dst-prefix=b/", strings.TrimSpace(mb), "--")
	if err != nil {
		return nil, err
	}
	c, err := ParseDiff(strings.NewReader(out))
	if err != nil {
		return nil, fmt.Errorf("reading git diff: %w", err)
	}
	c.Root = root
	untracked, err := git(ctx, root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(untracked, "\x00") {
		if p != "" {
			c.added[p] = true
		}
	}
	return c, nil
}

// noMergeBase explains the usual reasons git finds no merge base. CI
// checkouts are shallow by default (actions/checkout fetches one commit,
// GitLab 20 or 50), and a shallow clone has no history to share with rev.
func noMergeBase(ctx context.Context, root, rev string, err error) error {
	if _, verr := git(ctx, root, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); verr != nil {
		return fmt.Errorf("%s is not a commit here (fetch it first, for example git fetch origin main): %w", rev, err)
	}
	if out, serr := git(ctx, root, "rev-parse", "--is-shallow-repository"); serr == nil && strings.TrimSpace(out) == "true" {
		return fmt.Errorf("%s and HEAD share no commit in this shallow clone: fetch the history (actions/checkout with fetch-depth: 0, GIT_DEPTH: 0 in GitLab CI, or git fetch --unshallow): %w", rev, err)
	}
	return fmt.Errorf("%s and HEAD share no history: %w", rev, err)
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", errors.New("git is not installed or not on PATH")
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return string(out), nil
}

// OnlyNew keeps the findings on lines the diff added and in files it added,
// and every governance finding (see Governance). Findings it cannot place in the repository (standard input, Helm template
// names, files outside the root) are kept: nothing says they are old.
// base is the directory finding paths are relative to.
func (c *Changes) OnlyNew(fs []finding.Finding, base string) (kept []finding.Finding, hidden int) {
	root := c.Root
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if b, err := filepath.EvalSymlinks(base); err == nil {
		base = b
	}
	for _, f := range fs {
		// Governance findings come with time, not with a change: an expired
		// waiver's line is as old as the waiver.
		if Governance(f.Rule) || c.isNew(f, root, base) {
			kept = append(kept, f)
		} else {
			hidden++
		}
	}
	return kept, hidden
}

func (c *Changes) isNew(f finding.Finding, root, base string) bool {
	abs := filepath.FromSlash(f.File)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(base, abs)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return true
	}
	if _, err := os.Stat(abs); err != nil {
		return true
	}
	rel = filepath.ToSlash(rel)
	if c.added[rel] {
		return true
	}
	lines := c.lines[rel]
	if f.Line == 0 {
		// A finding about a whole file is new when the file changed at all.
		return len(lines) > 0
	}
	return lines[f.Line]
}
