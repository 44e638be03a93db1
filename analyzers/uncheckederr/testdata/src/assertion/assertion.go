package assertion

import "fmt"

func f(v any) string {
	s := v.(string) // want `type assertion v.\(string\) panics if v does not hold a string`
	n, ok := v.(int)
	_, _ = n, ok
	var m, ok2 = v.(map[string]any)
	_, _ = m, ok2
	switch x := v.(type) {
	case fmt.Stringer:
		return x.String()
	}
	fmt.Println(v.(fmt.Stringer).String()) // want `type assertion v.\(fmt.Stringer\) panics`
	if t, ok := (v.(error)); ok {
		return t.Error()
	}
	return s
}
