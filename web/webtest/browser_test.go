package webtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserIsAPhone: pages in Browser are laid out 390 px wide, as on
// a phone, not at headless Chromium's narrowest window (500 px).
func TestBrowserIsAPhone(t *testing.T) {
	ctx := Browser(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1"><p>Hello`)
	}))
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.clientWidth`))
	if err != nil || width != 390 {
		t.Errorf("page laid out %d px wide (%v), want 390", width, err)
	}
}
