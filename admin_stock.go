package main

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// adminVariantStock is a variant's stock page: adjustment form, low-stock
// threshold and history.
func (a *app) adminVariantStock(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	item, err := a.store.VariantStockByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	page := adminviews.VariantStockPage{
		Item:      *item,
		Form:      adminviews.StockForm{Reason: store.StockReceived, StockWas: item.Variant.Stock},
		Threshold: adminviews.ThresholdForm{Threshold: strconv.FormatInt(item.Threshold, 10), Was: item.Threshold},
		Saved:     r.URL.Query().Get("saved") == "1",
	}
	a.renderVariantStock(w, r, http.StatusOK, page)
}

// adminVariantAdjust changes a variant's stock by delta, or sets it to
// set_to (a count), with a reason. A change that would take the stock below
// zero answers 422 and changes nothing; a count made against a stock that
// has moved since the form was shown answers 409.
func (a *app) adminVariantAdjust(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
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
		_, err = a.store.AdjustStock(r.Context(), a.actor(r), in)
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
		a.storeError(w, r, err)
		return
	default:
		http.Redirect(w, r, adminviews.StockURL(id)+"?saved=1", http.StatusSeeOther)
		return
	}
	a.reshowVariantStock(w, r, status, id, page, true)
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

// adminVariantThreshold sets a variant's low-stock threshold. was is the
// value the form showed: if someone changed it since, 409.
func (a *app) adminVariantThreshold(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	form := adminviews.ThresholdForm{Threshold: strings.TrimSpace(r.PostFormValue("threshold"))}
	form.Was, _ = strconv.ParseInt(r.PostFormValue("was"), 10, 64)
	page := adminviews.VariantStockPage{Threshold: form}
	threshold, err := strconv.ParseInt(form.Threshold, 10, 64)
	if err != nil {
		page.Errors = map[string]string{"threshold": "error.stock_number"}
		a.reshowVariantStock(w, r, http.StatusUnprocessableEntity, id, page, false)
		return
	}
	err = a.store.SetLowStockThreshold(r.Context(), a.actor(r), id, threshold, form.Was)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		a.reshowVariantStock(w, r, http.StatusUnprocessableEntity, id, page, false)
	case errors.Is(err, store.ErrConflict):
		page.Conflict = "admin.stock.threshold_conflict"
		a.reshowVariantStock(w, r, http.StatusConflict, id, page, false)
	case err != nil:
		a.storeError(w, r, err)
	default:
		http.Redirect(w, r, adminviews.StockURL(id)+"?saved=1", http.StatusSeeOther)
	}
}

// reshowVariantStock re-renders the stock page after a refused change:
// the submitted form (the adjustment form when adjusting, else the
// threshold form) keeps the person's values; the other form and the figures
// are fresh. After a conflict the hidden "what I saw" values move to the
// current ones, so submitting again is a deliberate choice.
func (a *app) reshowVariantStock(w http.ResponseWriter, r *http.Request, status int, id int64, page adminviews.VariantStockPage, adjusting bool) {
	item, err := a.store.VariantStockByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
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
	a.renderVariantStock(w, r, status, page)
}

func (a *app) renderVariantStock(w http.ResponseWriter, r *http.Request, status int, page adminviews.VariantStockPage) {
	ctx := r.Context()
	q := r.URL.Query()
	n, ok := parsePage(q.Get("page"))
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	var err error
	if page.History, err = a.store.StockAdjustments(ctx, page.Item.Variant.ID, n, 0); err != nil {
		a.serverError(w, r, err)
		return
	}
	page.Nav = views.PageNav{Path: r.URL.Path, Page: page.History.Page, Pages: page.History.Pages()}
	page.CanWrite = can(currentStaff(ctx).Role, permCatalogWrite)
	page.ProductLinks = a.hasAdminRoute("GET /admin/products/{id}")
	page.Shell = a.adminShell(r, "admin.stock.title")
	page.Shell.Title = page.Item.ProductTitle
	a.render(w, r, status, adminviews.VariantStock(page))
}

// adminLowStock lists every variant at or below its own threshold.
func (a *app) adminLowStock(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, ok := parsePage(r.URL.Query().Get("page"))
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	stock, err := a.store.LowStock(ctx, n, 0)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	nav := views.PageNav{Path: r.URL.Path, Page: stock.Page, Pages: stock.Pages()}
	if n > nav.Pages {
		a.notFound(w, r)
		return
	}
	a.render(w, r, http.StatusOK, adminviews.LowStock(adminviews.LowStockPage{
		Shell: a.adminShell(r, "admin.lowstock.title"), Stock: stock, Nav: nav,
		ProductLinks: a.hasAdminRoute("GET /admin/products/{id}"),
	}))
}
