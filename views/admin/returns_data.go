package admin

import (
	"storefront/store"
	"storefront/views"
	"time"
)

// ReturnsPage is the admin's list of return requests.
type ReturnsPage struct {
	Shell  Shell
	List   store.ReturnPage
	Filter StatusSearch
	Nav    views.PageNav
	Now    time.Time
	Stats  store.ReturnStats
}
