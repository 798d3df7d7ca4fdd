package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// VariantStock is a variant's stock page: adjustment form, low-stock
// threshold and history.
func (h *Handler) VariantStock(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	item, err := h.Store.VariantStockByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	page := adminviews.VariantStockPage{
		Item:      *item,
		Form:      adminviews.StockForm{Reason: store.StockReceived, StockWas: item.Variant.Stock},
		Threshold: adminviews.ThresholdForm{Threshold: strconv.FormatInt(item.Threshold, 10), Was: item.Threshold},
		Saved:     r.URL.Query().Get("saved") == "1",
	}
	h.renderVariantStock(w, r, http.StatusOK, page)
}

// VariantAdjust changes a variant's stock by delta, or sets it to
// set_to (a count), with a reason. A change that would take the stock below
// zero answers 422 and changes nothing; a count made against a stock that
// has moved since the form was shown answers 409.
func (h *Handler) VariantAdjust(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	form := adminviews.StockForm{
		Delta:  strings.TrimSpace(r.PostFormValue("delta")),
		SetTo:  strings.TrimSpace(r.PostFormValue("set_to")),
		Reason: r.PostFormValue("reason"),
		Note:   r.PostFormValue("note"),
	}
	in, errs := parseStockForm(r, &form, id)
	var err error
	if errs == nil {
		_, err = h.Store.AdjustStock(r.Context(), h.actor(r), in)
	}
	page := adminviews.VariantStockPage{Form: form, Errors: errs}
	var verr *store.ValidationError
	status := http.StatusUnprocessableEntity
	switch {
	case errs != nil:
	case errors.As(err, &verr):
		page.Errors = verr.Fields
	case errors.Is(err, store.ErrConflict):
		status, page.Conflict = http.StatusConflict, "admin.stock.conflict"
	case err != nil:
		h.StoreError(w, r, err)
		return
	default:
		http.Redirect(w, r, adminviews.StockURL(id)+"?saved=1", http.StatusSeeOther)
		return
	}
	h.reshowVariantStock(w, r, status, id, page, true)
}

// parseStockForm reads the adjustment form into form (echoed back) and the
// store's input. Exactly one of delta and set_to must be given.
func parseStockForm(r *http.Request, form *adminviews.StockForm, variantID int64) (store.StockAdjustmentInput, map[string]string) {
	in := store.StockAdjustmentInput{VariantID: variantID, Reason: form.Reason, Note: form.Note}
	form.StockWas, _ = strconv.ParseInt(r.PostFormValue("stock_was"), 10, 64)
	errs := map[string]string{}
	switch {
	case form.Delta == "" && form.SetTo == "":
		errs["delta"] = "error.stock_change"
	case form.Delta != "" && form.SetTo != "":
		errs["set_to"] = "error.stock_one"
	case form.SetTo != "":
		n, err := strconv.ParseInt(form.SetTo, 10, 64)
		if err != nil {
			errs["set_to"] = "error.stock_number"
		}
		was := form.StockWas
		in.SetTo, in.Expected = &n, &was
	default:
		n, err := strconv.ParseInt(strings.TrimPrefix(form.Delta, "+"), 10, 64)
		if err != nil {
			errs["delta"] = "error.stock_number"
		}
		in.Delta = n
	}
	if len(errs) > 0 {
		return in, errs
	}
	return in, nil
}

// VariantThreshold sets a variant's low-stock threshold. was is the
// value the form showed: if someone changed it since, 409.
func (h *Handler) VariantThreshold(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	form := adminviews.ThresholdForm{Threshold: strings.TrimSpace(r.PostFormValue("threshold"))}
	form.Was, _ = strconv.ParseInt(r.PostFormValue("was"), 10, 64)
	page := adminviews.VariantStockPage{Threshold: form}
	threshold, err := strconv.ParseInt(form.Threshold, 10, 64)
	if err != nil {
		page.Errors = map[string]string{"threshold": "error.stock_number"}
		h.reshowVariantStock(w, r, http.StatusUnprocessableEntity, id, page, false)
		return
	}
	err = h.Store.SetLowStockThreshold(r.Context(), h.actor(r), id, threshold, form.Was)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		h.reshowVariantStock(w, r, http.StatusUnprocessableEntity, id, page, false)
	case errors.Is(err, store.ErrConflict):
		page.Conflict = "admin.stock.threshold_conflict"
		h.reshowVariantStock(w, r, http.StatusConflict, id, page, false)
	case err != nil:
		h.StoreError(w, r, err)
	default:
		http.Redirect(w, r, adminviews.StockURL(id)+"?saved=1", http.StatusSeeOther)
	}
}

// reshowVariantStock re-renders the stock page after a refused change:
// the submitted form (the adjustment form when adjusting, else the
// threshold form) keeps the person's values; the other form and the figures
// are fresh. After a conflict the hidden "what I saw" values move to the
// current ones, so submitting again is a deliberate choice.
func (h *Handler) reshowVariantStock(w http.ResponseWriter, r *http.Request, status int, id int64, page adminviews.VariantStockPage, adjusting bool) {
	item, err := h.Store.VariantStockByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	page.Item = *item
	fresh := adminviews.ThresholdForm{Threshold: strconv.FormatInt(item.Threshold, 10), Was: item.Threshold}
	if adjusting {
		page.Threshold = fresh
	} else {
		page.Form = adminviews.StockForm{Reason: store.StockReceived, StockWas: item.Variant.Stock}
	}
	if page.Conflict != "" {
		page.Form.StockWas, page.Threshold.Was = item.Variant.Stock, item.Threshold
	}
	h.renderVariantStock(w, r, status, page)
}

func (h *Handler) renderVariantStock(w http.ResponseWriter, r *http.Request, status int, page adminviews.VariantStockPage) {
	ctx := r.Context()
	q := r.URL.Query()
	n, ok := kit.ParsePage(q.Get("page"))
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	var err error
	if page.History, err = h.Store.StockAdjustments(ctx, page.Item.Variant.ID, n, 0); err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Nav = views.PageNav{Path: r.URL.Path, Page: page.History.Page, Pages: page.History.Pages()}
	page.CanWrite = Can(kit.CurrentStaff(ctx).Role, PermCatalogWrite)
	page.Shell = h.adminShell(r, "admin.stock.title")
	page.Shell.Title = page.Item.ProductTitle
	h.Render(w, r, status, adminviews.VariantStock(page))
}

// LowStock lists every variant at or below its own threshold.
func (h *Handler) LowStock(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, ok := kit.ParsePage(r.URL.Query().Get("page"))
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	stock, err := h.Store.LowStock(ctx, n, 0)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	nav := views.PageNav{Path: r.URL.Path, Page: stock.Page, Pages: stock.Pages()}
	if n > nav.Pages {
		h.NotFound(w, r)
		return
	}
	h.Render(w, r, http.StatusOK, adminviews.LowStock(adminviews.LowStockPage{
		Shell: h.adminShell(r, "admin.lowstock.title"), Stock: stock, Nav: nav,
	}))
}
