package shop

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	"storefront/views"
)

// productLD is the schema.org Product with one Offer per variant, so search
// engines show price and availability.
// A variant on flash sale (sales) offers its sale price until the sale's
// price ends, in the shop's time zone.
func productLD(h *Handler, r *http.Request, p *store.Product, sales map[int64]pricing.Sale) map[string]any {
	ctx := r.Context()
	currency := i18n.Currency(ctx)
	exponent := store.Currencies[currency]
	productURL := h.LocalURL(r, "/products/"+p.Handle)
	var offers []map[string]any
	for _, v := range p.Variants {
		availability := "https://schema.org/InStock"
		if !v.Available() {
			availability = "https://schema.org/OutOfStock"
		}
		offer := map[string]any{
			"@type": "Offer", "price": store.FormatDecimal(v.Price, exponent), "priceCurrency": currency,
			"availability": availability, "url": productURL + "?variant=" + strconv.FormatInt(v.ID, 10), "itemCondition": "https://schema.org/NewCondition",
		}
		if s, ok := sales[v.ID]; ok {
			offer["priceValidUntil"] = s.Ends.In(h.shopZone(ctx)).Format(time.DateOnly)
		}
		if v.SKU != "" {
			offer["sku"] = v.SKU
		}
		offers = append(offers, offer)
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "Product", "name": p.Title, "url": productURL, "offers": offers,
	}
	if p.Description != "" {
		ld["description"] = p.Description
	}
	if p.Vendor != "" {
		ld["brand"] = map[string]any{"@type": "Brand", "name": p.Vendor}
	}
	if len(p.Variants) > 0 && p.Variants[0].SKU != "" {
		ld["sku"] = p.Variants[0].SKU
	}
	var images []string
	for _, im := range p.Images {
		images = append(images, h.AbsURL(r, views.ImageURL(im.ID, false)))
	}
	if len(images) > 0 {
		ld["image"] = images
	}
	return ld
}

func breadcrumbLD(h *Handler, r *http.Request, crumbs []views.Crumb) map[string]any {
	var items []map[string]any
	for i, c := range crumbs {
		item := map[string]any{"@type": "ListItem", "position": i + 1, "name": c.Label}
		if c.URL != "" {
			item["item"] = h.LocalURL(r, c.URL)
		}
		items = append(items, item)
	}
	return map[string]any{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
}

// Robots keeps crawlers out of the admin and of the shopper's own pages,
// at their address in every language.
func (h *Handler) Robots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\nDisallow: /admin\n")
	for _, p := range []string{"/cart", "/checkout", "/account", "/orders", "/search"} {
		b.WriteString("Disallow: " + p + "\n")
		for _, loc := range i18n.Supported {
			b.WriteString("Disallow: /" + i18n.URLTag(loc) + p + "\n")
		}
	}
	b.WriteString("\nSitemap: " + h.AbsURL(r, "/sitemap.xml") + "\n")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(b.String()))
}

// shopZone is the shop's time zone, in which merchants' dates are meant.
func (h *Handler) shopZone(ctx context.Context) *time.Location {
	if st, err := h.Store.Settings(ctx); err == nil {
		return st.Location()
	}
	return time.UTC
}
