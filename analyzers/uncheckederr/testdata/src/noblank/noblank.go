package noblank

import "os"

func f(p string) {
	_ = os.Remove(p)
	_, _ = os.ReadFile(p)
	os.Remove(p) // want `error returned by os.Remove\(\) is not checked`
}
