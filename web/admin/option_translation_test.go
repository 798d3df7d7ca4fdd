package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestProductFormRefusesOptionValuesReadingAlike: giving Red and Blue one
// Chinese name would show a Chinese shopper two identical colour buttons,
// so the form is shown again with the message beside the translations and
// nothing is saved.
func TestProductFormRefusesOptionValuesReadingAlike(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	_, loc := createScarfFrom(t, shop, scarfForm())

	form := formOf(t, shop.Get(loc), "form.product-form")
	form.Set("option1:Red_zh", "红色")
	form.Set("option1:Blue_zh", "红色")
	res := shop.Post(loc, form)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.Status)
	}
	doc := res.Doc(t)
	for _, name := range []string{"option1:Red_zh", "option1:Blue_zh"} {
		msg := strings.TrimSpace(doc.Find(`p.field-error[id="` + name + `-error"]`).Text())
		if !strings.Contains(msg, "shoppers couldn’t tell them apart") {
			t.Errorf("message beside %s = %q", name, msg)
		}
		if doc.Find(`input[name="`+name+`"]`).AttrOr("value", "") != "红色" {
			t.Errorf("%s lost what was typed", name)
		}
	}
	zh := shop.OtherBrowser().Get("/zh-cn/products/silk-scarf").Body
	if strings.Contains(zh, "红色") {
		t.Error("the refused translations reached the shop")
	}
}
