package store

import (
	"regexp"
	"strings"
)

// Spreadsheet apps run a cell that starts with =, +, -, @, a tab or a
// carriage return as a formula, so a shopper's name or a product title in
// an export could run a command on the computer of whoever opens it
// ("CSV injection"). Following OWASP's advice, the exports write such a cell
// behind a single quote, which makes the app show it as text; the importer
// takes the quote off again, so that importing an export gives back what
// was exported.

// plainNumber is a cell that a spreadsheet reads as a number, not a
// formula, whatever its sign: "-5", "+1.50" stay as they are.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// formulaLike reports whether a spreadsheet would take s for a formula.
func formulaLike(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !plainNumber.MatchString(s)
}

// EscapeCSVFormula returns s as an export writes it: behind a single quote
// when it would start a formula, and also when UnescapeCSVFormula would
// otherwise take a quote of its own off (as from "'=x" or from two quotes
// in a row), so that the two are exact inverses.
func EscapeCSVFormula(s string) string {
	if formulaLike(s) || UnescapeCSVFormula(s) != s {
		return "'" + s
	}
	return s
}

// UnescapeCSVFormula undoes EscapeCSVFormula: it drops a leading quote
// that stands before a formula-like text or before another quote.
func UnescapeCSVFormula(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && (formulaLike(rest) || strings.HasPrefix(rest, "'")) {
		return rest
	}
	return s
}

// EscapeCSVRecord escapes every cell of rec in place and returns it.
func EscapeCSVRecord(rec []string) []string {
	for i, cell := range rec {
		rec[i] = EscapeCSVFormula(cell)
	}
	return rec
}
