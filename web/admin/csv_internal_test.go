package admin

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"storefront/web/kit"
)

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
	if rec.Body.Len() != len(rows) || !strings.Contains(log.String(), "disk gone") || !strings.Contains(log.String(), "orders-2026-12-06.csv") {
		t.Errorf("sent %d bytes of %d; log %q", rec.Body.Len(), len(rows), log.String())
	}

	rec, panicked = serve(func(out io.Writer) error {
		_, err := io.WriteString(out, rows)
		return err
	})
	if panicked != nil || rec.Code != http.StatusOK || rec.Body.String() != rows ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="orders-2026-12-06.csv"` ||
		rec.Header().Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Errorf("a whole file: %v, %d, %d bytes, %q", panicked, rec.Code, rec.Body.Len(), rec.Header())
	}
}
