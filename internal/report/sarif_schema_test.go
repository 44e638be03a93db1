package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaID is the schema's own $id. The document is registered under it
// from the local copy, and the compiler has no loader for https, so
// validation never touches the network.
const sarifSchemaID = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"

// sarifSchemaPath is resolved when the test binary starts, in the package
// directory, so that tests which change directory still find the schema.
var sarifSchemaPath, _ = filepath.Abs(filepath.Join("testdata", "sarif-schema-2.1.0.json"))

var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open(sarifSchemaPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("sarif schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaID, doc); err != nil {
		return nil, err
	}
	return c.Compile(sarifSchemaID)
})

// ValidateSARIF checks a SARIF log against the OASIS 2.1.0 schema. It is
// exported for the external golden tests only (this is a _test.go file).
func ValidateSARIF(data []byte) error {
	sch, err := sarifSchema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("sarif is not JSON: %w", err)
	}
	return sch.Validate(inst)
}
