package store

import (
	"context"
	"database/sql"
	"fmt"
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
