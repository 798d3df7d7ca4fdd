package webtest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser starts a headless system Chromium. Without one the test skips,
// unless STOREFRONT_E2E=1 (as in CI) demands it.
func Browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("STOREFRONT_E2E") == "1" {
			t.Fatal("STOREFRONT_E2E=1 but no Chromium found (apt-get install chromium)")
		}
		t.Skip("no Chromium on this machine; install it or set STOREFRONT_E2E=1 to require it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Env("TMPDIR="+socketDir(t)),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	// A phone's screen. Headless Chromium keeps its window at least 500
	// px wide whatever chromedp.WindowSize asks, so the tests that said
	// 390 px laid pages out at 500; the viewport is what pages see.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait)); err != nil {
		t.Fatalf("browser: %v", err)
	}
	return ctx
}

// socketDir is a TMPDIR for Chromium, removed after the test: Chromium
// leaves a directory for its singleton socket there when it is killed, as
// every test's browser is. t.TempDir's long path would not do: a socket's
// path must be short (108 bytes).
func socketDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "chromium")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// Submit presses sel, a form's button, and returns once next shows on the
// page the form leads to. The press is the button's own click() rather than
// a mouse click at its place on the screen: at a phone's width the mouse
// click now and then landed on something else (the admin tests then hung
// for their whole minute, about once in six runs). The button still
// submits its form with its own name and value, as a tap would.
func Submit(ctx context.Context, sel, next string) error {
	js, err := json.Marshal(sel)
	if err != nil {
		return err
	}
	_, err = chromedp.RunResponse(ctx,
		chromedp.WaitVisible(sel),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+string(js)+`).click()`))
	if err != nil {
		return err
	}
	return chromedp.Do(ctx, chromedp.WaitVisible(next))
}
