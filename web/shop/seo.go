package shop

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// productLD is the schema.org Product with one Offer per variant, so search
// engines show price and availability.
func productLD(h *Handler, r *http.Request, p *store.Product) map[string]any {
	ctx := r.Context()
	currency := i18n.Currency(ctx)
	exponent := store.Currencies[currency]
	productURL := h.AbsURL(r, "/products/"+p.Handle)
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
			item["item"] = h.AbsURL(r, c.URL)
		}
		items = append(items, item)
	}
	return map[string]any{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	XMLNS   string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

func (h *Handler) Sitemap(w http.ResponseWriter, r *http.Request) {
	entries, err := h.Store.SitemapEntries(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	set := sitemapURLSet{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	set.URLs = append(set.URLs, sitemapURL{Loc: h.AbsURL(r, "/")}, sitemapURL{Loc: h.AbsURL(r, "/collections")})
	for _, e := range entries {
		set.URLs = append(set.URLs, sitemapURL{
			Loc:     h.AbsURL(r, "/"+e.Kind+"s/"+url.PathEscape(e.Handle)),
			LastMod: e.UpdatedAt.UTC().Format("2006-01-02"),
		})
	}
	out, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
}

func (h *Handler) Robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("User-agent: *\nDisallow: /admin\nDisallow: /cart\nDisallow: /checkout\nDisallow: /account\nDisallow: /orders\nDisallow: /search\n\nSitemap: " +
		h.AbsURL(r, "/sitemap.xml") + "\n"))
}
