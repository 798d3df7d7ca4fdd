package shop

import (
	"errors"
	"net/http"
	"strconv"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

// returnOrder is the order the return pages are about: a guest's, opened
// by the key in the URL, or the signed-in customer's own; any other is
// ErrNotFound, like an unknown number.
func (h *Handler) returnOrder(r *http.Request) (o *store.Order, key string, customerID int64, err error) {
	ctx := r.Context()
	number, key := r.PathValue("number"), r.URL.Query().Get("key")
	if key != "" {
		o, err = h.keyedOrder(ctx, number, key)
		return o, key, 0, err
	}
	if c := h.SignedInCustomer(r); c != nil {
		o, err = h.Store.CustomerOrder(ctx, c.ID, number)
		return o, "", c.ID, err
	}
	return nil, "", 0, store.ErrNotFound
}

// privateHeaders keep a page whose URL may hold an order key out of
// caches and Referers.
func privateHeaders(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
}

// ReturnForm shows the return request form of an order.
func (h *Handler) ReturnForm(w http.ResponseWriter, r *http.Request) {
	privateHeaders(w)
	o, key, _, err := h.returnOrder(r)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.renderReturnForm(w, r, http.StatusOK, views.ReturnFormPage{Order: o, Key: key})
}

// ReturnSubmit previews the refund (preview=1) or records the request and
// goes to its page.
func (h *Handler) ReturnSubmit(w http.ResponseWriter, r *http.Request) {
	privateHeaders(w)
	ctx := r.Context()
	o, key, customerID, err := h.returnOrder(r)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	page := views.ReturnFormPage{Order: o, Key: key, Ask: map[int64]int64{}, Reason: r.PostFormValue("reason"),
		Note: r.PostFormValue("note")}
	for _, l := range o.Lines {
		if n, err := strconv.ParseInt(r.PostFormValue(store.ReturnQtyField(l.ID)), 10, 64); err == nil && n != 0 {
			page.Ask[l.ID] = n
		}
	}
	var id int64
	if r.PostFormValue("preview") != "" {
		var q store.ReturnQuote
		if q, err = h.Store.QuoteReturn(ctx, o, page.Ask, page.Reason); err == nil {
			page.Quote = &q
			h.renderReturnForm(w, r, http.StatusOK, page)
			return
		}
	} else {
		id, err = h.Store.RequestReturn(ctx, o, customerID, store.ReturnInput{Ask: page.Ask, Reason: page.Reason,
			Resolution: r.PostFormValue("resolution"), Note: page.Note})
	}
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		h.renderReturnForm(w, r, http.StatusUnprocessableEntity, page)
	case err != nil:
		h.ServerError(w, r, err)
	default:
		http.Redirect(w, r, string(views.Link(ctx, returnPath(o, id)+views.KeyQuery(key))), http.StatusSeeOther)
	}
}

func returnPath(o *store.Order, id int64) string {
	return "/orders/" + o.Number + "/returns/" + strconv.FormatInt(id, 10)
}

func (h *Handler) renderReturnForm(w http.ResponseWriter, r *http.Request, status int, page views.ReturnFormPage) {
	ctx := r.Context()
	var err error
	if page.Options, err = h.Store.ReturnOptionsOf(ctx, page.Order); err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.PostPath = "/orders/" + page.Order.Number + "/returns" + views.KeyQuery(page.Key)
	_, r = h.saleContext(r) // times in the shop's zone
	page.Shell = h.Shell(r, views.Meta{Title: i18n.T(ctx, "returns.title", page.Order.Number), NoIndex: true})
	h.Render(w, r, status, views.ReturnForm(page))
}

// Return is a return's page.
func (h *Handler) Return(w http.ResponseWriter, r *http.Request) {
	privateHeaders(w)
	ctx := r.Context()
	o, key, _, err := h.returnOrder(r)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	ret, err := h.Store.OrderReturn(ctx, o.ID, id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	_, r = h.saleContext(r)
	page := views.ReturnPage{Order: o, Return: ret, Key: key, Path: returnPath(o, id)}
	page.Shell = h.Shell(r, views.Meta{Title: i18n.T(ctx, "returns.page_title", o.Number), NoIndex: true})
	h.Render(w, r, http.StatusOK, views.ReturnStatus(page))
}

// ReturnCancel takes back a request the shop has not answered.
func (h *Handler) ReturnCancel(w http.ResponseWriter, r *http.Request) {
	privateHeaders(w)
	ctx := r.Context()
	o, key, _, err := h.returnOrder(r)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	if err := h.Store.CancelReturn(ctx, o.ID, id); err != nil {
		h.StoreError(w, r, err)
		return
	}
	http.Redirect(w, r, string(views.Link(ctx, returnPath(o, id)+views.KeyQuery(key))), http.StatusSeeOther)
}
