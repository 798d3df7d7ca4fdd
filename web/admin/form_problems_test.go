package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// problemLinks checks that a refused form's page opens at its summary (the
// first thing with autofocus) and returns the fields the summary links
// to, each link reaching the message beside its field and ending with it.
func problemLinks(t *testing.T, res webtest.Response) []string {
	t.Helper()
	var fields []string
	for _, it := range problemItems(t, res) {
		fields = append(fields, it.field)
	}
	return fields
}

// problemItem is an item of a refused form's summary.
type problemItem struct {
	field, text, message string
}

// problemItems is problemLinks with each link's text and the message it
// leads to.
func problemItems(t *testing.T, res webtest.Response) []problemItem {
	t.Helper()
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	summary := doc.Find("[autofocus]").First()
	if _, ok := summary.Attr("data-form-problems"); !ok {
		t.Fatalf("the page does not open at the summary; first autofocus: %s", goquery.NodeName(summary))
	}
	if fix := summary.Find("p").First().Text(); fix != i18n.TL("en", "admin.form.fix") && fix != i18n.TL("zh", "admin.form.fix") {
		t.Errorf("summary = %q", summary.Text())
	}
	var items []problemItem
	summary.Find("a").Each(func(_ int, a *goquery.Selection) {
		id, _ := strings.CutPrefix(a.AttrOr("href", ""), "#")
		target := doc.Find(`[id="` + id + `"]`)
		text := strings.TrimSpace(a.Text())
		if target.Length() != 1 || !strings.HasSuffix(text, target.Text()) {
			t.Errorf("link %q (%q) leads to %d elements", id, text, target.Length())
		}
		items = append(items, problemItem{strings.TrimSuffix(id, "-error"), text, target.Text()})
	})
	return items
}

// TestRefusedFormOpensAtItsProblems: on a long page (settings; a product
// with its variants) a refused save answers with a summary that has the
// focus and links to every field in error, not only "Please correct the
// fields marked below." screens above them.
func TestRefusedFormOpensAtItsProblems(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)

	res := shop.Post("/admin/settings/tax", settingsForm(t, shop, "/admin/settings/tax",
		url.Values{"tax_inclusive": {"1"}, "tax_rate": {"abc"}}))
	if got := problemLinks(t, res); !slices.Equal(got, []string{"tax_rate"}) {
		t.Errorf("tax summary links to %v", got)
	}

	form := formOf(t, shop.Get("/admin/products/1"), "form.product-form")
	form.Set("title", " ")
	form.Set("v0_weight", "heavy")
	res = shop.Post("/admin/products/1", form)
	if got := problemLinks(t, res); !slices.Equal(got, []string{"title", "v0_weight"}) {
		t.Errorf("product summary links to %v", got)
	}
}

// TestRefusedSettingsKeepTypedSecrets: a payments save refused for another
// field gives back the Stripe keys as typed, in that answer only; the
// launch form keeps its typed shop password the same way.
func TestRefusedSettingsKeepTypedSecrets(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	const typed, hook = "sk_test_typed_once_123", "whsec_typed_once_456"
	res := shop.Post("/admin/settings/payments", settingsForm(t, shop, "/admin/settings/payments", url.Values{
		"stripe_publishable_key": {"pk_test_abc"}, "stripe_secret_key": {typed}, "stripe_webhook_secret": {hook},
		"stripe_expiry_minutes": {"30"}, "bank_transfer_expiry_hours": {"9999"}}))
	if got := problemLinks(t, res); !slices.Equal(got, []string{"bank_transfer_expiry_hours"}) {
		t.Errorf("payments summary links to %v", got)
	}
	if got := fieldValue(t, res, `input[name=stripe_secret_key]`); got != typed {
		t.Errorf("secret key came back as %q", got)
	}
	if got := fieldValue(t, res, `input[name=stripe_webhook_secret]`); got != hook {
		t.Errorf("webhook secret came back as %q", got)
	}
	if page := shop.Get("/admin/settings"); strings.Contains(page.Body, typed) {
		t.Error("the typed secret outlived the refused answer")
	}

	res = shop.Post("/admin/settings/launch", settingsForm(t, shop, "/admin/settings/launch",
		url.Values{"public_url": {"shop/path"}, "shop_closed": {"1"}, "shop_password": {"open-sesame"}}))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("launch = %d, want 422", res.Status)
	}
	if got := fieldValue(t, res, `input[name=shop_password]`); got != "open-sesame" {
		t.Errorf("shop password came back as %q", got)
	}
}

// TestFormProblemsNameTheirFields: each form that sums up its problems,
// refused, names every field as the page labels it ("Variant 11 · Price:
// Enter an amount such as 19.99.", not the message alone, which says
// nothing of which of twelve variants) and lists them in the order of
// the page, not of the field names (variant 11 after variant 2, the
// title first).
func TestFormProblemsNameTheirFields(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	owner := shop.LoginAs(store.RoleOwner)
	order := shop.SeedOrder()
	coupon := promotionID(t, shop.Post("/admin/promotions", couponForm()))
	invite, _, err := shop.Store.InviteStaff(context.Background(), store.Actor{StaffID: owner.ID}, "sam@example.com", store.RoleSupport)
	if err != nil {
		t.Fatal(err)
	}
	ana, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: "ana@example.com",
		Password: "correct horse battery", Name: "Ana Lima", Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name   string
		refuse func() webtest.Response
		want   []string // the fields in error, in the order of the page
	}{
		{"product", func() webtest.Response {
			form := twelveVariants()
			form.Set("title", "")
			form.Set("v1_price", "")
			form.Set("v10_price", "abc")
			form.Set("seo_title", strings.Repeat("x", store.MaxSEOTitleLen+1))
			return shop.Post("/admin/products/new", form)
		}, []string{"title", "v1_price", "v10_price", "seo_title"}},
		{"bulk prices", func() webtest.Response {
			return shop.Post("/admin/products/bulk", url.Values{"action": {"price"}, "percent": {"ten"}})
		}, []string{"percent"}},
		{"collection", func() webtest.Response {
			form := collectionForm("", "summer-2", "0")
			form.Set("position", "abc")
			return shop.Post("/admin/collections", form)
		}, []string{"title", "position"}},
		{"promotion", func() webtest.Response {
			form := couponForm()
			form.Set("name", "")
			form.Set("value", "")
			return shop.Post("/admin/promotions", form)
		}, []string{"name", "value"}},
		{"payments settings", func() webtest.Response {
			return shop.Post("/admin/settings/payments", settingsForm(t, shop, "/admin/settings/payments", url.Values{
				"stripe_expiry_minutes": {"abc"}, "bank_transfer_expiry_hours": {"9999"}}))
		}, []string{"stripe_expiry_minutes", "bank_transfer_expiry_hours"}},
		{"backups", func() webtest.Response {
			version := versionOf(t, shop, "/admin/settings/backups", `form[action="/admin/settings/backups"]`)
			return shop.Post("/admin/settings/backups", url.Values{"version": {version}, "enabled": {"1"}, "hour": {"25"}, "keep": {"0"}})
		}, []string{"hour", "keep"}},
		{"staff invite", func() webtest.Response {
			return shop.Post("/admin/staff/invite", url.Values{"email": {"not an email"}, "role": {store.RoleManager}})
		}, []string{"email"}},
		{"customer", func() webtest.Response {
			return shop.Post(adminviews.CustomerURL(ana.ID)+"/profile", url.Values{"name": {""}, "birthday": {"1990-02-30"},
				"was_name": {"Ana Lima"}, "was_birthday": {""}})
		}, []string{"name", "birthday"}},
		{"stock", func() webtest.Response {
			return shop.Post("/admin/variants/2/stock", url.Values{"delta": {"abc"}, "reason": {"other"}, "stock_was": {"3"}})
		}, []string{"delta"}},
		{"fulfil", func() webtest.Response {
			page := shop.Get(adminviews.OrderURL(order.ID))
			zero := map[string]string{}
			for _, l := range order.Lines {
				zero[store.FulfilQtyField(l.ID)] = "0"
			}
			return shop.Post(adminviews.OrderURL(order.ID)+"/fulfil", fulfilForm(t, page, zero))
		}, []string{"lines"}},
		{"order cancel", func() webtest.Response {
			form := cancelForm(t, shop.Get(adminviews.OrderURL(order.ID)), order.ID)
			form.Del("confirm")
			return shop.Post(adminviews.OrderURL(order.ID)+"/cancel", form)
		}, []string{"confirm"}},
		{"collection delete", func() webtest.Response {
			return shop.Post("/admin/collections/1/delete", url.Values{})
		}, []string{"confirm"}},
		{"promotion archive", func() webtest.Response {
			return shop.Post(adminviews.PromotionURL(coupon)+"/archive", url.Values{})
		}, []string{"confirm"}},
		{"promotion codes", func() webtest.Response {
			return shop.Post(adminviews.PromotionURL(coupon)+"/codes", url.Values{"count": {"abc"}, "prefix": {"SUMMER"}})
		}, []string{"count"}},
		{"invitation", func() webtest.Response {
			return shop.OtherBrowser().Post(adminviews.InviteURL(invite), url.Values{"name": {""}, "password": {"short"}})
		}, []string{"name", "password"}},
	} {
		if got := checkProblems(t, "en", tt.refuse()); !slices.Equal(got, tt.want) {
			t.Errorf("%s: the summary lists %v, want %v", tt.name, got, tt.want)
		}
	}

	// The first run's setup, where a new owner meets it first.
	fresh := webtest.New(t, webtest.Fresh())
	form := setupForm(fresh.SetupToken, "not an email")
	form.Set("store_name", "")
	if got, want := checkProblems(t, "en", fresh.Post("/admin/setup", form)), []string{"store_name", "email"}; !slices.Equal(got, want) {
		t.Errorf("setup: the summary lists %v, want %v", got, want)
	}

	// In Chinese, the same words as the page's.
	shop.Get("/lang/zh?next=/admin")
	form = twelveVariants()
	form.Set("v10_price", "abc")
	items := problemItems(t, shop.Post("/admin/products/new", form))
	if len(items) != 1 || items[0].text != "款式 11 · 价格："+items[0].message {
		t.Errorf("Chinese summary: %+v", items)
	}
}

// twelveVariants is scarfForm with twelve colours.
func twelveVariants() url.Values {
	form := scarfForm()
	form.Set("variant_rows", "12")
	for i := range 12 {
		form.Set(adminviews.Field(i, "option1"), "Colour "+strconv.Itoa(i+1))
		form.Set(adminviews.Field(i, "sku"), "SC-"+strconv.Itoa(i+1))
		form.Set(adminviews.Field(i, "price"), "19.99")
		form.Set(adminviews.Field(i, "id"), "")
	}
	return form
}

// checkProblems checks a refused form's summary in lang: each item names
// its field as the page labels it ("Label: message"), and the items come
// in the order of the messages on the page. It returns the fields.
func checkProblems(t *testing.T, lang string, res webtest.Response) []string {
	t.Helper()
	doc := res.Doc(t)
	place := map[string]int{}
	doc.Find(`[id$="-error"]`).Each(func(i int, s *goquery.Selection) { place[s.AttrOr("id", "")] = i })
	var fields []string
	for i, it := range problemItems(t, res) {
		label, ok := strings.CutSuffix(it.text, i18n.TL(lang, "admin.form.problem", "", it.message))
		if !ok || label == "" {
			t.Errorf("%s: %q names no field", it.field, it.text)
		} else if !labelsField(doc, it.field, label) {
			t.Errorf("%s: %q is not how the page labels the field", it.field, label)
		}
		if i > 0 && place[it.field+"-error"] < place[fields[i-1]+"-error"] {
			t.Errorf("%s is listed after %s, which the page shows below it", it.field, fields[i-1])
		}
		fields = append(fields, it.field)
	}
	return fields
}

// labelsField reports whether label is how the page labels field: its
// control's label (a translation's carries a "missing" badge after it),
// or its own label after the part of the form it is in ("Variant 11 ·
// Price"), or the legend or heading of the part that holds its message,
// or (a box that confirms it) the button of its form.
func labelsField(doc *goquery.Document, field, label string) bool {
	msg := doc.Find(`[id="` + field + `-error"]`)
	control := doc.Find(`[aria-describedby~="` + field + `-error"]`).First()
	var names []string
	if id := control.AttrOr("id", ""); id != "" {
		names = append(names, doc.Find(`label[for="`+id+`"]`).Text())
	}
	names = append(names, control.AttrOr("aria-label", ""),
		msg.Closest("fieldset").ChildrenFiltered("legend").Text(), msg.Closest("section").Find("h2").First().Text(),
		msg.Closest("form").Find("button[type=submit]").Last().Text())
	for _, name := range names {
		name = strings.Join(strings.Fields(name), " ")
		if name != "" && (name == label || strings.HasPrefix(name, label+" ") || strings.HasSuffix(label, " · "+name)) {
			return true
		}
	}
	return false
}
