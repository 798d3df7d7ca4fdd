package main

import (
	"net/http"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

func (a *app) search(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	page, ok := parsePage(q.Get("page"))
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	res, err := a.store.Search(ctx, q.Get("q"), page, 24)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	nav := views.PageNav{Path: "/search", Query: listingQuery(q), Page: res.Page, Pages: res.Pages()}
	if res.Total > 0 && page > nav.Pages {
		a.notFound(w, r)
		return
	}
	var fallback []store.ProductCard
	if res.Total == 0 {
		popular, err := a.store.Products(ctx, store.ProductQuery{InStock: true, PerPage: 8})
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		fallback = popular.Products
	}
	settings, _ := a.store.Settings(ctx)
	sh := a.shell(r, views.Meta{
		Title:       i18n.T(ctx, "search.title"),
		Description: i18n.T(ctx, "meta.search", settings.StoreName),
		NoIndex:     true, // result pages are thin content; the sitemap lists the real pages
	})
	sh.Query = res.Query
	a.render(w, r, http.StatusOK, views.Search(views.SearchPage{Shell: sh, Result: res, Nav: nav, Fallback: fallback}))
}
