package store

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxSearchTerms bounds the terms of a query; the rest are dropped.
const maxSearchTerms = 8

// searchTerm is one word of a query and what finds it.
type searchTerm struct {
	text string
	// forms are lower-case strings any one of which finds the word: the
	// word itself, or for an English plural or singular the other number
	// (wordForms).
	forms []string
	// loose, for a run of three ideographs or more that was not found as
	// typed, asks instead for every one of its characters and one of its
	// pairs (1), or for one of its pairs alone (2): see loosen.
	loose int
}

// searchTerms splits a query into terms. Only letters and digits are ever
// searched for, so FTS5 syntax, quotes and punctuation in hostile or hasty
// input ("tea?", “茶”, "linen,tea") only separate words. The query is
// width-folded first (NFKC), so that the full-width ｌｉｎｅｎ and ２０ a
// Chinese keyboard types are linen and 20. A word is also cut where
// ideographs meet letters or digits, since Chinese shoppers type no space
// there (linen衬衫), unless the other side is a single letter (T恤).
func searchTerms(q string) []searchTerm {
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		q = string([]rune(q)[:MaxQueryRunes])
	}
	q = norm.NFKC.String(strings.ToValidUTF8(q, ""))
	var terms []searchTerm
	for _, w := range strings.Fields(keepWords(q)) {
		for _, part := range splitScripts(w) {
			if part = strings.Trim(part, wordJoiners); part != "" && len(terms) < maxSearchTerms {
				terms = append(terms, searchTerm{text: part, forms: wordForms(part)})
			}
		}
	}
	return terms
}

// wordJoiners join two parts of one word (T-shirt, men's, 2.5, Pu-erh) and
// separate words anywhere else.
const wordJoiners = "-_.'’"

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) }

// keepWords is q with every rune that is not part of a word turned into a
// space.
func keepWords(q string) string {
	rs := []rune(q)
	for i, r := range rs {
		joins := strings.ContainsRune(wordJoiners, r) && i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1])
		if !isWordRune(r) && !joins {
			rs[i] = ' '
		}
	}
	return string(rs)
}

func isIdeograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// splitScripts cuts w where a run of ideographs meets a run of anything
// else. A single rune beside ideographs stays with them: T恤 is one word,
// and the index holds it as one.
func splitScripts(w string) []string {
	var runs []string
	var ideo []bool
	for _, r := range w {
		if n := len(runs); n > 0 && ideo[n-1] == isIdeograph(r) {
			runs[n-1] += string(r)
		} else {
			runs, ideo = append(runs, string(r)), append(ideo, isIdeograph(r))
		}
	}
	var out []string
	for i, r := range runs {
		// Runs alternate, so a one-rune run's neighbours are ideographs.
		ideo[i] = ideo[i] || (len(runs) > 1 && utf8.RuneCountInString(r) == 1)
		if i > 0 && ideo[i] == ideo[i-1] {
			out[len(out)-1] += r
		} else {
			out = append(out, r)
		}
	}
	return out
}

// wordForms is the lower-case strings that find w, by simple English
// plural rules for a word in ASCII and nothing more (no stemming): a
// plural is searched as its singular (shirts → shirt, dishes → dish,
// hoodies → hoodie or hoody, scarves → scarve or scarf), and a singular
// ending in a consonant and y, in f or in fe also as its plural (berry →
// berries, scarf → scarves). The trigram index matches substrings, so a
// singular that begins the plural finds both.
func wordForms(w string) []string {
	w = strings.ToLower(w)
	n := len(w)
	if n < 4 || strings.IndexFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
		return []string{w}
	}
	var forms []string
	switch {
	case strings.HasSuffix(w, "ies"):
		forms = []string{w[:n-1], w[:n-3] + "y"}
	case strings.HasSuffix(w, "ves"):
		forms = []string{w[:n-1], w[:n-3] + "f"}
	case strings.HasSuffix(w, "es") && endsWithAny(w[:n-2], "s", "x", "z", "ch", "sh"):
		forms = []string{w[:n-2], w[:n-1]}
	case strings.HasSuffix(w, "s") && !endsWithAny(w, "ss", "us", "is"):
		forms = []string{w[:n-1]}
	case strings.HasSuffix(w, "y") && !strings.ContainsRune("aeiouy", rune(w[n-2])):
		forms = []string{w, w[:n-1] + "ies"}
	case strings.HasSuffix(w, "fe"):
		forms = []string{w, w[:n-2] + "ves"}
	case strings.HasSuffix(w, "f"):
		forms = []string{w, w[:n-1] + "ves"}
	default:
		return []string{w}
	}
	// A form shorter than three letters would find far too much, and one
	// that holds another is found by it.
	var out []string
	for _, f := range forms {
		covered := slices.ContainsFunc(forms, func(g string) bool { return g != f && len(g) >= 3 && strings.Contains(f, g) })
		if len(f) >= 3 && !covered {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return []string{w}
	}
	return out
}

func endsWithAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// looseRunes bounds the characters loosen takes, in all: a longer run is
// several words typed together, which one pair of characters in common
// would match to almost anything, and the search costs the more the more
// characters it is asked for (about 20 ms for eight at 100,000 products).
const looseRunes = 8

// loosen is terms with their runs of three ideographs or more searched
// loosely at level (searchTerm.loose), the first runs first as long as
// they hold looseRunes characters in all, or false when it takes none.
// Chinese shoppers type compounds that the catalog words differently
// (龙井茶 for 西湖龙井, 紫砂茶壶 for 宜兴紫砂壶, 亚麻裤 for 亚麻阔腿裤):
// first a product with every character of the run and at least one of its
// pairs is taken, which keeps 亚麻裤 to trousers; failing that, one with
// any pair (真丝围巾 finds other scarves). A pair of characters is
// what most Chinese words are, and a single shared character alone would
// match almost anything.
func loosen(terms []searchTerm, level int) ([]searchTerm, bool) {
	out := slices.Clone(terms)
	left := looseRunes
	for i, t := range out {
		if n := utf8.RuneCountInString(t.text); n >= 3 && n <= left && strings.IndexFunc(t.text, isIdeograph) >= 0 {
			out[i].loose = level
			left -= n
		}
	}
	return out, left < looseRunes
}

// query is the term as an FTS5 query, each string quoted so that its
// syntax is only ever searched for, and whether it is for the trigram
// index (product_search) rather than product_terms. Words of three
// characters or more go to the trigram index; shorter ones to
// product_terms, as a phrase of single ideographs ("绿茶" → "绿 茶") or a
// word prefix ("xl"*); loose runs to product_terms, character by
// character and pair by pair.
func (t searchTerm) query() (q string, trigram bool) {
	if t.loose > 0 {
		chars, pairs := t.pieces()
		for i, p := range pairs {
			pairs[i] = ftsString(spaceIdeographs(p))
		}
		q = "(" + strings.Join(pairs, " OR ") + ")"
		if t.loose == 1 {
			for i, c := range chars {
				chars[i] = ftsString(c)
			}
			q = "(" + strings.Join(chars, " AND ") + " AND " + q + ")"
		}
		return q, false
	}
	if utf8.RuneCountInString(t.forms[0]) >= 3 {
		quoted := make([]string, len(t.forms))
		for i, f := range t.forms {
			quoted[i] = ftsString(f)
		}
		return "(" + strings.Join(quoted, " OR ") + ")", true
	}
	if spaced := spaceIdeographs(t.text); spaced != t.text {
		return ftsString(spaced), false
	}
	return ftsString(t.text) + "*", false
}

// pieces are a loose term's distinct characters and pairs of neighbouring
// characters, lower-cased.
func (t searchTerm) pieces() (chars, pairs []string) {
	seen := map[string]bool{}
	add := func(to *[]string, p string) {
		if !seen[p] {
			seen[p] = true
			*to = append(*to, p)
		}
	}
	rs := []rune(strings.ToLower(t.text))
	for i, r := range rs {
		add(&chars, string(r))
		if i > 0 {
			add(&pairs, string(rs[i-1:i+1]))
		}
	}
	return chars, pairs
}

// ftsString quotes s as an FTS5 string, which is searched for as a phrase
// whatever it holds.
func ftsString(s string) string {
	return `"` + strings.ReplaceAll(strings.TrimSpace(s), `"`, `""`) + `"`
}

// marks are the groups of strings the term is ranked and highlighted by:
// a product has the term in a column when it has any string of a group
// there. A loose term counts each of its characters, so that a product
// with more of them ranks first.
func (t searchTerm) marks() [][]string {
	if t.loose == 0 {
		return [][]string{t.forms}
	}
	chars, _ := t.pieces()
	groups := make([][]string, len(chars))
	for i, c := range chars {
		groups[i] = []string{c}
	}
	return groups
}

// highlights are the strings to mark in a hit for terms.
func highlights(terms []searchTerm) []string {
	var out []string
	for _, t := range terms {
		for _, g := range t.marks() {
			out = append(out, g...)
		}
	}
	return out
}

// spaceIdeographs puts spaces around every Han, Hiragana, Katakana and
// Hangul character, so that a word tokenizer sees each as a word.
func spaceIdeographs(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isIdeograph(r) {
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
