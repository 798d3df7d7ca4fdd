package i18n

// zhPayment is the Chinese text of paying online (web/shop/pay.go, views/payment.templ).
var zhPayment = map[string]string{
	"payment.pay_now":      "立即付款",
	"payment.pay_now_hint": "还没有完成付款？请在 Stripe 的安全付款页面继续。",
}
