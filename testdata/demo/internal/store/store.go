// Package store appends orders to a local journal file.
package store

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"
)

// Journal is an append-only order log.
type Journal struct {
	path string
}

// Open returns the journal kept at path.
func Open(path string) *Journal { return &Journal{path: path} }

// Append writes one order. The deferred Close drops its error, so a write
// the kernel buffered and then failed to flush is reported as success.
func (j *Journal) Append(sku string) error {
	f, err := os.OpenFile(j.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "%s\t%s\n", time.Now().UTC().Format(time.RFC3339), sku)
	return err
}

// Count reads the journal; closing a file that was only read cannot lose
// data, so the dropped Close error here is fine.
func (j *Journal) Count() (int, error) {
	f, err := os.Open(j.path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) != "" {
			n++
		}
	}
	return n, sc.Err()
}
