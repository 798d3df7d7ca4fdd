package store

import (
	"strings"
	"unicode/utf8"
)

// MaxSearchLen is the longest text, in bytes, that the admin's list
// searches take (their boxes' maxlength). Past 50,000 bytes SQLite refuses
// a LIKE pattern with an error, which would otherwise surface as a 500.
const MaxSearchLen = 200

// containsPattern is the LIKE pattern (ESCAPE '\') matching text anywhere
// in a value, or a ValidationError on the search box, q, when text is
// longer than MaxSearchLen.
func containsPattern(text string) (string, error) {
	if len(text) > MaxSearchLen {
		return "", &ValidationError{Fields: map[string]string{"q": "error.too_long"}}
	}
	return "%" + likeEscaper.Replace(text) + "%", nil
}

// likeEscaper makes user text literal inside a LIKE pattern.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// productFound is the SQL condition on products p, with its arguments,
// that the admin's searches for q (trimmed, not empty) put on products:
// q in a title (in any language), the vendor, the handle or a SKU. Three
// characters or more are looked up in product_finder's trigram index;
// fewer, which it cannot look up, are matched against its every row, read
// from the table FTS5 keeps them in (c0…c3 are title, vendor, handle,
// sku): through the virtual table the same scan took twice as long.
func productFound(q string) (string, []any, error) {
	pattern, err := containsPattern(q)
	if err != nil {
		return "", nil, err
	}
	if utf8.RuneCountInString(q) >= 3 {
		// Quoted, so that FTS5's syntax in q is only ever searched for.
		return `p.id IN (SELECT rowid FROM product_finder WHERE product_finder MATCH ?)`,
			[]any{`"` + strings.ReplaceAll(q, `"`, `""`) + `"`}, nil
	}
	return `p.id IN (SELECT id FROM product_finder_content WHERE c0 LIKE ? ESCAPE '\' OR c1 LIKE ? ESCAPE '\'
			OR c2 LIKE ? ESCAPE '\' OR c3 LIKE ? ESCAPE '\')`,
		[]any{pattern, pattern, pattern, pattern}, nil
}
