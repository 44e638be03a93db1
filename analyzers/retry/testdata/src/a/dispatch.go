package a

import (
	"errors"
	"net"
	"strconv"
	"strings"
	"time"
)

func listenFD(fd uint64) (net.Listener, error) { return nil, nil }

// The address is first parsed as an inherited file descriptor; when it is
// not one, the port is bound. The parse of an unchanged string fails the
// same way every time: what is retried 100 ms later is either bind.
func tryListen(addr string) (net.Listener, error) {
	var listenErr error
	for i := 0; i < 2; i++ {
		if i > 0 {
			time.Sleep(100 * time.Millisecond) // want `retry loop \(line 18\) retries listenFD or net.Listen after a constant delay with no random jitter`
		}
		var ln net.Listener
		fd, err := strconv.ParseUint(strings.TrimPrefix(addr, "fd/"), 0, strconv.IntSize)
		if err == nil {
			ln, listenErr = listenFD(fd)
			if listenErr == nil {
				return ln, nil
			}
		} else {
			ln, listenErr = net.Listen("tcp", addr)
			if listenErr == nil {
				return ln, nil
			}
		}
	}
	return nil, listenErr
}

// The same choice with no delay: one report, at the bind, not at the parse.
func bindPort(host, port string) (net.Listener, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var n int
		n, err = strconv.Atoi(port)
		if err != nil {
			var ln net.Listener
			ln, err = net.Listen("tcp", net.JoinHostPort(host, port)) // want `retry loop \(line 42\) repeats net.Listen with no delay before the next attempt`
			if err == nil {
				return ln, nil
			}
			continue
		}
		if n == 0 {
			return nil, errors.New("no port")
		}
		return net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(n)))
	}
	return nil, err
}

type peer struct{}

func (peer) connect(addr string) error { return nil }
func (peer) send(msg []byte) error     { return nil }

// Two steps each retried on their own failure: both are reported.
func dialAndGreet(p peer, addr string, hello []byte) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = p.connect(addr) // want `retry loop \(line 69\) repeats p.connect with no delay before the next attempt`
		if err != nil {
			continue
		}
		err = p.send(hello) // want `retry loop \(line 69\) repeats p.send with no delay before the next attempt`
		if err != nil {
			continue
		}
		return nil
	}
	return err
}
