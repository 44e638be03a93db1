// Package arena keeps strings that live for a whole run in shared blocks
// instead of one allocation each.
//
// A large run makes hundreds of thousands of small strings that live until
// the report is written (packed documents, finding messages, anchors) while
// it allocates gigabytes of short-lived YAML nodes and Rego values. Each
// long-lived string pins the memory span it was allocated in, so the heap
// ends up twice the size of what is live: on 20,000 Deployments the process
// held about 230 MB of heap for under 100 MB of objects. Copying those
// strings into blocks of their own keeps the garbage's spans free to reuse.
package arena

import (
	"sync"
	"unsafe"
)

// blockSize is large enough that a block holds a few hundred documents and
// small enough that the unused tail of the last block does not matter.
const blockSize = 256 << 10

// largest is the longest string copied into a block; longer ones are
// allocated on their own, where they fragment nothing.
const largest = 16 << 10

// Strings is a string arena safe for concurrent use. The zero value is
// ready. Blocks are freed by the garbage collector once no string in them
// is referenced.
type Strings struct {
	mu  sync.Mutex
	buf []byte
}

// Join returns the concatenation of parts, stored in the arena.
func (a *Strings) Join(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		return ""
	}
	if n > largest {
		b := make([]byte, 0, n)
		for _, p := range parts {
			b = append(b, p...)
		}
		return unsafe.String(&b[0], n)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, blockSize)
	}
	start := len(a.buf)
	for _, p := range parts {
		a.buf = append(a.buf, p...)
	}
	// The bytes from start on are never written again: later strings are
	// appended after them, and a full block is replaced, not reused.
	return unsafe.String(&a.buf[start], n)
}

// Bytes returns b as a string stored in the arena.
func (a *Strings) Bytes(b []byte) string { return a.Join(unsafe.String(unsafe.SliceData(b), len(b))) }
