package shop

import (
	"context"
	"net/http"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

func (h *Handler) Search(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	page, ok := kit.ParsePage(q.Get("page"))
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	res, err := h.Store.SearchSorted(ctx, q.Get("q"), q.Get("sort"), i18n.Locale(ctx), page, 24)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	res = res.In(i18n.Locale(ctx))
	nav := views.PageNav{Path: "/search", Query: listingQuery(q), Page: res.Page, Pages: res.Pages()}
	if q.Get(views.TagParam) != "" && res.Query != "" {
		// A tag chip's search reads as the chip did (羊绒, not cashmere),
		// on every page of it.
		if res.Query, err = h.Store.TagLabel(ctx, res.Query, i18n.Locale(ctx)); err != nil {
			h.ServerError(w, r, err)
			return
		}
		nav.Query.Set(views.TagParam, "1")
	}
	if res.Total > 0 && page > nav.Pages {
		h.NotFound(w, r)
		return
	}
	var fallback []store.ProductCard
	if res.Total == 0 {
		popular, err := h.Store.PopularProducts(ctx, 8)
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		fallback = store.CardsIn(popular, i18n.Locale(ctx))
	}
	sales := h.sales(nil, nil)
	// The hits and the fallback are never both shown: one set of cards.
	cards := fallback
	for _, hit := range res.Hits {
		cards = append(cards, hit.ProductCard)
	}
	if cards, sales.Cards, err = h.Store.CardsWithSales(ctx, cards, i18n.Locale(ctx)); err != nil {
		h.ServerError(w, r, err)
		return
	}
	if len(fallback) > 0 {
		fallback = cards
	}
	for i := range res.Hits {
		res.Hits[i].ProductCard = cards[i]
	}
	settings, _ := h.Store.Settings(ctx)
	sh := h.Shell(r, views.Meta{
		Title:       searchTitle(ctx, res.Query),
		Description: i18n.T(ctx, "meta.search", settings.In(i18n.Locale(ctx)).StoreName),
		NoIndex:     true, // result pages are thin content; the sitemap lists the real pages
	})
	sh.Query = res.Query
	h.Render(w, r, http.StatusOK, views.Search(views.SearchPage{Shell: sh, Result: res, Nav: nav, Fallback: fallback, Sales: sales, Sort: q.Get("sort")}))
}

// searchTitle names the query in the page's title, so that tabs and the
// browser's history tell one search from another.
func searchTitle(ctx context.Context, query string) string {
	if query == "" {
		return i18n.T(ctx, "search.title")
	}
	return i18n.T(ctx, "search.title_query", truncate(query, 60))
}
