package store

import (
	"context"
	"testing"
)

// BenchmarkNameSort measures a page of products sorted by name, past the
// memo, on 10,000 active products with a Chinese title each: read in the
// content language (English) and in Chinese, whose titles are
// translations; over the whole catalog, in a collection of half of it and
// in one of a hundredth (which the Chinese sort sorts rather than read
// through its index), and under a price filter that one product in a hundred passes (where the
// Chinese sort reads its index furthest before it fills a page).
func BenchmarkNameSort(b *testing.B) {
	ctx := context.Background()
	s := newTestStore(b)
	for _, q := range []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
		INSERT INTO products (handle, title, status, price_min, price_max, stock_total, created_at, updated_at)
		SELECT 'p' || i, 'Product ' || ((i * 7919) % 10007), 'active', 100 * (1 + i % 100), 100 * (1 + i % 100), 1, i, i FROM n`,
		`INSERT INTO translations (entity, entity_id, field, locale, value)
		SELECT 'product', id, 'title', 'zh', '产品 ' || ((id * 104729) % 10007) FROM products`,
		`INSERT INTO collections (handle, title, created_at, updated_at) VALUES ('half', 'Half', 0, 0), ('few', 'Few', 0, 0)`,
		`INSERT INTO collection_products (collection_id, product_id, position)
		SELECT c.id, p.id, p.id FROM collections c JOIN products p
		ON p.id % CASE c.handle WHEN 'half' THEN 2 ELSE 100 END = 0`,
	} {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	var half, few int64
	if err := s.write.QueryRowContext(ctx, `SELECT (SELECT id FROM collections WHERE handle = 'half'),
		(SELECT id FROM collections WHERE handle = 'few')`).Scan(&half, &few); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		q    ProductQuery
		size int
	}{
		{"catalog", ProductQuery{}, 24},
		{"collection", ProductQuery{CollectionID: half}, 24},
		{"small-collection", ProductQuery{CollectionID: few}, 20},
		{"filtered", ProductQuery{PriceMax: 100}, 20},
	} {
		for _, locale := range []string{"en", "zh"} {
			b.Run(c.name+"/"+locale, func(b *testing.B) {
				sortLocale, err := s.sortLocale(ctx, SortName, locale)
				if err != nil {
					b.Fatal(err)
				}
				q := c.q
				q.Sort, q.Locale, q.PerPage = SortName, sortLocale, c.size
				for i := 0; b.Loop(); i++ {
					q.Page = 1 + i%5
					page, err := s.products(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					if len(page.Products) != c.size {
						b.Fatalf("a page of %d", len(page.Products))
					}
				}
			})
		}
	}
}
