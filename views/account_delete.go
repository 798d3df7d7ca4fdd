package views

import "storefront/store"

// AccountDeletePage is the form that deletes the account, with what is
// lost with it and, while there are any, the orders that hold it back.
type AccountDeletePage struct {
	Form       AccountFormPage
	Points     store.PointsBalance
	Coupons    int      // member coupons not used yet
	OpenOrders []string // numbers of the orders under way (store.UnfinishedOrders)
}
