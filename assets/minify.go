package assets

import "strings"

// MinifyCSS removes comments and the whitespace a stylesheet does not
// need. It is deliberately conservative: it drops whitespace only next to
// "{", "}", ";", "," and after ":" in a declaration, where no CSS grammar
// gives it a meaning, and keeps one space everywhere else (so "a :hover",
// "calc(1px + 2px)" and "@media (width > 40em) and …" mean what they did).
// Quoted strings are copied unchanged. The hand-written stylesheets shrink
// by about a third; a full minifier would win a few per cent more at the
// cost of a dependency that must understand all of CSS.
func MinifyCSS(src string) string {
	var b strings.Builder
	b.Grow(len(src))
	space := false // whitespace or a comment seen since the last byte written
	depth := 0     // nesting of { }, to tell a declaration's ":" from a selector's
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				i = len(src)
			} else {
				i += end + 3
			}
			space = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
		case c == '"' || c == '\'':
			j := closingQuote(src, i)
			writeSpace(&b, space, c)
			b.WriteString(src[i : j+1])
			i, space = j, false
		default:
			if tight(c) {
				space = false
			}
			writeSpace(&b, space, c)
			space = false
			if c == ';' && i+1 < len(src) && nextSolid(src[i+1:]) == '}' {
				continue // the last declaration needs no ";"
			}
			switch c {
			case '{':
				depth++
			case '}':
				depth = max(0, depth-1)
			}
			b.WriteByte(c)
			if c == ':' && depth > 0 && insideDeclaration(b.String()) {
				space = false
				for i+1 < len(src) && isSpace(src[i+1]) {
					i++
				}
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// tight reports whether whitespace around c is meaningless.
func tight(c byte) bool { return c == '{' || c == '}' || c == ';' || c == ',' }

// writeSpace writes the single space that stands for a run of whitespace,
// unless the previous byte written makes it meaningless.
func writeSpace(b *strings.Builder, space bool, next byte) {
	if !space || b.Len() == 0 || tight(next) {
		return
	}
	s := b.String()
	if tight(s[len(s)-1]) {
		return
	}
	b.WriteByte(' ')
}

// insideDeclaration reports whether the ":" just written ends a property
// name ("color:") rather than a pseudo-class in a nested selector
// ("&:hover", "a:focus-visible {"): the text since the last "{", "}" or
// ";" is a bare property name, letters, digits and dashes only.
func insideDeclaration(out string) bool {
	start := strings.LastIndexAny(out[:len(out)-1], "{};") + 1
	name := out[start : len(out)-1]
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '-' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// closingQuote is the index of the quote that closes the string opening at
// src[i], honouring backslash escapes; the last index if it never closes.
func closingQuote(src string, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j
		}
	}
	return len(src) - 1
}

// nextSolid is the first byte of s that is not whitespace, or 0.
func nextSolid(s string) byte {
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			return s[i]
		}
	}
	return 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
