// Package views holds the shop's templ components. A page component takes a
// small struct with exactly what it shows; views never query the database.
package views

import (
	"net/url"
	"strconv"

	"storefront/store"
)

// Shell is what the layout around every page needs.
type Shell struct {
	StoreName  string
	ThemeCSS   string // hashed URL of the theme stylesheet
	AppCSS     string // hashed URL of the app stylesheet
	HTMXJS     string // hashed URL of htmx
	Path       string // the current path and query, for the language switcher's return
	Query      string // the search box's value
	Nav        []store.Collection
	Meta       Meta
	CartCount  int64  // items in the visitor's cart, for the header's cart link
	SignedIn   bool   // the session names a customer: the header says Account, not Sign in
	LogoURL    string // the header's logo image, "" for none (settings)
	BrandColor string // "#rrggbb" over the theme's primary colour, "" for the theme's own (BrandCSSURL)
	Checkout   bool   // the checkout's focused header instead of the shop's menus
	// InfoPages are the published information pages, for the footer and
	// checkout's links to the terms and the privacy policy.
	InfoPages []InfoLink
}

// Meta is a page's SEO head: title, description, canonical URL and the
// Open Graph and JSON-LD data for sharing and search engines.
type Meta struct {
	Title       string
	Description string
	Canonical   string // absolute URL; kit's Shell fills it from CanonicalPath
	// CanonicalPath is the page's unprefixed path (and query) when it is
	// not the request's own: Shell makes the canonical URL in the page's
	// language and the hreflang alternates from it.
	CanonicalPath string
	Alternates    []Alternate // the page in every language, and x-default
	OGType        string      // "website" or "product"
	OGImage       string      // absolute URL
	JSONLD        []any       // each marshalled into its own ld+json script
	NoIndex       bool
}

// Alternate is the page in one language, for a hreflang link.
type Alternate struct {
	HrefLang string // "en", "zh-Hans" or "x-default"
	URL      string // absolute
}

// Crumb is one step of a breadcrumb trail; the last has no URL.
type Crumb struct {
	Label string
	URL   string
}

// PageNav is a pagination control over a listing whose other query
// parameters are kept on every link.
type PageNav struct {
	Path  string
	Query url.Values
	Page  int
	Pages int
}

// URL is the link to page n.
func (p PageNav) URL(n int) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	if n <= 1 {
		q.Del("page")
	} else {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return p.Path
	}
	return p.Path + "?" + q.Encode()
}

// Window lists the page numbers to show, with 0 for a gap.
func (p PageNav) Window() []int {
	var out []int
	last := 0
	for n := 1; n <= p.Pages; n++ {
		if n == 1 || n == p.Pages || (n >= p.Page-2 && n <= p.Page+2) {
			if last != 0 && n != last+1 {
				out = append(out, 0)
			}
			out = append(out, n)
			last = n
		}
	}
	return out
}

// ImageURL is the URL of a stored image, or of its thumbnail.
func ImageURL(id int64, thumb bool) string {
	size := "full"
	if thumb {
		size = "thumb"
	}
	return "/images/" + strconv.FormatInt(id, 10) + "/" + size
}

// HomePage is the storefront's front page.
type HomePage struct {
	Shell       Shell
	Description string
	Hero        Hero
	Featured    []store.Collection
	NewArrivals []store.ProductCard
	Sales       Sales // flash sales on the cards
}

// CollectionPage is one collection's listing with its controls.
type CollectionPage struct {
	Shell      Shell
	Collection store.Collection
	Listing    store.ProductPage
	Filter     ListingFilter
	Nav        PageNav
	Crumbs     []Crumb
	Sales      Sales // flash sales on the cards
}

// ListingFilter echoes the listing controls' values back into the form.
type ListingFilter struct {
	Sort     string
	InStock  bool
	PriceMin string
	PriceMax string
	Error    string // message key for a bad filter value, shown beside the form
}

// CollectionsPage lists every collection.
type CollectionsPage struct {
	Shell       Shell
	Collections []store.Collection
}

// ProductPage is a product's page with the chosen variant.
type ProductPage struct {
	Shell    Shell
	Product  *store.Product
	Selected store.Variant       // the variant whose price and stock are shown
	Options  []store.OptionGroup // the option picker; none for a product without options
	Image    int64               // the image shown large
	Crumbs   []Crumb
	Related  []store.ProductCard
	Sales    Sales // flash sales of the variants and of the related cards
}

// SearchPage shows search results or suggestions.
type SearchPage struct {
	Shell    Shell
	Result   store.SearchResult
	Nav      PageNav
	Fallback []store.ProductCard // shown when nothing matched
	Sales    Sales               // flash sales on the cards
	Sort     string              // the hits' order: a Sort constant, or "" for the best match first
}

// ErrorPage is any error answer: 404, 400, 500.
type ErrorPage struct {
	Shell   Shell
	Status  int
	Title   string
	Message string
}
