package views

import (
	"storefront/i18n"
	"storefront/store"
)

// PickupText is key, or its "_pickup" form when o is collected from the
// shop and the catalog has one. Staff record a parcel when they set a
// pickup aside and mark it delivered once collected, so what is "shipped"
// for a delivery is "ready to collect" for a pickup, and what a parcel's
// shopper sends back, a pickup's brings back to the counter.
func PickupText(o *store.Order, key string) string {
	if o.ShippingKind == store.ShippingPickup && i18n.Has(key+"_pickup") {
		return key + "_pickup"
	}
	return key
}

// statusKey is the catalog key of the order's status for the shopper: a
// pickup set aside is ready to collect, and collected once handed over.
func statusKey(o *store.Order) string {
	if o.ShippingKind == store.ShippingPickup && !o.Cancelled() && !o.DeliveredAt.IsZero() {
		return "order.status.collected"
	}
	return PickupText(o, orderStatusKey(o))
}

// eventKey is the catalog key of a timeline event of o in the shopper's
// words.
func eventKey(o *store.Order, kind string) string {
	return PickupText(o, "order.event."+kind)
}

// emailKey is the catalog key naming an email of o in its timeline.
func emailKey(o *store.Order, kind string) string {
	return PickupText(o, "order.email."+kind)
}

// PickupPlace is where and when an order collected from the shop is
// collected, and a pickup's return brought back: the shop's address and
// its opening hours, each "" for nothing said.
type PickupPlace struct {
	Address string
	Hours   string
	// Phone and Email are how to reach the shop, for a pickup whose
	// address was cleared since (collectFrom).
	Phone, Email string
}

// PickupPlaceIn is st's pickup place for a reader of locale: the hours
// are translated, the address is the one the shop has.
func PickupPlaceIn(st store.Settings, locale string) PickupPlace {
	st = st.In(locale)
	return PickupPlace{Address: st.Address, Hours: st.PickupHours, Phone: st.Phone, Email: st.ContactEmail}
}

// AddressLines are the address's lines, without blank ones.
func (p PickupPlace) AddressLines() []string { return paragraphs(p.Address) }

// HoursLines are the opening hours' lines, without blank ones.
func (p PickupPlace) HoursLines() []string { return paragraphs(p.Hours) }
