package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// ProductInput is a whole product as an importer or seeder describes it.
// SaveProduct creates it or, when the handle exists, brings the stored
// product in line with it.
type ProductInput struct {
	Handle         string
	Title          string
	Description    string
	Vendor         string
	ProductType    string
	Status         string
	SEOTitle       string
	SEODescription string
	OptionNames    []string
	Tags           []string
	Variants       []VariantInput
	// Images, when not nil, is the product's whole gallery in order. An entry
	// whose ID is one of the product's images, or whose SourceURL matches a
	// stored image, keeps that image; an entry with Data adds a new one;
	// stored images not listed are removed.
	Images []ImageInput
	// Collections, when not nil, are the handles of the collections the
	// product belongs to; missing collections are created from the handle.
	Collections []string
	// Tr, when not nil, is the product's whole set of translations
	// (content.go); nil leaves the stored ones alone.
	Tr Texts
	// CreateToken is the admin's new form's one-time token
	// (NewCreateToken): CreateProduct makes one product per token.
	CreateToken string
}

// VariantInput is one variant of a ProductInput. An import's stored variants
// are matched by SKU when it is set, otherwise by option values, so that
// their ids (and anything pointing at them) survive a re-import; the admin
// form names them by ID instead.
type VariantInput struct {
	// ID is the stored variant an admin form row edits; 0 for a new one.
	// Imports leave it 0 and are matched as above.
	ID             int64
	SKU            string
	Barcode        string
	Options        [3]string
	Price          int64
	CompareAtPrice int64
	WeightGrams    int64
	Stock          int64
	// KeepStock leaves a stored variant's stock as it is, whatever Stock
	// says, for an import whose file has no stock column: the stock is
	// kept in SQL, so a sale made meanwhile is not undone.
	KeepStock bool
	// NoShipping marks a variant with nothing to ship (Variant.NoShipping).
	NoShipping bool
	// ImageIndex is 1 + the index in ProductInput.Images of the variant's image; 0 for none.
	ImageIndex int
	// ImageID is the variant's image by stored id, for the admin form, which
	// leaves the gallery alone; used when ImageIndex is 0. An image of
	// another product is ignored.
	ImageID int64
}

// CompareAtShown reports whether the variant's compare-at price is one the
// shop can show struck through beside the price: none (0), or one above
// the price. One at or below the price would be saved and never shown.
func (v VariantInput) CompareAtShown() bool {
	return v.CompareAtPrice == 0 || v.CompareAtPrice > v.Price
}

// ImageInput is one image of a ProductInput.
type ImageInput struct {
	// ID keeps the product's stored image with that id (an export links
	// to the shop's own images); it is ignored with Data.
	ID        int64
	SourceURL string
	Alt       string
	AltTr     map[string]string // the alt in other languages; nil leaves a stored image's as they are
	Data      []byte            // raw bytes in any supported format; nil keeps a stored image
	// processed is Data ready to store (PrepareImages); it goes with Data,
	// so a caller that changes Data must prepare the image again.
	processed *processedImage
}

// Validate checks the input against the catalog's rules.
func (in *ProductInput) Validate() error {
	v := &ValidationError{}
	if in.Handle == "" || Slugify(in.Handle) != in.Handle {
		v.Add("handle", "error.handle")
	}
	if TrimText(in.Title) == "" {
		v.Add("title", "error.required")
	}
	switch in.Status {
	case StatusDraft, StatusActive, StatusArchived:
	default:
		v.Add("status", "error.status")
	}
	if len(in.OptionNames) > 3 {
		v.Add("options", "error.too_many_options")
	}
	if len(in.Variants) == 0 {
		v.Add("variants", "error.no_variants")
	}
	seen := map[string]bool{}
	combos := map[[3]string]bool{}
	for _, vi := range in.Variants {
		if vi.Price < 0 || vi.CompareAtPrice < 0 || vi.Stock < 0 || vi.WeightGrams < 0 {
			v.Add("variants", "error.negative")
		}
		if vi.SKU != "" {
			if seen[vi.SKU] {
				v.Add("variants", "error.duplicate_sku")
			}
			seen[vi.SKU] = true
		}
		if combos[vi.Options] {
			v.Add("variants", "error.duplicate_options")
		}
		combos[vi.Options] = true
		if vi.ImageIndex < 0 || vi.ImageIndex > len(in.Images) {
			v.Add("variants", "error.image_index")
		}
	}
	for _, im := range in.Images {
		if _, err := checkAlt(Text{Default: im.Alt, Tr: im.AltTr}); err != nil {
			v.Add("images", "error.too_long")
		}
	}
	for i := range 3 {
		for _, c := range optionValueClashes(i, optionValues(in.Variants, i), in.Tr) {
			v.Add(c[0]+"_"+c[1], "error.product_option_value_same")
		}
	}
	return v.Err()
}

// optionValues is the distinct values of option i (0-based) in the
// variants' order.
func optionValues(variants []VariantInput, i int) []string {
	var out []string
	for _, vi := range variants {
		if o := vi.Options[i]; o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// optionValueClashes are the translations, as field and locale, that make
// two of values (option i's distinct values) read the same in a language,
// a value without a translation reading as itself: shoppers could not tell
// those variants apart, and a change of the content language to that
// language would have to leave the option as it is (swapOption).
func optionValueClashes(i int, values []string, tr Texts) [][2]string {
	locales := map[string]bool{}
	for _, o := range values {
		for l := range tr[OptionValueField(i, o)] {
			locales[l] = true
		}
	}
	var out [][2]string
	for _, l := range slices.Sorted(maps.Keys(locales)) {
		readers := map[string]int{} // what a shopper reads → how many values read so
		for _, o := range values {
			readers[TrimText(tr.In(OptionValueField(i, o), o, l))]++
		}
		for _, o := range values {
			f := OptionValueField(i, o)
			if t := TrimText(tr[f][l]); t != "" && readers[t] > 1 {
				out = append(out, [2]string{f, l})
			}
		}
	}
	return out
}

// SaveProduct creates or updates the product with in.Handle in one
// transaction, so a product is never half-saved.
func (s *Store) SaveProduct(ctx context.Context, in ProductInput) (id int64, created bool, err error) {
	if err := in.Validate(); err != nil {
		return 0, false, err
	}
	// Decoding and thumbnailing is slow; do it before taking the write lock,
	// in a copy: the caller's images stay as they were given.
	in.Images = slices.Clone(in.Images)
	if err := PrepareImages(ctx, &in); err != nil {
		return 0, false, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		id, created, err = s.upsertProductRow(ctx, tx, &in)
		if err != nil {
			return err
		}
		imageIDs, err := s.syncImages(ctx, tx, id, in.Images)
		if err != nil {
			return err
		}
		if err := syncVariants(ctx, tx, id, in.Variants, imageIDs, variantsImport); err != nil {
			return err
		}
		if err := syncTags(ctx, tx, id, in.Tags); err != nil {
			return err
		}
		if in.Collections != nil {
			if err := s.syncProductCollections(ctx, tx, id, in.Collections); err != nil {
				return err
			}
		}
		if err := replaceTexts(ctx, tx, EntityProductText, id, in.Tr); err != nil {
			return err
		}
		return refreshProduct(ctx, tx, id)
	})
	if err != nil {
		return 0, false, fmt.Errorf("save product %s: %w", in.Handle, err)
	}
	s.variantsSaved()
	return id, created, nil
}

// PrepareImages decodes, checks, scales and re-encodes in's new images
// (those with Data), as SaveProduct would, and keeps the results in them:
// a caller saving one product after another (the import) can prepare the
// next ones while one is saved, and SaveProduct then only stores them. It
// stops at the first image the store refuses.
func PrepareImages(ctx context.Context, in *ProductInput) error {
	for i := range in.Images {
		im := &in.Images[i]
		if im.Data == nil || im.processed != nil {
			continue
		}
		err := withImageSlot(ctx, func() (err error) {
			im.processed, err = processImage(im.Data)
			return err
		})
		if err != nil {
			return fmt.Errorf("image %d: %w", i+1, err)
		}
	}
	return nil
}

// variantsSaved is bumpCatalog after a write that may have deleted
// variants (syncVariants), and with them their lines in carts (ON DELETE
// CASCADE), which no cart write of this store forgot: every cart's count
// in memory goes too.
func (s *Store) variantsSaved() {
	s.bumpCatalog()
	s.cartCounts.forget()
}

func (s *Store) upsertProductRow(ctx context.Context, tx *sql.Tx, in *ProductInput) (int64, bool, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM products WHERE handle = ?`, in.Handle).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		id, err := s.insertProductRow(ctx, tx, in)
		return id, true, err
	}
	if err != nil {
		return 0, false, err
	}
	_, err = s.updateProductRow(ctx, tx, id, 0, in)
	return id, false, err
}

// insertProductRow adds the product's own row; variants, tags and the
// rest are written by the sync helpers after it.
func (s *Store) insertProductRow(ctx context.Context, tx *sql.Tx, in *ProductInput) (int64, error) {
	var names [3]string
	copy(names[:], in.OptionNames)
	now := s.Now().Unix()
	res, err := tx.ExecContext(ctx, `
		INSERT INTO products (handle, title, description, vendor, product_type, status, seo_title, seo_description,
			option1_name, option2_name, option3_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.Handle, in.Title, in.Description, in.Vendor, in.ProductType, in.Status, in.SEOTitle, in.SEODescription,
		names[0], names[1], names[2], now, now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// updateProductRow rewrites the product's own row and bumps its version.
// With version > 0 the row is written only while it still has that
// version (the admin form's optimistic lock, checked in SQL), and the
// result says whether it was.
func (s *Store) updateProductRow(ctx context.Context, tx *sql.Tx, id, version int64, in *ProductInput) (bool, error) {
	var names [3]string
	copy(names[:], in.OptionNames)
	res, err := tx.ExecContext(ctx, `
		UPDATE products SET handle = ?, title = ?, description = ?, vendor = ?, product_type = ?, status = ?,
			seo_title = ?, seo_description = ?, option1_name = ?, option2_name = ?, option3_name = ?,
			updated_at = ?, version = version + 1
		WHERE id = ? AND (? = 0 OR version = ?)`,
		in.Handle, in.Title, in.Description, in.Vendor, in.ProductType, in.Status, in.SEOTitle, in.SEODescription,
		names[0], names[1], names[2], s.Now().Unix(), id, version, version)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// syncImages makes the product's gallery match images and returns the stored
// id of each entry (0 where an entry had neither a stored match nor data).
func (s *Store) syncImages(ctx context.Context, tx *sql.Tx, productID int64, images []ImageInput) ([]int64, error) {
	if images == nil {
		return nil, nil
	}
	existing := map[string]int64{}
	mine := map[int64]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT id, source_url FROM images WHERE product_id = ?`, productID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var src string
		if err := rows.Scan(&id, &src); err != nil {
			rows.Close()
			return nil, err
		}
		mine[id] = true
		if src != "" {
			existing[src] = id
		}
	}
	rows.Close()
	ids := make([]int64, len(images))
	keep := map[int64]bool{}
	for i, im := range images {
		if im.ID != 0 && mine[im.ID] && im.Data == nil {
			ids[i] = im.ID
		} else if old, ok := existing[im.SourceURL]; ok && im.SourceURL != "" && im.Data == nil {
			ids[i] = old
		} else if im.Data != nil {
			if old, ok := existing[im.SourceURL]; ok && im.SourceURL != "" {
				if _, err := tx.ExecContext(ctx, `DELETE FROM images WHERE id = ?`, old); err != nil {
					return nil, err
				}
				if err := deleteTranslations(ctx, tx, EntityImageText, old); err != nil {
					return nil, err
				}
			}
			id, err := s.insertImage(ctx, tx, productID, im.SourceURL, im.Alt, im.processed)
			if err != nil {
				return nil, err
			}
			ids[i] = id
		}
		if ids[i] != 0 {
			keep[ids[i]] = true
			if _, err := tx.ExecContext(ctx, `UPDATE images SET position = ?, alt = ? WHERE id = ?`, i, im.Alt, ids[i]); err != nil {
				return nil, err
			}
			if im.AltTr != nil {
				if err := saveTranslations(ctx, tx, EntityImageText, ids[i], map[string]Text{FieldAlt: {Tr: im.AltTr}}); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, id := range existing {
		if !keep[id] {
			if _, err := tx.ExecContext(ctx, `DELETE FROM images WHERE id = ?`, id); err != nil {
				return nil, err
			}
			if err := deleteTranslations(ctx, tx, EntityImageText, id); err != nil {
				return nil, err
			}
		}
	}
	return ids, nil
}

// variantMode says how syncVariants recognises stored variants and what it
// may change in them.
type variantMode int

const (
	// variantsImport matches stored variants by SKU, then by option values,
	// and sets their stock unless the variant keeps it (KeepStock).
	variantsImport variantMode = iota
	// variantsForm matches them by VariantInput.ID, the admin form's rows,
	// and leaves their stock alone: staff change stock through adjustments
	// with a reason. New variants get the stock they are given.
	variantsForm
)

// storedVariant is what syncVariants needs to know of a stored variant.
type storedVariant struct {
	id      int64
	sku     string
	options [3]string
}

func syncVariants(ctx context.Context, tx *sql.Tx, productID int64, variants []VariantInput, imageIDs []int64, mode variantMode) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, sku, option1, option2, option3 FROM variants WHERE product_id = ?`, productID)
	if err != nil {
		return err
	}
	var olds []storedVariant
	for rows.Next() {
		var o storedVariant
		if err := rows.Scan(&o.id, &o.sku, &o.options[0], &o.options[1], &o.options[2]); err != nil {
			rows.Close()
			return err
		}
		olds = append(olds, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var matched []int64
	used := map[int64]bool{}
	if mode == variantsForm {
		if matched, err = matchVariantsByID(olds, variants, used); err != nil {
			return err
		}
	} else {
		matched = matchVariants(olds, variants, used)
	}
	if err := checkExchangeTargets(ctx, tx, olds, used); err != nil {
		return err
	}
	// Delete the unmatched and blank the kept variants' SKUs first, so that
	// a SKU moving between variants never trips the unique index.
	for _, o := range olds {
		if !used[o.id] {
			if _, err := tx.ExecContext(ctx, `DELETE FROM variants WHERE id = ?`, o.id); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE variants SET sku = '' WHERE product_id = ?`, productID); err != nil {
		return err
	}
	for i, v := range variants {
		imageID := v.ImageID
		if v.ImageIndex > 0 && imageIDs != nil {
			imageID = imageIDs[v.ImageIndex-1]
		}
		// The image must be this product's: anything else becomes NULL.
		if matched[i] != 0 {
			_, err = tx.ExecContext(ctx, `
				UPDATE variants SET position = ?, sku = ?, barcode = ?, option1 = ?, option2 = ?, option3 = ?,
					price = ?, compare_at_price = ?, weight_grams = ?, stock = iif(?, ?, stock),
					image_id = (SELECT id FROM images WHERE id = ? AND product_id = ?), requires_shipping = ?
				WHERE id = ?`,
				i, v.SKU, v.Barcode, v.Options[0], v.Options[1], v.Options[2],
				v.Price, v.CompareAtPrice, v.WeightGrams, mode == variantsImport && !v.KeepStock, v.Stock, imageID, productID, !v.NoShipping,
				matched[i])
		} else {
			_, err = tx.ExecContext(ctx, `
				INSERT INTO variants (product_id, position, sku, barcode, option1, option2, option3,
					price, compare_at_price, weight_grams, stock, image_id, requires_shipping)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM images WHERE id = ? AND product_id = ?), ?)`,
				productID, i, v.SKU, v.Barcode, v.Options[0], v.Options[1], v.Options[2],
				v.Price, v.CompareAtPrice, v.WeightGrams, v.Stock, imageID, productID, !v.NoShipping)
		}
		if err != nil {
			if isUnique(err) {
				return fmt.Errorf("sku %q belongs to another product: %w", v.SKU, ErrConflict)
			}
			return err
		}
	}
	return nil
}

// VariantRemoveField is the field on which a refusal to remove stored
// variant id is reported; the admin form shows it beside the variant's
// row.
func VariantRemoveField(id int64) string { return "remove_variant_" + strconv.FormatInt(id, 10) }

// checkExchangeTargets refuses to delete a variant (one of olds not used)
// that an open return, requested or approved, is to send as its exchange:
// the return would lose its target (ON DELETE SET NULL) and its
// replacement order would carry nothing. The message names the return's
// order.
func checkExchangeTargets(ctx context.Context, tx *sql.Tx, olds []storedVariant, used map[int64]bool) error {
	v := &ValidationError{}
	for _, o := range olds {
		if used[o.id] {
			continue
		}
		var order string
		err := tx.QueryRowContext(ctx, `SELECT o.number FROM return_lines rl JOIN returns r ON r.id = rl.return_id
			JOIN orders o ON o.id = r.order_id
			WHERE rl.exchange_variant_id = ? AND r.status IN (?, ?) ORDER BY r.id LIMIT 1`,
			o.id, ReturnRequested, ReturnApproved).Scan(&order)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return fmt.Errorf("check exchanges: %w", err)
		}
		field := VariantRemoveField(o.id)
		v.Add(field, "error.product_variant_exchange")
		v.AddArgs(field, order)
	}
	return v.Err()
}

// matchVariants pairs an import's variants with stored ones: by SKU first
// across all variants, then by options among the rest, so a SKU'd variant
// never loses its id to a look-alike. It marks the stored ids it uses.
func matchVariants(olds []storedVariant, variants []VariantInput, used map[int64]bool) []int64 {
	matched := make([]int64, len(variants))
	for pass := 0; pass < 2; pass++ {
		for i, v := range variants {
			if matched[i] != 0 || (pass == 0 && v.SKU == "") {
				continue
			}
			for _, o := range olds {
				if used[o.id] {
					continue
				}
				if (pass == 0 && o.sku == v.SKU) || (pass == 1 && (v.SKU == "" || o.sku == "") && o.options == v.Options) {
					used[o.id], matched[i] = true, o.id
					break
				}
			}
		}
	}
	return matched
}

// MatchVariants pairs an import's variants with p's as SaveProduct will
// (matchVariants), so that an importer can tell which stored variant each
// updates: the index in p.Variants of each one's, -1 for a new variant.
func (p *Product) MatchVariants(variants []VariantInput) []int {
	olds := make([]storedVariant, len(p.Variants))
	at := map[int64]int{}
	for i, v := range p.Variants {
		olds[i] = storedVariant{id: v.ID, sku: v.SKU, options: v.Options}
		at[v.ID] = i
	}
	out := make([]int, len(variants))
	for i, id := range matchVariants(olds, variants, map[int64]bool{}) {
		out[i] = -1
		if id != 0 {
			out[i] = at[id]
		}
	}
	return out
}

// matchVariantsByID pairs the admin form's rows with stored variants by
// id. A row naming a variant the product does not have (or naming one
// twice) is refused.
func matchVariantsByID(olds []storedVariant, variants []VariantInput, used map[int64]bool) ([]int64, error) {
	mine := map[int64]bool{}
	for _, o := range olds {
		mine[o.id] = true
	}
	matched := make([]int64, len(variants))
	for i, v := range variants {
		if v.ID == 0 {
			continue
		}
		if !mine[v.ID] || used[v.ID] {
			return nil, &ValidationError{Fields: map[string]string{"variants": "error.product_variant_unknown"}}
		}
		used[v.ID], matched[i] = true, v.ID
	}
	return matched, nil
}

func syncTags(ctx context.Context, tx *sql.Tx, productID int64, tags []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM product_tags WHERE product_id = ?`, productID); err != nil {
		return err
	}
	for _, t := range tags {
		if t = strings.TrimSpace(t); t == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO product_tags (product_id, tag) VALUES (?, ?)`, productID, t); err != nil {
			return err
		}
	}
	return nil
}

// refreshProduct recomputes the product's denormalised summary and its
// search row. Every write that touches variants, images or tags calls it.
func refreshProduct(ctx context.Context, tx *sql.Tx, productID int64) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE products SET
			price_min = coalesce((SELECT min(price) FROM variants WHERE product_id = products.id), 0),
			price_max = coalesce((SELECT max(price) FROM variants WHERE product_id = products.id), 0),
			compare_at_max = coalesce((SELECT max(compare_at_price) FROM variants WHERE product_id = products.id), 0),
			compare_at_from = coalesce((SELECT max(compare_at_price) FROM variants WHERE product_id = products.id
				AND price = (SELECT min(price) FROM variants WHERE product_id = products.id)), 0),
			discounted = coalesce((SELECT max(compare_at_price > price) FROM variants WHERE product_id = products.id), 0),
			stock_total = coalesce((SELECT sum(stock) FROM variants WHERE product_id = products.id), 0),
			cover_image_id = (SELECT id FROM images WHERE product_id = products.id ORDER BY position, id LIMIT 1)
		WHERE id = ?`, productID)
	if err != nil {
		return fmt.Errorf("refresh product: %w", err)
	}
	return refreshSearch(ctx, tx, productID)
}

// inEveryLanguage is SQL for product p's field in the default language
// and every translation, one text, so that search finds a product in any
// of the shop's languages.
func inEveryLanguage(field string) string {
	return `concat_ws(' ', p.` + field + `, (SELECT group_concat(value, ' ') FROM translations
		WHERE entity = 'product' AND entity_id = p.id AND field = '` + field + `'))`
}

// productSKUs is SQL for product p's SKUs, one text for the indexes.
const productSKUs = `coalesce((SELECT group_concat(sku, ' ') FROM variants WHERE product_id = p.id), '')`

// refreshSearch rewrites the product's rows in the search indexes: the
// shop's two, which leave out a product that is not active, and the
// admin's product_finder, which holds every product.
func refreshSearch(ctx context.Context, tx *sql.Tx, productID int64) error {
	for _, table := range []string{"product_search", "product_terms", "product_finder"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE rowid = ?`, productID); err != nil {
			return fmt.Errorf("refresh search: %w", err)
		}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO product_finder (rowid, title, vendor, handle, sku)
		SELECT p.id, `+inEveryLanguage("title")+`, p.vendor, p.handle, `+productSKUs+`
		FROM products p WHERE p.id = ?`, productID)
	if err != nil {
		return fmt.Errorf("refresh search: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO product_search (rowid, title, tags, vendor, sku, description)
		SELECT p.id, `+inEveryLanguage("title")+`,
			concat_ws(' ', (SELECT group_concat(tag, ' ') FROM product_tags WHERE product_id = p.id),
				(SELECT group_concat(value, ' ') FROM translations WHERE entity = 'product' AND entity_id = p.id
					AND field >= 'tag:' AND field < 'tag;')),
			p.vendor, `+productSKUs+`,
			`+inEveryLanguage("description")+`
		FROM products p WHERE p.id = ? AND p.status = 'active'`, productID)
	if err != nil {
		return fmt.Errorf("refresh search: %w", err)
	}
	var text string
	err = tx.QueryRowContext(ctx, `SELECT concat_ws(' ', title, tags, vendor, sku, description)
		FROM product_search WHERE rowid = ?`, productID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("refresh search: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO product_terms (rowid, text) VALUES (?, ?)`, productID, spaceIdeographs(text)); err != nil {
		return fmt.Errorf("refresh search: %w", err)
	}
	return nil
}
