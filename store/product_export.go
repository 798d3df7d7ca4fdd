package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// exportBatch is how many products AllProducts holds at a time, so that
// an export's memory is a batch's whatever the catalog's size: read whole,
// the 100,000 products of the grown demo took 400 MB. (A variable, for
// tests that cross batches with a few products.)
var exportBatch = 500

// exportParts read a batch's variants, images, tags and collections: the
// products with ids from ?1 to ?2.
var exportParts = []struct {
	name  string
	query string
	scan  func(rows *sql.Rows) (int64, func(*Product), error)
}{
	{"variants", `SELECT product_id, id, position, sku, barcode, option1, option2, option3,
		price, compare_at_price, weight_grams, stock, coalesce(image_id, 0), NOT requires_shipping
		FROM variants WHERE product_id BETWEEN ?1 AND ?2 ORDER BY product_id, position, id`, scanExportVariant},
	{"images", `SELECT product_id, id, position, alt, source_url, width, height, etag
		FROM images WHERE product_id BETWEEN ?1 AND ?2 ORDER BY product_id, position, id`, scanExportImage},
	{"tags", `SELECT product_id, tag FROM product_tags WHERE product_id BETWEEN ?1 AND ?2 ORDER BY product_id, tag`, scanExportTag},
	{"collections", `SELECT cp.product_id, c.id, c.handle, c.title
		FROM collection_products cp JOIN collections c ON c.id = cp.collection_id
		WHERE cp.product_id BETWEEN ?1 AND ?2
		ORDER BY cp.product_id, c.position, c.id`, scanExportCollection},
}

// AllProducts calls fn with every product, whatever its status, with its
// variants, images (metadata only), tags and collections, in id order: what
// a catalog export needs. It reads exportBatch products at a time, each
// batch in five queries (one per table) joined in Go, so a catalog costs
// five range reads a batch rather than a lookup per product. The batches
// share one read transaction, so WAL gives them one snapshot: a product
// saved mid-export is either wholly old or wholly new. The transaction
// stays open while fn writes a download out, which holds back checkpoints
// that long; the admin's download time limit (csvDownloadTime) bounds it.
func (s *Store) AllProducts(ctx context.Context, fn func(*Product) error) error {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("all products: %w", err)
	}
	defer tx.Rollback()
	var after int64
	for {
		products, byID, err := productRowsAfter(ctx, tx, after)
		if err != nil || len(products) == 0 {
			return err
		}
		first, last := products[0].ID, products[len(products)-1].ID
		for _, part := range exportParts {
			if err := queryEach(ctx, tx.QueryContext, part.query, []any{first, last}, func(rows *sql.Rows) error {
				id, add, err := part.scan(rows)
				if err != nil {
					return err
				}
				add(byID[id])
				return nil
			}); err != nil {
				return fmt.Errorf("all products: %s: %w", part.name, err)
			}
		}
		for _, p := range products {
			if err := fn(p); err != nil {
				return err
			}
		}
		after = last
	}
}

// productRowsAfter reads the next exportBatch products after id after.
func productRowsAfter(ctx context.Context, tx *sql.Tx, after int64) ([]*Product, map[int64]*Product, error) {
	var products []*Product
	byID := map[int64]*Product{}
	err := queryEach(ctx, tx.QueryContext, `
		SELECT id, handle, title, description, vendor, product_type, status, seo_title, seo_description,
			option1_name, option2_name, option3_name, price_min, price_max, compare_at_max, stock_total,
			coalesce(cover_image_id, 0), version, created_at, updated_at
		FROM products WHERE id > ? ORDER BY id LIMIT ?`, []any{after, exportBatch}, func(rows *sql.Rows) error {
		p := &Product{}
		var names [3]string
		var created, updated int64
		if err := rows.Scan(&p.ID, &p.Handle, &p.Title, &p.Description, &p.Vendor, &p.ProductType, &p.Status,
			&p.SEOTitle, &p.SEODescription, &names[0], &names[1], &names[2], &p.PriceMin, &p.PriceMax,
			&p.CompareAtMax, &p.StockTotal, &p.CoverImageID, &p.Version, &created, &updated); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
		for _, n := range names {
			if n != "" {
				p.OptionNames = append(p.OptionNames, n)
			}
		}
		products = append(products, p)
		byID[p.ID] = p
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("all products: %w", err)
	}
	return products, byID, nil
}

func scanExportVariant(rows *sql.Rows) (int64, func(*Product), error) {
	var v Variant
	err := rows.Scan(&v.ProductID, &v.ID, &v.Position, &v.SKU, &v.Barcode, &v.Options[0], &v.Options[1], &v.Options[2],
		&v.Price, &v.CompareAtPrice, &v.WeightGrams, &v.Stock, &v.ImageID, &v.NoShipping)
	return v.ProductID, func(p *Product) { p.Variants = append(p.Variants, v) }, err
}

func scanExportImage(rows *sql.Rows) (int64, func(*Product), error) {
	var im Image
	err := rows.Scan(&im.ProductID, &im.ID, &im.Position, &im.Alt, &im.SourceURL, &im.Width, &im.Height, &im.ETag)
	return im.ProductID, func(p *Product) { p.Images = append(p.Images, im) }, err
}

func scanExportTag(rows *sql.Rows) (int64, func(*Product), error) {
	var id int64
	var tag string
	err := rows.Scan(&id, &tag)
	return id, func(p *Product) { p.Tags = append(p.Tags, tag) }, err
}

func scanExportCollection(rows *sql.Rows) (int64, func(*Product), error) {
	var id int64
	var c CollectionRef
	err := rows.Scan(&id, &c.ID, &c.Handle, &c.Title)
	return id, func(p *Product) { p.Collections = append(p.Collections, c) }, err
}
