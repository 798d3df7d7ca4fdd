package i18n

// enPayment is the English text of paying online (web/shop/pay.go, views/payment.templ).
var enPayment = map[string]string{
	"payment.pay_now":      "Pay now",
	"payment.pay_now_hint": "Haven’t finished paying? Continue on Stripe’s secure payment page.",
}
