package admin

import (
	"time"

	"storefront/store"
	"storefront/views"
)

// PromotionsPage is the admin's list of coupons and automatic discounts.
type PromotionsPage struct {
	Shell  Shell
	List   store.PromotionPage
	Filter StatusSearch
	Nav    views.PageNav
	Zone   *time.Location // the shop's, in which times are shown
}

// StatusSearch echoes the filter form of a simple admin list (promotions,
// returns): a status (or state) and a search.
type StatusSearch struct {
	Status string
	Q      string
}

// Active reports whether the list is filtered, so that an empty list can
// say "nothing matches" rather than "nothing yet".
func (f StatusSearch) Active() bool { return f.Status != "" || f.Q != "" }
