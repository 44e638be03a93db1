// Command gendeploy writes N realistic Deployment manifests, one per file,
// for the policy engine benchmark (make bench); see internal/gendeploy for
// their shapes.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/relcheck/relcheck/internal/gendeploy"
)

func main() {
	n := flag.Int("n", 20000, "number of Deployments")
	out := flag.String("out", "", "directory to write into (created)")
	flag.Parse()
	if *out == "" {
		log.Fatal("gendeploy: -out is required")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for i := 0; i < *n; i++ {
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("deploy-%05d.yaml", i)), []byte(gendeploy.Manifest(i)), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
