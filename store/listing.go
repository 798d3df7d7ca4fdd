package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sort orders for product listings.
const (
	SortNewest    = "newest"
	SortPriceAsc  = "price-asc"
	SortPriceDesc = "price-desc"
	SortName      = "name"
	// SortBestSelling puts the month's best sellers first, most units
	// first (bestSellingPage), and the others newest first.
	SortBestSelling = "best-selling"
)

// MaxPage bounds page numbers so that an absurd ?page= cannot make SQLite
// skip billions of rows.
const MaxPage = 10000

// ProductQuery selects a page of active products.
type ProductQuery struct {
	CollectionID int64  // 0 for the whole catalog
	Sort         string // one of the Sort constants; collections default to the merchant's order
	InStock      bool
	PriceMin     int64 // minor units; 0 for no lower bound
	PriceMax     int64 // minor units; 0 for no upper bound
	Page         int   // 1-based
	PerPage      int
	ExcludeID    int64
	// Locale is the shopper's language: sorted by name, they read the
	// titles in it in order. "" is the shop's content language.
	Locale string
}

// ProductPage is one page of a listing.
type ProductPage struct {
	Products []ProductCard
	Total    int
	Page     int
	PerPage  int
}

// Pages is the number of pages in the listing, at least 1.
func (p ProductPage) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// cardColumns reads a card but for its texts in other languages, which
// withCardTexts adds.
const cardColumns = `p.id, p.handle, p.title, p.vendor, p.price_min, p.price_max, p.compare_at_from, p.discounted,
	p.stock_total, coalesce(p.cover_image_id, 0), coalesce((SELECT alt FROM images WHERE id = p.cover_image_id), ''), p.created_at`

// scanCard reads a row of cardColumns and then of whatever extra reads.
func scanCard(row interface{ Scan(...any) error }, extra ...any) (ProductCard, error) {
	var c ProductCard
	var created int64
	err := row.Scan(append([]any{&c.ID, &c.Handle, &c.Title, &c.Vendor, &c.PriceMin, &c.PriceMax, &c.CompareAtFrom,
		&c.Discounted, &c.StockTotal, &c.CoverImageID, &c.CoverAlt, &created}, extra...)...)
	c.CreatedAt = time.Unix(created, 0)
	return c, err
}

// Products returns a page of active products matching q.
func (s *Store) Products(ctx context.Context, q ProductQuery) (ProductPage, error) {
	var err error
	if q.Locale, err = s.sortLocale(ctx, q.Sort, q.Locale); err != nil {
		return ProductPage{}, fmt.Errorf("list products: %w", err)
	}
	return memoized(s, fmt.Sprintf("products\x00%+v", q), func() (ProductPage, error) { return s.products(ctx, q) })
}

func (s *Store) products(ctx context.Context, q ProductQuery) (ProductPage, error) {
	q.Page = min(max(q.Page, 1), MaxPage)
	if q.PerPage <= 0 || q.PerPage > 100 {
		q.PerPage = 24
	}
	from := ` FROM products p`
	where := []string{`p.status = 'active'`}
	var args []any
	lo, hi, variant := `p.price_min`, `p.price_max`, `v.price`
	var loArgs, hiArgs, variantArgs []any
	switch {
	case q.CollectionID != 0 && q.Sort != SortNewest && q.Sort != SortBestSelling:
		// The collection's members first, then their products: left to
		// choose, SQLite read every active product through the status
		// index as soon as a price filter came with a price or name sort
		// (500 ms for a collection of 20,000 in a catalog of 100,000,
		// against 50). Only the newest first (and after the best sellers)
		// is better read that way, in the index's order, stopping at the
		// page.
		from = ` FROM collection_products cp CROSS JOIN products p ON p.id = cp.product_id`
		where = append([]string{`cp.collection_id = ?`}, where...)
		args = append(args, q.CollectionID)
	case q.CollectionID != 0:
		from += ` JOIN collection_products cp ON cp.product_id = p.id AND cp.collection_id = ?`
		args = append(args, q.CollectionID)
	}
	if q.InStock {
		where = append(where, `p.stock_total > 0`)
	}
	// Prices are filtered and sorted as the cards show them, through the
	// flash sales live now: a scarf shown at 89.60 belongs under "up to
	// 100".
	if q.PriceMin > 0 || q.PriceMax > 0 || q.Sort == SortPriceAsc || q.Sort == SortPriceDesc {
		shown, err := s.listingSales(ctx)
		if err != nil {
			return ProductPage{}, fmt.Errorf("list products: %w", err)
		}
		lo, loArgs = shown.of(`p.price_min`)
		hi, hiArgs = shown.of(`p.price_max`)
		variant, variantArgs = shown.of(`v.price`)
	}
	// A product is in the price range when one of its variants is: the
	// range of its prices, kept on its row, must reach into the filter's,
	// and only a product whose prices straddle the whole range has its
	// variants read, to see whether one falls in the gap between them.
	// (A sale lowers every price it covers in the same order, so a
	// product's shown range still holds its variants' shown prices.)
	if q.PriceMin > 0 {
		where = append(where, hi+` >= ?`)
		args = append(append(args, hiArgs...), q.PriceMin)
	}
	if q.PriceMax > 0 {
		where = append(where, lo+` <= ?`)
		args = append(append(args, loArgs...), q.PriceMax)
	}
	if q.PriceMin > 0 && q.PriceMax > 0 {
		where = append(where, `(`+lo+` >= ? OR `+hi+` <= ?
			OR EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND `+variant+` BETWEEN ? AND ?))`)
		args = append(append(args, loArgs...), q.PriceMin)
		args = append(append(args, hiArgs...), q.PriceMax)
		args = append(append(args, variantArgs...), q.PriceMin, q.PriceMax)
	}
	if q.ExcludeID != 0 {
		where = append(where, `p.id <> ?`)
		args = append(args, q.ExcludeID)
	}
	filter := ` WHERE ` + strings.Join(where, ` AND `)
	cond := from + filter

	page := ProductPage{Page: q.Page, PerPage: q.PerPage}
	if err := s.queryRow(ctx, `SELECT count(*)`+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("count products: %w", err)
	}
	var err error
	switch {
	case q.Sort == SortBestSelling:
		page.Products, err = s.bestSellingPage(ctx, cond, args, q)
	case q.Sort == SortName && q.Locale != "":
		page.Products, err = s.titleSortedPage(ctx, from, filter, args, q, page.Total)
	default:
		order, orderArgs, sorted := sortOrder(q.Sort, lo, loArgs, q.Locale)
		if !sorted && q.CollectionID != 0 {
			order = `cp.position, p.id`
		}
		page.Products, err = s.queryCards(ctx, `SELECT `+cardColumns+cond+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
			slices.Concat(args, orderArgs, []any{q.PerPage, (q.Page - 1) * q.PerPage})...)
	}
	if err != nil {
		return page, fmt.Errorf("list products: %w", err)
	}
	return page, withCardTexts(ctx, s.query, page.Products, productNames)
}

// titleSortedPage reads q's page of the products that from, filter and
// args select (as products builds them; total of them), sorted by name in
// q.Locale. The whole catalog is read in the sort index's order, which
// stops at the page's end. So is a collection, each product checked for
// membership, when it holds enough of the catalog for that end to come
// early: the walk reads about page end × catalog / total rows, at most
// the whole index. A smaller collection is sorted instead, as in the
// content language, each member's title looked up by key (1.4 times the
// content language's cost: the lookup costs as much as the product's).
// The catalog's size is taken as its highest id, at least the number of
// products, so that in doubt a collection is sorted.
func (s *Store) titleSortedPage(ctx context.Context, from, filter string, args []any, q ProductQuery, total int) ([]ProductCard, error) {
	sorted := ` FROM product_sort_titles st CROSS JOIN products p ON st.locale = ? AND p.id = st.product_id`
	if q.CollectionID != 0 {
		var last int64
		if err := s.queryRow(ctx, `SELECT coalesce(max(id), 0) FROM products`).Scan(&last); err != nil {
			return nil, err
		}
		if int64(total)*int64(total) >= int64(q.Page*q.PerPage)*last {
			sorted = ` FROM product_sort_titles st CROSS JOIN collection_products cp ON st.locale = ? AND cp.product_id = st.product_id
				CROSS JOIN products p ON p.id = st.product_id`
		} else {
			sorted = from + sortTitlesJoin
		}
	}
	return s.queryCards(ctx, `SELECT `+cardColumns+sorted+filter+` ORDER BY `+sortTitlesOrder+` LIMIT ? OFFSET ?`,
		slices.Concat([]any{q.Locale}, args, []any{q.PerPage, (q.Page - 1) * q.PerPage})...)
}

// queryCards reads the cards a query of cardColumns selects, in its order.
func (s *Store) queryCards(ctx context.Context, query string, args ...any) ([]ProductCard, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cards []ProductCard
	for rows.Next() {
		c, err := scanCard(rows)
		if err != nil {
			return nil, err
		}
		cards = append(cards, c)
	}
	return cards, rows.Err()
}

// sortOrder is the ORDER BY of products p sorted by sort, lo being the SQL
// of a product's lowest price as shown (shownPrices.of) and loArgs its
// arguments, and whether sort is one of the Sort constants: for any other
// the newest come first, unless the caller has an order of its own.
// Sorted by name in a locale other than the content language (sortLocale),
// the titles are st's, which the query joins (sortTitlesJoin).
func sortOrder(sort, lo string, loArgs []any, locale string) (string, []any, bool) {
	switch sort {
	case SortPriceAsc:
		return lo + `, p.id`, loArgs, true
	case SortPriceDesc:
		return lo + ` DESC, p.id`, loArgs, true
	case SortName:
		if locale != "" {
			return sortTitlesOrder, nil, true
		}
		return `p.title COLLATE NOCASE, p.id`, nil, true
	case SortNewest, SortBestSelling: // the best sellers are picked before (bestSellingPage)
		return `p.created_at DESC, p.id DESC`, nil, true
	}
	return `p.created_at DESC, p.id DESC`, nil, false
}

// A product's title as a shopper reading a language reads it (Text.In) is
// kept in product_sort_titles (migration 0049), indexed in the name sort's
// order: sortTitlesJoin joins it to products p, its one argument the
// language, for sortTitlesOrder.
const (
	sortTitlesJoin  = ` CROSS JOIN product_sort_titles st ON st.locale = ? AND st.product_id = p.id`
	sortTitlesOrder = `st.title COLLATE NOCASE, st.product_id`
)

// sortLocale is the language a listing sorted by sort reads its titles
// in for a shopper reading locale: "" (the stored titles) but for a name
// sort in a language the shop offers other than the content language,
// whose stored titles a shopper in it does not read. Other sorts memoize
// one listing for every language.
func (s *Store) sortLocale(ctx context.Context, sort, locale string) (string, error) {
	if sort != SortName || locale == "" || checkLocale(locale) != "" {
		return "", nil
	}
	st, err := s.Settings(ctx)
	if err != nil || locale == st.ContentLocale {
		return "", err
	}
	return locale, nil
}

// RelatedProducts returns up to n active products that sit near p in its
// first collection or share a tag with it, best overlap first. Candidates are
// taken from index ranges, not whole collections, so the cost does not grow
// with the catalog.
func (s *Store) RelatedProducts(ctx context.Context, p *Product, n int) ([]ProductCard, error) {
	return memoized(s, fmt.Sprintf("related\x00%d\x00%d", p.ID, n), func() ([]ProductCard, error) { return s.relatedProducts(ctx, p, n) })
}

func (s *Store) relatedProducts(ctx context.Context, p *Product, n int) ([]ProductCard, error) {
	// The neighbours' range is found first: as a subquery SQLite would not
	// treat it as a constant and would walk the whole collection.
	var homeID, homePos int64 = 0, 0
	err := s.queryRow(ctx, `SELECT collection_id, position FROM collection_products WHERE product_id = ?
		ORDER BY collection_id LIMIT 1`, p.ID).Scan(&homeID, &homePos)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("related products: %w", err)
	}
	// Neighbours rank 2, 3 with a shared tag; products that only share a
	// tag rank 1, so they are read only when too few neighbours are
	// active. Read together, those 24 candidates from anywhere in the
	// catalog were each a product row on a page of its own, and the
	// product page is a third of a purchase.
	//
	// "?2 + 0": compared bare, a new collection id made SQLite prepare the
	// statement again (the plan depends on the bound value).
	//
	// A shared tag is looked up among each neighbour's own tags, by the
	// product's tags as the page read them ("+b.tag" keeps SQLite on the
	// primary key): through the tag index, each neighbour's check read
	// the index in as many places as the product has tags, and doubled the
	// query's cost.
	score, args := "2", []any{n, homeID, homePos}
	if len(p.Tags) > 0 {
		marks := make([]string, len(p.Tags))
		for i, t := range p.Tags {
			marks[i] = "?" + strconv.Itoa(len(args)+1)
			args = append(args, t)
		}
		score = `2 + EXISTS (SELECT 1 FROM product_tags b WHERE b.product_id = p.id AND +b.tag IN (` + strings.Join(marks, ", ") + `))`
	}
	cards, err := s.relatedCards(ctx, `
		WITH near(id) AS (
			SELECT product_id FROM (SELECT product_id FROM collection_products
				WHERE collection_id = ?2 + 0 AND position > ?3 ORDER BY position LIMIT 12)
			UNION ALL
			SELECT product_id FROM (SELECT product_id FROM collection_products
				WHERE collection_id = ?2 + 0 AND position < ?3 ORDER BY position DESC LIMIT 12)
		), top AS (SELECT p.id, p.stock_total > 0 AS stocked, p.created_at, `+score+` AS score
			FROM near CROSS JOIN products p ON p.id = near.id
			WHERE p.status = 'active'
			ORDER BY score DESC, stocked DESC, p.created_at DESC LIMIT ?1)`, args...)
	if err != nil {
		return nil, err
	}
	if len(cards) < n && len(p.Tags) > 0 {
		shown := []int64{p.ID}
		for _, c := range cards {
			shown = append(shown, c.ID)
		}
		tagIn, args := inList(p.Tags)
		notIn, notArgs := inList(shown)
		tagged, err := s.relatedCards(ctx, `
			WITH tagged(id) AS (SELECT DISTINCT product_id FROM product_tags
				WHERE tag IN `+tagIn+` AND product_id NOT IN `+notIn+` LIMIT 24
			), top AS (SELECT p.id, p.stock_total > 0 AS stocked, p.created_at, 1 AS score
				FROM tagged CROSS JOIN products p ON p.id = tagged.id
				WHERE p.status = 'active'
				ORDER BY stocked DESC, p.created_at DESC LIMIT ?)`, append(append(args, notArgs...), n-len(cards))...)
		if err != nil {
			return nil, err
		}
		cards = append(cards, tagged...)
	}
	return cards, withCardTexts(ctx, s.query, cards, productNames)
}

// relatedCards reads the cards of top, a CTE of (id, stocked, created_at,
// score) that query ends with, in its order, without their texts in other
// languages (withCardTexts), which relatedProducts reads once for both.
func (s *Store) relatedCards(ctx context.Context, query string, args ...any) ([]ProductCard, error) {
	cards, err := s.queryCards(ctx, query+`
		SELECT `+cardColumns+` FROM top t CROSS JOIN products p ON p.id = t.id
		ORDER BY t.score DESC, t.stocked DESC, t.created_at DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("related products: %w", err)
	}
	return cards, nil
}

// SitemapEntry is one URL in the sitemap.
type SitemapEntry struct {
	Kind      string // "product", "collection" or "page" (an information page, /pages/{slug})
	Handle    string
	UpdatedAt time.Time
}

// SitemapEntries lists every public product and collection.
func (s *Store) SitemapEntries(ctx context.Context) ([]SitemapEntry, error) {
	rows, err := s.query(ctx, `
		SELECT 'collection', handle, updated_at FROM collections
		UNION ALL
		SELECT 'product', handle, updated_at FROM products WHERE status = 'active'
		ORDER BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	defer rows.Close()
	var es []SitemapEntry
	for rows.Next() {
		var e SitemapEntry
		var updated int64
		if err := rows.Scan(&e.Kind, &e.Handle, &updated); err != nil {
			return nil, fmt.Errorf("sitemap: %w", err)
		}
		e.UpdatedAt = time.Unix(updated, 0)
		es = append(es, e)
	}
	return es, rows.Err()
}
