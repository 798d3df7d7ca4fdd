package views

import (
	"context"
	"slices"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
)

// CheckoutPage is the one-page checkout: the shopper's form, the choices
// the shop offers for this cart and what the order will cost.
type CheckoutPage struct {
	Shell    Shell
	Form     CheckoutForm
	Errors   map[string]string // form field → catalog key of its message
	Notice   Notice
	Shipping []ShippingOption // the methods that can ship this cart, in the owner's order
	Payments []string         // the payment methods switched on, in store.PaymentMethods order
	Summary  store.Checkout   // priced with Form.ShippingMethod
	Promo    Promo
	// NoReturn are the cart's lines excluded from no-reason returns, by
	// variant: why (a store.NoReturnReasons value).
	NoReturn map[int64]string
	// PointsCapped says the shopper asked for more points than the order
	// takes, and Form.RedeemPoints is the most it does.
	PointsCapped bool
	// Pickup is where and when a pickup is collected, shown beside the
	// choice so that the shopper knows before paying.
	Pickup PickupPlace
	// Script is the checkout script's URL: it shows the methods that
	// deliver to the country picked and the payments the method takes.
	Script string
}

// CheckoutForm is what the shopper typed and picked, echoed back into the
// form. It carries no price: those come from the database.
type CheckoutForm struct {
	Token string // the hidden checkout_token, kept across re-renders
	store.Address
	ShippingMethod int64
	PaymentMethod  string
	Note           string
	RedeemPoints   int64 // the points asked for (redeem_points); more than the order takes are refused
	// PointsTyped is redeem_points as typed when it is no whole number of
	// points, shown back beside its message; "" otherwise.
	PointsTyped string
	// ConfirmNoReturn is the box the shopper ticks to confirm the lines
	// excluded from no-reason returns (confirm_no_return).
	ConfirmNoReturn bool
}

// ShippingOption is an active shipping method with what it costs for this
// cart.
type ShippingOption struct {
	Method store.ShippingMethod
	Price  int64
	// FreeGap is how much more the cart needs for the method to ship free
	// (store.Checkout.FreeShippingGap); 0 when it does or never will.
	FreeGap int64
}

// Ready reports whether an order can be placed from the page at all: the
// cart can be bought as it stands and the shop offers a way to ship (or
// there is nothing to ship) and to pay.
func (p *CheckoutPage) Ready() bool {
	return p.Summary.Cart.Ready() && (len(p.Shipping) > 0 || p.Summary.NothingToShip) && len(p.Payments) > 0
}

// delivers reports whether o delivers to the address's country: the
// page shows it, and placing the order by it is not refused for that.
// With pickup chosen the address, its country included, is out of view:
// every method is shown, as the checkout script shows them, so that the
// shopper can go back to a delivery.
func (p *CheckoutPage) delivers(o ShippingOption) bool {
	return p.pickupChosen() || o.Method.Serves(p.Summary.Cart.ShipTo)
}

// pickupChosen reports whether the form has local pickup chosen.
func (p *CheckoutPage) pickupChosen() bool {
	return slices.ContainsFunc(p.Shipping, func(o ShippingOption) bool {
		return o.Method.ID == p.Form.ShippingMethod && o.Method.Kind == store.ShippingPickup
	})
}

// deliversNowhere reports whether the shop delivers the cart but not to
// the address's country. Local pickup, on offer whatever the country, is
// no delivery there.
func (p *CheckoutPage) deliversNowhere() bool {
	delivery := func(o ShippingOption) bool { return o.Method.Kind != store.ShippingPickup }
	there := func(o ShippingOption) bool { return o.Method.Delivers(p.Summary.Cart.ShipTo) }
	return slices.ContainsFunc(p.Shipping, delivery) && !slices.ContainsFunc(p.Shipping, there)
}

// pointsOffered reports whether the shopper may pay with points: a
// member with some, where the shop takes them.
func (p *CheckoutPage) pointsOffered() bool {
	u := p.Summary.Cart.Points
	return u.Balance > 0 && u.Rules.Redeems()
}

// pointsGone reports whether points chosen were refused where the points
// field is no longer offered (spent, taken off or expired since): its
// message has no field to stand beside.
func (p *CheckoutPage) pointsGone() bool {
	return p.Errors["redeem_points"] != "" && !p.pointsOffered()
}

// pointsValue is what the points field shows: what was typed when it was
// refused as no number of points, else the points asked for.
func (p *CheckoutPage) pointsValue() string {
	if p.Form.PointsTyped != "" {
		return p.Form.PointsTyped
	}
	return itoa64(p.Form.RedeemPoints)
}

// fieldError is the translated message for a form field, "" when it is fine.
// A shipping method refused for the address names its country, the form's;
// cash on delivery refused by the method names the method, the form's.
func (p *CheckoutPage) fieldError(ctx context.Context, field string) string {
	switch key := p.Errors[field]; key {
	case "":
		return ""
	case "checkout.error.shipping_country", "checkout.error.no_shipping_country":
		return i18n.T(ctx, key, CountryName(ctx, p.Form.Country))
	case "checkout.error.cod_method":
		name := ""
		if i := slices.IndexFunc(p.Shipping, func(o ShippingOption) bool { return o.Method.ID == p.Form.ShippingMethod }); i >= 0 {
			name = p.Shipping[i].Method.Name.In(i18n.Locale(ctx))
		}
		return i18n.T(ctx, key, name)
	default:
		return i18n.T(ctx, key)
	}
}

// textField describes one text input of the checkout form.
type textField struct {
	Name         string
	Value        string
	Type         string // "text", "email", "tel"
	Autocomplete string
	Required     bool // shown as required in the browser; the server checks again
	Optional     bool // labelled "optional"; address fields are neither (pickup needs none)
	MaxLength    string
}

// contactFields are the checkout's contact inputs.
func (p *CheckoutPage) contactFields() []textField {
	f := p.Form
	return []textField{
		{Name: "email", Value: f.Email, Type: "email", Autocomplete: "email", Required: true, MaxLength: "200"},
		{Name: "name", Value: f.Name, Type: "text", Autocomplete: "name", Required: true, MaxLength: "200"},
		{Name: "phone", Value: f.Phone, Type: "tel", Autocomplete: "tel", Optional: true, MaxLength: "200"},
	}
}

// addressFields are the shipping address inputs. None is required in the
// browser: local pickup needs no address, and the server decides once it
// knows the method.
func (p *CheckoutPage) addressFields() []textField {
	f := p.Form
	return []textField{
		{Name: "address_line1", Value: f.AddressLine1, Type: "text", Autocomplete: "address-line1", MaxLength: "200"},
		{Name: "address_line2", Value: f.AddressLine2, Type: "text", Autocomplete: "address-line2", Optional: true, MaxLength: "200"},
		{Name: "city", Value: f.City, Type: "text", Autocomplete: "address-level2", MaxLength: "200"},
		{Name: "region", Value: f.Region, Type: "text", Autocomplete: "address-level1", Optional: true, MaxLength: "200"},
		{Name: "postal_code", Value: f.PostalCode, Type: "text", Autocomplete: "postal-code", MaxLength: "200"},
		{Name: "country", Value: f.Country, Type: "text", Autocomplete: "country-name", MaxLength: "200"},
	}
}

// taxLabel names the tax row: added on top, or contained in the prices.
func taxLabel(ctx context.Context, inclusive bool) string {
	if inclusive {
		return i18n.T(ctx, "checkout.tax_included")
	}
	return i18n.T(ctx, "checkout.tax")
}

// pricedLine is a cart line's price in the checkout summary; false for a
// line left out of the price because it cannot be bought as it stands.
func pricedLine(c store.Checkout, lineID int64) (pricing.LineResult, bool) {
	for _, lr := range c.Pricing.Lines {
		if lr.ID == lineID {
			return lr, true
		}
	}
	return pricing.LineResult{}, false
}

// shippingPrice is what a shipping row shows: "Free" or the amount.
func shippingPrice(ctx context.Context, amount int64) string {
	if amount == 0 {
		return i18n.T(ctx, "checkout.free")
	}
	return i18n.Money(ctx, amount)
}
