package customdefault

import "custom"

func op() error { return nil }

// Without settings, custom.Wait is not known to wait.
func Retry() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil { // want `retry loop \(line 10\) repeats op with no delay before the next attempt`
			return nil
		}
		custom.Wait()
	}
	return err
}
