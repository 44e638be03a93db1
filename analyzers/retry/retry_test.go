package retry_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/relcheck/relcheck/analyzers/retry"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), retry.Analyzer, "a")
}
