package i18n

// The catalogs are kept in one file pair per area (shop_en.go and
// shop_zh.go, admin_en.go and admin_zh.go, ...) so that each area's text sits
// together; these lists join them. A key defined twice panics at start-up.
var (
	en = merge(enShop, enAdmin, enInventory, enStaff, enCart, enProducts, enSettings, enEmail, enCheckout, enPromotions, enReturns, enPayment, enOrders, enSetup, enBackup, enSecurity, enContent, enPicker, enChrome, enPromo, enAccount, enMembership, enAdminCustomers, enReturnOptions, enPages, enUnshipped, enAccountData)
	zh = merge(zhShop, zhAdmin, zhInventory, zhStaff, zhCart, zhProducts, zhSettings, zhEmail, zhCheckout, zhPromotions, zhReturns, zhPayment, zhOrders, zhSetup, zhBackup, zhSecurity, zhContent, zhPicker, zhChrome, zhPromo, zhAccount, zhMembership, zhAdminCustomers, zhReturnOptions, zhPages, zhUnshipped, zhAccountData)
)

func merge(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic("i18n: key " + k + " defined twice")
			}
			out[k] = v
		}
	}
	return out
}
