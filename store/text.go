package store

import (
	"strings"
	"unicode"
)

// TrimText is the one tidy-up of text that a person typed (a name, an
// address, a title, a note) before it is checked and stored. It trims
// spaces and invisible characters from both ends, so that a required field
// holding only zero-width spaces, Hangul fillers or direction marks is
// empty, and it drops the explicit direction controls (embeddings,
// overrides, isolates) wherever they are: nobody types them, and an
// unclosed one reverses the rest of the line it lands in, on a page, in an
// email or in a spreadsheet. Text that is left with nothing visible is "".
//
// Whether the text is valid UTF-8 at all is the web layer's question
// (kit.ReadForm refuses a form that is not); what is stored is this
// function's.
func TrimText(s string) string {
	s = strings.TrimFunc(strings.Map(dropDirectionControl, s), invisible)
	if !strings.ContainsFunc(s, visible) {
		return ""
	}
	return s
}

// dropDirectionControl maps the explicit bidirectional formatting
// characters (U+202A–U+202E, U+2066–U+2069) to nothing.
func dropDirectionControl(r rune) rune {
	if (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
		return -1
	}
	return r
}

// invisible is a character that shows nothing on its own: spaces, control
// and format characters (zero-width spaces and joiners, direction marks,
// the byte-order mark), the code points Unicode says to ignore (Hangul
// fillers among them) and the blank Braille pattern.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point) ||
		r == '\u2800'
}

// visible is a letter, digit, punctuation mark or symbol that shows.
func visible(r rune) bool {
	return unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) && !invisible(r)
}
