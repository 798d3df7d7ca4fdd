package mail_test

import (
	"context"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestConfirmationEmailUsesTheShopTextsInTheOrdersLanguage: an order
// placed in Chinese is confirmed with the shop's Chinese name and bank
// details; one placed in English with the default ones.
func TestConfirmationEmailUsesTheShopTextsInTheOrdersLanguage(t *testing.T) {
	ctx := context.Background()
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "zh", "en")
	r := renderer(t, shop)
	for key, zh := range map[string]string{
		store.SettingStoreName:                "测试商店",
		store.SettingBankTransferInstructions: "收款银行：测试银行\n账号：6222 0000 1111",
	} {
		if err := shop.Store.SetSettingTranslation(ctx, key, "zh", zh); err != nil {
			t.Fatal(err)
		}
	}
	zh, _ := renderFor(t, r, shop.OrderEmail(orders[0], store.EmailOrderConfirmation))
	if zh.StoreName != "测试商店" {
		t.Errorf("Chinese email from %q", zh.StoreName)
	}
	wantAll(t, "Chinese text", zh.Text, "收款银行：测试银行", "账号：6222 0000 1111", "测试商店")
	if strings.Contains(zh.Text, "IBAN PT50") {
		t.Errorf("the Chinese email carries the English bank details:\n%s", zh.Text)
	}
	en, _ := renderFor(t, r, shop.OrderEmail(orders[1], store.EmailOrderConfirmation))
	if en.StoreName != emailSettings[store.SettingStoreName] || strings.Contains(en.Text, "测试银行") {
		t.Errorf("English email from %q:\n%s", en.StoreName, en.Text)
	}
	wantAll(t, "English text", en.Text, "IBAN PT50 0002 0123 1234 5678 9015 4")
}
