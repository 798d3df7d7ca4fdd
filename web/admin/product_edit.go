package admin

import (
	"errors"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// productEditPage builds the product page around p (nil while creating):
// the menu, the collections to pick from and the gallery. The caller sets
// the form.
func (h *Handler) productEditPage(r *http.Request, p *store.Product) (adminviews.ProductEditPage, error) {
	ctx := r.Context()
	page := adminviews.ProductEditPage{
		Shell:       h.adminShell(r, "admin.product.new_title"),
		ReadOnly:    !Can(kit.CurrentStaff(ctx).Role, PermCatalogWrite),
		Notice:      h.popProductNotice(r),
		MaxVariants: store.MaxVariants,
	}
	page.Locale, page.Others = h.shopLocales(ctx)
	var err error
	if page.Collections, err = h.Store.Collections(ctx, false); err != nil {
		return page, err
	}
	if p != nil {
		page.Shell.Title = p.Title
		page.ID, page.Handle, page.Status, page.Images = p.ID, p.Handle, p.Status, p.Images
		page.DuplicateToken = store.NewCreateToken()
	}
	return page, nil
}

// renderProductEdit answers with the product page; for a form sent back
// it first shows each existing variant's current stock from p, never from
// the request.
func (h *Handler) renderProductEdit(w http.ResponseWriter, r *http.Request, status int, page adminviews.ProductEditPage, p *store.Product) {
	if p != nil {
		stock := map[string]int64{}
		for _, v := range p.Variants {
			stock[strconv.FormatInt(v.ID, 10)] = v.Stock
		}
		for i := range page.Form.Variants {
			page.Form.Variants[i].CurrentStock = stock[page.Form.Variants[i].ID]
		}
		var err error
		if page.Returns, err = h.Store.ProductReturnRulesOf(r.Context(), p.ID); err != nil {
			h.ServerError(w, r, err)
			return
		}
	}
	h.Render(w, r, status, adminviews.ProductEdit(page))
}

// currencyExponent is how many decimals the store's prices have.
func currencyExponent(r *http.Request) int {
	return store.Currencies[i18n.Currency(r.Context())]
}

// ProductNew is the empty product form.
func (h *Handler) ProductNew(w http.ResponseWriter, r *http.Request) {
	page, err := h.productEditPage(r, nil)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Form = newProductForm()
	h.renderProductEdit(w, r, http.StatusOK, page, nil)
}

// Product shows a product's form: editable with catalog.write,
// read-only (every field disabled) for the roles that may only look.
func (h *Handler) Product(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	h.renderStoredProduct(w, r, http.StatusOK, id, nil)
}

// renderStoredProduct answers with product id's page as stored. imageErrors
// (gallery field → catalog key) explain a refused image change, whose
// upload alt text is kept.
func (h *Handler) renderStoredProduct(w http.ResponseWriter, r *http.Request, status int, id int64, imageErrors map[string]string) {
	p, err := h.Store.ProductByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	page, err := h.productEditPage(r, p)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Form = productFormOf(p, currencyExponent(r))
	page.ImageErrors = imageErrors
	if r.MultipartForm != nil {
		page.UploadAlt = h.postedAlt(r)
	}
	h.renderProductEdit(w, r, status, page, p)
}

// ProductCreate saves the new-product form, or shows it again with
// one more variant row when "add a variant" was pressed.
func (h *Handler) ProductCreate(w http.ResponseWriter, r *http.Request) {
	form, page, ok := h.postedProductForm(w, r, nil)
	if !ok {
		return
	}
	in, ok := h.checkProductForm(w, r, &page, nil)
	if !ok {
		return
	}
	id, err := h.Store.CreateProduct(r.Context(), h.actor(r), in)
	if h.productSaveFailed(w, r, err, page, nil) {
		return
	}
	h.setProductNotice(r, i18n.T(r.Context(), "admin.product.created", strings.TrimSpace(form.Title)))
	http.Redirect(w, r, adminviews.ProductURL(id), http.StatusSeeOther)
}

// ProductSave saves the product form over the version it was opened
// at. If someone saved the product in between, the answer is 409 with the
// form as this person typed it, a message, and the current version, so
// that saving again is a deliberate choice to replace the other change.
func (h *Handler) ProductSave(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	p, err := h.Store.ProductByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	form, page, ok := h.postedProductForm(w, r, p)
	if !ok {
		return
	}
	version, err := strconv.ParseInt(form.Version, 10, 64)
	if err != nil || version <= 0 {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	in, ok := h.checkProductForm(w, r, &page, p)
	if !ok {
		return
	}
	err = h.Store.UpdateProduct(r.Context(), h.actor(r), id, version, in)
	if h.productSaveFailed(w, r, err, page, p) {
		return
	}
	h.setProductNotice(r, i18n.T(r.Context(), "admin.product.saved"))
	http.Redirect(w, r, adminviews.ProductURL(id), http.StatusSeeOther)
}

// postedProductForm reads the posted form into its page. When the form
// only asked for another variant row it answers itself and returns false,
// as it does for a malformed request.
func (h *Handler) postedProductForm(w http.ResponseWriter, r *http.Request, p *store.Product) (adminviews.ProductForm, adminviews.ProductEditPage, bool) {
	if err := r.ParseForm(); err != nil {
		h.ClientError(w, r, http.StatusBadRequest)
		return adminviews.ProductForm{}, adminviews.ProductEditPage{}, false
	}
	form, ok := productFormFrom(r)
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return form, adminviews.ProductEditPage{}, false
	}
	page, err := h.productEditPage(r, p)
	if err != nil {
		h.ServerError(w, r, err)
		return form, page, false
	}
	page.Form = form
	if r.PostFormValue("add_variant") != "" {
		if len(page.Form.Variants) < store.MaxVariants {
			page.Form.Variants = append(page.Form.Variants, adminviews.VariantRow{})
		}
		h.renderProductEdit(w, r, http.StatusOK, page, p)
		return form, page, false
	}
	return form, page, true
}

// checkProductForm turns the page's form into the store's input, or
// answers 422 (amounts it cannot read, with every other problem the store
// finds) or 400 (tampered fields).
func (h *Handler) checkProductForm(w http.ResponseWriter, r *http.Request, page *adminviews.ProductEditPage, p *store.Product) (store.ProductInput, bool) {
	in, errs, ok := productInputOf(page.Form, currencyExponent(r))
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return in, false
	}
	in.Tr = productTexts(r, page.Form.Tr, page.Others, in)
	if len(errs) > 0 {
		var id int64
		if p != nil {
			id = p.ID
		}
		var err error
		if page.Errors, err = withStoreProblems(errs, h.Store.CheckProductForm(r.Context(), id, in)); err != nil {
			h.ServerError(w, r, err)
			return in, false
		}
		h.renderProductEdit(w, r, http.StatusUnprocessableEntity, *page, p)
		return in, false
	}
	return in, true
}

// withStoreProblems adds to errs, the messages of fields a form could not
// read, the store's messages for its other fields (err, from one of the
// store's Check methods), so that one answer lists every problem rather
// than the rest only once the unreadable fields are fixed. Any error but
// a validation error is returned.
func withStoreProblems(errs map[string]string, err error) (map[string]string, error) {
	var verr *store.ValidationError
	if err != nil && !errors.As(err, &verr) {
		return errs, err
	}
	if verr != nil {
		for field, msg := range verr.Fields {
			if _, ok := errs[field]; !ok {
				errs[field] = msg
			}
		}
	}
	return errs, nil
}

// productSaveFailed answers a failed save: 422 with the messages beside
// the fields, 409 for a stale form; it reports whether it answered.
func (h *Handler) productSaveFailed(w http.ResponseWriter, r *http.Request, err error, page adminviews.ProductEditPage, p *store.Product) bool {
	var verr *store.ValidationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &verr):
		page.Errors = maps.Clone(verr.Fields)
		placeRemoveErrors(r.Context(), page.Form, verr, page.Errors)
		h.renderProductEdit(w, r, http.StatusUnprocessableEntity, page, p)
	case errors.Is(err, store.ErrProductChanged):
		current, lerr := h.Store.ProductByID(r.Context(), p.ID)
		if lerr != nil {
			h.StoreError(w, r, lerr)
			return true
		}
		page.Stale = true
		page.Status, page.Images = current.Status, current.Images
		page.Form.Version = strconv.FormatInt(current.Version, 10)
		h.renderProductEdit(w, r, http.StatusConflict, page, current)
	default:
		h.StoreError(w, r, err)
	}
	return true
}

// ProductDuplicate copies a product as a draft and opens the copy; the
// same button pressed twice opens the one copy it made.
func (h *Handler) ProductDuplicate(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	copyID, err := h.Store.DuplicateProduct(r.Context(), h.actor(r), id, postedCreateToken(r))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.setProductNotice(r, i18n.T(r.Context(), "admin.product.duplicated"))
	http.Redirect(w, r, adminviews.ProductURL(copyID), http.StatusSeeOther)
}

// ProductArchive takes a product out of the shop without deleting it.
func (h *Handler) ProductArchive(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	if _, err := h.Store.SetProductsStatus(r.Context(), h.actor(r), []int64{id}, store.StatusArchived); err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.setProductNotice(r, i18n.T(r.Context(), "admin.product.archived"))
	http.Redirect(w, r, adminviews.ProductURL(id), http.StatusSeeOther)
}

// ProductReturns saves a product's own return rules: return_days (a
// longer window; empty for the shop's) and no_return_reason.
func (h *Handler) ProductReturns(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	rules := store.ProductReturnRules{NoReturnReason: r.PostFormValue("no_return_reason")}
	if d := strings.TrimSpace(r.PostFormValue("return_days")); d != "" {
		n, err := strconv.ParseInt(d, 10, 64)
		if err != nil {
			n = -1 // the store refuses it with its message
		}
		rules.Days = n
	}
	if err := h.Store.SetProductReturnRules(r.Context(), h.actor(r), id, rules); err != nil {
		h.StoreError(w, r, err)
		return
	}
	http.Redirect(w, r, adminviews.ProductURL(id)+"#product-returns-title", http.StatusSeeOther)
}
