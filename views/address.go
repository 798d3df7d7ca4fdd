package views

import (
	"context"

	"storefront/i18n"
	"storefront/store"
)

// AddressLines is a's lines in its country's order (store.Address.Lines),
// the country named in the reader's language: the order page, the admin's
// order and packing slip, and the emails print these.
func AddressLines(ctx context.Context, a store.Address) []string {
	return a.Lines(func(country string) string { return CountryName(ctx, country) })
}

// CountryName is a stored country in the reader's language: a known code
// (or a name once typed for one) by the catalog, anything else as typed.
func CountryName(ctx context.Context, country string) string {
	if code := store.CountryCode(country); code != "" {
		return i18n.T(ctx, "country."+code)
	}
	return country
}

// CountryOption is one entry of a country list.
type CountryOption struct {
	Code string
	Name string
}

// CountryOptions lists store.Countries in their curated order (by region,
// the shop's likely markets first; a collation of names in two scripts
// would cost the binary megabytes), with first, the shop's own country, at
// the top when it is one of them.
func CountryOptions(ctx context.Context, first string) []CountryOption {
	out := make([]CountryOption, 0, len(store.Countries))
	if store.IsCountry(first) {
		out = append(out, CountryOption{Code: first, Name: i18n.T(ctx, "country."+first)})
	}
	for _, c := range store.Countries {
		if c != first {
			out = append(out, CountryOption{Code: c, Name: i18n.T(ctx, "country."+c)})
		}
	}
	return out
}
