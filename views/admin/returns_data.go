package admin

import (
	"storefront/store"
	"storefront/views"
)

// ReturnsPage is the admin's list of return requests.
type ReturnsPage struct {
	Shell      Shell
	List       store.ReturnPage
	Filter     StatusSearch
	Nav        views.PageNav
	OrderLinks bool // whether the viewer may open orders in the admin
}
