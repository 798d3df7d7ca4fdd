package admin

import (
	"errors"
	"net/http"
	"slices"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// InfoPages is the information pages (about, shipping, terms, privacy),
// each its own form.
func (h *Handler) InfoPages(w http.ResponseWriter, r *http.Request) {
	page := adminviews.InfoPagesPage{}
	if r.URL.Query().Get("done") != "" {
		page.Notice = "admin.pages.saved"
	}
	h.renderInfoPages(w, r, http.StatusOK, page)
}

// InfoPageSave saves one page's title and body in every language (title,
// body and their _{locale} fields), over the version it was opened at.
func (h *Handler) InfoPageSave(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !slices.Contains(store.InfoPageSlugs, slug) {
		h.NotFound(w, r)
		return
	}
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	_, others := h.shopLocales(ctx)
	pg := store.InfoPage{Slug: slug, Title: store.Plain(r.PostFormValue("title")), Body: store.Plain(r.PostFormValue("body")),
		Version: version}
	if tr := postedFormTexts(r, others, "title", "body"); tr != nil {
		pg.Title.Tr, pg.Body.Tr = tr["title"], tr["body"]
	}
	err := h.Store.SaveInfoPage(ctx, h.actor(r), slug, version, pg.Title, pg.Body)
	var verr *store.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, "/admin/pages?done="+slug+"#page-"+slug, http.StatusSeeOther)
	case errors.As(err, &verr):
		h.renderInfoPages(w, r, http.StatusUnprocessableEntity, adminviews.InfoPagesPage{ErrorSlug: slug, Errors: verr.Fields,
			Pages: []store.InfoPage{pg}})
	case errors.Is(err, store.ErrConflict):
		h.renderInfoPages(w, r, http.StatusConflict, adminviews.InfoPagesPage{ErrorSlug: slug, Stale: true, Pages: []store.InfoPage{pg}})
	default:
		h.StoreError(w, r, err)
	}
}

// renderInfoPages shows the stored pages around what page already holds
// (the refused page as typed, with its messages). A page saved over since
// its form was opened comes back at the current version, so that saving
// it again is a deliberate choice to replace the other save.
func (h *Handler) renderInfoPages(w http.ResponseWriter, r *http.Request, status int, page adminviews.InfoPagesPage) {
	ctx := r.Context()
	stored, err := h.Store.InfoPages(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	for _, typed := range page.Pages {
		if i := slices.IndexFunc(stored, func(p store.InfoPage) bool { return p.Slug == typed.Slug }); i >= 0 {
			if page.Stale {
				typed.Version = stored[i].Version
			}
			stored[i] = typed
		}
	}
	page.Pages = stored
	page.Locale, page.Others = h.shopLocales(ctx)
	page.Shell = h.adminShell(r, "admin.pages.title")
	h.Render(w, r, status, adminviews.InfoPages(page))
}
