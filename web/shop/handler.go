// Package shop holds the shopper's pages, one file for each thing a
// shopper does: browse the catalog, search, keep a cart, check out, pay
// and follow an order. Handlers parse the request, call the store (or
// store/payment) once, and render; the rules live in store.
package shop

import (
	"storefront/store/payment"
	"storefront/web/kit"
)

// Handler serves the shopper's pages; web's routes.go registers its methods.
type Handler struct {
	*kit.Deps
	payments *payment.Flows
}

// New returns the shop's handler.
func New(d *kit.Deps, payments *payment.Flows) *Handler {
	return &Handler{Deps: d, payments: payments}
}
