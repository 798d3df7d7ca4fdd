package store

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/width"
)

// Countries are the ISO 3166-1 alpha-2 codes the checkout's country list
// offers, in no particular order (the checkout sorts them by name in the
// shopper's language, the shop's own country first). An order keeps the
// code; older orders may hold a name typed by hand, printed as it is.
var Countries = []string{
	"CN", "HK", "MO", "TW", "JP", "KR", "SG", "MY", "TH", "VN", "PH", "ID", "IN",
	"US", "CA", "MX", "BR", "AU", "NZ",
	"GB", "IE", "DE", "FR", "IT", "ES", "PT", "NL", "BE", "LU", "AT", "CH",
	"SE", "DK", "NO", "FI", "PL", "CZ", "GR",
	"AE", "IL", "ZA",
}

// IsCountry reports whether code is one of Countries.
func IsCountry(code string) bool { return slices.Contains(Countries, code) }

// postalOptional are the countries on the list whose addresses need no
// postal code: Hong Kong, Macau and the Emirates have none, and Ireland's
// Eircode is not yet on every address.
var postalOptional = map[string]bool{"HK": true, "MO": true, "AE": true, "IE": true}

// postalFormats are the countries whose postal codes have a fixed form, each
// as a pattern for the whole code (letters in either case). A code for
// another country is letters and digits, with spaces or hyphens between.
var postalFormats = func() map[string]*regexp.Regexp {
	forms := map[string]string{
		"US": `\d{5}(-\d{4})?`, "CA": `[A-Z]\d[A-Z] ?\d[A-Z]\d`, "MX": `\d{5}`, "BR": `\d{5}-?\d{3}`,
		"CN": `\d{6}`, "TW": `\d{3}(\d{2,3})?`, "JP": `\d{3}-?\d{4}`, "KR": `\d{5}`, "SG": `\d{6}`, "MY": `\d{5}`,
		"TH": `\d{5}`, "VN": `\d{5,6}`, "PH": `\d{4}`, "ID": `\d{5}`, "IN": `\d{3} ?\d{3}`, "AU": `\d{4}`, "NZ": `\d{4}`,
		"GB": `[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}`, "IE": `[A-Z]\d[\dW] ?[A-Z\d]{4}`, "DE": `\d{5}`, "FR": `\d{5}`,
		"IT": `\d{5}`, "ES": `\d{5}`, "PT": `\d{4}-?\d{3}`, "NL": `\d{4} ?[A-Z]{2}`, "BE": `\d{4}`, "LU": `(L-?)?\d{4}`,
		"AT": `\d{4}`, "CH": `\d{4}`, "SE": `\d{3} ?\d{2}`, "DK": `\d{4}`, "NO": `\d{4}`, "FI": `\d{5}`,
		"PL": `\d{2}-?\d{3}`, "CZ": `\d{3} ?\d{2}`, "GR": `\d{3} ?\d{2}`, "IL": `\d{5}(\d{2})?`, "ZA": `\d{4}`,
	}
	out := make(map[string]*regexp.Regexp, len(forms))
	for c, f := range forms {
		out[c] = regexp.MustCompile(`^(?i)` + f + `$`)
	}
	return out
}()

// anyPostalCode is the form of a country's code not in postalFormats.
var anyPostalCode = regexp.MustCompile(`^[\pL\pN]+([ -][\pL\pN]+)*$`)

// tidyPostalCode is code as an address label prints it: full-width digits
// and letters, which a Chinese or Japanese keyboard may type, made narrow,
// and letters upper-case.
func tidyPostalCode(code string) string { return strings.ToUpper(width.Narrow.String(code)) }

// postalCodeProblem is the message key for code, trimmed and tidied, as
// the postal code of an address in country, or "" when it will do.
func postalCodeProblem(country, code string) string {
	c := CountryCode(country)
	form := postalFormats[c]
	if form == nil {
		form = anyPostalCode
	}
	switch {
	case code == "" && postalOptional[c]:
		return ""
	case code == "":
		return "checkout.error.required"
	case len(code) > 12 || !form.MatchString(code):
		return "checkout.error.postal_code"
	}
	return ""
}

// addressStyle is the order in which a country writes an address.
type addressStyle int

const (
	// styleWestern: street first, then "postal city" (most of Europe).
	styleWestern addressStyle = iota
	// styleNorthAmerican: street first, then "city, region postal" (US,
	// Canada, Australia and others).
	styleNorthAmerican
	// styleBritish: street first, then the town and the postcode on lines
	// of their own.
	styleBritish
	// styleEastAsian: the largest place first — country, province, city,
	// then the street — as written in Chinese and Japanese.
	styleEastAsian
)

var addressStyles = map[string]addressStyle{
	"US": styleNorthAmerican, "CA": styleNorthAmerican, "AU": styleNorthAmerican, "NZ": styleNorthAmerican,
	"MX": styleNorthAmerican, "BR": styleNorthAmerican, "PH": styleNorthAmerican, "IN": styleNorthAmerican,
	"GB": styleBritish, "IE": styleBritish,
	"CN": styleEastAsian, "HK": styleEastAsian, "MO": styleEastAsian, "TW": styleEastAsian, "JP": styleEastAsian,
}

// countryAliases are names shoppers typed before Country was a list, so an
// old order still prints in its country's order.
var countryAliases = map[string]string{
	"china": "CN", "中国": "CN", "united states": "US", "usa": "US", "united kingdom": "GB", "uk": "GB",
}

// CountryCode is the ISO code of a stored country value: the code itself,
// a known name typed by hand, else "".
func CountryCode(country string) string {
	c := strings.TrimSpace(country)
	if up := strings.ToUpper(c); IsCountry(up) {
		return up
	}
	return countryAliases[strings.ToLower(c)]
}

// Lines is the address as its country writes it, one line each, blank
// parts left out: the order page, the admin's order, the packing slip and
// the emails all print these. countryName turns the stored country into
// the reader's words (a code into a name in their language).
func (a Address) Lines(countryName func(string) string) []string {
	country := ""
	if a.Country != "" {
		country = countryName(a.Country)
	}
	var lines []string
	switch addressStyles[CountryCode(a.Country)] {
	case styleEastAsian:
		// 中国 上海市 徐汇区, then the street, then the postal code.
		lines = []string{a.Name, joinWith(" ", country, a.Region, a.City), joinWith(" ", a.AddressLine1, a.AddressLine2), a.PostalCode}
	case styleNorthAmerican:
		lines = []string{a.Name, a.AddressLine1, a.AddressLine2, joinWith(" ", joinWith(", ", a.City, a.Region), a.PostalCode), country}
	case styleBritish:
		lines = []string{a.Name, a.AddressLine1, a.AddressLine2, a.City, a.Region, a.PostalCode, country}
	default:
		lines = []string{a.Name, a.AddressLine1, a.AddressLine2, joinWith(" ", a.PostalCode, a.City), a.Region, country}
	}
	return slices.DeleteFunc(lines, func(s string) bool { return s == "" })
}

// joinWith joins the non-blank parts with sep.
func joinWith(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
