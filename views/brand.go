package views

import "strings"

// BrandCSSRevision changes when the stylesheet that /brand.css generates
// changes shape, so browsers holding the year-long cached copy fetch anew.
const BrandCSSRevision = "1"

// BrandCSSURL is the stylesheet that sets the brand colour color
// ("#rrggbb") over the theme's: the URL carries the colour, so a change of
// colour is a new URL and the old one may be cached for good.
func BrandCSSURL(color string) string {
	return "/brand.css?c=" + strings.TrimPrefix(color, "#") + "&r=" + BrandCSSRevision
}
