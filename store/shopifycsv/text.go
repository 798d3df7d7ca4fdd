package shopifycsv

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// plainText turns a Body (HTML) field into readable plain text: block
// elements become paragraphs, <br> and list items become lines, entities are
// decoded, scripts and styles dropped and runs of spaces collapsed. A body
// without tags is taken as plain text and keeps its own line breaks.
func plainText(body string) string {
	if !strings.Contains(body, "<") {
		return tidyLines(html.UnescapeString(body))
	}
	z := xhtml.NewTokenizer(strings.NewReader(body))
	var b strings.Builder
	skip := 0 // depth inside elements whose text is not content
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			// io.EOF or a tokenizer error: either way what was read is the text.
			return tidyLines(b.String())
		case xhtml.TextToken:
			if skip == 0 {
				// Line breaks in HTML source are spaces on the page.
				b.WriteString(strings.Map(func(r rune) rune {
					if r == '\n' || r == '\r' || r == '\t' {
						return ' '
					}
					return r
				}, string(z.Text())))
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Title:
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Br:
				b.WriteByte('\n')
			case atom.Tr:
				// Only opening tags break lines: the spaces between </li> and
				// <li> would otherwise leave a blank line between items.
				if tt != xhtml.EndTagToken {
					b.WriteByte('\n')
				}
			case atom.Li:
				if tt != xhtml.EndTagToken {
					b.WriteString("\n- ")
				}
			case atom.Td, atom.Th:
				b.WriteByte(' ')
			case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside,
				atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
				atom.Table, atom.Blockquote, atom.Pre, atom.Hr, atom.Figure, atom.Figcaption, atom.Address:
				b.WriteString("\n\n")
			}
		}
	}
}

// tidyLines trims every line, collapses spaces inside lines and keeps at
// most one blank line between paragraphs.
func tidyLines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []string
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.FieldsFunc(line, unicode.IsSpace), " ")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
