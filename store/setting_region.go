package store

import (
	"os"
	"strings"
	"time"
	_ "time/tzdata" // the shop's time zone must load on a server without zoneinfo files
)

// currencyCountries is the country a currency suggests, for a shop that
// has not said where it is. The euro names no single country.
var currencyCountries = map[string]string{
	"CNY": "CN", "USD": "US", "GBP": "GB", "AUD": "AU", "CAD": "CA", "NZD": "NZ",
	"JPY": "JP", "HKD": "HK", "SGD": "SG", "TWD": "TW", "CHF": "CH", "SEK": "SE",
	"DKK": "DK", "NOK": "NO", "KRW": "KR", "MYR": "MY", "INR": "IN",
}

// ShopCountry is the shop's own country: the one the owner set, else the
// one its currency suggests, else "". The checkout lists it first and
// picks it for a new address, since most orders ship at home.
func (st Settings) ShopCountry() string {
	if st.Country != "" {
		return st.Country
	}
	return currencyCountries[st.Currency]
}

// Location is the shop's time zone, in which shopper pages and emails
// show times: the one the owner set, else the server's. Every page asks
// for it, so the cached settings hold it loaded: loading reads and parses
// a zone file.
func (st Settings) Location() *time.Location {
	if st.location != nil {
		return st.location
	}
	return loadLocation(st.TimeZone)
}

// loadLocation is the zone named name, or the server's for "" or a name
// it does not know.
func loadLocation(name string) *time.Location {
	if name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return time.Local
}

// ServerTimeZone is the IANA name of the server's own zone, the time
// zone field's suggestion: $TZ, else the zone /etc/localtime links to,
// else "UTC".
func ServerTimeZone() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" && checkTimeZone(tz) == "" {
		return tz
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok && checkTimeZone(name) == "" {
			return name
		}
	}
	return "UTC"
}

// checkCountry accepts one of Countries, or "" for none.
func checkCountry(v string) string {
	if v == "" || IsCountry(v) {
		return ""
	}
	return "error.setting_value"
}

// checkTimeZone accepts an IANA zone name ("Asia/Shanghai"), or "" for
// the server's. "Local" is refused: it means another zone on each server.
func checkTimeZone(v string) string {
	if v == "" {
		return ""
	}
	if v == "Local" || len(v) > 64 {
		return "chrome.error.time_zone"
	}
	if _, err := time.LoadLocation(v); err != nil {
		return "chrome.error.time_zone"
	}
	return ""
}
