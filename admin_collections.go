package main

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// collectionSearchLimit is how many products the "add products" search shows.
const collectionSearchLimit = 20

// adminCollections lists the collections with their product counts.
func (a *app) adminCollections(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cs, err := a.store.AdminCollections(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, adminviews.Collections(adminviews.CollectionsPage{
		Shell: a.adminShell(r, "admin.collections.title"), Collections: cs,
		CanWrite: can(currentStaff(ctx).Role, permCatalogWrite),
	}))
}

// adminCollectionNew is the form for a new collection.
func (a *app) adminCollectionNew(w http.ResponseWriter, r *http.Request) {
	a.renderCollection(w, r, http.StatusOK, adminviews.CollectionPage{Form: adminviews.CollectionForm{Position: "0"}}, "")
}

// adminCollectionCreate saves a new collection and goes to its page, where
// products can be added.
func (a *app) adminCollectionCreate(w http.ResponseWriter, r *http.Request) {
	form, in, errs := parseCollectionForm(r)
	page := adminviews.CollectionPage{Form: form, Errors: errs}
	if errs != nil {
		a.renderCollection(w, r, http.StatusUnprocessableEntity, page, "")
		return
	}
	id, err := a.store.CreateCollection(r.Context(), a.actor(r), in)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		a.renderCollection(w, r, http.StatusUnprocessableEntity, page, "")
	case err != nil:
		a.serverError(w, r, err)
	default:
		http.Redirect(w, r, adminviews.CollectionURL(id)+"?saved=1", http.StatusSeeOther)
	}
}

// adminCollection is a collection's page: its form, its products in order
// and, with ?q=, products to add.
func (a *app) adminCollection(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	c, err := a.store.CollectionByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	page := adminviews.CollectionPage{ID: id, Form: adminviews.CollectionFormOf(c), Saved: r.URL.Query().Get("saved") == "1"}
	a.renderCollection(w, r, http.StatusOK, page, c.Title)
}

// adminCollectionSave saves a collection's fields. A save made from an
// outdated form answers 409 with the person's values, what is stored now
// beside each field that differs, and the current version, so saving again
// is a deliberate overwrite.
func (a *app) adminCollectionSave(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return
	}
	form, in, errs := parseCollectionForm(r)
	page := adminviews.CollectionPage{ID: id, Form: form, Errors: errs}
	var err error
	if errs == nil {
		err = a.store.UpdateCollection(r.Context(), a.actor(r), id, form.Version, in)
	}
	var verr *store.ValidationError
	status := http.StatusUnprocessableEntity
	switch {
	case errs != nil:
	case errors.As(err, &verr):
		page.Errors = verr.Fields
	case errors.Is(err, store.ErrConflict):
		status, page.Conflict = http.StatusConflict, true
	case err != nil:
		a.storeError(w, r, err)
		return
	default:
		http.Redirect(w, r, adminviews.CollectionURL(id)+"?saved=1", http.StatusSeeOther)
		return
	}
	current, err := a.store.CollectionByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	if page.Conflict {
		page.Current, page.Form.Version = current, current.Version
	}
	a.renderCollection(w, r, status, page, current.Title)
}

// adminCollectionAdd adds product_id at the end of the collection.
func (a *app) adminCollectionAdd(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	productID, okProduct := formInt(r, "product_id")
	if !ok {
		a.notFound(w, r)
		return
	}
	if !okProduct {
		a.clientError(w, r, http.StatusUnprocessableEntity)
		return
	}
	a.changeCollection(w, r, id, a.store.AddToCollection(r.Context(), a.actor(r), id, productID))
}

// adminCollectionMove moves a product up, down or to the top.
func (a *app) adminCollectionMove(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	productID, okProduct := pathInt(r, "product_id")
	if !ok || !okProduct {
		a.notFound(w, r)
		return
	}
	a.changeCollection(w, r, id, a.store.MoveInCollection(r.Context(), a.actor(r), id, productID, r.PostFormValue("move")))
}

// adminCollectionRemove takes a product out of the collection (the
// product itself stays in the catalog).
func (a *app) adminCollectionRemove(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "id")
	productID, okProduct := pathInt(r, "product_id")
	if !ok || !okProduct {
		a.notFound(w, r)
		return
	}
	a.changeCollection(w, r, id, a.store.RemoveFromCollection(r.Context(), a.actor(r), id, productID))
}

// changeCollection answers a change of a collection's products: back to
// the same page of the list and the same search, or the error.
func (a *app) changeCollection(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	q := url.Values{}
	if page, ok := parsePage(r.PostFormValue("page")); ok && page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if s := strings.TrimSpace(r.PostFormValue("q")); s != "" {
		q.Set("q", s)
	}
	target := adminviews.CollectionURL(id)
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	http.Redirect(w, r, target+"#collection-products", http.StatusSeeOther)
}

// renderCollection fills in what every view of the collection page shows
// (for a stored collection: its products and the search) and renders it.
// heading is the stored collection's title, "" for a new one.
func (a *app) renderCollection(w http.ResponseWriter, r *http.Request, status int, page adminviews.CollectionPage, heading string) {
	ctx := r.Context()
	page.CanWrite = can(currentStaff(ctx).Role, permCatalogWrite)
	page.ProductLinks = a.hasAdminRoute("GET /admin/products/{id}")
	page.Shell = a.adminShell(r, "admin.collections.new")
	if page.ID == 0 {
		a.render(w, r, status, adminviews.CollectionEdit(page))
		return
	}
	page.Shell.Title = heading
	q := r.URL.Query()
	n, ok := parsePage(q.Get("page"))
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	var err error
	if page.Members, err = a.store.CollectionProducts(ctx, page.ID, n, 0); err != nil {
		a.serverError(w, r, err)
		return
	}
	page.MembersNav = views.PageNav{Path: r.URL.Path, Query: url.Values{}, Page: page.Members.Page, Pages: page.Members.Pages()}
	if page.Query = strings.TrimSpace(q.Get("q")); page.Query != "" {
		page.MembersNav.Query.Set("q", page.Query)
		if page.Candidates, err = a.store.CollectionCandidates(ctx, page.ID, page.Query, collectionSearchLimit); err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	a.render(w, r, status, adminviews.CollectionEdit(page))
}

// parseCollectionForm reads the collection form. errs holds the fields
// that cannot even be read (the store checks the rest); a missing or
// garbled version is treated like a stale one, which re-shows the form.
func parseCollectionForm(r *http.Request) (adminviews.CollectionForm, store.CollectionInput, map[string]string) {
	form := adminviews.CollectionForm{
		Title:          r.PostFormValue("title"),
		Handle:         r.PostFormValue("handle"),
		Description:    r.PostFormValue("description"),
		SEOTitle:       r.PostFormValue("seo_title"),
		SEODescription: r.PostFormValue("seo_description"),
		Featured:       r.PostFormValue("featured") != "",
		Position:       strings.TrimSpace(r.PostFormValue("position")),
	}
	form.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	in := store.CollectionInput{Title: form.Title, Handle: form.Handle, Description: form.Description,
		SEOTitle: form.SEOTitle, SEODescription: form.SEODescription, Featured: form.Featured}
	var errs map[string]string
	if form.Position != "" {
		n, err := strconv.Atoi(form.Position)
		if err != nil {
			errs = map[string]string{"position": "error.collection_position"}
		}
		in.Position = n
	}
	return form, in, errs
}
