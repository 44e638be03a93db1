package cli

import "testing"

// Downloads keep go vet's facts-only runs; the user's own directories,
// replaced modules included, do not.
func TestDownloaded(t *testing.T) {
	for dir, want := range map[string]bool{
		"/home/u/go/pkg/mod/github.com/x/y@v1.2.3/z":       true,
		"/home/u/go/pkg/mod/example.com/b@v0.0.0-2024-abc": true,
		"/src/app/vendor/github.com/x/y":                   true,
		"/src/b":                                           false,
		"/src/app/internal/vendors":                        false,
		"/src/me@home/app":                                 false,
	} {
		if got := downloaded(dir); got != want {
			t.Errorf("downloaded(%q) = %v, want %v", dir, got, want)
		}
	}
}
