package customset

import "custom"

func op() error { return nil }

// With "delay-functions": ["custom.Wait"], the loop waits.
func Retry() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		custom.Wait()
	}
	return err
}
