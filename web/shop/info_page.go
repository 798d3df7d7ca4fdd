package shop

import (
	"net/http"
	"strings"

	"storefront/i18n"
	"storefront/views"
)

// InfoPage shows an information page (about, shipping, terms, privacy) in
// the shopper's language, the default where it has no translation. A page
// the owner has not written is a 404, like any address that leads nowhere.
func (h *Handler) InfoPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page, err := h.Store.InfoPageBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	if !page.Published() {
		h.NotFound(w, r)
		return
	}
	locale := i18n.Locale(ctx)
	title, body := views.InfoPageTitle(ctx, page.Slug, page.Title.In(locale)), page.Body.In(locale)
	meta := views.Meta{Title: title, Description: truncate(strings.Join(strings.Fields(body), " "), 160)}
	h.Render(w, r, http.StatusOK, views.InfoPageView(views.InfoPage{Shell: h.Shell(r, meta),
		Slug: page.Slug, Title: title, Body: body}))
}
