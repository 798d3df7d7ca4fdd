package shop

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"storefront/assets"
	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	"storefront/views"
	"storefront/web/kit"
)

// CouponApply puts the code posted as `code` on the cart and answers 303
// to the cart, which says whether it applies and, if not, why. A code no
// coupon has (or none), or one that is over for good, re-shows the cart
// with 422 and the message beside the field, the cart unchanged. A code
// kept that does not apply yet is announced as kept, with why, never as
// added: the shopper may reach its minimum or sign in, and it applies.
func (h *Handler) CouponApply(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	code := r.PostFormValue("code")
	err := h.Store.ApplyCoupon(ctx, kit.CartToken(ctx), code)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.renderCartPage(w, r, http.StatusUnprocessableEntity, views.Notice{},
			views.Promo{CouponCode: strings.TrimSpace(code), CouponError: verr.Fields["code"]})
		return
	case errors.Is(err, store.ErrCartEmpty):
		http.Redirect(w, r, "/cart", http.StatusSeeOther)
		return
	case err != nil:
		h.ServerError(w, r, err)
		return
	}
	v, err := h.Store.CartView(ctx, kit.CartToken(ctx), i18n.Locale(ctx))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.flashCartNotice(ctx, couponNotice(ctx, v.Promotions.Coupon, store.NormalizeCode(code)))
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// couponNotice says what became of code, just put on the cart whose
// coupon state is c.
func couponNotice(ctx context.Context, c *pricing.CouponState, code string) views.Notice {
	if c != nil && !c.Applied {
		return views.Notice{Kind: views.NoticeWarning, Text: i18n.T(ctx, "promo.coupon.kept", code, views.WhyText(ctx, c.Why))}
	}
	return views.Notice{Kind: views.NoticeSuccess, Text: i18n.T(ctx, "promo.coupon.added", code)}
}

// CouponRemove takes the coupon off the cart.
func (h *Handler) CouponRemove(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := h.Store.RemoveCoupon(ctx, kit.CartToken(ctx)); err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.flashCartNotice(ctx, views.Notice{Kind: views.NoticeSuccess, Text: i18n.T(ctx, "promo.coupon.removed")})
	http.Redirect(w, r, "/cart", http.StatusSeeOther)
}

// promoPage is what the cart and checkout show of the promotions beside the
// cart view: its gifts, and the clock a sale's countdown starts from.
func (h *Handler) promoPage(ctx context.Context, v store.CartView, p views.Promo) (views.Promo, error) {
	var err error
	if p.Gifts, err = h.Store.CartGifts(ctx, v, i18n.Locale(ctx)); err != nil {
		return p, err
	}
	p.Now, p.CountdownJS = h.Store.Now(), assets.Static.URL("countdown.js")
	return p, nil
}

// parseShownTotal reads the checkout's hidden shown_total, the total the
// page showed: anything but a positive whole number is no total (0), and
// the order is then priced without that check.
func parseShownTotal(r *http.Request) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("shown_total")), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// priceRoseText says that the total rose since the checkout showed it, and
// why when the coupon or an automatic promotion is the cause: one the
// shopper's email makes them miss (a first order only, their uses or a
// flash sale's units per customer taken), or a flash sale other orders
// took the last units of. One passed over for a better one was passed over
// on the page too, and is not a cause.
func priceRoseText(ctx context.Context, e *store.PriceRoseError) string {
	from, to := i18n.Money(ctx, e.Shown), i18n.Money(ctx, e.Total)
	var why []string
	if c := e.Coupon; c != nil && !c.Applied && c.Why.Key != "" {
		why = append(why, i18n.T(ctx, "promo.coupon.not_applied", c.Code, views.WhyText(ctx, c.Why)))
	}
	for _, p := range e.Passed {
		switch p.Why.Key {
		case pricing.WhyNotCombined:
		case pricing.WhySoldOut:
			// Said as a sentence of its own: the sale may still price the
			// units it had left, so it is not "not applied".
			why = append(why, i18n.T(ctx, "promo.auto.sold_out", p.Label))
		default:
			why = append(why, views.PassedText(ctx, p))
		}
	}
	if len(why) == 0 {
		return i18n.T(ctx, "promo.price_rose_plain", from, to)
	}
	return i18n.T(ctx, "promo.price_rose", from, to, strings.Join(why, i18n.T(ctx, "promo.sentence_sep")))
}
