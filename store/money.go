package store

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Currencies maps the supported ISO 4217 codes to their minor-unit exponent.
var Currencies = map[string]int{
	"USD": 2, "EUR": 2, "GBP": 2, "CNY": 2, "HKD": 2, "TWD": 2, "SGD": 2,
	"AUD": 2, "CAD": 2, "NZD": 2, "CHF": 2, "JPY": 0, "KRW": 0,
}

// ParseMoney reads a decimal amount such as "19.99" or "1,299.5" into minor
// units for a currency with exponent decimals, exactly (no floats).
// Full-width digits and points, which a Chinese input method types
// ("１２．５０"), read as their ASCII twins (NFKC).
func ParseMoney(s string, exponent int) (int64, error) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	if strings.Contains(s, ",") {
		// Commas only as thousands separators: "1,299.50" yes, "19,99" no.
		whole, _, _ := strings.Cut(s, ".")
		groups := strings.Split(whole, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, fmt.Errorf("amount %q: use a point for decimals and commas only between thousands", s)
			}
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	if s == "" {
		return 0, fmt.Errorf("empty amount")
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if len(frac) > exponent {
		// Extra digits are only allowed when they are zeros: 19.990 is fine, 19.995 is not a price.
		if strings.Trim(frac[exponent:], "0") != "" {
			return 0, fmt.Errorf("amount %q has more than %d decimals", s, exponent)
		}
		frac = frac[:exponent]
	}
	frac += strings.Repeat("0", exponent-len(frac))
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("amount %q is not a number", s)
			}
		}
	}
	if len(whole) > 12 {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w", s, err)
	}
	return n, nil
}

// AmountMessage is the catalog key of a message that shows an example
// amount, for a currency with exponent decimals: key, whose example has
// decimals, or its key+"_whole" twin, whose example has none, since a
// currency without decimals refuses 19.99 (ParseMoney).
func AmountMessage(key string, exponent int) string {
	if exponent == 0 {
		return key + "_whole"
	}
	return key
}

// FormatDecimal writes minor units as a plain decimal ("1999" → "19.99"),
// the form CSV files and JSON-LD want.
func FormatDecimal(amount int64, exponent int) string {
	neg := amount < 0
	if neg {
		amount = -amount
	}
	s := strconv.FormatInt(amount, 10)
	if exponent > 0 {
		for len(s) <= exponent {
			s = "0" + s
		}
		s = s[:len(s)-exponent] + "." + s[len(s)-exponent:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
