package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
)

// TestWireKeepsOneConnectionUntilTheShopClosesIt: a wire's requests share
// one connection, and after a response that closes it the next request
// dials again rather than failing.
func TestWireKeepsOneConnectionUntilTheShopClosesIt(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("close") {
			w.Header().Set("Connection", "close")
		}
		w.Write([]byte("page " + r.URL.RawQuery))
	}))
	var dials atomic.Int32
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			dials.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	var c wire
	defer c.close()
	b := newBrowser(&c, srv.URL)
	for i, q := range []string{"a", "b", "close", "c", "d"} {
		page, err := b.get("/?" + q)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if page != "page "+q {
			t.Errorf("request %d: %q, want %q", i, page, "page "+q)
		}
	}
	if got := dials.Load(); got != 2 {
		t.Errorf("%d connections for 5 requests, one closed by the server after the third; want 2", got)
	}
}

func TestWireSpeaksTLSToAnHTTPSShop(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("over " + r.Proto + ", TLS " + strconv.FormatBool(r.TLS != nil)))
	}))
	defer srv.Close()
	c := wire{tls: srv.Client().Transport.(*http.Transport).TLSClientConfig}
	defer c.close()
	page, err := newBrowser(&c, srv.URL).get("/")
	if err != nil {
		t.Fatal(err)
	}
	if want := "over HTTP/1.1, TLS true"; page != want {
		t.Errorf("%q, want %q", page, want)
	}
}

// TestWireDialsAgainAfterTheShopDropsIt: when the shop drops the
// connection (a restart), the request on it fails, counted as a failure as
// any other, and the worker's next request dials again rather than failing
// for the rest of the run.
func TestWireDialsAgainAfterTheShopDropsIt(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("page " + r.URL.RawQuery))
	}))
	defer srv.Close()
	var c wire
	defer c.close()
	b := newBrowser(&c, srv.URL)
	if _, err := b.get("/?a"); err != nil {
		t.Fatal(err)
	}
	srv.CloseClientConnections()
	b.get("/?b") // on the dropped connection, whichever way it ends
	if page, err := b.get("/?c"); err != nil || page != "page c" {
		t.Errorf("after the shop dropped the connection: %q, %v", page, err)
	}
}

// TestWireDialsAgainAfterABodyItCouldNotRead: a page whose body breaks off
// (here a broken chunk, followed by bytes that look like a response) fails,
// and the next request gets its own page on a new connection, not what
// was left of the broken one.
func TestWireDialsAgainAfterABodyItCouldNotRead(t *testing.T) {
	held := make(chan net.Conn, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !r.URL.Query().Has("broken") {
			w.Write([]byte("page " + r.URL.RawQuery))
			return
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Write([]byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n" +
			"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale"))
		held <- conn // left open, as a stalled shop would
	}))
	defer srv.Close()
	defer func() {
		select {
		case conn := <-held:
			conn.Close()
		default:
		}
	}()
	var c wire
	defer c.close()
	b := newBrowser(&c, srv.URL)
	if page, err := b.get("/?broken"); err == nil {
		t.Errorf("a broken body read as %q, want an error", page)
	}
	if page, err := b.get("/?next"); err != nil || page != "page next" {
		t.Errorf("the request after a broken body: %q, %v; want its own page", page, err)
	}
}
