package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Slugify turns a title into a URL handle: lower-case letters and digits of
// any script joined by single hyphens, so "Linen Shirt – Blue" becomes
// "linen-shirt-blue" and a Chinese title keeps its characters.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > 200 {
		out = out[:200]
		for !utf8.ValidString(out) {
			out = out[:len(out)-1]
		}
		out = strings.TrimRight(out, "-")
	}
	return out
}
