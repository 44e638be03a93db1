package parallel

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEveryIndexOnce(t *testing.T) {
	for _, run := range []func(int, func(int)){For, ForFiles} {
		for _, n := range []int{0, 1, 3, 1000} {
			calls := make([]int32, n)
			run(n, func(i int) { atomic.AddInt32(&calls[i], 1) })
			for i, c := range calls {
				require.EqualValues(t, 1, c, "n=%d index %d", n, i)
			}
		}
	}
}
