package dial

import (
	"context"
	"crypto/tls"
	"net"
	"time"

	"httpx"
)

func positives(addr string) {
	net.Dial("tcp", addr)                   // want `net.Dial waits for the operating system's connect timeout`
	net.DialTCP("tcp", nil, &net.TCPAddr{}) // want `net.DialTCP waits`
	tls.Dial("tcp", addr, &tls.Config{})    // want `tls.Dial waits`

	d := &net.Dialer{KeepAlive: 30 * time.Second}
	d.Dial("tcp", addr) // want `net.Dialer d dials with d.Dial but has no Timeout or Deadline`

	var zero net.Dialer
	tls.DialWithDialer(&zero, "tcp", addr, nil) // want `net.Dialer zero dials with tls.DialWithDialer`
}

func negatives(ctx context.Context, addr string) {
	net.DialTimeout("tcp", addr, time.Second)
	net.Dial("udp", addr) // connectionless: nothing to wait for

	d := &net.Dialer{}
	d.Timeout = 2 * time.Second
	d.Dial("tcp", addr)

	dl := net.Dialer{Deadline: time.Now().Add(time.Second)}
	dl.Dial("tcp", addr)

	var z net.Dialer
	z.DialContext(ctx, "tcp", addr) // bounded by ctx

	h := httpx.NewDialer()
	h.Dial("tcp", addr)
	tls.DialWithDialer(h, "tcp", addr, nil)
}

func local(path string) {
	net.Dial("unix", path) // a local socket fails fast instead of waiting
}
