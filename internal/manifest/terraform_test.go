package manifest

import (
	"os"
	"path/filepath"
	"testing"

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
