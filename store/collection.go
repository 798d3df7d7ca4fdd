package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Collection is a manual, ordered group of products.
type Collection struct {
	ID             int64
	Handle         string
	Title          string
	Description    string
	SEOTitle       string
	SEODescription string
	Featured       bool
	Position       int
	ImageID        int64 // the collection's own image, else its first product's cover
	ProductCount   int
	UpdatedAt      time.Time
	Tr             Texts // translations of the texts above (content.go)
}

// CollectionInput describes a collection to create or update by handle.
type CollectionInput struct {
	Handle         string
	Title          string
	Description    string
	SEOTitle       string
	SEODescription string
	Featured       bool
	Position       int
	// Tr, when not nil, is the collection's whole set of translations.
	Tr Texts
	// CreateToken is the admin's new form's one-time token
	// (NewCreateToken): CreateCollection makes one collection per token.
	CreateToken string
}

const collectionColumns = `c.id, c.handle, c.title, c.description, c.seo_title, c.seo_description, c.featured, c.position,
	coalesce(c.image_id, (SELECT p.cover_image_id FROM collection_products cp JOIN products p ON p.id = cp.product_id
		WHERE cp.collection_id = c.id AND p.status = 'active' AND p.cover_image_id IS NOT NULL ORDER BY cp.position LIMIT 1), 0),
	(SELECT count(*) FROM collection_products cp JOIN products p ON p.id = cp.product_id
		WHERE cp.collection_id = c.id AND p.status = 'active'),
	c.updated_at`

func scanCollection(row interface{ Scan(...any) error }) (Collection, error) {
	var c Collection
	var updated int64
	err := row.Scan(&c.ID, &c.Handle, &c.Title, &c.Description, &c.SEOTitle, &c.SEODescription, &c.Featured, &c.Position,
		&c.ImageID, &c.ProductCount, &updated)
	c.UpdatedAt = time.Unix(updated, 0)
	return c, err
}

// SaveCollection creates or updates the collection with in.Handle.
func (s *Store) SaveCollection(ctx context.Context, in CollectionInput) (int64, error) {
	v := &ValidationError{}
	if in.Handle == "" || Slugify(in.Handle) != in.Handle {
		v.Add("handle", "error.handle")
	}
	if in.Title == "" {
		v.Add("title", "error.required")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	var id int64
	now := s.Now().Unix()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO collections (handle, title, description, seo_title, seo_description, featured, position, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (handle) DO UPDATE SET title = excluded.title, description = excluded.description,
				seo_title = excluded.seo_title, seo_description = excluded.seo_description,
				featured = excluded.featured, position = excluded.position, updated_at = excluded.updated_at
			RETURNING id`,
			in.Handle, in.Title, in.Description, in.SEOTitle, in.SEODescription, in.Featured, in.Position, now, now).Scan(&id)
		if err != nil {
			return err
		}
		return replaceTexts(ctx, tx, EntityCollectionText, id, in.Tr)
	})
	if err != nil {
		return 0, fmt.Errorf("save collection %s: %w", in.Handle, err)
	}
	s.bumpCatalog()
	return id, nil
}

// syncProductCollections sets the product's collections to handles, creating
// any that are missing and appending the product at the end of each new one.
func (s *Store) syncProductCollections(ctx context.Context, tx *sql.Tx, productID int64, handles []string) error {
	now := s.Now().Unix()
	keep := map[int64]bool{}
	for _, h := range handles {
		h = Slugify(h)
		if h == "" {
			continue
		}
		var cid int64
		err := tx.QueryRowContext(ctx, `
			INSERT INTO collections (handle, title, created_at, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (handle) DO UPDATE SET handle = excluded.handle RETURNING id`, h, titleFromHandle(h), now, now).Scan(&cid)
		if err != nil {
			return fmt.Errorf("collection %s: %w", h, err)
		}
		keep[cid] = true
		_, err = tx.ExecContext(ctx, `
			INSERT OR IGNORE INTO collection_products (collection_id, product_id, position)
			VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM collection_products WHERE collection_id = ?))`,
			cid, productID, cid)
		if err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT collection_id FROM collection_products WHERE product_id = ?`, productID)
	if err != nil {
		return err
	}
	var drop []int64
	for rows.Next() {
		var cid int64
		if err := rows.Scan(&cid); err != nil {
			rows.Close()
			return err
		}
		if !keep[cid] {
			drop = append(drop, cid)
		}
	}
	rows.Close()
	for _, cid := range drop {
		if _, err := tx.ExecContext(ctx, `DELETE FROM collection_products WHERE collection_id = ? AND product_id = ?`, cid, productID); err != nil {
			return err
		}
	}
	return nil
}

// CollectionByHandle returns the collection with handle.
func (s *Store) CollectionByHandle(ctx context.Context, handle string) (*Collection, error) {
	all, err := s.Collections(ctx, false)
	if err != nil {
		return nil, err
	}
	for _, c := range all {
		if c.Handle == handle {
			return &c, nil
		}
	}
	return nil, ErrNotFound
}

// Collections lists collections in the merchant's order; featuredOnly keeps
// those marked for the home page. Every page's navigation needs them and
// counting their products is not free, so the list is memoized (memo.go):
// shared, not to be changed.
func (s *Store) Collections(ctx context.Context, featuredOnly bool) ([]Collection, error) {
	all, err := s.allCollections(ctx)
	if err != nil || !featuredOnly {
		return all, err
	}
	var out []Collection
	for _, c := range all {
		if c.Featured {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *Store) allCollections(ctx context.Context) ([]Collection, error) {
	return memoizedShelves(s, "collections", func() ([]Collection, error) { return s.readCollections(ctx) })
}

func (s *Store) readCollections(ctx context.Context) ([]Collection, error) {
	rows, err := s.query(ctx, `SELECT `+collectionColumns+` FROM collections c ORDER BY c.position, c.title`)
	if err != nil {
		return nil, fmt.Errorf("collections: %w", err)
	}
	defer rows.Close()
	var cs []Collection
	for rows.Next() {
		c, err := scanCollection(rows)
		if err != nil {
			return nil, fmt.Errorf("collections: %w", err)
		}
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("collections: %w", err)
	}
	tr, err := loadTexts(ctx, s.query, EntityCollectionText, nil)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		cs[i].Tr = tr[cs[i].ID]
	}
	return cs, nil
}

// titleFromHandle names a collection created on the fly: "summer-edit"
// becomes "Summer Edit" until the merchant renames it.
func titleFromHandle(h string) string {
	words := strings.Split(h, "-")
	for i, w := range words {
		r := []rune(w)
		if len(r) > 0 {
			words[i] = strings.ToUpper(string(r[0])) + string(r[1:])
		}
	}
	return strings.Join(words, " ")
}

// ErrCollectionInUse means a collection is still named by something that
// would silently change if it went (CollectionUses).
var ErrCollectionInUse = fmt.Errorf("collection in use: %w", ErrConflict)

// CollectionUses is what still leads to a collection and has to change
// before the collection can be deleted.
type CollectionUses struct {
	// Promotions that target or exclude it, archived ones aside: once it
	// is gone a target would cover nothing and an exclusion would let the
	// discount onto what it kept out, and saving the promotion's form
	// would drop it from the lists without a word.
	Promotions []PromotionRef
	// HeroLink: the home page's button leads to it, and would lead to a
	// page not found.
	HeroLink bool
}

// PromotionRef names a promotion.
type PromotionRef struct {
	ID   int64
	Name string
}

// promotionRefs reads the promotions q (selecting id and name) finds.
func promotionRefs(ctx context.Context, query queryFunc, q string, args ...any) ([]PromotionRef, error) {
	rows, err := query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PromotionRef
	for rows.Next() {
		var p PromotionRef
		if err := rows.Scan(&p.ID, &p.Name); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// InUse reports whether anything still leads to the collection.
func (u CollectionUses) InUse() bool { return len(u.Promotions) > 0 || u.HeroLink }

// CollectionUses tells what still leads to collection id.
func (s *Store) CollectionUses(ctx context.Context, id int64) (CollectionUses, error) {
	var handle string
	err := s.queryRow(ctx, `SELECT handle FROM collections WHERE id = ?`, id).Scan(&handle)
	if errors.Is(err, sql.ErrNoRows) {
		return CollectionUses{}, ErrNotFound
	}
	if err != nil {
		return CollectionUses{}, fmt.Errorf("collection %d uses: %w", id, err)
	}
	return collectionUses(ctx, s.query, id, handle)
}

func collectionUses(ctx context.Context, query queryFunc, id int64, handle string) (CollectionUses, error) {
	var u CollectionUses
	var err error
	u.Promotions, err = promotionRefs(ctx, query, `SELECT id, name FROM promotions WHERE archived = 0 AND (
			EXISTS (SELECT 1 FROM json_each(rules, '$.collections') WHERE value = ?1)
			OR EXISTS (SELECT 1 FROM json_each(rules, '$.exclude_collections') WHERE value = ?1))
		ORDER BY id`, id)
	if err != nil {
		return u, fmt.Errorf("collection %d promotions: %w", id, err)
	}
	var link, shop sql.NullString
	if err := queryRowOf(ctx, query, `SELECT (SELECT value FROM settings WHERE key = ?), (SELECT value FROM settings WHERE key = ?)`,
		SettingHeroCTAURL, SettingPublicURL).Scan(&link, &shop); err != nil {
		return u, fmt.Errorf("collection %d links: %w", id, err)
	}
	u.HeroLink = linksToCollection(link.String, handle, shop.String)
	return u, nil
}

// linksToCollection reports whether link leads to the collection with
// handle on this shop: "/collections/tea", under a language prefix
// ("/zh-cn/collections/tea"), with a query or fragment, or as an address
// on the shop's own host (publicURL; another site's /collections/tea is
// not ours).
func linksToCollection(link, handle, publicURL string) bool {
	u, err := url.Parse(link)
	if err != nil || link == "" {
		return false
	}
	if u.Host != "" {
		shop, err := url.Parse(publicURL)
		if err != nil || shop.Host == "" || !strings.EqualFold(shop.Host, u.Host) {
			return false
		}
	}
	prefix, ok := strings.CutSuffix(strings.TrimSuffix(u.Path, "/"), "/collections/"+handle)
	return ok && (prefix == "" || strings.LastIndexByte(prefix, '/') == 0)
}

// DeleteCollection deletes a collection that nothing leads to any more
// (ErrCollectionInUse otherwise). Its products stay; only their
// membership goes, so their breadcrumbs and related products fall to
// their next collection, and its page, menu entry and sitemap entry go
// with it. A collection already gone is ErrNotFound.
func (s *Store) DeleteCollection(ctx context.Context, actor Actor, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var before CollectionInput
		var products int
		err := tx.QueryRowContext(ctx, `SELECT handle, title, description, seo_title, seo_description, featured, position,
				(SELECT count(*) FROM collection_products WHERE collection_id = ?1)
			FROM collections WHERE id = ?1`, id).Scan(&before.Handle, &before.Title, &before.Description,
			&before.SEOTitle, &before.SEODescription, &before.Featured, &before.Position, &products)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		// Checked again here: a promotion may have been pointed at it since
		// the confirmation was shown.
		uses, err := collectionUses(ctx, tx.QueryContext, id, before.Handle)
		if err != nil {
			return err
		}
		if uses.InUse() {
			return ErrCollectionInUse
		}
		audited, err := withTranslations(ctx, tx, EntityCollectionText, id, collectionAudit(before))
		if err != nil {
			return err
		}
		audited["products"] = products
		if err := deleteTranslations(ctx, tx, EntityCollectionText, id); err != nil {
			return err
		}
		// collection_products goes with it (ON DELETE CASCADE).
		if _, err := tx.ExecContext(ctx, `DELETE FROM collections WHERE id = ?`, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionCollectionDelete, Entity: EntityCollection,
			EntityID: strconv.FormatInt(id, 10), Before: audited})
	})
	if err != nil {
		return fmt.Errorf("delete collection %d: %w", id, err)
	}
	s.bumpCatalog()
	return nil
}
