package main

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strconv"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

func (a *app) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	settings, err := a.store.Settings(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	featured, err := a.store.Collections(ctx, true)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	arrivals, err := a.store.Products(ctx, store.ProductQuery{Sort: store.SortNewest, PerPage: 8})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	desc := settings.Description
	if desc == "" {
		desc = i18n.T(ctx, "meta.home", settings.StoreName)
	}
	meta := views.Meta{Description: desc, Canonical: a.absURL(r, "/"), JSONLD: []any{map[string]any{
		"@context": "https://schema.org", "@type": "WebSite", "name": settings.StoreName, "url": a.absURL(r, "/"),
		"potentialAction": map[string]any{
			"@type": "SearchAction", "target": a.absURL(r, "/search?q={query}"), "query-input": "required name=query",
		},
	}}}
	a.render(w, r, http.StatusOK, views.Home(views.HomePage{
		Shell: a.shell(r, meta), Description: settings.Description, Featured: featured, NewArrivals: arrivals.Products,
	}))
}

func (a *app) collections(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cs, err := a.store.Collections(ctx, false)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	settings, _ := a.store.Settings(ctx)
	meta := views.Meta{Title: i18n.T(ctx, "nav.all_collections"), Description: i18n.T(ctx, "meta.collections", settings.StoreName)}
	a.render(w, r, http.StatusOK, views.Collections(views.CollectionsPage{Shell: a.shell(r, meta), Collections: cs}))
}

func (a *app) collection(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := a.store.CollectionByHandle(ctx, r.PathValue("slug"))
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	q := r.URL.Query()
	page, ok := parsePage(q.Get("page"))
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	filter, pq, status := a.listingFilter(ctx, q)
	if status == http.StatusBadRequest && filter.Error == "" {
		a.clientError(w, r, status)
		return
	}
	pq.CollectionID, pq.Page = c.ID, page
	listing, err := a.store.Products(ctx, pq)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	nav := views.PageNav{Path: r.URL.Path, Query: listingQuery(q), Page: page, Pages: listing.Pages()}
	if page > nav.Pages {
		a.notFound(w, r)
		return
	}
	meta := views.Meta{
		Title:       cmp.Or(c.SEOTitle, c.Title),
		Description: cmp.Or(c.SEODescription, c.Description),
		Canonical:   a.absURL(r, nav.URL(page)),
	}
	if c.ImageID != 0 {
		meta.OGImage = a.absURL(r, views.ImageURL(c.ImageID, false))
	}
	crumbs := []views.Crumb{{Label: i18n.T(ctx, "nav.home"), URL: "/"}, {Label: c.Title}}
	meta.JSONLD = []any{breadcrumbLD(a, r, crumbs)}
	a.render(w, r, status, views.Collection(views.CollectionPage{
		Shell: a.shell(r, meta), Collection: *c, Listing: listing, Filter: filter, Nav: nav, Crumbs: crumbs,
	}))
}

// listingFilter reads the collection page's sort and filter parameters. A
// bad price comes back as a message to show (status 400) and is ignored; an
// unknown sort is a plain 400.
func (a *app) listingFilter(ctx context.Context, q url.Values) (views.ListingFilter, store.ProductQuery, int) {
	f := views.ListingFilter{Sort: q.Get("sort"), InStock: q.Get("in_stock") != "", PriceMin: q.Get("price_min"), PriceMax: q.Get("price_max")}
	pq := store.ProductQuery{Sort: f.Sort, InStock: f.InStock}
	switch f.Sort {
	case "", store.SortNewest, store.SortPriceAsc, store.SortPriceDesc, store.SortName:
	default:
		return f, pq, http.StatusBadRequest
	}
	status := http.StatusOK
	exponent := store.Currencies[i18n.Currency(ctx)]
	for _, p := range []struct {
		raw string
		dst *int64
	}{{f.PriceMin, &pq.PriceMin}, {f.PriceMax, &pq.PriceMax}} {
		if p.raw == "" {
			continue
		}
		v, err := store.ParseMoney(p.raw, exponent)
		if err != nil {
			f.Error, status = "listing.bad_price", http.StatusBadRequest
			continue
		}
		*p.dst = v
	}
	return f, pq, status
}

// listingQuery keeps the parameters that pagination links must carry.
func listingQuery(q url.Values) url.Values {
	out := url.Values{}
	for _, k := range []string{"sort", "in_stock", "price_min", "price_max", "q"} {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}

// parsePage reads ?page=: absent is page 1; anything but a number from 1 to
// store.MaxPage is refused.
func parsePage(s string) (int, bool) {
	if s == "" {
		return 1, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > store.MaxPage {
		return 0, false
	}
	return n, true
}

func (a *app) product(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := a.store.ProductByHandle(ctx, r.PathValue("slug"), false)
	if err != nil {
		a.storeError(w, r, err)
		return
	}
	q := r.URL.Query()
	selected, ok := pickVariant(p, cmp.Or(q.Get("variant"), q.Get("variant_id")))
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	// htmx asks for the price block alone when the shopper picks a variant.
	if isHTMX(r) {
		a.render(w, r, http.StatusOK, views.PriceBlock(selected))
		return
	}
	image, ok := pickImage(p, selected, q.Get("image"))
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	related, err := a.store.RelatedProducts(ctx, p, 4)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	crumbs := []views.Crumb{{Label: i18n.T(ctx, "nav.home"), URL: "/"}}
	if len(p.Collections) > 0 {
		c := p.Collections[0]
		crumbs = append(crumbs, views.Crumb{Label: c.Title, URL: "/collections/" + c.Handle})
	}
	crumbs = append(crumbs, views.Crumb{Label: p.Title})
	meta := views.Meta{
		Title:       cmp.Or(p.SEOTitle, p.Title),
		Description: cmp.Or(p.SEODescription, truncate(p.Description, 160)),
		Canonical:   a.absURL(r, "/products/"+p.Handle),
		OGType:      "product",
		JSONLD:      []any{productLD(a, r, p), breadcrumbLD(a, r, crumbs)},
	}
	if image != 0 {
		meta.OGImage = a.absURL(r, views.ImageURL(image, false))
	}
	a.render(w, r, http.StatusOK, views.Product(views.ProductPage{
		Shell: a.shell(r, meta), Product: p, Selected: selected, Image: image, Crumbs: crumbs, Related: related,
	}))
}

// pickVariant finds the requested variant, or the first one in stock (or
// simply the first) when none is asked for.
func pickVariant(p *store.Product, raw string) (store.Variant, bool) {
	if raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return store.Variant{}, false
		}
		for _, v := range p.Variants {
			if v.ID == id {
				return v, true
			}
		}
		return store.Variant{}, false
	}
	for _, v := range p.Variants {
		if v.Available() {
			return v, true
		}
	}
	if len(p.Variants) > 0 {
		return p.Variants[0], true
	}
	return store.Variant{}, true
}

// pickImage chooses the large image: the one asked for, else the selected
// variant's, else the cover.
func pickImage(p *store.Product, v store.Variant, raw string) (int64, bool) {
	if raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return 0, false
		}
		for _, im := range p.Images {
			if im.ID == id {
				return id, true
			}
		}
		return 0, false
	}
	if v.ImageID != 0 {
		return v.ImageID, true
	}
	return p.CoverImageID, true
}

// truncate cuts s to at most n runes on a word boundary where it can.
func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n
	for i := n; i > n*2/3; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	return string(rs[:cut]) + "…"
}
