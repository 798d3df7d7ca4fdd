package main

import (
	"bufio"
	"cmp"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// wire is one keep-alive connection that a purchase worker's buyers take
// in turn, each request written and its response read by the caller's
// goroutine. http.Transport hands each request to a goroutine that writes
// it and the response to one that reads it, and http.Client with a
// timeout starts one more per request to enforce it. Without those
// hand-offs the tool took a tenth to a third less CPU a purchase, CPU it
// shares with the shop on one machine. A wire is for one goroutine at a
// time, and each response's body must be read to its end before the next
// request (browser does, and closing a body reads the rest; a body that
// cannot be read to its end ends the connection, wireBody). Its deadline
// is the timeout.
type wire struct {
	conn net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	done bool        // the shop closes conn after the last response
	tls  *tls.Config // for an https target; nil: the system's roots
}

func (c *wire) RoundTrip(req *http.Request) (*http.Response, error) {
	if c.done {
		c.close()
	}
	if c.conn == nil {
		conn, err := dial(req.URL, c.tls)
		if err != nil {
			return nil, err
		}
		c.conn, c.r, c.w = conn, bufio.NewReader(conn), bufio.NewWriter(conn)
	}
	c.conn.SetDeadline(time.Now().Add(browserTimeout))
	err := req.Write(c.w)
	if err == nil {
		err = c.w.Flush()
	}
	if err != nil {
		c.close()
		return nil, err
	}
	resp, err := http.ReadResponse(c.r, req)
	if err != nil {
		c.close()
		return nil, err
	}
	c.done = resp.Close
	resp.Body = wireBody{resp.Body, c}
	return resp, nil
}

// wireBody is a response's body on a wire. If it could not be read to its
// end (a deadline, a broken chunk), the rest of it would be read as the
// next request's response, so the wire dials again instead.
type wireBody struct {
	io.ReadCloser
	c *wire
}

func (b wireBody) Close() error {
	err := b.ReadCloser.Close()
	if err != nil {
		b.c.done = true
	}
	return err
}

func (c *wire) close() {
	if c.conn != nil {
		c.conn.Close()
	}
	c.conn, c.done = nil, false
}

// dial connects to u's host, over TLS for https, on the scheme's port if
// u names none.
func dial(u *url.URL, config *tls.Config) (net.Conn, error) {
	d := &net.Dialer{Timeout: 5 * time.Second}
	if u.Scheme != "https" {
		return d.Dial("tcp", net.JoinHostPort(u.Hostname(), cmp.Or(u.Port(), "80")))
	}
	if config == nil {
		config = &tls.Config{}
	}
	return tls.DialWithDialer(d, "tcp", net.JoinHostPort(u.Hostname(), cmp.Or(u.Port(), "443")), config)
}
