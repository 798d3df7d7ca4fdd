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

// The JSON-LD blocks are typed rather than maps: encoding a struct is a
// cached walk of known fields, where a map is reflected on and its keys
// sorted on every request, and every product page has one.
type ldOffer struct {
	Type            string `json:"@type"`
	Price           string `json:"price"`
	PriceCurrency   string `json:"priceCurrency"`
	Availability    string `json:"availability"`
	URL             string `json:"url"`
	ItemCondition   string `json:"itemCondition"`
	PriceValidUntil string `json:"priceValidUntil,omitempty"`
	SKU             string `json:"sku,omitempty"`
}

type ldBrand struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldProduct struct {
	Context     string    `json:"@context"`
	Type        string    `json:"@type"`
	Name        string    `json:"name"`
	URL         string    `json:"url"`
	Offers      []ldOffer `json:"offers"`
	Description string    `json:"description,omitempty"`
	Brand       *ldBrand  `json:"brand,omitempty"`
	SKU         string    `json:"sku,omitempty"`
	Image       []string  `json:"image,omitempty"`
}

// productLD is the product's schema.org Product: each variant an Offer
// at its price now (a sale's valid until the sale ends).
func productLD(h *Handler, r *http.Request, p *store.Product, sales map[int64]pricing.Sale) ldProduct {
	ctx := r.Context()
	currency := i18n.Currency(ctx)
	exponent := store.Currencies[currency]
	productURL := h.LocalURL(r, "/products/"+p.Handle)
	ld := ldProduct{Context: "https://schema.org", Type: "Product", Name: p.Title, URL: productURL,
		Description: p.Description}
	for _, v := range p.Variants {
		offer := ldOffer{Type: "Offer", Price: store.FormatDecimal(v.Price, exponent), PriceCurrency: currency,
			Availability: "https://schema.org/InStock", URL: productURL + "?variant=" + strconv.FormatInt(v.ID, 10),
			ItemCondition: "https://schema.org/NewCondition", SKU: v.SKU}
		if !v.Available() {
			offer.Availability = "https://schema.org/OutOfStock"
		}
		if s, ok := sales[v.ID]; ok && !s.PriceEnds.IsZero() {
			offer.PriceValidUntil = priceValidUntil(s.PriceEnds, h.shopZone(ctx))
		}
		ld.Offers = append(ld.Offers, offer)
	}
	if p.Vendor != "" {
		ld.Brand = &ldBrand{Type: "Brand", Name: p.Vendor}
	}
	if len(p.Variants) > 0 {
		ld.SKU = p.Variants[0].SKU
	}
	for _, im := range p.Images {
		ld.Image = append(ld.Image, h.AbsURL(r, views.ImageURL(im.ID, false)))
	}
	return ld
}

// priceValidUntil is schema.org's priceValidUntil for a price that ends
// at end: a Date (no time), "the date after which the price is no longer
// available", which search engines read as good all through that day. A
// price that ends partway through a day is not, so the date is the day
// before the end's, the last whole day at that price (as it is for an end
// at midnight). On the sale's last day that date has passed, and search
// engines stop showing a price that will not last the day.
func priceValidUntil(end time.Time, zone *time.Location) string {
	return end.In(zone).AddDate(0, 0, -1).Format(time.DateOnly)
}

type ldListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item,omitempty"`
}

type ldBreadcrumbs struct {
	Context string       `json:"@context"`
	Type    string       `json:"@type"`
	Items   []ldListItem `json:"itemListElement"`
}

func breadcrumbLD(h *Handler, r *http.Request, crumbs []views.Crumb) ldBreadcrumbs {
	ld := ldBreadcrumbs{Context: "https://schema.org", Type: "BreadcrumbList"}
	for i, c := range crumbs {
		item := ldListItem{Type: "ListItem", Position: i + 1, Name: c.Label}
		if c.URL != "" {
			item.Item = h.LocalURL(r, c.URL)
		}
		ld.Items = append(ld.Items, item)
	}
	return ld
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
