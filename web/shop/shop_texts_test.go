package shop_test

import (
	"context"
	"strings"
	"testing"

	"storefront/store"
)

// TestChineseShopperReadsTheShopTextsInChinese: the shop's name, the
// shipping method's name and the bank details are shown in the shopper's
// language where the owner wrote them, and in the default language where
// not; the order keeps the method's name as the shopper chose it.
func TestChineseShopperReadsTheShopTextsInChinese(t *testing.T) {
	ctx := context.Background()
	shop := teaInCart(t) // Standard 10.00 and Pickup; bank transfer with English details
	for key, zh := range map[string]string{
		store.SettingStoreName:                "测试茶铺",
		store.SettingBankTransferInstructions: "请转账至测试银行，附言填写订单号。",
	} {
		if err := shop.Store.SetSettingTranslation(ctx, key, "zh", zh); err != nil {
			t.Fatal(err)
		}
	}
	methods, _ := shop.Store.ShippingMethods(ctx)
	std := methods[0]
	if _, err := shop.Store.UpdateShippingMethod(ctx, store.Actor{}, std.ID, std.Version, store.ShippingMethodInput{
		Name: std.Name.With("zh", "标准快递"), Kind: std.Kind, Price: std.Price, Active: true}); err != nil {
		t.Fatal(err)
	}
	settings, _ := shop.Store.Settings(ctx)

	page := shop.Get("/checkout", "Accept-Language", "zh-CN")
	doc := page.Doc(t)
	if got := doc.Find(".checkout-choice-name").First().Text(); got != "标准快递" {
		t.Errorf("shipping option in Chinese = %q", got)
	}
	if got := doc.Find(".checkout-choice-name").Eq(1).Text(); got != "Pickup" {
		t.Errorf("an untranslated method shows %q, want its default name", got)
	}
	if !strings.Contains(page.Body, "测试茶铺") || strings.Contains(doc.Find("title").Text(), settings.StoreName) {
		t.Errorf("the Chinese checkout does not carry the Chinese shop name (title %q)", doc.Find("title").Text())
	}
	en := shop.OtherBrowser().Get("/", "Accept-Language", "en")
	if !strings.Contains(en.Body, settings.StoreName) || strings.Contains(en.Body, "测试茶铺") {
		t.Error("an English visitor does not get the default shop name")
	}

	res := shop.Post("/checkout", checkoutForm(t, page, map[string]string{"payment_method": store.PayBankTransfer}),
		"Accept-Language", "zh-CN")
	o := placedOrder(t, shop, res)
	if o.ShippingMethod != "标准快递" {
		t.Errorf("the order records %q, want the name the shopper chose", o.ShippingMethod)
	}
	body := shop.Get(res.Header.Get("Location"), "Accept-Language", "zh-CN").Body
	if !strings.Contains(body, "请转账至测试银行") || strings.Contains(body, settings.BankTransferInstructions) {
		t.Error("the Chinese order page does not show the Chinese bank details")
	}
	if body := shop.Get(res.Header.Get("Location"), "Accept-Language", "en").Body; !strings.Contains(body, settings.BankTransferInstructions) {
		t.Error("in English the order page lost the default bank details")
	}
}
