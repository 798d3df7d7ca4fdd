package admin

import (
	"fmt"
	"io"
	"net/http"
	"time"

	"storefront/store"
	"storefront/store/shopifycsv"
	"storefront/views"
	"storefront/web/kit"
)

// ProductsCSV downloads the whole catalog, drafts and archived
// products included, as a Shopify product CSV: `storefront import
// products` (or Shopify) reads it back. Image links are absolute URLs of
// this shop, so an import elsewhere can fetch them.
func (h *Handler) ProductsCSV(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	settings, err := h.Store.Settings(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	exponent, ok := store.Currencies[settings.Currency]
	if !ok {
		h.ServerError(w, r, fmt.Errorf("export: the store's currency %q is not supported", settings.Currency))
		return
	}
	imageURL := func(im store.Image) string { return h.AbsURL(r, views.ImageURL(im.ID, false)) }
	h.streamCSV(w, r, h.datedCSV("products"), func(out io.Writer) error {
		cw, err := shopifycsv.NewWriter(out, exponent, imageURL)
		if err == nil {
			err = h.Store.AllProducts(ctx, cw.Write)
		}
		if err == nil {
			err = cw.Flush()
		}
		return err
	})
}

// datedCSV is the download name of a CSV of what, as of today.
func (h *Handler) datedCSV(what string) string {
	return what + "-" + h.Store.Now().Format("2006-01-02") + ".csv"
}

// csvDownloadTime is how long a CSV download may take instead of the
// server's 60 s write timeout, which cut off a 100,000-product catalog's
// file (53 MB, 7-10 MB gzipped) below about 1.5 Mbit/s. It also bounds the
// read snapshot the download holds, and so the checkpoints it holds back.
const csvDownloadTime = 15 * time.Minute

// streamCSV sends the CSV that write writes, as a download called name,
// after a UTF-8 byte order mark, without which Excel reads Chinese names
// and addresses as Windows-1252. Streamed, so that a big shop's export
// needs no memory; a failure once rows are out aborts the connection, so
// the download shows as failed instead of a file that looks complete.
func (h *Handler) streamCSV(w http.ResponseWriter, r *http.Request, name string, write func(io.Writer) error) {
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(csvDownloadTime))
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	out := &countingWriter{w: w}
	if err := write(out); err != nil {
		if out.n == 0 {
			w.Header().Del("Content-Disposition")
			h.StoreError(w, r, err)
			return
		}
		h.Log.Error("csv export", "name", name, "id", kit.RequestID(r.Context()), "err", err)
		panic(http.ErrAbortHandler)
	}
}

// countingWriter counts what has gone out. The byte order mark goes out
// with the first bytes, not before write runs, so that a failure before
// any can still be answered with an error page.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.n == 0 && len(p) > 0 {
		if _, err := io.WriteString(c.w, "\uFEFF"); err != nil {
			return 0, err
		}
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
