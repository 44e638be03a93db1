package arena

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestJoinKeepsEveryString(t *testing.T) {
	var a Strings
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for w := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20000; i++ {
				got[w] = append(got[w], a.Join(fmt.Sprintf("w%d-", w), strings.Repeat("x", i%50), fmt.Sprint(i)))
			}
		}()
	}
	wg.Wait()
	for w := range got {
		for i, s := range got[w] {
			require.Equal(t, fmt.Sprintf("w%d-", w)+strings.Repeat("x", i%50)+fmt.Sprint(i), s)
		}
	}
	require.Equal(t, "", a.Join())
	big := strings.Repeat("y", largest+1)
	require.Equal(t, big, a.Join(big))
	b := []byte("mutable")
	s := a.Bytes(b)
	b[0] = 'M'
	require.Equal(t, "mutable", s, "Bytes copies")
}
