package shop_test

import (
	"context"
	"image/color"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

// requestShirtReturn asks, as the guest with the order's key, to return
// one of o's shirts for a refund, and gives the return's page and id.
func requestShirtReturn(t *testing.T, shop *webtest.Shop, o *store.Order) (page string, id int64) {
	t.Helper()
	res := shop.Post("/orders/"+o.Number+"/returns?key="+url.QueryEscape(o.AccessKey),
		url.Values{store.ReturnQtyField(o.Lines[0].ID): {"1"}, "reason": {"too_small"}, "resolution": {"refund"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("request = %d:\n%s", res.Status, res.Body)
	}
	page = res.Header.Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.Split(page, "?")[0], "/orders/"+o.Number+"/returns/"), 10, 64)
	if err != nil {
		t.Fatalf("the return's page %q: %v", page, err)
	}
	return page, id
}

// TestDeclinedOrCancelledReturnRefundsNothing: a return the shop declined
// and one the shopper cancelled say plainly, in both languages, that
// nothing will be refunded, list what they asked back, and show no
// refund; their data-refund-total is what was refunded, 0. They showed
// "Your refund … Refund $46.80" under "Declined by the shop".
func TestDeclinedOrCancelledReturnRefundsNothing(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	declined, id := requestShirtReturn(t, shop, o)
	if err := shop.Store.RejectReturn(context.Background(), store.Actor{Email: "owner@example.com"}, id, "Worn and washed."); err != nil {
		t.Fatal(err)
	}
	cancelled, _ := requestShirtReturn(t, shop, o)
	if res := shop.Post(strings.Replace(cancelled, "?", "/cancel?", 1), nil); res.Status != http.StatusSeeOther {
		t.Fatalf("cancel = %d", res.Status)
	}
	for _, c := range []struct{ page, status, lang, says string }{
		{declined, store.ReturnRejected, "", "Nothing will be refunded for this return."},
		{declined, store.ReturnRejected, "/zh-cn", "这笔退货不会退款。"},
		{cancelled, store.ReturnCancelled, "", "Nothing will be refunded for this return."},
		{cancelled, store.ReturnCancelled, "/zh-cn", "这笔退货不会退款。"},
	} {
		doc := shop.Get(c.lang + c.page).Doc(t)
		box := doc.Find("[data-return-status]")
		if got := box.AttrOr("data-return-status", ""); got != c.status {
			t.Fatalf("%s%s: status %q, want %q", c.lang, c.page, got, c.status)
		}
		if got := box.AttrOr("data-refund-total", ""); got != "0" {
			t.Errorf("%s %s: data-refund-total = %q, want 0", c.status, c.lang, got)
		}
		if n := doc.Find(".return-quote").Length(); n != 0 {
			t.Errorf("%s %s: shows a refund: %q", c.status, c.lang, doc.Find(".return-quote").Text())
		}
		if got := strings.TrimSpace(doc.Find("[data-no-refund]").Text()); got != c.says {
			t.Errorf("%s %s says %q, want %q", c.status, c.lang, got, c.says)
		}
		if got := doc.Find(".return-items").Text(); !strings.Contains(got, o.Lines[0].ProductTitle) || !strings.Contains(got, "× 1") {
			t.Errorf("%s %s: the items asked back read %q", c.status, c.lang, got)
		}
	}
	if got := shop.Get(declined).Doc(t).Find(".notice").Text(); !strings.Contains(got, "Worn and washed.") {
		t.Errorf("the shop's reason for declining: %q", got)
	}
}

// TestReturnPageLeadsBackToTheOrder: a return's page links back to its
// order, in the page's language: the guest's with the key that opened the
// return, and the member's account page of it; the link opens the order.
func TestReturnPageLeadsBackToTheOrder(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	page, id := requestShirtReturn(t, shop, o)
	guest := "/orders/" + o.Number + "?key=" + url.QueryEscape(o.AccessKey)
	for lang, text := range map[string]string{"": "Back to the order", "/zh-cn": "返回订单"} {
		link := shop.Get(lang + page).Doc(t).Find("a[data-order-link]")
		if got := link.AttrOr("href", ""); got != lang+guest || strings.TrimSpace(link.Text()) != text {
			t.Errorf("%s: the link back is %q to %q, want %q to %q", lang, link.Text(), got, text, lang+guest)
		}
	}
	if got := shop.Get(guest).Doc(t).Find("[data-order-number]").AttrOr("data-order-number", ""); got != o.Number {
		t.Errorf("the guest's link back opens order %q", got)
	}

	// A member opens the return signed in, without the key.
	ana := newCustomer(t, shop, "ana@example.com")
	if _, err := shop.Store.DB().Exec(`UPDATE orders SET customer_id = ? WHERE id = ?`, ana.ID, o.ID); err != nil {
		t.Fatal(err)
	}
	member := shop.OtherBrowser()
	signIn(t, member, "ana@example.com")
	res := member.Get("/orders/" + o.Number + "/returns/" + itoa(id))
	link := res.Doc(t).Find("a[data-order-link]").AttrOr("href", "")
	if res.Status != http.StatusOK || link != "/account/orders/"+o.Number {
		t.Fatalf("the member's return page = %d, its link back %q, want /account/orders/%s", res.Status, link, o.Number)
	}
	if got := member.Get(link).Doc(t).Find("[data-order-number]").AttrOr("data-order-number", ""); got != o.Number {
		t.Errorf("the member's link back opens order %q", got)
	}
}

// TestCancellingAReturnTheShopHasAnswered: the shopper presses "Cancel
// this return" on a page opened before the shop approved it: the return's
// page comes back (409) saying it can no longer be cancelled, as it
// stands now, without the button; it got a generic "didn't make sense"
// page. Pressing it twice on a return the shopper did cancel goes to its
// page.
func TestCancellingAReturnTheShopHasAnswered(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	page, id := requestShirtReturn(t, shop, o)
	cancel := shop.Get(page).Doc(t).Find(`form[action*="/cancel"]`).AttrOr("action", "")
	if err := shop.Store.ApproveReturn(context.Background(), store.Actor{Email: "owner@example.com"}, id, ""); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"": "can no longer be cancelled", "/zh-cn": "无法再撤销"} {
		res := shop.Post(lang+cancel, nil)
		doc := res.Doc(t)
		if res.Status != http.StatusConflict || doc.Find("[data-return-status]").AttrOr("data-return-status", "") != store.ReturnApproved {
			t.Fatalf("%s: cancelling an approved return = %d, status %q:\n%s", lang, res.Status,
				doc.Find("[data-return-status]").AttrOr("data-return-status", ""), res.Body)
		}
		if got := doc.Find("[data-cancel-refused]").Text(); !strings.Contains(got, want) {
			t.Errorf("%s: the page says %q, want %q", lang, got, want)
		}
		if n := doc.Find(`form[action*="/cancel"]`).Length(); n != 0 {
			t.Errorf("%s: the page still offers to cancel", lang)
		}
	}

	again, _ := requestShirtReturn(t, shop, o)
	cancel = strings.Replace(again, "?", "/cancel?", 1)
	first, second := shop.Post(cancel, nil), shop.Post(cancel, nil)
	if first.Status != http.StatusSeeOther || second.Status != http.StatusSeeOther || second.Header.Get("Location") != again {
		t.Errorf("cancelling twice = %d, %d → %q; want both 303 to %q", first.Status, second.Status, second.Header.Get("Location"), again)
	}
}

// TestReturnResolutionMessage: a resolution the form does not offer is
// answered "Choose a refund or an exchange." (in Chinese too) while the
// order's items can be exchanged; once none can (their products are off
// sale), the form offers only a refund and the message asks for that.
func TestReturnResolutionMessage(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	post := "/orders/" + o.Number + "/returns?key=" + url.QueryEscape(o.AccessKey)
	form := url.Values{store.ReturnQtyField(o.Lines[0].ID): {"1"}, "reason": {"too_small"}, "resolution": {"store credit"}}
	check := func(lang, want string, radios int) {
		t.Helper()
		res := shop.Post(lang+post, form)
		doc := res.Doc(t)
		if got := strings.TrimSpace(doc.Find(".return-resolution .field-error").Text()); res.Status != http.StatusUnprocessableEntity || got != want {
			t.Errorf("%s: %d %q, want 422 %q", lang, res.Status, got, want)
		}
		if n := doc.Find(`input[name="resolution"]`).Length(); n != radios {
			t.Errorf("%s: %d resolutions offered, want %d", lang, n, radios)
		}
	}
	check("", "Choose a refund or an exchange.", 2)
	check("/zh-cn", "请选择退款或换货。", 2)

	ctx := context.Background()
	shirt, _ := shop.Store.ProductByHandle(ctx, "linen-shirt", false)
	tea, _ := shop.Store.ProductByHandle(ctx, "dragon-well-tea", false)
	if _, err := shop.Store.SetProductsStatus(ctx, store.Actor{}, []int64{shirt.ID, tea.ID}, store.StatusArchived); err != nil {
		t.Fatal(err)
	}
	check("", "Choose a refund.", 1)
	check("/zh-cn", "请选择退款。", 1)
}

// TestGuestSendsTheKeyInTheForm: a guest may send the order's key as the
// form's key field, as the public contract says, rather than in the URL:
// the request (urlencoded or multipart, with a photo) and the cancel are
// taken and lead to the return's page with the key; a wrong key in the
// form finds nothing. It was 404 whatever the key.
func TestGuestSendsTheKeyInTheForm(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	post := "/orders/" + o.Number + "/returns"
	fields := url.Values{store.ReturnQtyField(o.Lines[0].ID): {"1"}, "reason": {"too_small"}, "resolution": {"refund"}}
	if res := shop.Post(post, withField(fields, "key", "wrong")); res.Status != http.StatusNotFound {
		t.Errorf("a wrong key in the form = %d", res.Status)
	}
	res := shop.Post(post, withField(fields, "key", o.AccessKey))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("the key in the form = %d:\n%s", res.Status, res.Body)
	}
	page := res.Header.Get("Location")
	if want := "?key=" + url.QueryEscape(o.AccessKey); !strings.HasSuffix(page, want) {
		t.Errorf("goes to %q, want the return's page with %s", page, want)
	}
	cancel := strings.Split(page, "?")[0] + "/cancel"
	if res := shop.Post(cancel, url.Values{"key": {o.AccessKey}}); res.Status != http.StatusSeeOther {
		t.Errorf("cancelling with the key in the form = %d", res.Status)
	}
	if got := shop.Get(page).Doc(t).Find("[data-return-status]").AttrOr("data-return-status", ""); got != store.ReturnCancelled {
		t.Errorf("after cancelling: %q", got)
	}

	photo := webtest.PNG(t, color.RGBA{180, 40, 40, 255})
	res = shop.PostFiles(post, withField(fields, "key", o.AccessKey), map[string][][]byte{"photos": {photo}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("multipart with the key in the form = %d:\n%s", res.Status, res.Body)
	}
	if n := shop.Get(res.Header.Get("Location")).Doc(t).Find(".return-photos img").Length(); n != 1 {
		t.Errorf("the return's page shows %d photos, want 1", n)
	}
}

// sendReturnWithNote asks, as the guest, to return one of o's shirts with
// note and one photo, and gives the return's page.
func sendReturnWithNote(t *testing.T, shop *webtest.Shop, o *store.Order, note string) string {
	t.Helper()
	fields := url.Values{store.ReturnQtyField(o.Lines[0].ID): {"1"}, "reason": {"damaged"}, "resolution": {"refund"}, "note": {note}}
	res := shop.PostFiles("/orders/"+o.Number+"/returns?key="+url.QueryEscape(o.AccessKey), fields,
		map[string][][]byte{"photos": {webtest.PNG(t, color.RGBA{200, 30, 30, 255})}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("request = %d:\n%s", res.Status, res.Body)
	}
	return res.Header.Get("Location")
}

// TestReturnPageShowsWhatTheShopperSent: the return's page shows the note
// the shopper wrote, as they wrote it (markup stays text, each line its
// paragraph), and their photos under a heading, in both languages. It
// left the note out and showed the photo alone, as a stray list item.
func TestReturnPageShowsWhatTheShopperSent(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	page := sendReturnWithNote(t, shop, o, "The seam came apart <b>here</b> & there.\n\nIt was like that in the box.")
	for _, c := range []struct{ lang, note, photos string }{
		{"", "Your note", "Your photos"},
		{"/zh-cn", "您的补充说明", "您的照片"},
	} {
		doc := shop.Get(c.lang + page).Doc(t)
		note := doc.Find("[data-return-note]")
		if got := strings.TrimSpace(note.Find("h2").Text()); got != c.note {
			t.Errorf("%s: the note's heading is %q, want %q", c.lang, got, c.note)
		}
		var paras []string
		note.Find("p").Each(func(_ int, p *goquery.Selection) { paras = append(paras, p.Text()) })
		if want := []string{"The seam came apart <b>here</b> & there.", "It was like that in the box."}; !slices.Equal(paras, want) {
			t.Errorf("%s: the note reads %q, want %q", c.lang, paras, want)
		}
		if note.Find("b").Length() != 0 {
			t.Errorf("%s: the shopper's note is read as markup", c.lang)
		}
		photos := doc.Find(".return-photos")
		if got := strings.TrimSpace(photos.Parent().ChildrenFiltered("h2").Text()); got != c.photos || photos.Find("img").Length() != 1 {
			t.Errorf("%s: %d photo(s) under %q, want 1 under %q", c.lang, photos.Find("img").Length(), got, c.photos)
		}
	}

	// A return sent without a note has no empty heading for one.
	if n := shop.Get(sendReturnWithNote(t, shop, o, "")).Doc(t).Find("[data-return-note]").Length(); n != 0 {
		t.Errorf("a return without a note shows %d note sections", n)
	}
}
