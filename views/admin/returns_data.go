package admin

import (
	"time"
	"storefront/store"
	"storefront/views"
)

// ReturnsPage is the admin's list of return requests.
type ReturnsPage struct {
	Shell      Shell
	List       store.ReturnPage
	Filter     StatusSearch
	Nav        views.PageNav
	Now        time.Time
	Stats      store.ReturnStats
}
