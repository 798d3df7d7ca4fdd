package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Suggestions: a query that found nothing is offered a nearby one, each of
// its misspelt words replaced by a close word of the catalog.
const (
	nearWordsKept  = 3 // closest words tried for each term
	suggestionsRun = 6 // nearby queries searched before giving up
)

// suggest proposes the nearest query that finds something, each term
// replaced by one of the words closest to it in the catalog's titles, tags
// and vendors, or "" when none does. The closest words alone are not
// enough: "green tae" is as close to "green tee" as to "green tea", and only
// one of them is in the shop.
func (s *Store) suggest(ctx context.Context, terms []searchTerm) string {
	words, err := s.vocabulary(ctx)
	if err != nil || len(words) == 0 {
		return ""
	}
	choices := make([][]string, len(terms))
	changed := false
	for i, t := range terms {
		if choices[i] = nearWords(strings.ToLower(t.text), words); len(choices[i]) > 0 {
			changed = true
		} else {
			choices[i] = []string{t.text}
		}
	}
	if !changed {
		return ""
	}
	// The nearby queries in turn, each term's closest words first: an
	// odometer whose last term turns fastest.
	pick := make([]int, len(terms))
	for range suggestionsRun {
		out := make([]string, len(terms))
		for i, c := range choices {
			out[i] = c[pick[i]]
		}
		q := strings.Join(out, " ")
		if ids, _, err := s.searchCandidates(ctx, searchTerms(q), 1); err == nil && len(ids) > 0 {
			return q
		}
		i := len(pick) - 1
		for ; i >= 0 && pick[i] == len(choices[i])-1; i-- {
			pick[i] = 0
		}
		if i < 0 {
			break
		}
		pick[i]++
	}
	return ""
}

// vocabWord is a word of the catalog and how many products have it.
type vocabWord struct {
	word     string
	products int
}

// nearWords are the words closest to t, fewest edits first and then the
// most common, or none when t is a word of the catalog or nothing is
// close: a word of n letters may be n/3 edits away.
func nearWords(t string, words []vocabWord) []string {
	n := utf8.RuneCountInString(t)
	if n < 3 {
		return nil
	}
	type near struct {
		vocabWord
		edits int
	}
	var found []near
	for _, w := range words {
		if w.word == t {
			return nil
		}
		if d := editDistance(t, w.word, n/3+1); d <= n/3 {
			found = append(found, near{w, d})
		}
	}
	slices.SortFunc(found, func(a, b near) int {
		return cmp.Or(cmp.Compare(a.edits, b.edits), cmp.Compare(b.products, a.products), strings.Compare(a.word, b.word))
	})
	out := make([]string, 0, nearWordsKept)
	for _, w := range found[:min(len(found), nearWordsKept)] {
		out = append(out, w.word)
	}
	return out
}

// vocabulary is every word of three letters or more in the catalog's
// titles, tags and vendors, with the number of products that have it;
// memoized like the listings.
func (s *Store) vocabulary(ctx context.Context) ([]vocabWord, error) {
	return memoizedShelves(s, "vocabulary", func() ([]vocabWord, error) { return s.readVocabulary(ctx) })
}

func (s *Store) readVocabulary(ctx context.Context) ([]vocabWord, error) {
	rows, err := s.query(ctx, `SELECT title || ' ' || tags || ' ' || vendor FROM product_search`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// Each word's count, and the last row that counted it, so that a word
	// twice in one product counts once.
	type tally struct{ products, row int }
	count := map[string]*tally{}
	for row := 1; rows.Next(); row++ {
		var text string
		if err := rows.Scan(&text); err != nil {
			return nil, err
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if utf8.RuneCountInString(w) < 3 {
				continue
			}
			if c := count[w]; c == nil {
				count[w] = &tally{1, row}
			} else if c.row != row {
				c.products, c.row = c.products+1, row
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	words := make([]vocabWord, 0, len(count))
	for w, c := range count {
		words = append(words, vocabWord{w, c.products})
	}
	return words, nil
}

// editDistance is the number of edits between a and b (Damerau's
// optimal string alignment: a letter inserted, deleted or replaced, or two
// neighbours swapped, as in "tae" for "tea"), giving up (and returning
// limit) once it cannot be below limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	before := make([]int, len(rb)+1) // the row before prev, for swaps
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	prevMin := 0
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		// A swap reaches back two rows, so only two rows past the limit
		// rule out the rest.
		if rowMin >= limit && prevMin >= limit {
			return limit
		}
		prevMin = rowMin
		before, prev, cur = prev, cur, before
	}
	return min(prev[len(rb)], limit)
}
