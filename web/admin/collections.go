package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// collectionSearchLimit is how many products the "add products" search shows.
const collectionSearchLimit = 20

// collectionDeletedKey holds the title of the collection just deleted, for
// the list's notice.
const collectionDeletedKey = "admin.collections.deleted"

// Collections lists the collections with their product counts.
func (h *Handler) Collections(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cs, err := h.Store.AdminCollections(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Render(w, r, http.StatusOK, adminviews.Collections(adminviews.CollectionsPage{
		Shell: h.adminShell(r, "admin.collections.title"), Collections: cs,
		CanWrite: Can(kit.CurrentStaff(ctx).Role, PermCatalogWrite),
		Deleted:  h.Sessions.PopString(ctx, collectionDeletedKey),
	}))
}

// CollectionNew is the form for a new collection.
func (h *Handler) CollectionNew(w http.ResponseWriter, r *http.Request) {
	form := adminviews.CollectionForm{Position: "0", CreateToken: store.NewCreateToken()}
	h.renderCollection(w, r, http.StatusOK, adminviews.CollectionPage{Form: form}, "")
}

// CollectionCreate saves a new collection and goes to its page, where
// products can be added.
func (h *Handler) CollectionCreate(w http.ResponseWriter, r *http.Request) {
	form, in, errs := parseCollectionForm(r)
	in.Tr = h.collectionTexts(r)
	page := adminviews.CollectionPage{Form: form, Errors: errs}
	if errs != nil {
		var err error
		if page.Errors, err = withStoreProblems(errs, h.Store.CheckCollection(r.Context(), 0, in)); err != nil {
			h.ServerError(w, r, err)
			return
		}
		h.renderCollection(w, r, http.StatusUnprocessableEntity, page, "")
		return
	}
	id, err := h.Store.CreateCollection(r.Context(), h.actor(r), in)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		h.renderCollection(w, r, http.StatusUnprocessableEntity, page, "")
	case err != nil:
		h.ServerError(w, r, err)
	default:
		http.Redirect(w, r, adminviews.CollectionURL(id)+"?saved=1", http.StatusSeeOther)
	}
}

// Collection is a collection's page: its form, its products in order
// and, with ?q=, products to add.
func (h *Handler) Collection(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	c, err := h.Store.CollectionByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	page := adminviews.CollectionPage{ID: id, Form: adminviews.CollectionFormOf(c), Saved: r.URL.Query().Get("saved") == "1"}
	h.renderCollection(w, r, http.StatusOK, page, c.Title)
}

// CollectionSave saves a collection's fields. A save made from an
// outdated form answers 409 with the person's values, what is stored now
// beside each field that differs, and the current version, so saving again
// is a deliberate overwrite.
func (h *Handler) CollectionSave(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	form, in, errs := parseCollectionForm(r)
	in.Tr = h.collectionTexts(r)
	page := adminviews.CollectionPage{ID: id, Form: form, Errors: errs}
	var err error
	if errs == nil {
		err = h.Store.UpdateCollection(r.Context(), h.actor(r), id, form.Version, in)
	} else if page.Errors, err = withStoreProblems(errs, h.Store.CheckCollection(r.Context(), id, in)); err != nil {
		h.ServerError(w, r, err)
		return
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
		h.StoreError(w, r, err)
		return
	default:
		http.Redirect(w, r, adminviews.CollectionURL(id)+"?saved=1", http.StatusSeeOther)
		return
	}
	current, err := h.Store.CollectionByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	if page.Conflict {
		page.Current, page.Form.Version = current, current.Version
	}
	h.renderCollection(w, r, status, page, current.Title)
}

// CollectionAdd adds product_id at the end of the collection.
func (h *Handler) CollectionAdd(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	productID, okProduct := kit.FormInt(r, "product_id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	if !okProduct {
		h.ClientError(w, r, http.StatusUnprocessableEntity)
		return
	}
	h.changeCollection(w, r, id, h.Store.AddToCollection(r.Context(), h.actor(r), id, productID))
}

// CollectionMove moves a product up, down or to the top.
func (h *Handler) CollectionMove(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	productID, okProduct := kit.PathInt(r, "product_id")
	if !ok || !okProduct {
		h.NotFound(w, r)
		return
	}
	h.changeCollection(w, r, id, h.Store.MoveInCollection(r.Context(), h.actor(r), id, productID, r.PostFormValue("move")))
}

// CollectionRemove takes a product out of the collection (the
// product itself stays in the catalog).
func (h *Handler) CollectionRemove(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	productID, okProduct := kit.PathInt(r, "product_id")
	if !ok || !okProduct {
		h.NotFound(w, r)
		return
	}
	h.changeCollection(w, r, id, h.Store.RemoveFromCollection(r.Context(), h.actor(r), id, productID))
}

// CollectionDelete deletes the collection (its products stay) once its
// box is ticked and goes back to the list. Without the tick the page comes
// back with a message beside the box (422); while something still leads
// to the collection, with those things listed (409).
func (h *Handler) CollectionDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	c, err := h.Store.CollectionByID(r.Context(), id)
	if err == nil {
		if r.PostFormValue("confirm") != "1" {
			h.renderCollection(w, r, http.StatusUnprocessableEntity, adminviews.CollectionPage{ID: id,
				Form: adminviews.CollectionFormOf(c), Errors: map[string]string{"confirm": "admin.collections.error.confirm_delete"}}, c.Title)
			return
		}
		err = h.Store.DeleteCollection(r.Context(), h.actor(r), id)
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		// Gone already (a second click, or someone else): what was asked for.
		http.Redirect(w, r, "/admin/collections", http.StatusSeeOther)
	case errors.Is(err, store.ErrCollectionInUse):
		h.renderCollection(w, r, http.StatusConflict, adminviews.CollectionPage{ID: id, Form: adminviews.CollectionFormOf(c)}, c.Title)
	case err != nil:
		h.StoreError(w, r, err)
	default:
		h.Sessions.Put(r.Context(), collectionDeletedKey, c.Title)
		http.Redirect(w, r, "/admin/collections", http.StatusSeeOther)
	}
}

// changeCollection answers a change of a collection's products: back to
// the same page of the list and the same search, or the error.
func (h *Handler) changeCollection(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	q := url.Values{}
	if page, ok := kit.ParsePage(r.PostFormValue("page")); ok && page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if s := strings.TrimSpace(r.PostFormValue("q")); s != "" && validSearch(s) {
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
func (h *Handler) renderCollection(w http.ResponseWriter, r *http.Request, status int, page adminviews.CollectionPage, heading string) {
	ctx := r.Context()
	page.CanWrite = Can(kit.CurrentStaff(ctx).Role, PermCatalogWrite)
	page.Locale, page.Others = h.shopLocales(ctx)
	page.Shell = h.adminShell(r, "admin.collections.new")
	if page.ID == 0 {
		h.Render(w, r, status, adminviews.CollectionEdit(page))
		return
	}
	page.Shell.Title = heading
	// A refused delete is answered at …/delete, which has no page to come
	// back to: the language switch and the pages lead to the collection's.
	path := adminviews.CollectionURL(page.ID)
	if r.URL.Path != path {
		page.Shell.Path = path
	}
	q := r.URL.Query()
	n, ok := kit.ParsePage(q.Get("page"))
	if !ok || !validSearch(q.Get("q")) {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	var err error
	if page.Members, err = h.Store.CollectionProducts(ctx, page.ID, n, 0); err != nil {
		h.ServerError(w, r, err)
		return
	}
	if page.CanWrite {
		if page.Uses, err = h.Store.CollectionUses(ctx, page.ID); err != nil {
			h.StoreError(w, r, err)
			return
		}
	}
	page.MembersNav = views.PageNav{Path: path, Query: url.Values{}, Page: page.Members.Page, Pages: page.Members.Pages()}
	if page.Query = strings.TrimSpace(q.Get("q")); page.Query != "" {
		page.MembersNav.Query.Set("q", page.Query)
		if page.Candidates, err = h.Store.CollectionCandidates(ctx, page.ID, page.Query, collectionSearchLimit); err != nil {
			h.StoreError(w, r, err)
			return
		}
	}
	h.Render(w, r, status, adminviews.CollectionEdit(page))
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
		Tr:             postedTexts(r),
		CreateToken:    postedCreateToken(r),
	}
	form.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	in := store.CollectionInput{Title: form.Title, Handle: form.Handle, Description: form.Description,
		SEOTitle: form.SEOTitle, SEODescription: form.SEODescription, Featured: form.Featured, CreateToken: form.CreateToken}
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
