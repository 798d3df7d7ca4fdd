package admin_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// problemLinks checks that a refused form's page opens at its summary (the
// first thing with autofocus) and returns the fields the summary links
// to, each link reaching the message beside its field.
func problemLinks(t *testing.T, res webtest.Response) []string {
	t.Helper()
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	summary := doc.Find("[autofocus]").First()
	if _, ok := summary.Attr("data-form-problems"); !ok {
		t.Fatalf("the page does not open at the summary; first autofocus: %s", goquery.NodeName(summary))
	}
	if !strings.Contains(summary.Text(), i18n.TL("en", "admin.form.fix")) {
		t.Errorf("summary = %q", summary.Text())
	}
	var fields []string
	summary.Find("a").Each(func(_ int, a *goquery.Selection) {
		id, _ := strings.CutPrefix(a.AttrOr("href", ""), "#")
		target := doc.Find(`[id="` + id + `"]`)
		if target.Length() != 1 || target.Text() != a.Text() {
			t.Errorf("link %q (%q) leads to %d elements", id, a.Text(), target.Length())
		}
		fields = append(fields, strings.TrimSuffix(id, "-error"))
	})
	return fields
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
