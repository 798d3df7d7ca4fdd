package webtest

import (
	"encoding/base64"
	"io"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// MailServer is a fake mail server, as no real one runs on the test
// machine (nor in CI). It speaks just enough of RFC 5321 for net/smtp
// (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) and keeps each message it
// accepts. It offers no STARTTLS: net/smtp sends the password in the clear
// only because the server is on loopback.
type MailServer struct {
	Addr string // for mail.SMTP's Addr

	mu                 sync.Mutex
	mails              []Mail
	auth               string // the last AUTH PLAIN credentials, decoded
	failFrom, failRcpt string // the replies to MAIL FROM and RCPT TO; "" accepts
}

// Mail is a message the server accepted: its MAIL FROM and RCPT TO
// command lines and its data (dot-stuffing undone, lines ending in \n).
type Mail struct{ From, To, Data string }

// NewMailServer starts a fake mail server that runs until the test ends.
func NewMailServer(t testing.TB) *MailServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &MailServer{Addr: ln.Addr().String()}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for conn, err := ln.Accept(); err == nil; conn, err = ln.Accept() {
			wg.Go(func() { f.serve(conn) })
		}
	})
	return f
}

// Fail makes the server answer MAIL FROM with mailFrom and RCPT TO with
// rcptTo, such as "451 4.3.0 try later"; "" accepts.
func (f *MailServer) Fail(mailFrom, rcptTo string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failFrom, f.failRcpt = mailFrom, rcptTo
}

// Received is the messages accepted so far, and the last AUTH PLAIN
// credentials, decoded.
func (f *MailServer) Received() (mails []Mail, auth string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Mail(nil), f.mails...), f.auth
}

func (f *MailServer) serve(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	c := textproto.NewConn(conn)
	c.PrintfLine("220 fake.test ESMTP")
	var m Mail
	for line, err := c.ReadLine(); err == nil; line, err = c.ReadLine() {
		verb, arg, _ := strings.Cut(line, " ")
		f.mu.Lock()
		reply := "250 ok"
		switch verb = strings.ToUpper(verb); {
		case verb == "EHLO" || verb == "HELO":
			reply = "250-fake.test\r\n250-AUTH PLAIN\r\n250 8BITMIME"
		case verb == "AUTH":
			creds, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(arg, "PLAIN "))
			f.auth, reply = string(creds), "235 2.7.0 accepted"
		case verb == "MAIL" && f.failFrom != "":
			reply = f.failFrom
		case verb == "MAIL":
			m, reply = Mail{From: line}, "250 2.1.0 ok"
		case verb == "RCPT" && f.failRcpt != "":
			reply = f.failRcpt
		case verb == "RCPT":
			m.To, reply = line, "250 2.1.5 ok"
		case verb == "DATA":
			c.PrintfLine("354 end with .")
			data, _ := io.ReadAll(c.DotReader())
			m.Data, reply = string(data), "250 2.0.0 queued"
			f.mails = append(f.mails, m)
		case verb == "QUIT":
			reply = "221 2.0.0 bye"
		}
		f.mu.Unlock()
		c.PrintfLine("%s", reply)
		if verb == "QUIT" {
			return
		}
	}
}
