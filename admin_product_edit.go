package main

import (
	"errors"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// productEditPage builds the product page around p (nil while creating):
// the menu, the collections to pick from and the gallery. The caller sets
// the form.
func (a *app) productEditPage(r *http.Request, p *store.Product) (adminviews.ProductEditPage, error) {
	ctx := r.Context()
	page := adminviews.ProductEditPage{
		Shell:       a.adminShell(r, "admin.product.new_title"),
		ReadOnly:    !can(currentStaff(ctx).Role, permCatalogWrite),
		Notice:      a.popProductNotice(r),
		MaxVariants: store.MaxVariants,
		StockLinks:  a.hasAdminRoute("GET /admin/variants/{id}/stock"),
	}
	var err error
	if page.Collections, err = a.store.Collections(ctx, false); err != nil {
		return page, err
	}
	if p != nil {
		page.Shell.Title = p.Title
		page.ID, page.Handle, page.Status, page.Images = p.ID, p.Handle, p.Status, p.Images
	}
	return page, nil
}

// renderProductEdit answers with the product page; for a form sent back
// it first shows each existing variant's current stock from p, never from
// the request.
func (a *app) renderProductEdit(w http.ResponseWriter, r *http.Request, status int, page adminviews.ProductEditPage, p *store.Product) {
	if p != nil {
		stock := map[string]int64{}
		for _, v := range p.Variants {
			stock[strconv.FormatInt(v.ID, 10)] = v.Stock
		}
		for i := range page.Form.Variants {
			page.Form.Variants[i].CurrentStock = stock[page.Form.Variants[i].ID]
		}
	}
	a.render(w, r, status, adminviews.ProductEdit(page))
}

// currencyExponent is how many decimals the store's prices have.
func currencyExponent(r *http.Request) int {
	return store.Currencies[i18n.Currency(r.Context())]
}

// adminProductNew is the empty product form.
func (a *app) adminProductNew(w http.ResponseWriter, r *http.Request) {
	page, err := a.productEditPage(r, nil)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	page.Form = newProductForm()
	a.renderProductEdit(w, r, http.StatusOK, page, nil)
}

// adminProduct shows a product's form: editable with catalog.write,
// read-only (every field disabled) for the roles that may only look.
func (a *app) adminProduct(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	a.renderStoredProduct(w, r, http.StatusOK, id, nil)
}

// renderStoredProduct answers with product id's page as stored. imageErrors
// (gallery field → catalog key) explain a refused image change, whose
// upload alt text is kept.
func (a *app) renderStoredProduct(w http.ResponseWriter, r *http.Request, status int, id int64, imageErrors map[string]string) {
	p, err := a.store.ProductByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	page, err := a.productEditPage(r, p)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	page.Form = productFormOf(p, currencyExponent(r))
	page.ImageErrors = imageErrors
	if r.MultipartForm != nil {
		page.UploadAlt = r.PostFormValue("alt")
	}
	a.renderProductEdit(w, r, status, page, p)
}

// adminProductCreate saves the new-product form, or shows it again with
// one more variant row when "add a variant" was pressed.
func (a *app) adminProductCreate(w http.ResponseWriter, r *http.Request) {
	form, page, ok := a.postedProductForm(w, r, nil)
	if !ok {
		return
	}
	in, ok := a.checkProductForm(w, r, &page, nil)
	if !ok {
		return
	}
	id, err := a.store.CreateProduct(r.Context(), a.actor(r), in)
	if a.productSaveFailed(w, r, err, page, nil) {
		return
	}
	a.setProductNotice(r, i18n.T(r.Context(), "admin.product.created", strings.TrimSpace(form.Title)))
	http.Redirect(w, r, adminviews.ProductURL(id), http.StatusSeeOther)
}

// adminProductSave saves the product form over the version it was opened
// at. If someone saved the product in between, the answer is 409 with the
// form as this person typed it, a message, and the current version, so
// that saving again is a deliberate choice to replace the other change.
func (a *app) adminProductSave(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	p, err := a.store.ProductByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	form, page, ok := a.postedProductForm(w, r, p)
	if !ok {
		return
	}
	version, err := strconv.ParseInt(form.Version, 10, 64)
	if err != nil || version <= 0 {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	in, ok := a.checkProductForm(w, r, &page, p)
	if !ok {
		return
	}
	err = a.store.UpdateProduct(r.Context(), a.actor(r), id, version, in)
	if a.productSaveFailed(w, r, err, page, p) {
		return
	}
	a.setProductNotice(r, i18n.T(r.Context(), "admin.product.saved"))
	http.Redirect(w, r, adminviews.ProductURL(id), http.StatusSeeOther)
}

// postedProductForm reads the posted form into its page. When the form
// only asked for another variant row it answers itself and returns false,
// as it does for a malformed request.
func (a *app) postedProductForm(w http.ResponseWriter, r *http.Request, p *store.Product) (adminviews.ProductForm, adminviews.ProductEditPage, bool) {
	if err := r.ParseForm(); err != nil {
		a.clientError(w, r, http.StatusBadRequest)
		return adminviews.ProductForm{}, adminviews.ProductEditPage{}, false
	}
	form, ok := productFormFrom(r)
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return form, adminviews.ProductEditPage{}, false
	}
	page, err := a.productEditPage(r, p)
	if err != nil {
		a.serverError(w, r, err)
		return form, page, false
	}
	page.Form = form
	if r.PostFormValue("add_variant") != "" {
		if len(page.Form.Variants) < store.MaxVariants {
			page.Form.Variants = append(page.Form.Variants, adminviews.VariantRow{})
		}
		a.renderProductEdit(w, r, http.StatusOK, page, p)
		return form, page, false
	}
	return form, page, true
}

// checkProductForm turns the page's form into the store's input, or
// answers 422 (amounts it cannot read) or 400 (tampered fields).
func (a *app) checkProductForm(w http.ResponseWriter, r *http.Request, page *adminviews.ProductEditPage, p *store.Product) (store.ProductInput, bool) {
	in, errs, ok := productInputOf(page.Form, currencyExponent(r))
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return in, false
	}
	if len(errs) > 0 {
		page.Errors = errs
		a.renderProductEdit(w, r, http.StatusUnprocessableEntity, *page, p)
		return in, false
	}
	return in, true
}

// productSaveFailed answers a failed save: 422 with the messages beside
// the fields, 409 for a stale form; it reports whether it answered.
func (a *app) productSaveFailed(w http.ResponseWriter, r *http.Request, err error, page adminviews.ProductEditPage, p *store.Product) bool {
	var verr *store.ValidationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &verr):
		page.Errors = maps.Clone(verr.Fields)
		a.renderProductEdit(w, r, http.StatusUnprocessableEntity, page, p)
	case errors.Is(err, store.ErrProductChanged):
		current, lerr := a.store.ProductByID(r.Context(), p.ID)
		if lerr != nil {
			a.storeError(w, r, lerr)
			return true
		}
		page.Stale = true
		page.Status, page.Images = current.Status, current.Images
		page.Form.Version = strconv.FormatInt(current.Version, 10)
		a.renderProductEdit(w, r, http.StatusConflict, page, current)
	default:
		a.storeError(w, r, err)
	}
	return true
}

// adminProductDuplicate copies a product as a draft and opens the copy.
func (a *app) adminProductDuplicate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	copyID, err := a.store.DuplicateProduct(r.Context(), a.actor(r), id)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	a.setProductNotice(r, i18n.T(r.Context(), "admin.product.duplicated"))
	http.Redirect(w, r, adminviews.ProductURL(copyID), http.StatusSeeOther)
}

// adminProductArchive takes a product out of the shop without deleting it.
func (a *app) adminProductArchive(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	if _, err := a.store.SetProductsStatus(r.Context(), a.actor(r), []int64{id}, store.StatusArchived); err != nil {
		a.storeError(w, r, err)
		return
	}
	a.setProductNotice(r, i18n.T(r.Context(), "admin.product.archived"))
	http.Redirect(w, r, adminviews.ProductURL(id), http.StatusSeeOther)
}
