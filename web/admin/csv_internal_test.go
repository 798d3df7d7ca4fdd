package admin

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"storefront/web/kit"
)

// bom starts every CSV download, for Excel.
const bom = "\uFEFF"

// TestStreamCSVAbortsAFileThatBreaksOff: a download that fails once rows
// are out ends the connection (http.ErrAbortHandler), so the browser shows
// it as failed instead of saving a shorter file that looks complete; the
// failure is logged. One that does not fail is sent whole as an attachment.
func TestStreamCSVAbortsAFileThatBreaksOff(t *testing.T) {
	var log bytes.Buffer
	h := &Handler{Deps: &kit.Deps{Log: slog.New(slog.NewTextHandler(&log, nil))}}
	serve := func(write func(io.Writer) error) (rec *httptest.ResponseRecorder, panicked any) {
		rec = httptest.NewRecorder()
		defer func() { panicked = recover() }()
		h.streamCSV(rec, httptest.NewRequest(http.MethodGet, "/admin/orders.csv", nil), "orders-2026-12-06.csv", write)
		return rec, nil
	}

	rows := strings.Repeat("T000-0001,ana@example.com,paid\n", 500)
	rec, panicked := serve(func(out io.Writer) error {
		io.WriteString(out, rows)
		return errors.New("disk gone")
	})
	if panicked != http.ErrAbortHandler {
		t.Fatalf("a failure after %d bytes: panicked with %v, want http.ErrAbortHandler", len(rows), panicked)
	}
	if rec.Body.Len() != len(bom+rows) || !strings.Contains(log.String(), "disk gone") || !strings.Contains(log.String(), "orders-2026-12-06.csv") {
		t.Errorf("sent %d bytes of %d; log %q", rec.Body.Len(), len(bom+rows), log.String())
	}

	rec, panicked = serve(func(out io.Writer) error {
		_, err := io.WriteString(out, rows)
		return err
	})
	if panicked != nil || rec.Code != http.StatusOK || rec.Body.String() != bom+rows ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="orders-2026-12-06.csv"` ||
		rec.Header().Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Errorf("a whole file: %v, %d, %d bytes, %q", panicked, rec.Code, rec.Body.Len(), rec.Header())
	}
}

// TestStreamCSVOnASlowLine: a download that takes longer than the server's
// write timeout (a big catalog's file on a slow line) arrives whole.
func TestStreamCSVOnASlowLine(t *testing.T) {
	h := &Handler{Deps: &kit.Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}}
	file := strings.Repeat(rand.Text()+"\n", 2<<20/27)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.streamCSV(w, r, "products-2026-12-07.csv", func(out io.Writer) error {
			_, err := io.WriteString(out, file)
			return err
		})
	}))
	const timeout = 200 * time.Millisecond // serve's is 60 s
	srv.Config.WriteTimeout = timeout
	// Small socket buffers at both ends, so that the file does not fit in
	// them and the server writes as fast as the client reads.
	srv.Listener = smallBuffers{srv.Listener}
	srv.Start()
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			if err == nil {
				err = c.(*net.TCPConn).SetReadBuffer(64 << 10)
			}
			return c, err
		}}}
	res, err := client.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var got bytes.Buffer
	start := time.Now()
	buf := make([]byte, 16<<10)
	for {
		n, err := res.Body.Read(buf)
		got.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("after %d of %d bytes in %v: %v", got.Len(), len(file), time.Since(start), err)
		}
		time.Sleep(3 * time.Millisecond) // about 5 MB a second
	}
	if took := time.Since(start); got.String() != bom+file || took < 2*timeout {
		t.Fatalf("got %d bytes of %d in %v; want them all, over more than %v", got.Len(), len(file), took, 2*timeout)
	}
}

// smallBuffers gives each connection it accepts a small send buffer.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		err = c.(*net.TCPConn).SetWriteBuffer(16 << 10)
	}
	return c, err
}
