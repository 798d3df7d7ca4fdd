package i18n

// enAccountData is the English text of what the shopper's account holds
// and what deleting it takes: the deletion page's warnings and the way
// back from an order to the account's orders (views/account_delete.templ,
// views/order.templ).
var enAccountData = map[string]string{
	"account.delete.points":           "Your %d points are lost with it, for good.",
	"account.delete.points_one":       "Your %d point is lost with it, for good.",
	"account.delete.points_pending":   "Your %s, and the %s still pending, are lost with it, for good.",
	"account.delete.coupons":          "Your %d unused coupons are lost with it too.",
	"account.delete.coupons_one":      "Your %d unused coupon is lost with it too.",
	"account.delete.open_orders":      "Your account can't be deleted yet: these orders are not finished.",
	"account.delete.open_orders_one":  "Your account can't be deleted yet: this order is not finished.",
	"account.delete.open_orders_wait": "The shop still needs your name, address and email to deliver, take back or refund them. Once they have arrived, and any return is closed, you can delete your account here.",
	"account.order.back":              "Back to your orders",
}
