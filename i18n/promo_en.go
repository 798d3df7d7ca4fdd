package i18n

// enPromo is the English text shoppers read about promotions: the coupon
// form, each discount, why a code does not apply, what is nearly reached,
// gifts and flash sales. The promo.why.* keys are store/pricing's Why*
// constants.
var enPromo = map[string]string{
	"promo.coupon.label":       "Coupon code",
	"promo.coupon.apply":       "Apply",
	"promo.coupon.remove":      "Remove",
	"promo.coupon.remove_code": "Remove code %s",
	"promo.coupon.applied":     "Code %s applied",
	"promo.coupon.not_applied": "Code %s is not applied: %s",
	"promo.auto.not_applied":   "%s is not applied: %s",
	"promo.coupon.added":       "Code %s added.",
	"promo.coupon.removed":     "Coupon code removed.",
	"promo.error.empty":        "Enter a coupon code.",

	"promo.why.unknown":       "There is no coupon with this code. Check it and try again.",
	"promo.why.paused":        "this code is paused at the moment.",
	"promo.why.not_started":   "this code starts on %s.",
	"promo.why.expired":       "this code has expired.",
	"promo.why.used_up":       "this code has been used up.",
	"promo.why.already_used":  "you have already used this code.",
	"promo.why.code_used":     "this code has already been used: each of these codes is good for one order.",
	"promo.why.first_order":   "this code is for a first order only.",
	"promo.why.tier":          "this code is for members of another tier.",
	"promo.why.no_items":      "it does not cover the items in your cart.",
	"promo.why.sale_items":    "it does not apply to items already on flash sale.",
	"promo.why.min_subtotal":  "add %s more to reach %s.",
	"promo.why.min_quantity":  "add %d more items.",
	"promo.why.not_combined":  "it can't be combined with %s, which saves you more.",
	"promo.why.gift_sold_out": "the gift has run out.",
	"promo.why.bundle":        "the bundle needs one of each of its items.",

	"promo.coupon_line":        "Code %s",
	"promo.discount_total":     "Total discounts",
	"promo.hint.save":          "Spend %s more to save %s",
	"promo.hint.gift":          "Spend %s more to get a free gift",
	"promo.hint.free_shipping": "Spend %s more for free shipping",
	"promo.free_shipping":      "Free shipping (%s)",
	"promo.free_shipping_code": "Free shipping (code %s)",
	"promo.shipping_saved":     "%s saved",
	"promo.gift":               "Free gift",
	"promo.gift_from":          "Free gift: %s",

	"promo.sale":       "Flash sale",
	"promo.sale_units": "%d at the sale price",
	"promo.sale_ends":  "Ends %s",
	"promo.sale_left":  "time left:",
	"promo.sale_days":  "%dd",

	"promo.price_rose":       "The total changed from %s to %s: %s Check it and place the order again.",
	"promo.price_rose_plain": "The total changed from %s to %s. Check it and place the order again.",
	"promo.date_format":      "Jan 2, 2006",
	"promo.time_format":      "Jan 2, 15:04 MST",
}
