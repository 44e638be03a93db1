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
	entry, err := sarifSchemaEntry(doc)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaID, doc); err != nil {
		return nil, err
	}
	return c.Compile(sarifSchemaID + entry)
})

// sarifSchemaEntry finds where the log-level constraints are. The OASIS
// file has them at its root. The copy in testdata (see its README) has them
// moved under definitions.Root, leaving a root that accepts any JSON;
// validating against that root would pass everything, so the entry point is
// chosen by where "properties" actually is, and the genuine file works too.
func sarifSchemaEntry(doc any) (string, error) {
	m, _ := doc.(map[string]any)
	if _, ok := m["properties"]; ok {
		return "", nil
	}
	if defs, ok := m["definitions"].(map[string]any); ok {
		if root, ok := defs["Root"].(map[string]any); ok && root["properties"] != nil {
			return "#/definitions/Root", nil
		}
	}
	return "", fmt.Errorf("sarif schema: no log-level properties at the root or in definitions.Root")
}

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
