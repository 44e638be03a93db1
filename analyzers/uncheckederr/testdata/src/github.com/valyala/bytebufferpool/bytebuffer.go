// Package bytebufferpool is a stub of github.com/valyala/bytebufferpool with
// the methods the default excludes name.
package bytebufferpool

import "io"

type ByteBuffer struct{ B []byte }

func Get() *ByteBuffer { return &ByteBuffer{} }

func Put(b *ByteBuffer) {}

func (b *ByteBuffer) Write(p []byte) (int, error) {
	b.B = append(b.B, p...)
	return len(p), nil
}

// WriteByte always returns nil.
func (b *ByteBuffer) WriteByte(c byte) error {
	b.B = append(b.B, c)
	return nil
}

func (b *ByteBuffer) WriteString(s string) (int, error) {
	b.B = append(b.B, s...)
	return len(s), nil
}

func (b *ByteBuffer) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(b.B)
	return int64(n), err
}

func (b *ByteBuffer) ReadFrom(r io.Reader) (int64, error) { return 0, nil }
