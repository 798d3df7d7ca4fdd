package main

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// orderNoticeKey holds a one-time message (a catalog key) for the next
// order page: "Marked as paid", "Parcel recorded".
const orderNoticeKey = "admin.orders.notice"

// adminOrder is one order with its forms.
func (a *app) adminOrder(w http.ResponseWriter, r *http.Request) {
	o, ok := a.loadOrder(w, r)
	if !ok {
		return
	}
	notice := ""
	if key := a.sessions.PopString(r.Context(), orderNoticeKey); key != "" {
		notice = i18n.T(r.Context(), key)
	}
	a.renderOrder(w, r, http.StatusOK, adminviews.OrderPage{Order: o, Notice: notice})
}

// loadOrder reads the order named by the {id} path value, answering 404
// itself when there is none.
func (a *app) loadOrder(w http.ResponseWriter, r *http.Request) (*store.Order, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return nil, false
	}
	o, err := a.store.OrderByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
		return nil, false
	}
	return o, true
}

func (a *app) renderOrder(w http.ResponseWriter, r *http.Request, status int, page adminviews.OrderPage) {
	page.Shell = a.adminShell(r, "admin.orders.title")
	page.Shell.Title = i18n.T(r.Context(), "admin.order.title", page.Order.Number)
	a.render(w, r, status, adminviews.Order(page))
}

// orderDone goes back to the order with a message.
func (a *app) orderDone(w http.ResponseWriter, r *http.Request, o *store.Order, noticeKey string) {
	a.sessions.Put(r.Context(), orderNoticeKey, noticeKey)
	http.Redirect(w, r, adminviews.OrderURL(o.ID), http.StatusSeeOther)
}

// orderActed ends an action on the order by what the store said: back to
// the order with noticeKey, or, when the order's state forbade it
// (ErrConflict), the order again with conflictKey's reason (409), read
// afresh: what the order is now is what staff must see.
func (a *app) orderActed(w http.ResponseWriter, r *http.Request, o *store.Order, err error, noticeKey, conflictKey string) {
	if errors.Is(err, store.ErrConflict) {
		o, err = a.store.OrderByID(r.Context(), o.ID)
		if err == nil {
			a.renderOrder(w, r, http.StatusConflict, adminviews.OrderPage{Order: o, Problem: i18n.T(r.Context(), conflictKey)})
			return
		}
	}
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	a.orderDone(w, r, o, noticeKey)
}

// adminOrderPaid records an offline payment (bank transfer, cash on delivery).
func (a *app) adminOrderPaid(w http.ResponseWriter, r *http.Request) {
	o, ok := a.loadOrder(w, r)
	if !ok {
		return
	}
	if o.PaymentMethod == store.PayStripe {
		a.renderOrder(w, r, http.StatusConflict, adminviews.OrderPage{Order: o,
			Problem: i18n.T(r.Context(), "admin.order.error.stripe_paid")})
		return
	}
	_, err := a.store.MarkPaid(r.Context(), a.actor(r), o.ID)
	a.orderActed(w, r, o, err, "admin.order.notice.paid", "admin.order.error.cancelled")
}

// adminOrderFulfil records a parcel: the quantities of the form's
// qty_{line} fields, or, with the "all" button, everything left to ship.
func (a *app) adminOrderFulfil(w http.ResponseWriter, r *http.Request) {
	o, ok := a.loadOrder(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	form := adminviews.FulfilForm{Qty: map[int64]string{}, Carrier: r.PostFormValue("carrier"),
		TrackingNumber: r.PostFormValue("tracking_number")}
	errs := map[string]string{}
	var qty map[int64]int64
	if r.PostFormValue("all") == "" {
		qty = map[int64]int64{}
		for _, l := range o.Lines {
			field := store.FulfilQtyField(l.ID)
			raw := strings.TrimSpace(r.PostFormValue(field))
			form.Qty[l.ID] = raw
			if raw == "" {
				continue
			}
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil || n < 0 {
				errs[field] = "error.fulfil_quantity"
			}
			qty[l.ID] = n
		}
	}
	if len(errs) > 0 {
		a.renderOrder(w, r, http.StatusUnprocessableEntity, adminviews.OrderPage{Order: o, Fulfil: form, Errors: errs})
		return
	}
	_, err := a.store.FulfillOrder(r.Context(), a.actor(r), o.ID, qty, form.Carrier, form.TrackingNumber)
	var verr *store.ValidationError
	if !errors.As(err, &verr) {
		a.orderActed(w, r, o, err, "admin.order.notice.fulfilled", "admin.order.error.fulfil_cancelled")
		return
	}
	// When everything has shipped meanwhile (a double submit, two staff at
	// once) nothing on the form can be fixed, and the page has no form to
	// show the error beside: say so above the order as it is now.
	if now, err := a.store.OrderByID(r.Context(), o.ID); err == nil && now.FulfillmentStatus == store.FulfillmentDone {
		a.renderOrder(w, r, http.StatusConflict, adminviews.OrderPage{Order: now,
			Problem: i18n.T(r.Context(), "admin.order.error.fulfil_done")})
		return
	}
	a.renderOrder(w, r, http.StatusUnprocessableEntity, adminviews.OrderPage{Order: o, Fulfil: form, Errors: verr.Fields})
}

// adminOrderCancel cancels the order and gives back the stock of what has
// not shipped; the form's confirm box must be ticked.
func (a *app) adminOrderCancel(w http.ResponseWriter, r *http.Request) {
	o, ok := a.loadOrder(w, r)
	if !ok {
		return
	}
	if r.PostFormValue("confirm") != "1" {
		a.renderOrder(w, r, http.StatusUnprocessableEntity, adminviews.OrderPage{Order: o,
			Errors: map[string]string{"confirm": "admin.order.error.confirm_cancel"}})
		return
	}
	err := a.store.CancelOrder(r.Context(), a.actor(r), o.ID)
	a.orderActed(w, r, o, err, "admin.order.notice.cancelled", "admin.order.error.cancel_shipped")
}

// adminOrderNote adds a staff note to the timeline.
func (a *app) adminOrderNote(w http.ResponseWriter, r *http.Request) {
	o, ok := a.loadOrder(w, r)
	if !ok {
		return
	}
	text := r.PostFormValue("note")
	err := a.store.AddOrderNote(r.Context(), a.actor(r), o.ID, text)
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		a.renderOrder(w, r, http.StatusUnprocessableEntity, adminviews.OrderPage{Order: o, Note: text, Errors: verr.Fields})
		return
	}
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	a.orderDone(w, r, o, "admin.order.notice.note")
}

// adminOrderPackingSlip is the printable slip for the parcel.
func (a *app) adminOrderPackingSlip(w http.ResponseWriter, r *http.Request) {
	o, ok := a.loadOrder(w, r)
	if !ok {
		return
	}
	settings, err := a.store.Settings(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	sh := a.adminShell(r, "admin.slip.title")
	sh.Title = i18n.T(r.Context(), "admin.slip.title_n", o.Number)
	a.render(w, r, http.StatusOK, adminviews.PackingSlip(adminviews.PackingSlipPage{Shell: sh, Order: o, Settings: settings}))
}
