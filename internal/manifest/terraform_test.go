package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/require"
)

// A field inside an attribute's object or list literal (a node group of a
// module's eks_managed_node_groups map) is located at its own line, not at
// the attribute's first line.
func TestTerraformValueLiteralPositions(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.tf")
	require.NoError(t, os.WriteFile(main, []byte(`module "eks" {
  source = "terraform-aws-modules/eks/aws"

  eks_managed_node_groups = {
    default = {
      min_size = 1
    }
    "batch-jobs" = {
      min_size = 0
    }
    (var.extra) = {
      min_size = 5
    }
  }

  subnets = [
    "subnet-a",
    {
      id = "subnet-b"
    },
  ]
}
`), 0o644))
	doc, err := ParseTerraform("mod", []TerraformFile{{Path: main, Display: "mod/main.tf"}}, nil, DefaultLimits)
	require.NoError(t, err)

	pos, ok, err := doc.Locate([]any{"module", "eks", "eks_managed_node_groups", "default", "min_size"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, Pos{File: "mod/main.tf", Line: 6, Col: 7, EndLine: 6, EndCol: 19}, pos)
	pos, ok, _ = doc.Locate([]any{"module", "eks", "eks_managed_node_groups", "batch-jobs", "min_size"})
	require.True(t, ok)
	require.Equal(t, 9, pos.Line, "a quoted key")
	pos, ok, _ = doc.Locate([]any{"module", "eks", "eks_managed_node_groups", "default", "max_size"})
	require.False(t, ok)
	require.Equal(t, 5, pos.Line, "a missing key points at its object")
	pos, ok, _ = doc.Locate([]any{"module", "eks", "subnets", 1, "id"})
	require.True(t, ok)
	require.Equal(t, 19, pos.Line)
	pos, ok, _ = doc.Locate([]any{"module", "eks", "eks_managed_node_groups", "other"})
	require.False(t, ok)
	require.Equal(t, 4, pos.Line, "a key that is not a constant is not recorded")
}

// An object literal with some values known only at plan time keeps its
// known values; a computed key leaves the whole value unresolved.
func TestTerraformPartiallyKnownObject(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.tf")
	require.NoError(t, os.WriteFile(main, []byte(`variable "types" {
  type = list(string)
}

module "eks" {
  source = "terraform-aws-modules/eks/aws"

  eks_managed_node_groups = {
    default = {
      instance_types = var.types
      min_size       = 1
      labels         = { role = "web" }
    }
  }

  computed = {
    (var.types[0]) = 1
  }
}
`), 0o644))
	doc, err := ParseTerraform("mod", []TerraformFile{{Path: main, Display: "mod/main.tf"}}, nil, DefaultLimits)
	require.NoError(t, err)
	v, err := ast.JSON(input(t, doc))
	require.NoError(t, err)
	eks := v.(map[string]any)["module"].(map[string]any)["eks"].(map[string]any)
	group := eks["eks_managed_node_groups"].(map[string]any)["default"].(map[string]any)
	require.Equal(t, "${var.types}", group["instance_types"])
	require.Equal(t, "1", fmt.Sprint(group["min_size"]))
	require.Equal(t, map[string]any{"role": "web"}, group["labels"])
	require.Equal(t, "${{\n    (var.types[0]) = 1\n  }}", eks["computed"])
}

// An override file's attribute replaces the original's whole value, so the
// positions of the original's object keys go with it: a key the override
// leaves out is located at the override's object, not at a line of the
// replaced value.
func TestTerraformOverrideForgetsValuePositions(t *testing.T) {
	dir := t.TempDir()
	main := tfFile(t, dir, "main.tf", `module "aks" {
  source = "Azure/aks/azurerm"
  node_pools = {
    batch = {
      name  = "batch"
      zones = ["1", "2"]
    }
  }
}
`)
	over := tfFile(t, dir, "override.tf", `module "aks" {
  node_pools = {
    batch = {
      name = "batch"
    }
  }
}
`)
	doc, err := ParseTerraform("mod", []TerraformFile{main, over}, nil, DefaultLimits)
	require.NoError(t, err)
	pos, ok, err := doc.Locate([]any{"module", "aks", "node_pools", "batch", "zones"})
	require.NoError(t, err)
	require.False(t, ok)
	require.Equal(t, "mod/override.tf", pos.File)
	require.Equal(t, 3, pos.Line)
	pos, ok, _ = doc.Locate([]any{"module", "aks", "node_pools", "batch", "name"})
	require.True(t, ok)
	require.Equal(t, Pos{File: "mod/override.tf", Line: 4, Col: 7, EndLine: 4, EndCol: 21}, pos)
}

// A partly unknown object literal is converted key by key only down to
// maxValueDepth: each level evaluates all of its value again, and a
// literal nested thousands deep took seconds to load.
func TestTerraformPartiallyKnownObjectDepth(t *testing.T) {
	dir := t.TempDir()
	const n = 2000
	src := `module "m" {
  source = "x"
  deep = ` + strings.Repeat("{ a = ", n) + "var.x" + strings.Repeat(" }", n) + `
}
`
	main := tfFile(t, dir, "main.tf", src)
	doc, err := ParseTerraform("mod", []TerraformFile{main}, nil, DefaultLimits)
	require.NoError(t, err)
	v, err := ast.JSON(input(t, doc))
	require.NoError(t, err)
	x := v.(map[string]any)["module"].(map[string]any)["m"].(map[string]any)["deep"]
	for i := 0; i < maxValueDepth; i++ {
		obj, ok := x.(map[string]any)
		require.True(t, ok, "level %d is an object", i)
		x = obj["a"]
	}
	s, ok := x.(string)
	require.True(t, ok, "below maxValueDepth the value is kept as text")
	require.True(t, strings.HasPrefix(s, "${{ a = "), s[:20])
}
