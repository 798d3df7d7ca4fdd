package mail_test

import (
	"context"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestChineseEmailWording: a Chinese order email of a shop on Beijing
// time names the shop with no spaces around its Chinese name (spaces
// set off Latin words only), and gives the payment deadline in 北京时间,
// never "CST".
func TestChineseEmailWording(t *testing.T) {
	ctx := context.Background()
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "zh")
	if err := shop.Store.SetSettingTranslation(ctx, store.SettingStoreName, "zh", "林间小铺"); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.SetSetting(ctx, store.SettingTimeZone, "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	zh, _ := renderFor(t, renderer(t, shop), shop.OrderEmail(orders[0], store.EmailOrderConfirmation))
	wantAll(t, "Chinese text", zh.Text, "您在林间小铺下了订单", "（北京时间）")
	if strings.Contains(zh.Text, "CST") {
		t.Errorf("the Chinese email names the zone CST:\n%s", zh.Text)
	}
}
