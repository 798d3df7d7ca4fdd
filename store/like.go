package store

import "strings"

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
