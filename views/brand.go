package views

import (
	"net/url"
	"strings"
	"unicode"
)

// BrandCSSRevision changes when the stylesheet that /brand.css generates
// changes shape, so browsers holding the year-long cached copy fetch anew.
const BrandCSSRevision = "2"

// BrandCSSURL is the stylesheet that sets the brand colour color
// ("#rrggbb") over the theme's: the URL carries the colour, so a change of
// colour is a new URL and the old one may be cached for good.
func BrandCSSURL(color string) string {
	return "/brand.css?c=" + strings.TrimPrefix(color, "#") + "&r=" + BrandCSSRevision
}

// defaultFaviconColor fills the favicon of a shop that keeps its theme's
// own colours: a dark neutral that reads on light and dark browser tabs.
const defaultFaviconColor = "#2b2b2b"

// FaviconURL is the shop's icon: its initial on its brand colour. Like
// BrandCSSURL the URL carries everything the icon shows, so a new name or
// colour is a new URL and the old one may be cached for good.
func FaviconURL(storeName, color string) string {
	if color == "" {
		color = defaultFaviconColor
	}
	return "/favicon.svg?i=" + url.QueryEscape(Initial(storeName)) + "&c=" + strings.TrimPrefix(color, "#")
}

// Initial is the first letter of name, upper-cased, for the favicon and
// the placeholder of a product without a photo; "·" for an empty name.
func Initial(name string) string {
	for _, r := range strings.TrimSpace(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return strings.ToUpper(string(r))
		}
	}
	return "·"
}
