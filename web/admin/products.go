package admin

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// productNoticeKey holds a one-time message (already translated) for the
// next product page: "Saved", "3 products archived".
const productNoticeKey = "admin.products.notice"

func (h *Handler) setProductNotice(r *http.Request, msg string) {
	h.Sessions.Put(r.Context(), productNoticeKey, msg)
}

func (h *Handler) popProductNotice(r *http.Request) string {
	return h.Sessions.PopString(r.Context(), productNoticeKey)
}

// Products is the product table, filtered, sorted and paginated by
// its GET form.
func (h *Handler) Products(w http.ResponseWriter, r *http.Request) {
	h.renderProducts(w, r, http.StatusOK, r.URL.Query(), adminviews.BulkForm{}, nil)
}

// renderProducts answers with the product table that query q selects; the
// bulk form's values and errors are shown when a bulk action was refused.
func (h *Handler) renderProducts(w http.ResponseWriter, r *http.Request, status int, q url.Values,
	bulk adminviews.BulkForm, bulkErrors map[string]string) {
	ctx := r.Context()
	filter := adminviews.ProductFilter{Status: q.Get("status"), Collection: q.Get("collection"), Q: q.Get("q"),
		Stock: q.Get("stock"), Sort: q.Get("sort")}
	pq, ok := parseProductFilter(filter)
	page, okPage := kit.ParsePage(q.Get("page"))
	if !ok || !okPage {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	pq.Page = page
	list, err := h.Store.AdminProducts(ctx, pq)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	nav := views.PageNav{Path: "/admin/products", Query: keepQuery(q, "status", "collection", "q", "stock", "sort"),
		Page: list.Page, Pages: list.Pages()}
	if page > nav.Pages {
		h.NotFound(w, r)
		return
	}
	collections, err := h.Store.Collections(ctx, false)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Render(w, r, status, adminviews.Products(adminviews.ProductsPage{
		Shell: h.adminShell(r, "admin.products.title"), List: list, Filter: filter, Collections: collections,
		Sorts: store.AdminProductSorts, Nav: nav, CanWrite: Can(kit.CurrentStaff(ctx).Role, PermCatalogWrite),
		Notice: h.popProductNotice(r), Bulk: bulk, BulkErrors: bulkErrors, Return: nav.URL(page),
		Untranslated: h.untranslatedRows(ctx, list.Rows),
	}))
}

// parseProductFilter reads the filter form; false means a value that no
// form control would send.
func parseProductFilter(f adminviews.ProductFilter) (store.AdminProductQuery, bool) {
	q := store.AdminProductQuery{Status: f.Status, Search: f.Q, Stock: f.Stock, Sort: f.Sort}
	switch f.Status {
	case "", store.StatusDraft, store.StatusActive, store.StatusArchived:
	default:
		return q, false
	}
	switch f.Stock {
	case "", store.StockIn, store.StockOut:
	default:
		return q, false
	}
	if f.Sort != "" && !slices.Contains(store.AdminProductSorts, f.Sort) {
		return q, false
	}
	if f.Collection != "" {
		id, err := strconv.ParseInt(f.Collection, 10, 64)
		if err != nil || id <= 0 {
			return q, false
		}
		q.CollectionID = id
	}
	return q, len(f.Q) <= 200
}

// bulkStatus maps the bulk form's status buttons to the status they set
// and the message that confirms it (with "_one" added for one product).
var bulkStatus = map[string]string{
	store.StatusActive:   "admin.products.bulk.published",
	store.StatusDraft:    "admin.products.bulk.drafted",
	store.StatusArchived: "admin.products.bulk.archived",
}

// ProductsBulk applies a bulk action to the checked products and
// goes back to the table it was sent from. A refused action shows that
// table again with the boxes still checked and a message.
func (h *Handler) ProductsBulk(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	back := productsReturn(r.PostFormValue("return"))
	form := adminviews.BulkForm{IDs: map[int64]bool{}, Percent: strings.TrimSpace(r.PostFormValue("percent")),
		CompareAt: r.PostFormValue("compare_at") != ""}
	var ids []int64
	for _, raw := range r.PostForm["product_id"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			h.ClientError(w, r, http.StatusBadRequest)
			return
		}
		ids, form.IDs[id] = append(ids, id), true
	}
	action := r.PostFormValue("action")
	var err error
	var n int
	switch {
	case action == "price":
		bp, ok := parsePriceChange(form.Percent)
		if !ok {
			err = &store.ValidationError{Fields: map[string]string{"percent": "error.product_percent"}}
			break
		}
		err = h.Store.AdjustPrices(ctx, h.actor(r), ids, bp, form.CompareAt)
		n = len(form.IDs)
	case bulkStatus[action] != "":
		n, err = h.Store.SetProductsStatus(ctx, h.actor(r), ids, action)
	default:
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		u, _ := url.Parse(back)
		h.renderProducts(w, r, http.StatusUnprocessableEntity, u.Query(), form, verr.Fields)
		return
	}
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	msg := "admin.products.bulk.repriced"
	if action != "price" {
		msg = bulkStatus[action]
	}
	if n == 1 {
		msg += "_one"
	}
	h.setProductNotice(r, i18n.T(ctx, msg, n))
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// productsReturn is the bulk form's way back: the product table with its
// filter, and never anywhere else.
func productsReturn(raw string) string {
	back := kit.LocalPath(raw, "/admin/products")
	if back == "" || strings.HasPrefix(back, "/admin/products/") {
		return "/admin/products"
	}
	return back
}

// parsePriceChange reads a price change such as "-10", "+5" or "12.5" (at
// most two decimals) into basis points: -10 is -1000.
func parsePriceChange(s string) (int64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	sign := int64(1)
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, s = -1, rest
	} else if rest, ok := strings.CutPrefix(s, "−"); ok { // a typographic minus
		sign, s = -1, rest
	} else {
		s = strings.TrimPrefix(s, "+")
	}
	if s == "" || strings.Contains(s, ",") {
		return 0, false
	}
	bp, err := store.ParseMoney(s, 2)
	if err != nil || bp == 0 {
		return 0, false
	}
	return sign * bp, true
}
