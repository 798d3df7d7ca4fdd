package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// searchCap bounds the matches a search counts and ranks. A word that
// matches more than this many products is too common for the order past
// the first pages to matter, and shops say "1,000+ results" for it. A
// variable so that a test can reach it with three products.
var searchCap = 1000

// MaxQueryRunes bounds a search query; longer input is cut, not refused.
const MaxQueryRunes = 100

// Segment is a run of text that either matched the query or did not, so the
// view can mark matches without ever rendering raw HTML.
type Segment struct {
	Text  string
	Match bool
}

// SearchHit is a product found by a search, with its matches marked.
type SearchHit struct {
	ProductCard
	TitleSegments   []Segment
	SnippetSegments []Segment
	snippets        Text // the description cut around the first match, in each language, for In
}

// SearchResult is one page of search results.
type SearchResult struct {
	Query      string
	Hits       []SearchHit
	Total      int  // matches, counted up to searchCap
	More       bool // more than searchCap matched: Total is a lower bound
	Page       int
	PerPage    int
	Suggestion string // a nearby query that may find something, when nothing was found
	terms      []string
}

// In is the result with titles and snippets in locale, matches marked
// again: the index finds a product by any language's text, and the shopper
// reads it in theirs.
func (r SearchResult) In(locale string) SearchResult {
	hits := make([]SearchHit, len(r.Hits))
	for i, h := range r.Hits {
		h.ProductCard = h.ProductCard.In(locale)
		h.TitleSegments = Highlight(h.Title, r.terms)
		h.SnippetSegments = Highlight(h.snippets.In(locale), r.terms)
		hits[i] = h
	}
	r.Hits = hits
	return r
}

// Pages is the number of result pages, at least 1.
func (r SearchResult) Pages() int {
	return ProductPage{Total: r.Total, PerPage: r.PerPage}.Pages()
}

// Search finds active products whose title, tags, vendor, SKUs or
// description contain every term of q (searchTerms), an English plural or
// singular as either (wordForms). When that finds nothing and q has a run
// of three ideographs or more, the run is searched again loosely
// (loosen). Terms of three characters or more use the FTS5 trigram index;
// shorter ones (common in Chinese, such as "茶") the index of single
// ideographs and words, product_terms.
func (s *Store) Search(ctx context.Context, q string, page, perPage int) (SearchResult, error) {
	return s.SearchSorted(ctx, q, "", "", page, perPage)
}

// SearchSorted is Search with its hits in sort's order (one of the Sort
// constants, by the price shown as listings are, by name as a shopper
// reading locale reads the titles), or by relevance for "" or an unknown
// sort. Only the first searchCap matches are sorted.
func (s *Store) SearchSorted(ctx context.Context, q, sort, locale string, page, perPage int) (SearchResult, error) {
	if _, _, ok := sortOrder(sort, "", nil, ""); !ok {
		sort = ""
	}
	locale, err := s.sortLocale(ctx, sort, locale)
	if err != nil {
		return SearchResult{}, fmt.Errorf("search %q: %w", q, err)
	}
	return memoized(s, fmt.Sprintf("search\x00%s\x00%s\x00%s\x00%d\x00%d", q, sort, locale, page, perPage), func() (SearchResult, error) {
		return s.search(ctx, q, sort, locale, page, perPage)
	})
}

func (s *Store) search(ctx context.Context, q, sort, locale string, page, perPage int) (SearchResult, error) {
	res := SearchResult{Query: strings.TrimSpace(q), Page: min(max(page, 1), MaxPage), PerPage: perPage}
	if res.PerPage <= 0 || res.PerPage > 100 {
		res.PerPage = 24
	}
	terms := searchTerms(q)
	if len(terms) == 0 {
		return res, nil
	}
	ids, more, err := s.searchCandidates(ctx, terms, searchCap)
	for level := 1; err == nil && len(ids) == 0 && level <= 2; level++ {
		loose, ok := loosen(terms, level)
		if !ok {
			break
		}
		if ids, more, err = s.searchCandidates(ctx, loose, searchCap); len(ids) > 0 {
			terms = loose
		}
	}
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q, err)
	}
	res.Total, res.More = len(ids), more
	if res.Total == 0 {
		res.Suggestion = s.suggest(ctx, terms)
		return res, nil
	}
	marks := highlights(terms)
	res.terms = marks
	// Only active products are in the search indexes (refreshSearch), so the
	// ranking reads the index's own copy of their text (its content table)
	// and touches products for the page of hits only. CROSS JOIN keeps each
	// step's rows the outer loop; left to itself the planner may walk every
	// active product instead.
	rank, rankArgs := searchRank(terms)
	query := `SELECT ` + cardColumns + `, p.description
		FROM (SELECT c.value AS id, ` + rank + ` AS rank, length(s.c0) AS len
			FROM json_each(?) c CROSS JOIN product_search_content s ON s.id = c.value
			ORDER BY rank, len, id DESC LIMIT ? OFFSET ?) h
		CROSS JOIN products p ON p.id = h.id
		WHERE p.status = 'active' ORDER BY h.rank, h.len, h.id DESC`
	args := slices.Concat(rankArgs, []any{ids.json(), res.PerPage, (res.Page - 1) * res.PerPage})
	if sort != "" {
		shown, err := s.listingSales(ctx)
		if err != nil {
			return res, fmt.Errorf("search %q: %w", q, err)
		}
		lo, loArgs := shown.of(`p.price_min`)
		order, orderArgs, _ := sortOrder(sort, lo, loArgs, locale)
		if sort == SortBestSelling {
			ranked, err := s.bestSellerRanks(ctx)
			if err != nil {
				return res, fmt.Errorf("search %q: %w", q, err)
			}
			ids, order, orderArgs = bestSellingFirst(ids, ranked), `c.key`, nil
		}
		join, joinArgs := ``, []any{ids.json()}
		if sort == SortName && locale != "" {
			join, joinArgs = sortTitlesJoin, append(joinArgs, locale)
		}
		query = `SELECT ` + cardColumns + `, p.description
			FROM json_each(?) c CROSS JOIN products p ON p.id = c.value` + join + `
			WHERE p.status = 'active' ORDER BY ` + order + ` LIMIT ? OFFSET ?`
		args = slices.Concat(joinArgs, orderArgs, []any{res.PerPage, (res.Page - 1) * res.PerPage})
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		var desc string
		c, err := scanCard(rows, &desc)
		if err != nil {
			return res, fmt.Errorf("search %q: %w", q, err)
		}
		h := SearchHit{ProductCard: c}
		h.TitleSegments = Highlight(c.Title, marks)
		h.snippets.Default = snippet(desc, marks, 80)
		h.SnippetSegments = Highlight(h.snippets.Default, marks)
		res.Hits = append(res.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return res, err
	}
	cards := make([]ProductCard, len(res.Hits))
	for i, h := range res.Hits {
		cards[i] = h.ProductCard
	}
	// A hit's snippet is cut from its description in the shopper's
	// language (In), so the descriptions are read with the names; only the
	// snippets are kept, since the result is memoized.
	if err := withCardTexts(ctx, s.query, cards, productNames+` OR field = 'description'`); err != nil {
		return res, err
	}
	for i, c := range cards {
		h := &res.Hits[i]
		for l, d := range c.Tr[FieldDescription] {
			h.snippets = h.snippets.With(l, snippet(d, marks, 80))
		}
		delete(c.Tr, FieldDescription)
		h.ProductCard = c
	}
	return res, nil
}

// searchIDs are the product ids a search found, newest first.
type searchIDs []int64

// json is ids as a JSON array, for json_each: one argument however many.
func (ids searchIDs) json() string {
	b := make([]byte, 0, len(ids)*7)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// searchCandidates returns the newest limit products matching terms,
// and whether there are more. FTS5 walks its matches in rowid order and
// stops there, so that a common word costs the same in a catalog of 100,000
// as in one of 1,000: counting and ranking every match (bm25) cost tens of
// milliseconds there.
func (s *Store) searchCandidates(ctx context.Context, terms []searchTerm, limit int) (searchIDs, bool, error) {
	table, where, args := searchConditions(terms)
	rows, err := s.query(ctx, `SELECT rowid FROM `+table+` WHERE `+strings.Join(where, " AND ")+` ORDER BY rowid DESC LIMIT ?`,
		append(args, limit+1)...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var ids searchIDs
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		ids = append(ids, id)
	}
	if len(ids) > limit {
		return ids[:limit], true, rows.Err()
	}
	return ids, false, rows.Err()
}

// searchConditions turns terms into FTS5 queries (searchTerm.query). It
// returns the table to search and the conditions with their arguments.
// When terms use both indexes, the unary + keeps the product_terms
// subquery out of the trigram index's plan: offered rowid IN (…), SQLite
// ran the trigram query again for every product_terms match, 1.5–4 s for
// "linen 衬衫" or "tea 茶" at 100,000 products; as a plain filter the
// subquery is read once and checked as the trigram matches are walked.
func searchConditions(terms []searchTerm) (table string, where []string, args []any) {
	var long, short []string
	for _, t := range terms {
		if q, trigram := t.query(); trigram {
			long = append(long, q)
		} else {
			short = append(short, q)
		}
	}
	if len(long) == 0 {
		return "product_terms", []string{"product_terms MATCH ?"}, []any{strings.Join(short, " AND ")}
	}
	where, args = []string{"product_search MATCH ?"}, []any{strings.Join(long, " AND ")}
	if len(short) > 0 {
		where = append(where, `+rowid IN (SELECT rowid FROM product_terms WHERE product_terms MATCH ?)`)
		args = append(args, strings.Join(short, " AND "))
	}
	return "product_search", where, args
}

// searchRank is an SQL expression ranking a candidate row s of
// product_search_content (c0…c4 are title, tags, vendor, sku, description;
// lower ranks first), with its arguments: for each term, the
// weights of the columns that contain it — a title match counts most, then
// tags, SKUs and vendor; a match in the description alone counts nothing
// over the others, and lowering every description would cost the most. bm25 would rank finer, but it counts
// each term's matches across the whole index first, which for a common word
// in a large catalog costs tens of milliseconds.
func searchRank(terms []searchTerm) (string, []any) {
	var sum []string
	var args []any
	for _, t := range terms {
		columns := searchWeights
		if t.loose > 0 {
			// A loose term is ranked by each of its characters: the title
			// alone says how much of the compound a product is, at a
			// quarter of the cost.
			columns = searchWeights[:1]
		}
		for _, g := range t.marks() {
			for _, c := range columns {
				has := make([]string, len(g))
				for i, m := range g {
					has[i] = `instr(lower(s.` + c.column + `), ?) > 0`
					args = append(args, strings.ToLower(m))
				}
				sum = append(sum, c.weight+`*(`+strings.Join(has, " OR ")+`)`)
			}
		}
	}
	return `-(` + strings.Join(sum, " + ") + `)`, args
}

// searchWeights weighs product_search's columns for searchRank.
var searchWeights = []struct{ column, weight string }{
	{"c0", "10"}, {"c1", "5"}, {"c3", "3"}, {"c2", "2"},
}

// Highlight splits text into segments, marking case-insensitive
// occurrences of any term.
func Highlight(text string, terms []string) []Segment {
	rs := []rune(text)
	lower := make([]rune, len(rs))
	for i, r := range rs {
		lower[i] = unicode.ToLower(r)
	}
	mark := make([]bool, len(rs))
	for _, t := range terms {
		tr := []rune(strings.ToLower(t))
		if len(tr) == 0 {
			continue
		}
		for i := 0; i+len(tr) <= len(lower); i++ {
			if string(lower[i:i+len(tr)]) == string(tr) {
				for j := i; j < i+len(tr); j++ {
					mark[j] = true
				}
			}
		}
	}
	var segs []Segment
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && mark[j] == mark[i] {
			j++
		}
		segs = append(segs, Segment{Text: string(rs[i:j]), Match: mark[i]})
		i = j
	}
	return segs
}

// snippet cuts text to about width runes around the first match.
func snippet(text string, terms []string, width int) string {
	rs := []rune(text)
	if len(rs) <= width {
		return text
	}
	lower := strings.ToLower(text)
	start := 0
	for _, t := range terms {
		if i := strings.Index(lower, strings.ToLower(t)); i >= 0 {
			start = max(0, utf8.RuneCountInString(lower[:i])-width/4)
			break
		}
	}
	end := min(len(rs), start+width)
	out := string(rs[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(rs) {
		out += "…"
	}
	return out
}
