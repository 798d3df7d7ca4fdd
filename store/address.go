package store

import (
	"slices"
	"strings"
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
