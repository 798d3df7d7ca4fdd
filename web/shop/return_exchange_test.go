package shop_test

import (
	"context"
	"image/color"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// TestGuestExchangesWithPhotos: a guest asks to exchange a large shirt for
// a medium one, with two photos, from the multipart form; the preview
// refunds nothing; the return's page shows the exchange and the photos,
// which open with the order key and not without it; the owner's reason,
// policy and instructions read in Chinese under /zh-cn.
func TestGuestExchangesWithPhotos(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	ctx := context.Background()
	if err := shop.Store.SetReturnTexts(ctx, store.Actor{}, 0, store.Text{Default: "Seven days, no reason needed.",
		Tr: map[string]string{"zh": "七天无理由退货。"}}, store.Text{Default: "Send to 1 Tea Street.", Tr: map[string]string{"zh": "寄至茶街 1 号。"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.SaveReturnReason(ctx, store.Actor{}, store.ReturnReasonInput{Active: true, Position: 9,
		Title: store.Text{Default: "Colour differs from the photo", Tr: map[string]string{"zh": "颜色与图片不符"}}}); err != nil {
		t.Fatal(err)
	}
	key := url.QueryEscape(o.AccessKey)
	shirt := o.Lines[0]
	v := shop.Variants()

	zh := shop.Get("/zh-cn/orders/" + o.Number + "/returns?key=" + key).Doc(t)
	if !strings.Contains(zh.Find(".return-policy").Text(), "七天无理由退货") {
		t.Error("the policy is not in Chinese")
	}
	if !strings.Contains(zh.Find("#return-reason").Text(), "颜色与图片不符") {
		t.Errorf("the owner's reason in Chinese: %q", zh.Find("#return-reason").Text())
	}
	form := shop.Get("/orders/" + o.Number + "/returns?key=" + key).Doc(t)
	if form.Find(`form.return-form[enctype="multipart/form-data"]`).Length() != 1 {
		t.Fatal("the return form cannot send photos")
	}
	// The sold-out small cannot be chosen.
	if form.Find(`select[name="`+store.ExchangeField(shirt.ID)+`"] option[value="`+itoa(v.ShirtS)+`"][disabled]`).Length() != 1 {
		t.Error("the sold-out size is offered for an exchange")
	}

	post := "/orders/" + o.Number + "/returns?key=" + key
	fields := url.Values{store.ReturnQtyField(shirt.ID): {"1"}, "reason": {"too_large"}, "resolution": {"exchange"},
		store.ExchangeField(shirt.ID): {itoa(v.ShirtM)}}
	preview := shop.PostFiles(post, withField(fields, "preview", "1"), nil)
	if got := preview.Doc(t).Find(".return-quote").AttrOr("data-refund-total", ""); got != "0" || preview.Doc(t).Find("[data-exchange]").Length() != 1 {
		t.Fatalf("exchange preview: refund %q\n%s", got, preview.Body)
	}
	photo := webtest.PNG(t, color.RGBA{180, 40, 40, 255})
	if res := shop.PostFiles(post, fields, map[string][][]byte{"photos": {photo, photo, photo, photo}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("four photos = %d", res.Status)
	}
	res := shop.PostFiles(post, fields, map[string][][]byte{"photos": {photo, photo}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("request = %d:\n%s", res.Status, res.Body)
	}
	page := shop.Get(res.Header.Get("Location")).Doc(t)
	if !strings.Contains(page.Find(".return-exchange").Text(), "M") || page.Find(".return-photos img").Length() != 2 {
		t.Fatalf("return page: exchange %q, %d photos", page.Find(".return-exchange").Text(), page.Find(".return-photos img").Length())
	}
	src := page.Find(".return-photos img").First().AttrOr("src", "")
	img := shop.Get(src)
	if img.Status != http.StatusOK || img.Header.Get("Content-Type") != "image/jpeg" || !strings.Contains(img.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("photo %s = %d %s %s", src, img.Status, img.Header.Get("Content-Type"), img.Header.Get("Cache-Control"))
	}
	if got := shop.OtherBrowser().Get(strings.Split(src, "?")[0]); got.Status != http.StatusNotFound {
		t.Errorf("photo without the key = %d", got.Status)
	}

	// The owner approves: the replacement takes a medium; the page names it.
	before := shop.VariantStock(v.ShirtM)
	owner := shop.OtherBrowser()
	owner.LoginAs(store.RoleOwner)
	id := strings.TrimPrefix(strings.Split(res.Header.Get("Location"), "?")[0], "/orders/"+o.Number+"/returns/")
	if r := owner.Post("/admin/returns/"+id+"/approve", url.Values{}); r.Status != http.StatusSeeOther {
		t.Fatalf("approve = %d:\n%s", r.Status, r.Body)
	}
	if got := shop.VariantStock(v.ShirtM); got != before-1 {
		t.Errorf("medium stock %d after approval, want %d", got, before-1)
	}
	admin := owner.Get("/admin/returns/" + id).Doc(t)
	if admin.Find("[data-exchange-order]").Length() != 1 || admin.Find(".return-photos img").Length() != 2 {
		t.Errorf("admin page: exchange order %d, photos %d", admin.Find("[data-exchange-order]").Length(), admin.Find(".return-photos img").Length())
	}
	zhPage := shop.Get("/zh-cn" + res.Header.Get("Location")).Doc(t)
	if !strings.Contains(zhPage.Find(".return-instructions").Text(), "寄至茶街 1 号") || zhPage.Find("[data-exchange-order]").Length() != 1 {
		t.Errorf("approved page in Chinese: %q", zhPage.Find(".return-instructions").Text())
	}
	if r := owner.Post("/admin/returns/"+id+"/receive", url.Values{"condition_" + itoa(shirt.ID): {"resellable"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("receive = %d", r.Status)
	}
	// Received, an exchange is not "your refund is on its way".
	if got := shop.Get(res.Header.Get("Location")).Doc(t).Find(".return-status").Text(); got != "Received: your replacement comes with its own order." {
		t.Errorf("the received exchange reads %q", got)
	}
	if r := owner.Post("/admin/returns/"+id+"/exchange", url.Values{}); r.Status != http.StatusSeeOther {
		t.Fatalf("complete = %d:\n%s", r.Status, r.Body)
	}
	if got := shop.Get(res.Header.Get("Location")).Doc(t).Find("[data-return-status]").AttrOr("data-return-status", ""); got != "exchanged" {
		t.Errorf("after completing: %q", got)
	}
}

func withField(v url.Values, name, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	out.Set(name, value)
	return out
}

// TestReturnPhotosTooLarge: a photo over the store's limit is refused
// with the form and a message (422); a body over the route's limit, under
// either language's address, is cut off (413); neither records a return.
func TestReturnPhotosTooLarge(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	key := url.QueryEscape(o.AccessKey)
	fields := url.Values{store.ReturnQtyField(o.Lines[0].ID): {"1"}, "reason": {"damaged"}, "resolution": {"refund"}}
	big := make([]byte, store.MaxImageBytes+10)
	res := shop.PostFiles("/orders/"+o.Number+"/returns?key="+key, fields, map[string][][]byte{"photos": {big}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "field-error") {
		t.Errorf("a photo over the limit = %d", res.Status)
	}
	huge := make([]byte, store.MaxImageBytes)
	for _, prefix := range []string{"", "/zh-cn"} {
		res := shop.PostFiles(prefix+"/orders/"+o.Number+"/returns?key="+key, fields,
			map[string][][]byte{"photos": {huge, huge, huge, huge}})
		if res.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: a body over the limit = %d", prefix, res.Status)
		}
	}
	if list, _ := shop.Store.ListReturns(context.Background(), store.ReturnFilter{}, 1, 10); list.Total != 0 {
		t.Errorf("%d returns recorded", list.Total)
	}
}

// TestReturnPhotosOnASlowLine: a phone on a weak signal takes longer to
// send its photos than the server gives any other request to arrive; the
// return is still recorded, with its photos, and the shopper gets its page
// rather than a dropped connection. Someone without the order's key is
// answered as before.
func TestReturnPhotosOnASlowLine(t *testing.T) {
	const read, write = 300 * time.Millisecond, 600 * time.Millisecond // serve's are 30 and 60 s
	shop := webtest.New(t, webtest.WithTimeouts(read, write))
	shop.SeedFixture()
	o := shipped(t, shop)
	fields := url.Values{store.ReturnQtyField(o.Lines[0].ID): {"1"}, "reason": {"too_small"}, "resolution": {"refund"}}
	photo := webtest.PNG(t, color.RGBA{180, 40, 40, 255})
	photos := map[string][][]byte{"photos": {photo, photo}}

	if res := shop.PostFilesOver("/orders/"+o.Number+"/returns?key=wrong", fields, photos, 2*write); res.Status != http.StatusNotFound {
		t.Errorf("a slow upload with the wrong key = %d, want 404", res.Status)
	}
	res := shop.PostFilesOver("/orders/"+o.Number+"/returns?key="+url.QueryEscape(o.AccessKey), fields, photos, 2*write)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("a return sent over %v = %d:\n%s", 2*write, res.Status, res.Body)
	}
	if n := shop.Get(res.Header.Get("Location")).Doc(t).Find(".return-photos img").Length(); n != 2 {
		t.Errorf("the return's page shows %d photos, want 2", n)
	}
}
