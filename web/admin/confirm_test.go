package admin_test

import (
	"context"
	"image/color"
	"net/http"
	"testing"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestArchivingAPromotionAsksFirst: Archive, pressed without ticking its
// box (a stray tap on a phone), answers 422 with a message beside the box
// and leaves the coupon running with its code; ticked, it archives.
func TestArchivingAPromotionAsksFirst(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	ctx := context.Background()
	id := promotionID(t, shop.Post("/admin/promotions", couponForm()))
	base := adminviews.PromotionURL(id)

	form := formOf(t, shop.Get(base), "form.promotion-archive")
	if _, ticked := form["confirm"]; ticked {
		t.Fatal("the archive box is ticked before anyone ticks it")
	}
	res := shop.Post(base+"/archive", form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("archive without the tick = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if got, want := doc.Find("form.promotion-archive #confirm-error").Text(), i18n.TL("en", "admin.promotions.error.confirm_archive"); got != want {
		t.Errorf("message beside the box = %q, want %q", got, want)
	}
	if doc.Find(`form.promotion-archive input[name=confirm][aria-invalid=true]`).Length() != 1 {
		t.Error("the box is not marked as the field to correct")
	}
	if p, _ := shop.Store.PromotionByID(ctx, id); p.Archived || p.State != store.PromoStateActive || p.Code != "WELCOME10" {
		t.Fatalf("after an unticked archive: archived %v, state %s, code %q", p.Archived, p.State, p.Code)
	}

	form.Set("confirm", "1")
	if got := promotionID(t, shop.Post(base+"/archive", form)); got != id {
		t.Errorf("archive went to %d", got)
	}
	if p, _ := shop.Store.PromotionByID(ctx, id); !p.Archived {
		t.Error("a ticked archive did not archive")
	}
}

// TestDeletingAnImageAsksFirst: an image's Delete, pressed without
// ticking its box, answers 422 with the message beside that image's box
// and keeps the image and its alt text; ticked, it deletes the image.
func TestDeletingAnImageAsksFirst(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	if res := upload(shop, "/admin/products/1/images", "back.png", webtest.PNG(t, color.Black), "Back"); res.Status != http.StatusSeeOther {
		t.Fatalf("upload = %d", res.Status)
	}
	p, _ := shop.Store.ProductByID(ctx, 1)
	front, back := p.Images[0].Alt, p.Images[1].ID
	action := "/admin/products/1/images/" + itoa(back) + "/delete"
	box := "#" + adminviews.ImageConfirmField(back)

	form := formOf(t, shop.Get("/admin/products/1"), `form[action^="`+action+`"]`)
	res := shop.Post(action, form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("delete without the tick = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if got, want := doc.Find(box+" .field-error").Text(), i18n.TL("en", "admin.product.error.confirm_image_delete"); got != want {
		t.Errorf("message beside the image's box = %q, want %q", got, want)
	}
	if doc.Find(".field-error").Length() != 1 {
		t.Errorf("%d messages on the page, want the one beside this image", doc.Find(".field-error").Length())
	}
	if p, _ := shop.Store.ProductByID(ctx, 1); len(p.Images) != 2 || p.Images[1].Alt != "Back" {
		t.Fatalf("after an unticked delete: %+v", p.Images)
	}

	form.Set("confirm", "1")
	if res := shop.Post(action, form); res.Status != http.StatusSeeOther {
		t.Fatalf("ticked delete = %d", res.Status)
	}
	if p, _ := shop.Store.ProductByID(ctx, 1); len(p.Images) != 1 || p.Images[0].Alt != front {
		t.Errorf("after a ticked delete: %+v", p.Images)
	}
}
