package views

import (
	"context"
	"fmt"
	"strings"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
)

// Promo is what the cart and checkout pages show of the promotions beyond
// the cart view itself: the gifts' lines (store.CartGifts), the moment the
// page was priced (the server's clock, from which a sale's countdown
// starts) and the countdown script's hashed URL.
type Promo struct {
	Gifts       []store.CartLine
	Now         time.Time
	CountdownJS string
	// CouponCode and CouponError are the code just typed and why it was
	// refused (a catalog key), when the coupon form is re-shown.
	CouponCode  string
	CouponError string
}

// promoRow is one discount as the cart and checkout list it.
type promoRow struct {
	Label    string
	Amount   int64
	Shipping bool   // free shipping: no amount on the cart, the method costs 0
	Without  string // which items it did not count (withoutText)
}

// promoRows is every discount of v, one per promotion, named in the
// shopper's language (a coupon by its code), in the stacking order; free
// shipping only withShipping.
func promoRows(ctx context.Context, v store.CartView, withShipping bool) []promoRow {
	var rows []promoRow
	for _, a := range v.Promotions.Applied {
		switch {
		case a.Shipping && !withShipping:
		case a.Shipping:
			rows = append(rows, promoRow{Label: freeShippingLabel(ctx, v, a), Shipping: true})
		case a.Amount > 0:
			rows = append(rows, promoRow{Label: appliedLabel(ctx, v, a.PromotionID, a.Label, a.Coupon), Amount: a.Amount,
				Without: withoutText(ctx, v, a.Without)})
		}
	}
	return rows
}

// appliedLabel names a promotion: a coupon by its code, any other by its
// name in the shopper's language (the label the engine had, in the shop's
// language, when it has none).
func appliedLabel(ctx context.Context, v store.CartView, id int64, label string, coupon bool) string {
	if coupon {
		return i18n.T(ctx, "promo.coupon_line", label)
	}
	if name := v.PromotionName(id, i18n.Locale(ctx)); name != "" {
		return name
	}
	return label
}

func freeShippingLabel(ctx context.Context, v store.CartView, a pricing.Applied) string {
	if a.Coupon {
		return i18n.T(ctx, "promo.free_shipping_code", a.Label)
	}
	return i18n.T(ctx, "promo.free_shipping", appliedLabel(ctx, v, a.PromotionID, a.Label, false))
}

// shippingPromotion is the free-shipping promotion of v, if any.
func shippingPromotion(v store.CartView) (pricing.Applied, bool) {
	for _, a := range v.Promotions.Applied {
		if a.Shipping {
			return a, true
		}
	}
	return pricing.Applied{}, false
}

// WhyText is why a promotion does not apply, in plain words.
func WhyText(ctx context.Context, w pricing.Why) string {
	switch w.Key {
	case pricing.WhyNotStarted:
		return i18n.T(ctx, w.Key, promoMoment(ctx, w.At))
	case pricing.WhyMinSubtotal:
		return i18n.T(ctx, w.Key, i18n.Money(ctx, w.More), i18n.Money(ctx, w.Target))
	case pricing.WhyMinQuantity:
		return i18n.N(ctx, w.Key, w.More, w.More)
	case pricing.WhySaleLimit:
		return i18n.T(ctx, w.Key, w.Target)
	case pricing.WhyNotCombined, pricing.WhyTier, pricing.WhyTierSignIn:
		return i18n.T(ctx, w.Key, w.Other)
	case "":
		return ""
	default:
		return i18n.T(ctx, w.Key)
	}
}

// promoMoment is a start or end in the shop's time zone: the date alone
// when it is midnight there (a start date without a time), else with the
// time.
func promoMoment(ctx context.Context, t time.Time) string {
	t = t.In(TimeZone(ctx))
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format(i18n.T(ctx, "promo.date_format"))
	}
	return i18n.FormatTime(i18n.Locale(ctx), t, i18n.T(ctx, "promo.time_format"))
}

// passedText says why an automatic promotion the cart had is not kept,
// both names in the shopper's language.
func passedText(ctx context.Context, v store.CartView, p pricing.Passed) string {
	p.Label = appliedLabel(ctx, v, p.PromotionID, p.Label, false)
	p.Why.Other = appliedLabel(ctx, v, p.Why.OtherID, p.Why.Other, p.Why.OtherCoupon)
	return PassedText(ctx, p)
}

// PassedText says why an automatic promotion is not kept (or, a flash
// sale, not for every unit), named by the labels p has. The coupon's
// reasons say "this code"; an automatic promotion has none.
func PassedText(ctx context.Context, p pricing.Passed) string {
	var why string
	switch p.Why.Key {
	case pricing.WhySaleLimit:
		return i18n.T(ctx, "promo.auto.sale_limit", p.Label, p.Why.Target)
	case pricing.WhySoldOut:
		// Said whole: some units may still have had the sale price, so
		// "not applied" would be wrong.
		return i18n.T(ctx, "promo.auto.sold_out", p.Label)
	case pricing.WhyFirstOrder:
		why = i18n.T(ctx, "promo.auto.why.first_order")
	case pricing.WhyAlreadyUsed:
		why = i18n.T(ctx, "promo.auto.why.already_used")
	case pricing.WhyNotCombined:
		why = i18n.T(ctx, p.Why.Key, p.Why.Other)
	default:
		why = WhyText(ctx, p.Why)
	}
	return i18n.T(ctx, "promo.auto.not_applied", p.Label, why)
}

// withoutText says that the items of the item promotions ids (each unit
// is used by one promotion) were not counted towards a threshold or a
// discount; "" for none. Without it a subtotal looked unmet and a
// percentage short for no reason.
func withoutText(ctx context.Context, v store.CartView, ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		var label string
		for _, a := range v.Promotions.Applied {
			if a.PromotionID == id {
				label = a.Label
			}
		}
		names[i] = i18n.T(ctx, "promo.quoted", appliedLabel(ctx, v, id, label, false))
	}
	return i18n.T(ctx, "promo.without", strings.Join(names, i18n.T(ctx, "promo.list_sep")))
}

// hintText says what an automatic promotion nearly reached needs.
func hintText(ctx context.Context, h pricing.Hint) string {
	switch {
	case h.Gift:
		return i18n.T(ctx, "promo.hint.gift", i18n.Money(ctx, h.More))
	case h.FreeShipping:
		return i18n.T(ctx, "promo.hint.free_shipping", i18n.Money(ctx, h.More))
	default:
		return i18n.T(ctx, "promo.hint.save", i18n.Money(ctx, h.More), i18n.Money(ctx, h.Save))
	}
}

// couponText is the state of the coupon entered.
func couponText(ctx context.Context, c *pricing.CouponState) string {
	if c.Applied {
		return i18n.T(ctx, "promo.coupon.applied", c.Code)
	}
	return i18n.T(ctx, "promo.coupon.not_applied", c.Code, WhyText(ctx, c.Why))
}

// lineSale is the flash-sale price of a cart line, if it has one.
func lineSale(v store.CartView, lineID int64) (pricing.Sale, bool) {
	s, ok := v.Promotions.Sales[lineID]
	return s, ok && lineID != 0
}

// saleEndsText says until when a sale's price holds: "Ends …" when the
// sale ends with it; for a sale in steps, the price until its step and
// then the next price (or that the sale goes on) until the sale's end.
func saleEndsText(ctx context.Context, s pricing.Sale) string {
	price := formatTime(ctx, s.PriceEnds)
	switch {
	case s.PriceEnds.Equal(s.Ends):
		return i18n.T(ctx, "promo.sale_ends", price)
	case s.Ends.IsZero():
		return i18n.T(ctx, "promo.sale_price_until", price)
	case s.HasNext:
		return i18n.T(ctx, "promo.sale_then", price, i18n.Money(ctx, s.Next), formatTime(ctx, s.Ends))
	default:
		return i18n.T(ctx, "promo.sale_price_ends", price, formatTime(ctx, s.Ends))
	}
}

// secondsLeft is how long from now, the server's clock, until ends.
func secondsLeft(ends, now time.Time) int64 {
	return max(int64(ends.Sub(now)/time.Second), 0)
}

// clock is seconds as h:mm:ss, after the days in days (a catalog
// pattern such as "%dd") when there are any, the countdown's first value
// before the script takes over: "593:59:32" was 24 days.
func clock(s int64, days string) string {
	hms := fmt.Sprintf("%d:%02d:%02d", s/3600%24, s/60%60, s%60)
	if d := s / 86400; d > 0 {
		return fmt.Sprintf(days, d) + " " + hms
	}
	return hms
}

// hasSales reports whether any line of v is on flash sale: the page then
// loads the countdown script.
func hasSales(v store.CartView) bool { return len(v.Promotions.Sales) > 0 }

// couponStateName is the coupon's state for data-coupon-state: "applied",
// or the reason key it does not apply.
func couponStateName(c *pricing.CouponState) string {
	if c.Applied {
		return "applied"
	}
	return c.Why.Key
}

// OrderDiscountRow is how an order's discount is listed on the order page,
// in the emails and in the admin: by name with its amount off, or free
// shipping with what it saved (not part of the order's discount).
func OrderDiscountRow(ctx context.Context, d store.OrderDiscount, money func(int64) string) (label, value string) {
	if d.Shipping {
		return i18n.T(ctx, "promo.free_shipping", d.Code), i18n.T(ctx, "promo.shipping_saved", money(d.Amount))
	}
	if d.Code == store.PointsCode && d.PromotionID == 0 {
		return i18n.T(ctx, "checkout.points.paid"), money(-d.Amount)
	}
	return i18n.T(ctx, "checkout.discount", d.Code), money(-d.Amount)
}
