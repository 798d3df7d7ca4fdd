package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Audited product actions and their entity. They live beside the product
// admin's store methods rather than in audit.go so that each admin area
// keeps its own list; the audit page labels them as admin.audit.action.*.
const (
	ActionProductCreate      = "product.create"
	ActionProductUpdate      = "product.update"
	ActionProductDuplicate   = "product.duplicate"
	ActionProductStatus      = "product.status"
	ActionProductPrice       = "product.price"
	ActionProductImageAdd    = "product.image_add"
	ActionProductImageEdit   = "product.image_edit"
	ActionProductImageDelete = "product.image_delete"

	EntityProduct = "product"
)

// ErrProductChanged means an admin form was opened on a version of the
// product that someone else has since saved over. It is an ErrConflict.
var ErrProductChanged = fmt.Errorf("product changed since the form was opened: %w", ErrConflict)

// Limits on what the admin form may save.
const (
	MaxVariants          = 100
	MaxProductTitleLen   = 255
	MaxSEOTitleLen       = 70
	MaxSEODescriptionLen = 320
	maxProductHandleLen  = 200
	maxProductTextLen    = 255 // vendor, type, tag, option names and values
	maxProductCodeLen    = 100 // SKU, barcode
	maxProductDescLen    = 64 << 10
	maxProductTags       = 250
)

// ProductByID returns any product (drafts and archived ones too) for the
// admin. It goes through the handle so that one query shape loads every
// product; a rename racing with the read shows as ErrNotFound.
func (s *Store) ProductByID(ctx context.Context, id int64) (*Product, error) {
	var handle string
	err := s.queryRow(ctx, `SELECT handle FROM products WHERE id = ?`, id).Scan(&handle)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("product %d: %w", id, err)
	}
	return s.ProductByHandle(ctx, handle, true)
}

// CreateProduct adds a product from the admin form and audits it. An empty
// handle is made from the title (with -2, -3 … when taken); a handle typed
// in that is taken is a validation error.
func (s *Store) CreateProduct(ctx context.Context, actor Actor, in ProductInput) (int64, error) {
	auto := in.prepareForm()
	if err := in.validateForm(); err != nil {
		return 0, s.formProblems(ctx, 0, &in, auto, err)
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.createOnce(ctx, tx, EntityProduct, in.CreateToken, func() (int64, error) {
			if err := s.checkFormRefs(ctx, tx, 0, &in, auto); err != nil {
				return 0, err
			}
			id, err := s.insertProductRow(ctx, tx, &in)
			if err != nil {
				return 0, err
			}
			if err := s.syncFormParts(ctx, tx, id, &in); err != nil {
				return 0, err
			}
			after, err := productSnapshot(ctx, tx, id)
			if err != nil {
				return 0, err
			}
			return id, s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionProductCreate, Entity: EntityProduct,
				EntityID: strconv.FormatInt(id, 10), After: after})
		})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create product %s: %w", in.Handle, err)
	}
	s.bumpCatalog()
	return id, nil
}

// UpdateProduct saves the admin form over product id, which the form
// showed at version. If anyone saved the product since, nothing is written
// and the answer is ErrProductChanged. Images and the stock of existing
// variants are left alone (they have their own actions); the audit entry
// holds the product before and after.
func (s *Store) UpdateProduct(ctx context.Context, actor Actor, id, version int64, in ProductInput) error {
	auto := in.prepareForm()
	if err := in.validateForm(); err != nil {
		return s.formProblems(ctx, id, &in, auto, err)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		before, err := productSnapshot(ctx, tx, id)
		if err != nil {
			return err
		}
		// A stale form is reported before its other problems: fixing
		// those first would be wasted work.
		var current int64
		var handle string
		if err := tx.QueryRowContext(ctx, `SELECT version, handle FROM products WHERE id = ?`, id).Scan(&current, &handle); err != nil {
			return err
		}
		if current != version {
			return ErrProductChanged
		}
		if err := s.checkFormRefs(ctx, tx, id, &in, auto); err != nil {
			return err
		}
		// The version is checked again by the UPDATE itself, so the rule
		// holds in SQL whatever runs before it.
		ok, err := s.updateProductRow(ctx, tx, id, version, &in)
		if err != nil {
			return err
		}
		if !ok {
			return ErrProductChanged
		}
		if err := s.keepFormerHandle(ctx, tx, EntityProduct, id, handle, in.Handle); err != nil {
			return err
		}
		if err := s.syncFormParts(ctx, tx, id, &in); err != nil {
			return err
		}
		after, err := productSnapshot(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionProductUpdate, Entity: EntityProduct,
			EntityID: strconv.FormatInt(id, 10), Before: before, After: after})
	})
	if err != nil {
		return fmt.Errorf("update product %d: %w", id, err)
	}
	s.variantsSaved()
	return nil
}

// syncFormParts writes what the admin form holds besides the product's
// own row, with the same helpers as SaveProduct.
func (s *Store) syncFormParts(ctx context.Context, tx *sql.Tx, id int64, in *ProductInput) error {
	if err := syncVariants(ctx, tx, id, in.Variants, nil, variantsForm); err != nil {
		return err
	}
	if err := syncTags(ctx, tx, id, in.Tags); err != nil {
		return err
	}
	if err := s.syncProductCollections(ctx, tx, id, in.Collections); err != nil {
		return err
	}
	if err := replaceTexts(ctx, tx, EntityProductText, id, in.Tr); err != nil {
		return err
	}
	return refreshProduct(ctx, tx, id)
}

// prepareForm tidies the form's input in place and, when the handle was
// left empty, makes one from the title; it reports whether it did.
func (in *ProductInput) prepareForm() (autoHandle bool) {
	in.Title = TrimText(in.Title)
	in.Handle = strings.TrimSpace(in.Handle)
	in.Description, in.Vendor, in.ProductType = TrimText(in.Description), TrimText(in.Vendor), TrimText(in.ProductType)
	in.SEOTitle, in.SEODescription = TrimText(in.SEOTitle), TrimText(in.SEODescription)
	for i, t := range in.Tags {
		in.Tags[i] = TrimText(t)
	}
	if in.Handle == "" {
		autoHandle = true
		if in.Handle = Slugify(in.Title); in.Handle == "" {
			in.Handle = "product"
		}
	}
	if in.Collections == nil {
		in.Collections = []string{} // nil would mean "leave them" to the sync helper
	}
	for i, n := range in.OptionNames {
		in.OptionNames[i] = TrimText(n)
	}
	for len(in.OptionNames) > 0 && in.OptionNames[len(in.OptionNames)-1] == "" {
		in.OptionNames = in.OptionNames[:len(in.OptionNames)-1]
	}
	for i := range in.Variants {
		v := &in.Variants[i]
		v.SKU, v.Barcode = TrimText(v.SKU), TrimText(v.Barcode)
		for j := range v.Options {
			v.Options[j] = TrimText(v.Options[j])
		}
	}
	return autoHandle
}

// validateForm adds the admin form's rules to Validate's: lengths,
// options that line up with the variants' values, and compare-at prices
// above the price. Imports check the last row by row instead
// (shopifycsv), so that one row of a product file does not refuse the
// whole product.
func (in *ProductInput) validateForm() error {
	v := &ValidationError{}
	if err := in.Validate(); err != nil {
		var verr *ValidationError
		if !errors.As(err, &verr) {
			return err
		}
		v = verr
	}
	for _, f := range []struct {
		field, value string
		max          int
	}{
		{"title", in.Title, MaxProductTitleLen}, {"handle", in.Handle, maxProductHandleLen},
		{"description", in.Description, maxProductDescLen}, {"vendor", in.Vendor, maxProductTextLen},
		{"product_type", in.ProductType, maxProductTextLen}, {"seo_title", in.SEOTitle, MaxSEOTitleLen},
		{"seo_description", in.SEODescription, MaxSEODescriptionLen},
	} {
		if utf8.RuneCountInString(f.value) > f.max {
			v.Add(f.field, "error.too_long")
		}
	}
	for field, max := range map[string]int{FieldTitle: MaxProductTitleLen, FieldDescription: maxProductDescLen,
		FieldSEOTitle: MaxSEOTitleLen, FieldSEODescription: MaxSEODescriptionLen} {
		for l, t := range in.Tr[field] {
			if utf8.RuneCountInString(t) > max {
				v.Add(field+"_"+l, "error.too_long")
			}
		}
	}
	if len(in.Tags) > maxProductTags {
		v.Add("tags", "error.product_too_many_tags")
	}
	for _, t := range in.Tags {
		if utf8.RuneCountInString(t) > maxProductTextLen {
			v.Add("tags", "error.too_long")
		}
	}
	seen := map[string]bool{}
	for _, n := range in.OptionNames {
		switch {
		case n == "":
			v.Add("options", "error.product_option_gap")
		case seen[strings.ToLower(n)]:
			v.Add("options", "error.product_option_twice")
		case utf8.RuneCountInString(n) > maxProductTextLen:
			v.Add("options", "error.too_long")
		}
		seen[strings.ToLower(n)] = true
	}
	if len(in.Variants) > MaxVariants {
		v.Add("variants", "error.product_too_many_variants")
	}
	for _, vi := range in.Variants {
		for j, val := range vi.Options {
			named := j < len(in.OptionNames)
			if (named && val == "") || (!named && val != "") {
				v.Add("variants", "error.product_option_values")
			}
			if utf8.RuneCountInString(val) > maxProductTextLen {
				v.Add("variants", "error.too_long")
			}
		}
		if len(vi.SKU) > maxProductCodeLen || len(vi.Barcode) > maxProductCodeLen {
			v.Add("variants", "error.too_long")
		}
		if !vi.CompareAtShown() {
			v.Add("variants", "error.product_compare_at")
		}
	}
	return v.Err()
}

// CheckProductForm reports every problem of the admin form's input, its
// own and those of what it points at (checkFormRefs), without saving
// anything. The form asks when it cannot be saved anyway, say for a price
// it could not read, so that one answer lists every problem. productID is
// 0 for a new product.
func (s *Store) CheckProductForm(ctx context.Context, productID int64, in ProductInput) error {
	auto := in.prepareForm()
	return s.formProblems(ctx, productID, &in, auto, in.validateForm())
}

// formProblems adds to invalid, validateForm's answer, the problems of
// what the input points at, read outside the write transaction since
// nothing is written: a form refused for its own fields also hears that
// its handle is taken, rather than in a second round.
func (s *Store) formProblems(ctx context.Context, productID int64, in *ProductInput, auto bool, invalid error) error {
	v := &ValidationError{}
	if invalid != nil && !errors.As(invalid, &v) {
		return invalid
	}
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("check product form: %w", err)
	}
	defer tx.Rollback()
	var refs *ValidationError
	if err := s.checkFormRefs(ctx, tx, productID, in, auto); errors.As(err, &refs) {
		for field, msg := range refs.Fields {
			v.Add(field, msg)
		}
	} else if err != nil {
		return fmt.Errorf("check product form: %w", err)
	}
	return v.Err()
}

// checkFormRefs checks, inside the write transaction (or a read one, for
// formProblems), what the form points at: a free handle (finding one when
// it was made from the title), SKUs no other product uses, and collections
// that exist. productID is 0 for a new product.
func (s *Store) checkFormRefs(ctx context.Context, tx *sql.Tx, productID int64, in *ProductInput, autoHandle bool) error {
	v := &ValidationError{}
	if autoHandle {
		h, err := uniqueHandle(ctx, tx, in.Handle, productID)
		if err != nil {
			return err
		}
		in.Handle = h
	} else if taken, err := productHandleTaken(ctx, tx, in.Handle, productID); err != nil {
		return err
	} else if taken {
		v.Add("handle", "error.product_handle_taken")
	}
	for _, vi := range in.Variants {
		if vi.SKU == "" {
			continue
		}
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM variants WHERE sku = ? AND product_id <> ?`, vi.SKU, productID).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			v.Add("variants", "error.product_sku_taken")
		}
	}
	for _, h := range in.Collections {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM collections WHERE handle = ?`, h).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			v.Add("collections", "error.product_collection_unknown")
		}
	}
	return v.Err()
}

func productHandleTaken(ctx context.Context, tx *sql.Tx, handle string, exceptID int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM products WHERE handle = ? AND id <> ?`, handle, exceptID).Scan(&n)
	return n > 0, err
}

// uniqueHandle returns base if no other product has it, else the first
// free one of base-2, base-3, …
func uniqueHandle(ctx context.Context, tx *sql.Tx, base string, exceptID int64) (string, error) {
	for n := 1; n <= 1000; n++ {
		h := base
		if n > 1 {
			h = base + "-" + strconv.Itoa(n)
		}
		taken, err := productHandleTaken(ctx, tx, h, exceptID)
		if err != nil {
			return "", err
		}
		if !taken {
			return h, nil
		}
	}
	return "", &ValidationError{Fields: map[string]string{"handle": "error.product_handle_taken"}}
}

// productSnapshot is the audit log's picture of a product: its own fields,
// tags, collections and variants, and its texts' translations as
// "field.locale" keys (audit_texts.go), built as JSON by SQLite inside the
// transaction that changes it.
func productSnapshot(ctx context.Context, tx *sql.Tx, id int64) (json.RawMessage, error) {
	var snap string
	err := tx.QueryRowContext(ctx, `
		SELECT json_patch(json_object(
			'handle', p.handle, 'title', p.title, 'status', p.status, 'vendor', p.vendor, 'type', p.product_type,
			'description', p.description, 'seo_title', p.seo_title, 'seo_description', p.seo_description,
			'options', json_array(p.option1_name, p.option2_name, p.option3_name),
			'tags', (SELECT json_group_array(tag) FROM (SELECT tag FROM product_tags WHERE product_id = p.id ORDER BY tag)),
			'collections', (SELECT json_group_array(handle) FROM (SELECT c.handle FROM collection_products cp
				JOIN collections c ON c.id = cp.collection_id WHERE cp.product_id = p.id ORDER BY c.handle)),
			'variants', (SELECT json_group_array(json_object('id', id, 'sku', sku, 'barcode', barcode,
					'options', json_array(option1, option2, option3), 'price', price, 'compare_at', compare_at_price,
					'weight_grams', weight_grams, 'stock', stock, 'image_id', image_id,
					'requires_shipping', requires_shipping))
				FROM (SELECT * FROM variants WHERE product_id = p.id ORDER BY position, id)),
			'version', p.version),
			(SELECT json_group_object(field || '.' || locale, value) FROM translations
				WHERE entity = ? AND entity_id = p.id))
		FROM products p WHERE p.id = ?`, EntityProductText, id).Scan(&snap)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("product snapshot: %w", err)
	}
	return json.RawMessage(snap), nil
}

// DuplicateProduct copies product id as a new draft: handle <handle>-copy
// (then -copy-2, …), the same texts, options, tags, collections and
// images, and variants with their low-stock thresholds but without SKUs or
// barcodes (they name one physical item) and with no stock. It returns the
// copy's id. token is the Duplicate button's one-time token
// (NewCreateToken): the same button pressed twice makes one copy, and
// both presses get its id.
func (s *Store) DuplicateProduct(ctx context.Context, actor Actor, id int64, token string) (int64, error) {
	var newID int64
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		newID, err = s.createOnce(ctx, tx, EntityProduct, token, func() (int64, error) {
			return s.duplicateProduct(ctx, tx, actor, id)
		})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("duplicate product %d: %w", id, err)
	}
	s.bumpCatalog()
	return newID, nil
}

// duplicateProduct makes DuplicateProduct's copy in tx and returns its id.
func (s *Store) duplicateProduct(ctx context.Context, tx *sql.Tx, actor Actor, id int64) (int64, error) {
	var handle string
	err := tx.QueryRowContext(ctx, `SELECT handle FROM products WHERE id = ?`, id).Scan(&handle)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	if handle, err = uniqueHandle(ctx, tx, handle+"-copy", 0); err != nil {
		return 0, err
	}
	now := s.Now().Unix()
	var newID int64
	err = tx.QueryRowContext(ctx, `
		INSERT INTO products (handle, title, description, vendor, product_type, status, seo_title, seo_description,
			option1_name, option2_name, option3_name, created_at, updated_at)
		SELECT ?, title, description, vendor, product_type, 'draft', seo_title, seo_description,
			option1_name, option2_name, option3_name, ?, ?
		FROM products WHERE id = ? RETURNING id`, handle, now, now, id).Scan(&newID)
	if err != nil {
		return 0, err
	}
	if err := s.copyProductParts(ctx, tx, id, newID); err != nil {
		return 0, err
	}
	if err := refreshProduct(ctx, tx, newID); err != nil {
		return 0, err
	}
	after, err := productSnapshot(ctx, tx, newID)
	if err != nil {
		return 0, err
	}
	return newID, s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionProductDuplicate, Entity: EntityProduct,
		EntityID: strconv.FormatInt(newID, 10), Before: map[string]any{"copied_from": id}, After: after})
}

// copyProductParts copies images, variants, tags and collection places
// from product from to product to, pointing the copied variants at the
// copied images.
func (s *Store) copyProductParts(ctx context.Context, tx *sql.Tx, from, to int64) error {
	oldImages, err := queryIDs(ctx, tx, productImageOrder, from)
	if err != nil {
		return err
	}
	now := s.Now().Unix()
	for _, im := range oldImages {
		var newImage int64
		err := tx.QueryRowContext(ctx, `
			INSERT INTO images (product_id, position, alt, source_url, content_type, width, height, etag, data, thumb, created_at)
			SELECT ?, position, alt, source_url, content_type, width, height, etag, data, thumb, ? FROM images WHERE id = ?
			RETURNING id`, to, now, im).Scan(&newImage)
		if err != nil {
			return fmt.Errorf("copy image: %w", err)
		}
		if err := copyImageAlts(ctx, tx, im, newImage); err != nil {
			return fmt.Errorf("copy image alt: %w", err)
		}
		// Variants are copied after the images; point the copies at the new ones.
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO variants (product_id, position, option1, option2, option3, price, compare_at_price, weight_grams,
				low_stock_threshold, stock, image_id, requires_shipping)
			SELECT ?, position, option1, option2, option3, price, compare_at_price, weight_grams, low_stock_threshold, 0, ?,
				requires_shipping
			FROM variants WHERE product_id = ? AND image_id = ?`, to, newImage, from, im); err != nil {
			return fmt.Errorf("copy variants: %w", err)
		}
	}
	for _, q := range []string{
		`INSERT INTO variants (product_id, position, option1, option2, option3, price, compare_at_price, weight_grams,
				low_stock_threshold, stock, image_id, requires_shipping)
			SELECT ?1, position, option1, option2, option3, price, compare_at_price, weight_grams, low_stock_threshold, 0, NULL,
				requires_shipping
			FROM variants WHERE product_id = ?2 AND (image_id IS NULL OR image_id NOT IN (SELECT id FROM images WHERE product_id = ?2))`,
		`INSERT INTO product_tags (product_id, tag) SELECT ?1, tag FROM product_tags WHERE product_id = ?2`,
		`INSERT INTO translations (entity, entity_id, field, locale, value)
			SELECT entity, ?1, field, locale, value FROM translations WHERE entity = 'product' AND entity_id = ?2`,
		`INSERT INTO collection_products (collection_id, product_id, position)
			SELECT cp.collection_id, ?1, (SELECT coalesce(max(position), 0) + 1 FROM collection_products x WHERE x.collection_id = cp.collection_id)
			FROM collection_products cp WHERE cp.product_id = ?2`,
	} {
		if _, err := tx.ExecContext(ctx, q, to, from); err != nil {
			return fmt.Errorf("copy product: %w", err)
		}
	}
	return nil
}
