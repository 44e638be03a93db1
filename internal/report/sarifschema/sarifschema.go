// Package sarifschema validates SARIF logs against the OASIS SARIF 2.1.0
// schema, for the tests of every package that writes SARIF. The schema is
// embedded, so validation never reaches the network.
package sarifschema

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed sarif-schema-2.1.0.json
var schemaJSON []byte

// id is the schema's own $id; the embedded copy is registered under it.
const id = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"

var schema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, fmt.Errorf("sarif schema: %w", err)
	}
	entry, err := entryPoint(doc)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		return nil, err
	}
	return c.Compile(id + entry)
})

// entryPoint finds where the log-level constraints are. The OASIS file has
// them at its root. The copy shared with this project (see README.md) has
// them moved under definitions.Root, leaving a root that accepts any JSON;
// validating against that root would pass everything, so the entry point is
// chosen by where "properties" actually is, and the genuine file works too.
func entryPoint(doc any) (string, error) {
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

// Validate checks a SARIF log against the schema.
func Validate(data []byte) error {
	sch, err := schema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("sarif is not JSON: %w", err)
	}
	return sch.Validate(inst)
}
