// Package policies holds relcheck's built-in Rego policies: one rule per
// directory under kubernetes/, terraform/ and compose/, helpers under lib/.
// The same files are the examples governance teams copy.
package policies

import "embed"

// FS holds every built-in policy, helper and Rego test, rooted at this
// directory (kubernetes/..., terraform/..., compose/..., lib/...).
//
//go:embed kubernetes terraform compose lib
var FS embed.FS
