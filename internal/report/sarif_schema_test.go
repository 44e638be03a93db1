package report

import "github.com/relcheck/relcheck/internal/report/sarifschema"

// ValidateSARIF checks a SARIF log against the OASIS 2.1.0 schema. It is
// exported for the external golden tests only (this is a _test.go file).
func ValidateSARIF(data []byte) error { return sarifschema.Validate(data) }
