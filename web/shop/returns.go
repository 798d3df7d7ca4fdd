package shop

import (
	"crypto/rand"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

// returnOrder is the order the return pages are about: a guest's, opened
// by its key, or the signed-in customer's own; any other is ErrNotFound,
// like an unknown number. The pages' links and forms carry the key in the
// URL; a POST may send it as the form's key field instead (the public
// contract's).
func (h *Handler) returnOrder(r *http.Request) (o *store.Order, key string, customerID int64, err error) {
	ctx := r.Context()
	number, key := r.PathValue("number"), r.URL.Query().Get("key")
	if key == "" {
		if c := h.SignedInCustomer(r); c != nil {
			if o, err = h.Store.CustomerOrder(ctx, c.ID, number); !errors.Is(err, store.ErrNotFound) {
				return o, "", c.ID, err
			}
		}
		key = formKey(r)
	}
	if key == "" {
		return nil, "", 0, store.ErrNotFound
	}
	o, err = h.keyedOrder(ctx, number, key)
	return o, key, 0, err
}

// formKey is the order key a POST sent as its key field, "" for none.
// The body is read here in the server's usual time: only a request that
// opens its order before the body is read is given an upload's time
// (readReturnPhotos), and a multipart one is kept on disk, not in memory.
func formKey(r *http.Request) string {
	if r.Method != http.MethodPost {
		return ""
	}
	_ = r.ParseMultipartForm(64 << 10) // a urlencoded body is parsed all the same
	return r.PostFormValue("key")
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
	h.renderReturnForm(w, r, http.StatusOK, views.ReturnFormPage{Order: o, Key: key, Token: rand.Text()})
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
	photos, status := readReturnPhotos(w, r)
	if status != 0 {
		h.ClientError(w, r, status)
		return
	}
	page := views.ReturnFormPage{Order: o, Key: key, Ask: map[int64]int64{}, Exchange: map[int64]int64{},
		Reason: r.PostFormValue("reason"), Resolution: r.PostFormValue("resolution"), Note: r.PostFormValue("note"),
		Token: r.PostFormValue("return_token")}
	if page.Token == "" { // a form from before the token, or a client without it
		page.Token = rand.Text()
	}
	for _, l := range o.Lines {
		if n, err := strconv.ParseInt(r.PostFormValue(store.ReturnQtyField(l.ID)), 10, 64); err == nil && n != 0 {
			page.Ask[l.ID] = n
		}
		if v, err := strconv.ParseInt(r.PostFormValue(store.ExchangeField(l.ID)), 10, 64); err == nil && v > 0 {
			page.Exchange[l.ID] = v
		} else if page.Resolution == store.ResolutionExchange {
			page.Exchange[l.ID] = l.VariantID // a product of one variant: the same again
		}
	}
	var id int64
	if r.PostFormValue("preview") != "" {
		var q store.ReturnQuote
		if q, err = h.Store.QuoteReturn(ctx, o, page.Ask, page.Reason, page.Resolution); err == nil {
			page.Quote = &q
			h.renderReturnForm(w, r, http.StatusOK, page)
			return
		}
	} else {
		id, err = h.Store.RequestReturn(ctx, o, customerID, store.ReturnInput{Ask: page.Ask, Reason: page.Reason,
			Resolution: page.Resolution, Exchange: page.Exchange, Note: page.Note, Photos: photos, Token: page.Token})
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

// MaxReturnBytes bounds a return request's body: its photos at the
// store's limit each, and the form.
const MaxReturnBytes = store.MaxReturnPhotos*store.MaxImageBytes + 64<<10

// readReturnPhotos reads the request's photos, if it is a multipart form
// (the form is; a client may post without files), taking the time a phone
// on a weak signal needs. The files wait on disk, not in memory. A body cut
// off at its limit is 413; a form that does not parse is 400.
func readReturnPhotos(w http.ResponseWriter, r *http.Request) ([][]byte, int) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return nil, 0
	}
	kit.AllowSlowUpload(w, MaxReturnBytes)
	err := r.ParseMultipartForm(64 << 10)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge
	case err != nil:
		return nil, http.StatusBadRequest
	}
	defer r.MultipartForm.RemoveAll()
	var out [][]byte
	for _, fh := range r.MultipartForm.File["photos"] {
		if fh.Size == 0 { // the empty part a browser sends for no file
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return nil, http.StatusBadRequest
		}
		data, err := io.ReadAll(io.LimitReader(f, store.MaxImageBytes+1))
		f.Close()
		if err != nil {
			return nil, http.StatusBadRequest
		}
		out = append(out, data)
	}
	return out, 0
}

func returnPath(o *store.Order, id int64) string {
	return "/orders/" + o.Number + "/returns/" + strconv.FormatInt(id, 10)
}

func (h *Handler) renderReturnForm(w http.ResponseWriter, r *http.Request, status int, page views.ReturnFormPage) {
	r = kit.InOrderCurrency(r, page.Order.Currency)
	ctx := r.Context()
	var err error
	if page.Options, err = h.Store.ReturnOptionsOf(ctx, page.Order); err != nil {
		h.ServerError(w, r, err)
		return
	}
	locale := i18n.Locale(ctx)
	if page.Reasons, err = h.Store.ReturnReasonsOf(ctx, false); err != nil {
		h.ServerError(w, r, err)
		return
	}
	if page.Choices, err = h.Store.ExchangeChoices(ctx, page.Order, locale); err != nil {
		h.ServerError(w, r, err)
		return
	}
	policy, _, err := h.Store.ReturnTexts(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Policy = policy.In(locale)
	page.PostPath = "/orders/" + page.Order.Number + "/returns" + views.KeyQuery(page.Key)
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
	h.renderReturn(w, r, http.StatusOK, views.ReturnPage{Order: o, Return: ret, Key: key})
}

// renderReturn shows page.Return, with the reasons and variants that name
// what it asks for.
func (h *Handler) renderReturn(w http.ResponseWriter, r *http.Request, status int, page views.ReturnPage) {
	r = kit.InOrderCurrency(r, page.Order.Currency)
	ctx := r.Context()
	page.Path = returnPath(page.Order, page.Return.ID)
	st, err := h.Store.Settings(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Pickup = views.PickupPlaceIn(st, i18n.Locale(ctx))
	if page.Reasons, err = h.Store.ReturnReasonsOf(ctx, true); err == nil {
		page.Wanted, err = h.Store.ExchangeWanted(ctx, page.Return, i18n.Locale(ctx))
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Shell = h.Shell(r, views.Meta{Title: i18n.T(ctx, page.TitleKey(), page.Order.Number), NoIndex: true})
	h.Render(w, r, status, views.ReturnStatus(page))
}

// ReturnCancel takes back a request the shop has not answered. Once the
// shop has answered, the page says so as it stands now (409); a request
// already cancelled (a second click) just goes to its page.
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
	err = h.Store.CancelReturn(ctx, o.ID, id)
	if errors.Is(err, store.ErrConflict) {
		ret, rerr := h.Store.OrderReturn(ctx, o.ID, id)
		if rerr != nil {
			h.StoreError(w, r, rerr)
			return
		}
		if ret.Status != store.ReturnCancelled {
			h.renderReturn(w, r, http.StatusConflict, views.ReturnPage{Order: o, Return: ret, Key: key, Conflict: true})
			return
		}
		err = nil
	}
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	http.Redirect(w, r, string(views.Link(ctx, returnPath(o, id)+views.KeyQuery(key))), http.StatusSeeOther)
}

// ReturnPhoto serves a photo of a return to its shopper: full size, or
// the thumbnail under /thumb. Never cached by others: the URL may hold
// the order key.
func (h *Handler) ReturnPhoto(w http.ResponseWriter, r *http.Request) {
	privateHeaders(w)
	o, _, _, err := h.returnOrder(r)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	id, ok := kit.PathInt(r, "id")
	n, nok := kit.PathInt(r, "n")
	if !ok || !nok {
		h.NotFound(w, r)
		return
	}
	im, err := h.Store.ReturnPhoto(r.Context(), o.ID, id, int(n), strings.HasSuffix(r.URL.Path, "/thumb"))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	kit.ServePrivateImage(w, r, im)
}
