package views

import (
	"storefront/i18n"
	"storefront/store"
)

// PickupKey is key, or pickupKey when o is collected from the shop: there
// staff record a parcel when they set the order aside for collection, and
// mark it delivered when the shopper has collected it, so what is
// "shipped" for a delivery is "ready to collect" for a pickup.
func PickupKey(o *store.Order, key, pickupKey string) string {
	if o.ShippingKind == store.ShippingPickup {
		return pickupKey
	}
	return key
}

// PickupText is key, or its "_pickup" form when o is collected from the
// shop and the catalog has one: what a parcel's shopper sends back, a
// pickup's brings back to the counter.
func PickupText(o *store.Order, key string) string {
	if o.ShippingKind == store.ShippingPickup && i18n.Has(key+"_pickup") {
		return key + "_pickup"
	}
	return key
}

// statusKey is the catalog key of the order's status for the shopper: a
// pickup set aside is ready to collect, and collected once handed over.
func statusKey(o *store.Order) string {
	if o.ShippingKind != store.ShippingPickup || o.Cancelled() {
		return orderStatusKey(o)
	}
	switch {
	case !o.DeliveredAt.IsZero():
		return "order.status.collected"
	case o.FulfillmentStatus == store.FulfillmentDone:
		return "order.status.ready"
	case o.FulfillmentStatus == store.FulfillmentPartial:
		return "order.status.partly_ready"
	}
	return orderStatusKey(o)
}

// eventKey is the catalog key of a timeline event of o in the shopper's
// words.
func eventKey(o *store.Order, kind string) string {
	switch kind {
	case store.EventFulfilled:
		return PickupKey(o, "order.event.fulfilled", "order.event.ready")
	case store.EventDelivered:
		return PickupKey(o, "order.event.delivered", "order.event.collected")
	}
	return "order.event." + kind
}

// emailKey is the catalog key naming an email of o in its timeline.
func emailKey(o *store.Order, kind string) string {
	if kind == store.EmailShipped {
		return PickupKey(o, "order.email.shipped", "order.email.ready")
	}
	return "order.email." + kind
}
