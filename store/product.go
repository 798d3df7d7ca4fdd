package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Product statuses. Only active products are visible to shoppers.
const (
	StatusDraft    = "draft"
	StatusActive   = "active"
	StatusArchived = "archived"
)

// Product is a catalog product with everything its page shows.
type Product struct {
	ID             int64
	Handle         string
	Title          string
	Description    string
	Vendor         string
	ProductType    string
	Status         string
	SEOTitle       string
	SEODescription string
	OptionNames    []string // up to three, in order, empty names dropped
	PriceMin       int64
	PriceMax       int64
	CompareAtMax   int64
	StockTotal     int64
	CoverImageID   int64
	Version        int64
	CreatedAt      time.Time
	UpdatedAt      time.Time

	Variants    []Variant
	Images      []Image
	Tags        []string
	Collections []CollectionRef
	// Tr translates the texts above (content.go); In(locale) applies it.
	Tr Texts
}

// Variant is one purchasable combination of a product's options.
type Variant struct {
	ID             int64
	ProductID      int64
	Position       int
	SKU            string
	Barcode        string
	Options        [3]string
	Price          int64
	CompareAtPrice int64
	WeightGrams    int64
	Stock          int64
	ImageID        int64
	// NoShipping marks a variant with nothing to ship (a digital item, a
	// service: Shopify's "Variant Requires Shipping" FALSE).
	NoShipping bool
}

// Title names the variant by its option values, such as "M / Red".
func (v Variant) Title() string {
	var parts []string
	for _, o := range v.Options {
		if o != "" {
			parts = append(parts, o)
		}
	}
	return strings.Join(parts, " / ")
}

// Available reports whether the variant can be bought now.
func (v Variant) Available() bool { return v.Stock > 0 }

// OnSale reports whether the variant shows a compare-at price above its price.
func (v Variant) OnSale() bool { return v.CompareAtPrice > v.Price }

// Image is an image's metadata; its bytes are fetched by ImageData.
type Image struct {
	ID        int64
	ProductID int64
	Position  int
	Alt       string            // in the shop's default language
	AltTr     map[string]string // Alt's translations by locale (AltText)
	SourceURL string
	Width     int
	Height    int
	ETag      string
}

// CollectionRef names a collection a product belongs to.
type CollectionRef struct {
	ID     int64
	Handle string
	Title  string
	Tr     Texts
}

// ProductCard is what a product grid shows of a product.
type ProductCard struct {
	ID            int64
	Handle        string
	Title         string
	Vendor        string
	PriceMin      int64
	PriceMax      int64
	CompareAtFrom int64 // the compare-at price of a cheapest variant, PriceMin's (see WasPrice)
	Discounted    bool  // some variant is priced below its compare-at price
	StockTotal    int64
	CoverImageID  int64
	CoverAlt      string
	CoverAltTr    map[string]string // CoverAlt's translations by locale
	CreatedAt     time.Time
	Tr            Texts // the product's translations
}

// OnSale reports whether the card shows a Sale badge: some variant is
// discounted from its compare-at price, or the lead price from its
// regular one (a flash sale's, CardsWithSales).
func (c ProductCard) OnSale() bool { return c.Discounted || c.WasPrice() > 0 }

// WasPrice is the price the card strikes through beside its lead price
// PriceMin, 0 for none. It is only ever the same variant's compare-at
// price: the highest compare-at of any variant beside the lowest price
// would claim a discount nobody gets (50g at 15.00 "was 30.00" because
// 100g at 28.00 was 30.00).
func (c ProductCard) WasPrice() int64 {
	if c.CompareAtFrom > c.PriceMin {
		return c.CompareAtFrom
	}
	return 0
}

// InStock reports whether any variant can be bought.
func (c ProductCard) InStock() bool { return c.StockTotal > 0 }

// ProductByHandle returns the product with handle. Unless includeHidden is
// set, only active products are found, as the storefront shows them:
// memoized, so the result is shared and must not be changed.
func (s *Store) ProductByHandle(ctx context.Context, handle string, includeHidden bool) (*Product, error) {
	if includeHidden {
		return s.productByHandle(ctx, handle, true)
	}
	return memoized(s, s.productKey(handle), func() (*Product, error) { return s.productByHandle(ctx, handle, false) })
}

// productKey is the memo's key for the product page's product.
func (s *Store) productKey(handle string) string {
	return "product\x00" + handle + "\x00" + strconv.FormatInt(s.ProductStockVersion(handle), 10)
}

func (s *Store) productByHandle(ctx context.Context, handle string, includeHidden bool) (p *Product, err error) {
	err = s.inSnapshot(ctx, func(query queryFunc) error {
		p, err = readProduct(ctx, query, handle, includeHidden)
		return err
	})
	return p, err
}

func readProduct(ctx context.Context, query queryFunc, handle string, includeHidden bool) (*Product, error) {
	p := &Product{}
	var o1, o2, o3 string
	var created, updated int64
	var cover sql.NullInt64
	err := queryRowOf(ctx, query, `
		SELECT id, handle, title, description, vendor, product_type, status, seo_title, seo_description,
			option1_name, option2_name, option3_name, price_min, price_max, compare_at_max, stock_total,
			cover_image_id, version, created_at, updated_at
		FROM products WHERE handle = ?`, handle).Scan(
		&p.ID, &p.Handle, &p.Title, &p.Description, &p.Vendor, &p.ProductType, &p.Status, &p.SEOTitle, &p.SEODescription,
		&o1, &o2, &o3, &p.PriceMin, &p.PriceMax, &p.CompareAtMax, &p.StockTotal,
		&cover, &p.Version, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !includeHidden && p.Status != StatusActive) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("product %q: %w", handle, err)
	}
	p.CoverImageID = cover.Int64
	p.CreatedAt, p.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
	for _, n := range []string{o1, o2, o3} {
		if n != "" {
			p.OptionNames = append(p.OptionNames, n)
		}
	}
	if p.Variants, err = variants(ctx, query, p.ID); err != nil {
		return nil, err
	}
	if p.Images, err = productImages(ctx, query, p.ID); err != nil {
		return nil, err
	}
	if p.Tags, err = productTags(ctx, query, p.ID); err != nil {
		return nil, err
	}
	if p.Collections, err = productCollections(ctx, query, p.ID); err != nil {
		return nil, err
	}
	return p, productTexts(ctx, query, p)
}

// productTexts loads the translations of p and of its collections' titles.
func productTexts(ctx context.Context, query queryFunc, p *Product) error {
	tr, err := loadTexts(ctx, query, EntityProductText, []int64{p.ID})
	if err != nil {
		return err
	}
	p.Tr = tr[p.ID]
	ids := make([]int64, len(p.Collections))
	for i, c := range p.Collections {
		ids[i] = c.ID
	}
	ctr, err := loadTexts(ctx, query, EntityCollectionText, ids)
	for i := range p.Collections {
		p.Collections[i].Tr = ctr[p.Collections[i].ID]
	}
	return err
}

func variants(ctx context.Context, query queryFunc, productID int64) ([]Variant, error) {
	rows, err := query(ctx, `
		SELECT id, product_id, position, sku, barcode, option1, option2, option3,
			price, compare_at_price, weight_grams, stock, coalesce(image_id, 0), NOT requires_shipping
		FROM variants WHERE product_id = ? ORDER BY position, id`, productID)
	if err != nil {
		return nil, fmt.Errorf("variants: %w", err)
	}
	defer rows.Close()
	var vs []Variant
	for rows.Next() {
		var v Variant
		if err := rows.Scan(&v.ID, &v.ProductID, &v.Position, &v.SKU, &v.Barcode, &v.Options[0], &v.Options[1], &v.Options[2],
			&v.Price, &v.CompareAtPrice, &v.WeightGrams, &v.Stock, &v.ImageID, &v.NoShipping); err != nil {
			return nil, fmt.Errorf("variants: %w", err)
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}

func productImages(ctx context.Context, query queryFunc, productID int64) ([]Image, error) {
	rows, err := query(ctx, `
		SELECT id, product_id, position, alt, source_url, width, height, etag
		FROM images WHERE product_id = ? ORDER BY position, id`, productID)
	if err != nil {
		return nil, fmt.Errorf("images: %w", err)
	}
	defer rows.Close()
	var imgs []Image
	for rows.Next() {
		var im Image
		if err := rows.Scan(&im.ID, &im.ProductID, &im.Position, &im.Alt, &im.SourceURL, &im.Width, &im.Height, &im.ETag); err != nil {
			return nil, fmt.Errorf("images: %w", err)
		}
		imgs = append(imgs, im)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ids := make([]int64, len(imgs))
	for i, im := range imgs {
		ids[i] = im.ID
	}
	alts, err := imageAlts(ctx, query, ids)
	for i := range imgs {
		imgs[i].AltTr = alts[imgs[i].ID]
	}
	return imgs, err
}

func productTags(ctx context.Context, query queryFunc, productID int64) ([]string, error) {
	rows, err := query(ctx, `SELECT tag FROM product_tags WHERE product_id = ? ORDER BY tag`, productID)
	if err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	var tags []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("tags: %w", err)
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}

func productCollections(ctx context.Context, query queryFunc, productID int64) ([]CollectionRef, error) {
	rows, err := query(ctx, `
		SELECT c.id, c.handle, c.title FROM collection_products cp
		JOIN collections c ON c.id = cp.collection_id
		WHERE cp.product_id = ? ORDER BY c.position, c.id`, productID)
	if err != nil {
		return nil, fmt.Errorf("product collections: %w", err)
	}
	defer rows.Close()
	var cs []CollectionRef
	for rows.Next() {
		var c CollectionRef
		if err := rows.Scan(&c.ID, &c.Handle, &c.Title); err != nil {
			return nil, fmt.Errorf("product collections: %w", err)
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}
