package admin_test

import (
	"bytes"
	"context"
	"image/color"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/themes"
	"storefront/views"
	"storefront/web/kit"
	"storefront/web/webtest"
)

// settingsForm is the form posting to action on the settings page, with
// its hidden version filled in from the page.
func settingsForm(t *testing.T, shop *webtest.Shop, action string, values url.Values) url.Values {
	t.Helper()
	page := shop.Get("/admin/settings")
	if page.Status != http.StatusOK {
		t.Fatalf("settings page = %d\n%s", page.Status, page.Body)
	}
	v, ok := page.Doc(t).Find(`form[action="` + action + `"] input[name=version]`).Attr("value")
	if !ok {
		t.Fatalf("no version in the form for %s", action)
	}
	values.Set("version", v)
	return values
}

// saveSettings posts a settings form and expects the redirect back.
func saveSettings(t *testing.T, shop *webtest.Shop, action string, values url.Values) {
	t.Helper()
	res := shop.Post(action, settingsForm(t, shop, action, values))
	settingsRedirect(t, res, http.StatusSeeOther, "/admin/settings?saved=")
}

// visitor fetches path as an anonymous shopper: no cookies at all, so the
// page cache may answer.
func visitor(t *testing.T, shop *webtest.Shop, path string) webtest.Response {
	t.Helper()
	res, err := http.Get(shop.Server.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return webtest.Response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

// settingsRedirect checks a save answered 303 to a location with prefix.
func settingsRedirect(t *testing.T, res webtest.Response, status int, prefix string) {
	t.Helper()
	if loc := res.Header.Get("Location"); res.Status != status || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("got %d → %q, want %d → %s…\n%s", res.Status, loc, status, prefix, res.Body)
	}
}

func fieldValue(t *testing.T, res webtest.Response, selector string) string {
	t.Helper()
	return res.Doc(t).Find(selector).AttrOr("value", "<missing>")
}

// TestSettingsSectionsSaveAndShowBack saves each section as the owner and
// reads it back on the page.
func TestSettingsSectionsSaveAndShowBack(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)

	saveSettings(t, shop, "/admin/settings/profile", url.Values{"store_name": {"Tea House"}, "store_description": {"Leaves."},
		"contact_email": {"hello@tea.example"}, "phone": {"+86 21 5555"}, "address": {"1 Tea Road\nShanghai"}})
	saveSettings(t, shop, "/admin/settings/regional", url.Values{"currency": {"CNY"}, "locale": {"zh"}})
	saveSettings(t, shop, "/admin/settings/theme", url.Values{"theme": {"sakura"}, "brand_color_custom": {"1"}, "brand_color": {"#AA3366"}})
	saveSettings(t, shop, "/admin/settings/tax", url.Values{"tax_inclusive": {"0"}, "tax_rate": {"12.5"}})

	page := shop.Get("/admin/settings")
	doc := page.Doc(t)
	for sel, want := range map[string]string{
		`input[name=store_name]`:    "Tea House",
		`input[name=contact_email]`: "hello@tea.example",
		`input[name=brand_color]`:   "#aa3366",
		`input[name=tax_rate]`:      "12.5",
	} {
		if got := doc.Find(sel).AttrOr("value", ""); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	if got := doc.Find(`textarea[name=address]`).Text(); got != "1 Tea Road\nShanghai" {
		t.Errorf("address = %q", got)
	}
	for sel, want := range map[string]string{
		`select[name=currency] option[selected]`:            "CNY",
		`select[name=locale] option[selected]`:              "zh",
		`input[name=theme][checked]`:                        "sakura",
		`input[name=tax_inclusive][checked]`:                "0",
		`input[name=brand_color_custom][checked]`:           "1",
		`form[action="/admin/settings/tax"] [name=version]`: "2",
	} {
		if got := doc.Find(sel).AttrOr("value", ""); got != want {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	st, _ := shop.Store.Settings(context.Background())
	if st.TaxRateBP != 1250 || st.TaxInclusive || st.Currency != "CNY" || st.Theme != "sakura" {
		t.Errorf("stored settings = %+v", st)
	}
	if log, _ := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: store.ActionSettingsUpdate}); log.Total != 4 {
		t.Errorf("audit entries = %d, want 4", log.Total)
	}
}

// TestPaymentSecretsNeverShownBack: the page shows a stored secret only
// masked, an empty field keeps it, "remove" clears it, and the audit log
// holds it masked.
func TestPaymentSecretsNeverShownBack(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	const secret = "sk_live_51HsecretSECRETsecret9f3c"
	form := func(extra url.Values) url.Values {
		v := url.Values{"stripe_publishable_key": {"pk_live_public"}, "stripe_expiry_minutes": {"30"},
			"bank_transfer_expiry_hours": {"72"}, "bank_transfer_enabled": {"1"}, "bank_transfer_instructions": {"IBAN DE00 0000"},
			"cod_enabled": {"1"}}
		for k, vs := range extra {
			v[k] = vs
		}
		return v
	}
	saveSettings(t, shop, "/admin/settings/payments", form(url.Values{"stripe_secret_key": {secret},
		"stripe_webhook_secret": {"whsec_0123456789abcdef"}}))

	page := shop.Get("/admin/settings")
	if strings.Contains(page.Body, "SECRETsecret") || strings.Contains(page.Body, "0123456789abcdef") {
		t.Fatal("the settings page shows a secret")
	}
	doc := page.Doc(t)
	if got := doc.Find(`[data-secret=stripe_secret_key]`).Text(); got != "sk_live_…9f3c" {
		t.Errorf("secret key mask = %q", got)
	}
	if got := doc.Find(`input[name=stripe_secret_key]`).AttrOr("value", ""); got != "" {
		t.Errorf("secret field prefilled with %q", got)
	}
	if got := doc.Find(`input[name=stripe_publishable_key]`).AttrOr("value", ""); got != "pk_live_public" {
		t.Errorf("publishable key = %q", got)
	}

	// Saving again with the secret fields empty keeps both; "remove" clears one.
	saveSettings(t, shop, "/admin/settings/payments", form(url.Values{"stripe_expiry_minutes": {"45"}}))
	sec, _ := shop.Store.StripeSecrets(context.Background())
	if sec.SecretKey != secret || sec.WebhookSecret != "whsec_0123456789abcdef" {
		t.Errorf("after an empty save: %+v", sec)
	}
	saveSettings(t, shop, "/admin/settings/payments", form(url.Values{"remove_stripe_webhook_secret": {"1"}}))
	if sec, _ := shop.Store.StripeSecrets(context.Background()); sec.SecretKey != secret || sec.WebhookSecret != "" {
		t.Errorf("after remove: %+v", sec)
	}

	audit := shop.Get("/admin/audit?entity=settings")
	if audit.Status != http.StatusOK || strings.Contains(audit.Body, "SECRETsecret") || !strings.Contains(audit.Body, "sk_live_…9f3c") {
		t.Errorf("audit page = %d; secrets must appear masked only", audit.Status)
	}

	// A mistake elsewhere in the form keeps what was typed, never the stored secret.
	res := shop.Post("/admin/settings/payments", settingsForm(t, shop, "/admin/settings/payments",
		form(url.Values{"stripe_secret_key": {"sk_live_typed_but_refused"}, "stripe_expiry_minutes": {"soon"}})))
	if res.Status != http.StatusUnprocessableEntity || strings.Contains(res.Body, "SECRETsecret") {
		t.Errorf("bad expiry = %d (stored secret shown: %v)", res.Status, strings.Contains(res.Body, "SECRETsecret"))
	}
	if got := fieldValue(t, res, `input[name=stripe_expiry_minutes]`); got != "soon" {
		t.Errorf("expiry kept as %q", got)
	}
}

// TestSettingsInvalidInputKeepsValues: each bad value answers 422 with the
// form as typed and a message beside the field.
func TestSettingsInvalidInputKeepsValues(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	tests := []struct {
		name, action string
		values       url.Values
		field, want  string // the field with the message, and the value it must keep
	}{
		{"bad hex colour", "/admin/settings/theme", url.Values{"theme": {"noir"}, "brand_color_custom": {"1"}, "brand_color": {"#12345z"}},
			"brand_color", "#12345z"},
		{"unknown theme", "/admin/settings/theme", url.Values{"theme": {"neon"}}, "theme", ""},
		{"unknown currency", "/admin/settings/regional", url.Values{"currency": {"XXX"}, "locale": {"en"}}, "currency", ""},
		{"tax 150%", "/admin/settings/tax", url.Values{"tax_inclusive": {"1"}, "tax_rate": {"150"}}, "tax_rate", "150"},
		{"tax not a number", "/admin/settings/tax", url.Values{"tax_inclusive": {"1"}, "tax_rate": {"ten"}}, "tax_rate", "ten"},
		{"no store name", "/admin/settings/profile", url.Values{"store_name": {" "}, "contact_email": {"kept@example.com"}},
			"store_name", " "},
		{"bank transfer without instructions", "/admin/settings/payments", url.Values{"bank_transfer_enabled": {"1"},
			"stripe_expiry_minutes": {"30"}, "bank_transfer_expiry_hours": {"72"}}, "bank_transfer_instructions", ""},
	}
	for _, tt := range tests {
		res := shop.Post(tt.action, settingsForm(t, shop, tt.action, tt.values))
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s = %d, want 422", tt.name, res.Status)
			continue
		}
		doc := res.Doc(t)
		if doc.Find("#"+tt.field+"-error").Length() != 1 {
			t.Errorf("%s: no message beside %s", tt.name, tt.field)
		}
		if tt.want != "" {
			if got := doc.Find(`[name=`+tt.field+`]`).AttrOr("value", ""); got != tt.want {
				t.Errorf("%s: %s kept as %q, want %q", tt.name, tt.field, got, tt.want)
			}
		}
	}
	// The profile's other fields came back too.
	res := shop.Post("/admin/settings/profile", settingsForm(t, shop, "/admin/settings/profile",
		url.Values{"store_name": {""}, "contact_email": {"kept@example.com"}}))
	if got := fieldValue(t, res, `input[name=contact_email]`); got != "kept@example.com" {
		t.Errorf("contact email kept as %q", got)
	}
	if st, _ := shop.Store.Settings(context.Background()); st.Theme != "classic" || st.Currency != "USD" || st.TaxRateBP != 0 {
		t.Errorf("a refused save changed the settings: %+v", st)
	}
}

// TestSettingsStaleEdit: two tabs open the profile; the second save gets
// 409 with its values and the conflict message, and saving again wins.
func TestSettingsStaleEdit(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	tab1 := settingsForm(t, shop, "/admin/settings/profile", url.Values{"store_name": {"First tab"}})
	tab2 := settingsForm(t, shop, "/admin/settings/profile", url.Values{"store_name": {"Second tab"}, "phone": {"123"}})
	settingsRedirect(t, shop.Post("/admin/settings/profile", tab1), http.StatusSeeOther, "/admin/settings?saved=profile")

	res := shop.Post("/admin/settings/profile", tab2)
	if res.Status != http.StatusConflict {
		t.Fatalf("stale save = %d, want 409", res.Status)
	}
	doc := res.Doc(t)
	if doc.Find("#profile [data-conflict]").Length() != 1 {
		t.Error("no conflict message in the profile section")
	}
	if got := fieldValue(t, res, `input[name=store_name]`); got != "Second tab" {
		t.Errorf("store name kept as %q", got)
	}
	if st, _ := shop.Store.Settings(context.Background()); st.StoreName != "First tab" {
		t.Errorf("the stale save was written: %q", st.StoreName)
	}
	// The re-shown form is at the current version: submitting it overwrites on purpose.
	again := url.Values{"store_name": {"Second tab"}, "version": {fieldValue(t, res, `form[action="/admin/settings/profile"] input[name=version]`)}}
	settingsRedirect(t, shop.Post("/admin/settings/profile", again), http.StatusSeeOther, "/admin/settings?saved=profile")
	// Another section was never stale.
	settingsRedirect(t, shop.Post("/admin/settings/regional", url.Values{"currency": {"EUR"}, "locale": {"en"}, "version": {"1"}}),
		http.StatusSeeOther, "/admin/settings?saved=regional")
}

func TestShippingMethodsThroughTheForms(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	if shop.Get("/admin/settings").Doc(t).Find("[data-shipping-empty]").Length() != 1 {
		t.Error("no empty-list message")
	}
	add := func(v url.Values) webtest.Response { return shop.Post("/admin/settings/shipping", v) }
	settingsRedirect(t, add(url.Values{"name": {"Post"}, "kind": {"flat"}, "price": {"8.00"}, "active": {"1"}}),
		http.StatusSeeOther, "/admin/settings?saved=shipping")
	settingsRedirect(t, add(url.Values{"name": {"Courier"}, "kind": {"by_weight"}, "base": {"5"}, "rate_per_kg": {"2.50"}, "active": {"1"}}),
		http.StatusSeeOther, "/admin/settings?saved=shipping")

	res := add(url.Values{"name": {"Cheap"}, "kind": {"flat"}, "price": {"-5"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("negative price = %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	if got := doc.Find(`.shipping-new input[name=price]`).AttrOr("value", ""); got != "-5" {
		t.Errorf("price kept as %q", got)
	}
	if doc.Find(`.shipping-new[open] #price-error`).Length() != 1 {
		t.Error("the new-method form is not open with its message")
	}
	if res := add(url.Values{"name": {"Heavy"}, "kind": {"by_weight"}, "base": {"1"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("by weight without a rate = %d, want 422", res.Status)
	}

	methods, _ := shop.Store.ShippingMethods(context.Background())
	if len(methods) != 2 || methods[1].RatePerKg != 250 || methods[1].Base != 500 {
		t.Fatalf("methods = %+v", methods)
	}
	post, courier := methods[0], methods[1]
	path := "/admin/settings/shipping/" + itoa(post.ID)
	edit := url.Values{"name": {"Post (tracked)"}, "kind": {"free_over"}, "price": {"8"}, "threshold": {"299"}, "active": {"1"},
		"version": {itoa(post.Version)}}
	settingsRedirect(t, shop.Post(path, edit), http.StatusSeeOther, "/admin/settings?saved=shipping")
	edit.Set("name", "Stale")
	res = shop.Post(path, edit)
	if res.Status != http.StatusConflict || fieldValue(t, res, `#shipping-`+itoa(post.ID)+` input[name=name]`) != "Stale" {
		t.Errorf("stale shipping edit = %d", res.Status)
	}
	settingsRedirect(t, shop.Post("/admin/settings/shipping/"+itoa(courier.ID)+"/move", url.Values{"direction": {"up"}}),
		http.StatusSeeOther, "/admin/settings?saved=shipping")
	page := shop.Get("/admin/settings")
	names := page.Doc(t).Find(".shipping-item strong").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if len(names) != 2 || names[0] != "Courier" || names[1] != "Post (tracked)" {
		t.Errorf("list after move = %v", names)
	}
	if !strings.Contains(page.Body, i18n.TL("en", "admin.settings.summary.free_over", "$8.00", "$299.00")) {
		t.Error("the free-over summary is missing")
	}
	settingsRedirect(t, shop.Post(path+"/delete", url.Values{"confirm": {"1"}}), http.StatusSeeOther, "/admin/settings?saved=shipping-deleted")
	if res := shop.Post(path+"/delete", url.Values{"confirm": {"1"}}); res.Status != http.StatusNotFound {
		t.Errorf("second delete = %d, want 404", res.Status)
	}
	if res := shop.Post("/admin/settings/shipping/"+itoa(courier.ID)+"/move", url.Values{"direction": {"sideways"}}); res.Status != http.StatusBadRequest {
		t.Errorf("bad direction = %d, want 400", res.Status)
	}
	active, _ := shop.Store.ActiveShippingMethods(context.Background())
	if len(active) != 1 || active[0].Name.Default != "Courier" {
		t.Errorf("active methods = %+v", active)
	}
}

// TestBrandColourReachesTheStorefront: the configured colour is served as
// a stylesheet the layout links after the theme.
func TestBrandColourReachesTheStorefront(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	saveSettings(t, shop, "/admin/settings/theme", url.Values{"theme": {"fresh"}, "brand_color_custom": {"1"}, "brand_color": {"#FFCC00"}})

	css := visitor(t, shop, "/brand.css")
	if css.Status != http.StatusOK || !strings.HasPrefix(css.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(css.Body, "--color-primary:#ffcc00") || !strings.Contains(css.Body, "--color-primary-contrast:#111111") {
		t.Fatalf("brand.css = %d %q\n%s", css.Status, css.Header.Get("Content-Type"), css.Body)
	}
	home := visitor(t, shop, "/")
	links := home.Doc(t).Find(`link[rel=stylesheet]`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") })
	want := []string{themes.URL("fresh"), views.BrandCSSURL("#ffcc00")}
	if len(links) < 2 || links[0] != want[0] || links[1] != want[1] {
		t.Errorf("stylesheets = %v, want %v first", links, want)
	}
	linked := visitor(t, shop, views.BrandCSSURL("#ffcc00"))
	if !strings.Contains(linked.Body, "#ffcc00") || !strings.Contains(linked.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("linked brand.css = %q, %q", linked.Body, linked.Header.Get("Cache-Control"))
	}
	if dark := visitor(t, shop, "/brand.css?c=1d3f8f"); !strings.Contains(dark.Body, "--color-primary-contrast:#ffffff") {
		t.Errorf("dark brand colour = %s", dark.Body)
	}
	if bad := visitor(t, shop, "/brand.css?c=zz0000"); bad.Status != http.StatusNotFound {
		t.Errorf("bad colour = %d, want 404", bad.Status)
	}
	// Back to the theme's own colour: no brand stylesheet at all.
	saveSettings(t, shop, "/admin/settings/theme", url.Values{"theme": {"fresh"}, "brand_color": {"#ffcc00"}})
	if visitor(t, shop, "/").Doc(t).Find(`link[href^="/brand.css"]`).Length() != 0 {
		t.Error("brand.css still linked without a brand colour")
	}
	if h := home.Header; !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'self'") || h.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("framing headers = %q, %q", h.Get("Content-Security-Policy"), h.Get("X-Frame-Options"))
	}
}

// TestPreviewOnlyForStaff: the preview parameters change the look for a
// signed-in staff member only, and no previewed page is cached.
func TestPreviewOnlyForStaff(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddStaff(store.RoleOwner)
	const preview = "/?preview_theme=noir&preview_color=%23ff0000"
	themeLink := func(res webtest.Response) string {
		return res.Doc(t).Find(`link[href^="/themes/"]`).AttrOr("href", "")
	}

	anon := visitor(t, shop, preview)
	if themeLink(anon) != themes.URL("classic") || strings.Contains(anon.Body, "/brand.css") {
		t.Errorf("anonymous preview changed the look: %s", themeLink(anon))
	}
	if cc := anon.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("previewed page Cache-Control = %q", cc)
	}
	if fromPageCache(t, shop, preview) {
		t.Error("a previewed page is in the page cache")
	}

	shop.LoginAs(store.RoleSupport)
	res := shop.Get(preview)
	if themeLink(res) != themes.URL("noir") || res.Doc(t).Find(`link[href="`+views.BrandCSSURL("#ff0000")+`"]`).Length() != 1 {
		t.Errorf("staff preview = %s", themeLink(res))
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("staff preview Cache-Control = %q", cc)
	}
	// The visitor's plain home page never shows the preview.
	if got := themeLink(visitor(t, shop, "/")); got != themes.URL("classic") {
		t.Errorf("home after a preview = %s", got)
	}

	// The settings form's Preview button: the owner's frame shows the form's choice.
	shop.LoginAs(store.RoleOwner)
	frame := shop.Get("/admin/settings/preview?theme=fresh&brand_color_custom=1&brand_color=%23123456&version=1")
	if frame.Status != http.StatusOK || themeLink(frame) != themes.URL("fresh") ||
		frame.Doc(t).Find(`link[href="`+views.BrandCSSURL("#123456")+`"]`).Length() != 1 {
		t.Errorf("preview frame = %d, theme %s", frame.Status, themeLink(frame))
	}
	if src := shop.Get("/admin/settings").Doc(t).Find(`iframe[name=theme-preview]`).AttrOr("src", ""); src != kit.PreviewURL("classic", "") {
		t.Errorf("preview frame src = %q", src)
	}
}

// TestThemeChangeReachesCachedPages: the page cache serves visitors the
// new theme as soon as the owner saves it.
func TestThemeChangeReachesCachedPages(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	themeOf := func(path string) string {
		return visitor(t, shop, path).Doc(t).Find(`link[href^="/themes/"]`).AttrOr("href", "")
	}
	for range 2 { // the second answer comes from the cache
		if got := themeOf("/products/linen-shirt"); got != themes.URL("classic") {
			t.Fatalf("theme = %s", got)
		}
	}
	if !fromPageCache(t, shop, "/products/linen-shirt") {
		t.Fatal("the product page was not cached, so this test proves nothing")
	}
	saveSettings(t, shop, "/admin/settings/theme", url.Values{"theme": {"noir"}})
	if got := themeOf("/products/linen-shirt"); got != themes.URL("noir") {
		t.Errorf("after the change the cached page still has %s", got)
	}
}

// fromPageCache reports whether the page cache answers an anonymous
// visitor's path, which must have been visited already. It renames the
// linen shirt (on that page) in SQL, behind the store's back as another
// process would, so that the catalog version stays, and moves the shop's
// clock past the store's own read caches, which the page cache does not
// follow: a fresh page shows the new name, a cached one the old.
func fromPageCache(t *testing.T, shop *webtest.Shop, path string) bool {
	t.Helper()
	var old string
	if err := shop.Store.DB().QueryRow(`SELECT title FROM products WHERE handle = 'linen-shirt'`).Scan(&old); err != nil {
		t.Fatal(err)
	}
	renamed := "Shirt " + strconv.FormatInt(shop.Clock.Now().UnixNano(), 36)
	if _, err := shop.Store.DB().Exec(`UPDATE products SET title = ? WHERE handle = 'linen-shirt'`, renamed); err != nil {
		t.Fatal(err)
	}
	shop.Clock.Advance(store.CacheTTL + time.Second)
	body := visitor(t, shop, path).Body
	switch {
	case strings.Contains(body, renamed):
		return false
	case strings.Contains(body, old):
		return true
	}
	t.Fatalf("%s shows the linen shirt as neither %q nor %q", path, old, renamed)
	return false
}

// TestLogoUpload: an uploaded logo shows in the storefront header; a file
// that is not an image is refused beside the field; it can be removed.
func TestLogoUpload(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	version := func() string {
		return fieldValue(t, shop.Get("/admin/settings"), `form[action="/admin/settings/logo"] input[name=version]`)
	}
	res := uploadLogo(t, shop, version(), []byte("GIF89a but not really"))
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#logo-error").Length() != 1 {
		t.Fatalf("bad logo = %d", res.Status)
	}
	res = uploadLogo(t, shop, version(), webtest.PNG(t, color.NRGBA{R: 10, G: 20, B: 200, A: 128}))
	settingsRedirect(t, res, http.StatusSeeOther, "/admin/settings?saved=logo")
	src := visitor(t, shop, "/").Doc(t).Find(`a.brand img.brand-logo`).AttrOr("src", "")
	if src == "" {
		t.Fatal("no logo in the storefront header")
	}
	if img := visitor(t, shop, src); img.Status != http.StatusOK || img.Header.Get("Content-Type") != "image/png" {
		t.Errorf("logo image = %d %s", img.Status, img.Header.Get("Content-Type"))
	}
	v := version()
	settingsRedirect(t, shop.Post("/admin/settings/logo", url.Values{"remove": {"1"}, "version": {v}}, "Content-Type",
		"application/x-www-form-urlencoded"), http.StatusSeeOther, "/admin/settings?saved=logo")
	if visitor(t, shop, "/").Doc(t).Find(`img.brand-logo`).Length() != 0 {
		t.Error("logo still shown after removal")
	}
}

func uploadLogo(t *testing.T, shop *webtest.Shop, version string, data []byte) webtest.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("version", version)
	fw, err := mw.CreateFormFile("logo", "logo.png")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, shop.Server.URL+"/admin/settings/logo", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return shop.Do(req)
}

func TestSettingsOwnerOnly(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleManager)
	if res := shop.Get("/admin/settings"); res.Status != http.StatusForbidden {
		t.Errorf("manager on settings = %d, want 403", res.Status)
	}
	if res := shop.Post("/admin/settings/tax", url.Values{"tax_rate": {"5"}, "version": {"1"}}); res.Status != http.StatusForbidden {
		t.Errorf("manager saving tax = %d, want 403", res.Status)
	}
}

// TestCurrencyWarningSaysWhatAChangeDoes: prices are kept in the
// currency's smallest unit, so moving a yen shop to dollars turns ¥3,000
// into $30.00. The warning beside the currency gives that very example,
// in the shop's own formatting, before the owner saves.
func TestCurrencyWarningSaysWhatAChangeDoes(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	saveSettings(t, shop, "/admin/settings/regional", url.Values{"currency": {"JPY"}, "locale": {"en"}})
	if _, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{Handle: "matcha", Title: "Matcha",
		Status: store.StatusActive, Variants: []store.VariantInput{{SKU: "M-1", Price: 3000, Stock: 5}}}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=/admin/settings")
		warning := shop.Get("/admin/settings").Doc(t).Find("#regional-currency-warning").Text()
		yen, dollars := i18n.MoneyIn(lang, "JPY", 3000), i18n.MoneyIn(lang, "USD", 3000)
		if i, j := strings.Index(warning, yen), strings.LastIndex(warning, dollars); i < 0 || j < i {
			t.Errorf("%s warning does not say %s becomes %s: %q", lang, yen, dollars, warning)
		}
	}
	if page := shop.Get("/products/matcha"); !strings.Contains(page.Body, i18n.MoneyIn("en", "JPY", 3000)) {
		t.Fatalf("product page before the change = %d\n%s", page.Status, page.Body)
	}
	saveSettings(t, shop, "/admin/settings/regional", url.Values{"currency": {"USD"}, "locale": {"en"}})
	if page := shop.Get("/products/matcha"); !strings.Contains(page.Body, i18n.MoneyIn("en", "USD", 3000)) {
		t.Errorf("after the change the product page does not show %s\n%s", i18n.MoneyIn("en", "USD", 3000), page.Body)
	}
}
