package shop

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"storefront/assets"
	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	"storefront/views"
	"storefront/web/kit"
)

func (h *Handler) Home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	settings, err := h.Store.Settings(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	featured, err := h.Store.Collections(ctx, true)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	arrivals, err := h.Store.Products(ctx, store.ProductQuery{Sort: store.SortNewest, PerPage: 8})
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	featured, arrivals = store.CollectionsIn(featured, i18n.Locale(ctx)), arrivals.In(i18n.Locale(ctx))
	sales := h.sales(nil, nil)
	arrivals.Products, sales.Cards, err = h.Store.CardsWithSales(ctx, arrivals.Products, i18n.Locale(ctx))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	settings = settings.In(i18n.Locale(ctx))
	desc := settings.Description
	if desc == "" {
		desc = i18n.T(ctx, "meta.home", settings.StoreName)
	}
	meta := views.Meta{Description: desc, CanonicalPath: "/", JSONLD: []any{map[string]any{
		"@context": "https://schema.org", "@type": "WebSite", "name": settings.StoreName, "url": h.LocalURL(r, "/"),
		"potentialAction": map[string]any{
			"@type": "SearchAction", "target": h.LocalURL(r, "/search?q={query}"), "query-input": "required name=query",
		},
	}}}
	if id := homeImage(settings, featured); id != 0 {
		meta.OGImage = h.AbsURL(r, views.ImageURL(id, false))
	}
	h.Render(w, r, http.StatusOK, views.Home(views.HomePage{
		Shell: h.Shell(r, meta), Description: settings.Description, Featured: featured, NewArrivals: arrivals.Products, Sales: sales,
		Hero: views.Hero{ImageID: settings.HeroImageID, CTALabel: settings.HeroCTALabel, CTAURL: settings.HeroCTAURL},
	}))
}

// homeImage is the picture a link to the home page is shared with: the
// hero's, else the first featured collection's, else the logo; 0 for none.
// The home page is the shop's most shared address, and a link without a
// picture goes unseen.
func homeImage(settings store.Settings, featured []store.Collection) int64 {
	if settings.HeroImageID != 0 {
		return settings.HeroImageID
	}
	for _, c := range featured {
		if c.ImageID != 0 {
			return c.ImageID
		}
	}
	return settings.LogoImageID
}

func (h *Handler) Collections(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cs, err := h.Store.Collections(ctx, false)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	cs = store.CollectionsIn(cs, i18n.Locale(ctx))
	settings, _ := h.Store.Settings(ctx)
	meta := views.Meta{Title: i18n.T(ctx, "nav.all_collections"),
		Description: i18n.T(ctx, "meta.collections", settings.In(i18n.Locale(ctx)).StoreName)}
	h.Render(w, r, http.StatusOK, views.Collections(views.CollectionsPage{Shell: h.Shell(r, meta), Collections: cs}))
}

func (h *Handler) Collection(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := h.Store.CollectionByHandle(ctx, r.PathValue("slug"))
	if err != nil {
		h.missing(w, r, err, store.EntityCollection, "/collections/")
		return
	}
	*c = c.In(i18n.Locale(ctx))
	q := r.URL.Query()
	page, ok := kit.ParsePage(q.Get("page"))
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	filter, pq, status := h.listingFilter(ctx, q)
	if status == http.StatusBadRequest && filter.Error == "" {
		h.ClientError(w, r, status)
		return
	}
	pq.CollectionID, pq.Page = c.ID, page
	listing, err := h.Store.Products(ctx, pq)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	listing = listing.In(i18n.Locale(ctx))
	cardSales := h.sales(nil, nil)
	listing.Products, cardSales.Cards, err = h.Store.CardsWithSales(ctx, listing.Products, i18n.Locale(ctx))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	nav := views.PageNav{Path: r.URL.Path, Query: listingQuery(q), Page: page, Pages: listing.Pages()}
	if page > nav.Pages {
		h.NotFound(w, r)
		return
	}
	meta := views.Meta{
		Title:       cmp.Or(c.SEOTitle, c.Title),
		Description: cmp.Or(c.SEODescription, c.Description),
		// A sorted or filtered view shows the collection's products
		// again: its canonical (and alternates) is the plain collection,
		// or there would be a page to index for every sort and price.
		// The page number stays: each page of a series is its own.
		CanonicalPath: views.PageNav{Path: nav.Path}.URL(page),
	}
	if c.ImageID != 0 {
		meta.OGImage = h.AbsURL(r, views.ImageURL(c.ImageID, false))
	}
	crumbs := []views.Crumb{{Label: i18n.T(ctx, "nav.home"), URL: "/"}, {Label: c.Title}}
	meta.JSONLD = []any{breadcrumbLD(h, r, crumbs)}
	h.Render(w, r, status, views.Collection(views.CollectionPage{
		Shell: h.Shell(r, meta), Collection: *c, Listing: listing, Filter: filter, Nav: nav, Crumbs: crumbs, Sales: cardSales,
	}))
}

// listingFilter reads the collection page's sort and filter parameters. A
// bad price comes back as a message to show (status 400) and is ignored; an
// unknown sort is a plain 400.
func (h *Handler) listingFilter(ctx context.Context, q url.Values) (views.ListingFilter, store.ProductQuery, int) {
	f := views.ListingFilter{Sort: q.Get("sort"), InStock: q.Get("in_stock") != "", PriceMin: q.Get("price_min"), PriceMax: q.Get("price_max")}
	pq := store.ProductQuery{Sort: f.Sort, InStock: f.InStock, Locale: i18n.Locale(ctx)}
	switch f.Sort {
	case "", store.SortBestSelling, store.SortNewest, store.SortPriceAsc, store.SortPriceDesc, store.SortName:
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
	// A range typed the wrong way round (200 to 10) can only mean 10 to
	// 200: it is put right, in the form too, rather than answered with an
	// empty page that does not say why.
	if pq.PriceMin > 0 && pq.PriceMax > 0 && pq.PriceMin > pq.PriceMax {
		pq.PriceMin, pq.PriceMax = pq.PriceMax, pq.PriceMin
		f.PriceMin, f.PriceMax = f.PriceMax, f.PriceMin
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

func (h *Handler) Product(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := h.Store.ProductByHandle(ctx, r.PathValue("slug"), false)
	if err != nil {
		h.missing(w, r, err, store.EntityProduct, "/products/")
		return
	}
	// The picker's values stay in the default language (OptionGroups), so
	// the choice is read from the product as stored.
	stored := p
	p = p.In(i18n.Locale(ctx)) // a copy: the memoized product is shared
	p, variantSales, err := h.Store.WithSales(ctx, p, i18n.Locale(ctx), h.signedInCustomerID(r))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	sales := h.sales(variantSales, nil)
	q := r.URL.Query()
	selected, ok := pickVariant(stored, q)
	selected = saleVariant(p, selected)
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	image, ok := pickImage(p, selected, q.Get("image"))
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	// htmx asks for the buying block and the gallery alone when the
	// shopper picks an option.
	if kit.IsHTMX(r) {
		h.Render(w, r, http.StatusOK, views.ProductPicked(views.ProductPage{
			Product: p, Selected: selected, Options: stored.OptionGroups(selected, p), Image: image, Sales: sales,
		}))
		return
	}
	related, err := h.Store.RelatedProducts(ctx, p, 4)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	related, sales.Cards, err = h.Store.CardsWithSales(ctx, store.CardsIn(related, i18n.Locale(ctx)), i18n.Locale(ctx))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	crumbs := []views.Crumb{{Label: i18n.T(ctx, "nav.home"), URL: "/"}}
	if len(p.Collections) > 0 {
		c := p.Collections[0]
		crumbs = append(crumbs, views.Crumb{Label: c.Title, URL: "/collections/" + c.Handle})
	}
	crumbs = append(crumbs, views.Crumb{Label: p.Title})
	meta := views.Meta{
		Title:         cmp.Or(p.SEOTitle, p.Title),
		Description:   cmp.Or(p.SEODescription, truncate(p.Description, 160)),
		CanonicalPath: "/products/" + p.Handle,
		OGType:        "product",
		JSONLD:        []any{productLD(h, r, p, variantSales), breadcrumbLD(h, r, crumbs)},
	}
	if image != 0 {
		meta.OGImage = h.AbsURL(r, views.ImageURL(image, false))
	}
	h.Render(w, r, http.StatusOK, views.Product(views.ProductPage{
		Shell: h.Shell(r, meta), Product: p, Selected: selected, Options: stored.OptionGroups(selected, p),
		Image: image, Crumbs: crumbs, Related: related, Sales: sales,
	}))
}

// missing answers a product or collection (kind) page whose handle found
// nothing (err): a handle the product or collection had before its owner
// changed it is a permanent redirect to its address now (under the page's
// language prefix, langPrefix), with the query kept, so that search
// results, ads and bookmarks keep working; anything else is StoreError's.
func (h *Handler) missing(w http.ResponseWriter, r *http.Request, err error, kind, prefix string) {
	if errors.Is(err, store.ErrNotFound) {
		handle, ferr := h.Store.FormerHandle(r.Context(), kind, r.PathValue("slug"))
		if ferr == nil {
			to := url.URL{Path: prefix + handle, RawQuery: r.URL.RawQuery}
			http.Redirect(w, r, to.String(), http.StatusMovedPermanently)
			return
		}
		if !errors.Is(ferr, store.ErrNotFound) {
			err = ferr
		}
	}
	h.StoreError(w, r, err)
}

// pickVariant finds the variant the query asks for: by option values
// (option1..option3, what the option picker submits), else by id (variant,
// or variant_id), else the first one in stock (or simply the first). A
// value the product does not have gets that default too: the offers in
// the page's JSON-LD carry ?variant=, and a search engine or an ad keeps
// such a link after the variant is removed or an option renamed, when the
// product is still the page to show. Only an id that is not a number is
// refused (ok false).
func pickVariant(p *store.Product, q url.Values) (store.Variant, bool) {
	var values [3]string
	byOptions := false
	for i, name := range views.OptionParams {
		if q.Has(name) {
			values[i], byOptions = q.Get(name), true
		}
	}
	if byOptions {
		if v, ok := p.VariantForOptions(values); ok {
			return v, true
		}
	} else if raw := cmp.Or(q.Get("variant"), q.Get("variant_id")); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return store.Variant{}, false
		}
		for _, v := range p.Variants {
			if v.ID == id {
				return v, true
			}
		}
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
// variant's, else the cover. An image the product no longer has is not
// asked for (as with pickVariant); only an id that is not a number is
// refused.
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

// sales is what a catalog page shows of the flash sales, priced at the
// store's clock.
func (h *Handler) sales(variants, cards map[int64]pricing.Sale) views.Sales {
	return views.Sales{Variants: variants, Cards: cards, Now: h.Store.Now(), CountdownJS: assets.Static.URL("countdown.js")}
}

// saleVariant is v with the prices p (with its sale prices) has for it:
// pickVariant reads the stored product, whose prices are the regular ones
// and whose option values the picker needs untranslated.
func saleVariant(p *store.Product, v store.Variant) store.Variant {
	for _, sv := range p.Variants {
		if sv.ID == v.ID {
			v.Price, v.CompareAtPrice = sv.Price, sv.CompareAtPrice
		}
	}
	return v
}
