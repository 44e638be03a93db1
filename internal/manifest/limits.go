package manifest

import "errors"

// Limits bound what one input may cost, so that an alias bomb, a huge file
// or a pathologically deep document is refused quickly instead of hanging
// the run or exhausting memory.
type Limits struct {
	MaxFileBytes int64 // a larger file is refused before it is read
	MaxNodes     int   // nodes produced per document after alias expansion
	MaxDepth     int   // nesting of mappings and sequences
}

// DefaultLimits are generous for real manifests (a large Helm release renders
// to a few MB; CRDs nest a few dozen levels) and small enough to fail fast.
var DefaultLimits = Limits{MaxFileBytes: 32 << 20, MaxNodes: 1_000_000, MaxDepth: 200}

var errBudget = errors.New("budget exceeded")
