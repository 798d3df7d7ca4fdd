package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestSettingsTextsInBothLanguages: the owner edits the shop's name,
// description and bank details in English and Chinese side by side, sees
// which translation is missing, and a refused save keeps every value.
func TestSettingsTextsInBothLanguages(t *testing.T) {
	ctx := context.Background()
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)

	saveSettings(t, shop, "/admin/settings/profile", url.Values{
		"store_name": {"Tea House"}, "store_name_zh": {" 茶馆 "},
		"store_description": {"Leaves from small gardens"}, "store_description_zh": {""},
	})
	saveSettings(t, shop, "/admin/settings/payments", url.Values{
		"bank_transfer_enabled": {"1"}, "bank_transfer_instructions": {"IBAN XX00"},
		"bank_transfer_instructions_zh": {"请转账至 IBAN XX00"}, "cod_instructions_zh": {"货到付现金"},
		"stripe_expiry_minutes": {"30"}, "bank_transfer_expiry_hours": {"72"},
	})
	st, _ := shop.Store.Settings(ctx)
	zh := st.In("zh")
	if st.StoreName != "Tea House" || zh.StoreName != "茶馆" || zh.Description != "Leaves from small gardens" ||
		zh.BankTransferInstructions != "请转账至 IBAN XX00" || zh.CODInstructions != "货到付现金" {
		t.Errorf("saved: %q / %q, %q, %q, %q", st.StoreName, zh.StoreName, zh.Description, zh.BankTransferInstructions, zh.CODInstructions)
	}

	page := shop.Get("/admin/settings")
	doc := page.Doc(t)
	if got := fieldValue(t, page, `#profile input[name=store_name_zh]`); got != "茶馆" {
		t.Errorf("Chinese name field = %q", got)
	}
	if got := doc.Find(`#payments textarea[name=bank_transfer_instructions_zh]`).Text(); got != "请转账至 IBAN XX00" {
		t.Errorf("Chinese bank field = %q", got)
	}
	if doc.Find(`[data-lang-field=store_description] [data-missing=zh]`).Length() != 1 ||
		doc.Find(`[data-lang-field=store_name] [data-missing]`).Length() != 0 {
		t.Error("the missing description translation is not marked, or the present name one is")
	}
	if doc.Find(`input[name=store_name_zh][required]`).Length() != 0 {
		t.Error("a translation is required")
	}

	// A refused save (no default name, too long a Chinese description)
	// shows every typed value again with the message by its field.
	long := strings.Repeat("茶", 501)
	res := shop.Post("/admin/settings/profile", settingsForm(t, shop, "/admin/settings/profile", url.Values{
		"store_name": {""}, "store_name_zh": {"新茶馆"}, "store_description": {"New leaves"}, "store_description_zh": {long},
	}))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad profile = %d", res.Status)
	}
	doc = res.Doc(t)
	if got := fieldValue(t, res, `#profile input[name=store_name_zh]`); got != "新茶馆" {
		t.Errorf("422 lost the Chinese name: %q", got)
	}
	if got := doc.Find(`#profile textarea[name=store_description_zh]`).Text(); got != long {
		t.Error("422 lost the Chinese description")
	}
	if doc.Find(`#store_description_zh-error`).Length() != 1 || doc.Find(`#store_name-error`).Length() != 1 {
		t.Error("422 does not say what is wrong beside each field")
	}
	if st, _ := shop.Store.Settings(ctx); st.In("zh").StoreName != "茶馆" {
		t.Error("a refused save changed the stored translation")
	}
}

// TestShippingNameInBothLanguages adds a method with its Chinese name,
// keeps both names through a refused edit, and clears the Chinese one.
func TestShippingNameInBothLanguages(t *testing.T) {
	ctx := context.Background()
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	res := shop.Post("/admin/settings/shipping", url.Values{"name": {"Courier"}, "name_zh": {"快递"},
		"kind": {store.ShippingFlat}, "price": {"9"}, "active": {"1"}})
	settingsRedirect(t, res, http.StatusSeeOther, "/admin/settings?saved=shipping")
	methods, _ := shop.Store.ShippingMethods(ctx)
	if len(methods) != 1 || methods[0].Name.In("zh") != "快递" || methods[0].Name.Default != "Courier" {
		t.Fatalf("methods = %+v", methods)
	}
	m := methods[0]
	action := "/admin/settings/shipping/" + itoa(m.ID)
	if got := fieldValue(t, shop.Get("/admin/settings"), `form[action="`+action+`"] input[name=name_zh]`); got != "快递" {
		t.Errorf("edit form's Chinese name = %q", got)
	}

	res = shop.Post(action, url.Values{"version": {itoa(m.Version)}, "name": {""}, "name_zh": {"特快专递"},
		"kind": {store.ShippingFlat}, "price": {"9"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("nameless method = %d", res.Status)
	}
	if got := fieldValue(t, res, `form[action="`+action+`"] input[name=name_zh]`); got != "特快专递" {
		t.Errorf("422 lost the Chinese name: %q", got)
	}

	res = shop.Post(action, url.Values{"version": {itoa(m.Version)}, "name": {"Courier"}, "name_zh": {""},
		"kind": {store.ShippingFlat}, "price": {"9"}, "active": {"1"}})
	settingsRedirect(t, res, http.StatusSeeOther, "/admin/settings?saved=shipping")
	if got, _ := shop.Store.ShippingMethod(ctx, m.ID); got.Name.In("zh") != "Courier" {
		t.Errorf("emptied Chinese name still %q", got.Name.In("zh"))
	}
	if shop.Get("/admin/settings").Doc(t).Find(`[data-shipping-method] .shipping-head [data-missing=zh]`).Length() != 1 {
		t.Error("the list does not mark the method's missing Chinese name")
	}
}

// TestDefaultLanguageChangeKeepsTexts: a shop written in English with
// Chinese translations makes Chinese its default language. Its texts keep
// their languages: the settings form still shows the English name as
// English and the Chinese one as Chinese, saving it loses neither, and a
// Chinese shopper's cart names the tea in Chinese. Read as written in the
// new default, the English name became the Chinese one, the translation
// was hidden, and the next save erased it.
func TestDefaultLanguageChangeKeepsTexts(t *testing.T) {
	ctx := context.Background()
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	saveSettings(t, shop, "/admin/settings/profile", url.Values{"store_name": {"Tea House"}, "store_name_zh": {"茶馆"}})
	saveSettings(t, shop, "/admin/settings/regional", url.Values{"currency": {"USD"}, "locale": {"zh"}})

	page := shop.Get("/admin/settings")
	if got := fieldValue(t, page, `#profile input[name=store_name]`); got != "Tea House" {
		t.Errorf("after the change the name field = %q, want the English name", got)
	}
	if got := fieldValue(t, page, `#profile input[name=store_name_zh]`); got != "茶馆" {
		t.Errorf("after the change the Chinese name field = %q", got)
	}
	saveSettings(t, shop, "/admin/settings/profile", url.Values{"store_name": {"Tea House"}, "store_name_zh": {"茶馆"}, "phone": {"+86 21 5555"}})
	st, _ := shop.Store.Settings(ctx)
	if st.In("zh").StoreName != "茶馆" || st.In("en").StoreName != "Tea House" {
		t.Errorf("names after a save: zh %q, en %q", st.In("zh").StoreName, st.In("en").StoreName)
	}
	tea, _ := shop.Store.ProductByHandle(ctx, "dragon-well-tea", false)
	if edit := shop.Get("/admin/products/" + strconv.FormatInt(tea.ID, 10)); fieldValue(t, edit, `input[name=title_zh]`) != "龙井绿茶" ||
		fieldValue(t, edit, `input[name=title]`) != "Dragon Well Tea" {
		t.Errorf("product form after the change: title %q, title_zh %q", fieldValue(t, edit, `input[name=title]`), fieldValue(t, edit, `input[name=title_zh]`))
	}

	buyer := shop.OtherBrowser()
	buyer.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	if cart := buyer.Get("/cart"); !strings.Contains(cart.Body, "龙井绿茶") {
		t.Error("the Chinese shop's cart does not name the tea in Chinese")
	}

	saveSettings(t, shop, "/admin/settings/regional", url.Values{"currency": {"USD"}, "locale": {"en"}})
	if st, _ := shop.Store.Settings(ctx); st.StoreName != "Tea House" || st.In("zh").StoreName != "茶馆" {
		t.Errorf("back in English: %q / %q", st.StoreName, st.In("zh").StoreName)
	}
}
