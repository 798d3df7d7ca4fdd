package admin

import (
	"net/http"

	adminviews "storefront/views/admin"
)

// The forms that create something (a promotion or coupon, a product, a
// shipping method, a collection, a return reason; the Duplicate buttons
// of products and promotions, and a coupon's Generate codes, whose
// record is the batch) carry a one-time token: a new one when the
// empty form is shown (store.NewCreateToken), the posted one when a
// refused form is shown again, so that the corrected form is still the
// same form. The store keeps the token with the record the form made, in
// the same transaction; a second submit of the form (a double click, or
// "back" and submit) makes nothing and is answered as the first was, with
// a 303 to that record.

// postedCreateToken is the one-time token of the posted form.
func postedCreateToken(r *http.Request) string {
	return r.PostFormValue(adminviews.CreateTokenField)
}
