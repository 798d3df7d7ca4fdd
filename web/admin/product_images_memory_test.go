package admin_test

import (
	"net/http"
	"runtime"
	"sync"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestHostileImageRefusedBeforeDecoding uploads the outside test's image, a
// 400 KB PNG of 6300×6300 16-bit pixels (300 MB decoded), four times at
// once. Each is refused with the form's message, and the whole exchange
// allocates a fraction of one decoded copy: the refusal comes from the
// header, before any pixel is decoded.
func TestHostileImageRefusedBeforeDecoding(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	hostile := webtest.SolidPNG(6300, 6300, true)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			res := upload(shop, "/admin/products/1/images", "huge.png", hostile, "")
			if res.Status != http.StatusUnprocessableEntity {
				t.Errorf("hostile upload = %d, want 422", res.Status)
				return
			}
			if got, want := res.Doc(t).Find("#image-error").Text(), i18n.TL("en", "error.image_too_big"); got != want {
				t.Errorf("message %q, want %q", got, want)
			}
		})
	}
	wg.Wait()
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("four refused uploads allocated %d MB: the image was decoded", got>>20)
	}
	if p, _ := shop.Store.ProductByID(t.Context(), 1); len(p.Images) != 1 {
		t.Errorf("gallery has %d images, want the fixture's one", len(p.Images))
	}
}
