package kit_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"storefront/web/kit"
	"storefront/web/webtest"
)

// TestAllowSlowUploadOverHTTP2: the shop serving HTTPS itself speaks
// HTTP/2 to browsers, where the server's timeouts apply to each request
// rather than to the connection. A body sent slower than the read
// timeout, and an answer after the write timeout, arrive whole over both
// protocols when the handler allows the time, and are cut off otherwise.
func TestAllowSlowUploadOverHTTP2(t *testing.T) {
	const read, write = 200 * time.Millisecond, 400 * time.Millisecond // serve's are 30 and 60 s
	body := bytes.Repeat([]byte("x"), 10_000)
	for _, h2 := range []bool{false, true} {
		for _, allow := range []bool{false, true} {
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if allow {
					kit.AllowSlowUpload(w, 10<<20)
				}
				got, err := io.ReadAll(r.Body)
				if err != nil || !bytes.Equal(got, body) {
					http.Error(w, "body cut off", http.StatusBadRequest)
					return
				}
				time.Sleep(write) // past the write timeout, counted from the request's start
				io.WriteString(w, "received")
			}))
			srv.Config.ReadTimeout, srv.Config.WriteTimeout = read, write
			srv.EnableHTTP2 = h2
			srv.StartTLS()
			req, _ := http.NewRequest(http.MethodPost, srv.URL, webtest.SlowBody(body, 2*read))
			req.ContentLength = int64(len(body))
			res, err := srv.Client().Do(req)
			var answer []byte
			if err == nil {
				answer, err = io.ReadAll(res.Body)
				res.Body.Close()
			}
			proto := 1
			if h2 {
				proto = 2
			}
			switch {
			case allow && (err != nil || res.ProtoMajor != proto || string(answer) != "received"):
				t.Errorf("HTTP/2 %v, allowed: %v, %q; want the body received", h2, err, answer)
			case !allow && err == nil && string(answer) == "received":
				t.Errorf("HTTP/2 %v, not allowed: the body was received over twice the read timeout; the test shows nothing", h2)
			}
			srv.Close()
		}
	}
}
