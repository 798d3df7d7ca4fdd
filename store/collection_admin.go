package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Audited collection changes.
const (
	ActionCollectionCreate = "collection.create"
	ActionCollectionUpdate = "collection.update"
	ActionCollectionAdd    = "collection.add_product"
	ActionCollectionRemove = "collection.remove_product"
	ActionCollectionMove   = "collection.move_product"
	ActionCollectionDelete = "collection.delete"
	EntityCollection       = "collection"
)

// Limits on a collection's fields.
const (
	maxCollectionTitleLen   = 255   // characters
	maxCollectionDescLen    = 65535 // bytes, as the importer keeps
	maxCollectionSEODescLen = 1000  // characters
	maxCollectionPosition   = 1_000_000
)

// Moves of a product inside a collection's manual order.
const (
	MoveUp   = "up"
	MoveDown = "down"
	MoveTop  = "top"
)

// AdminCollection is a collection as the admin edits it: with its version
// and counts of all its products, not only the ones shoppers see.
type AdminCollection struct {
	ID             int64
	Handle         string
	Title          string
	Description    string
	SEOTitle       string
	SEODescription string
	Featured       bool
	Position       int
	Version        int64
	ProductCount   int // every status
	ActiveCount    int // what shoppers see
	UpdatedAt      time.Time
	Tr             Texts // translations of the texts above
}

const adminCollectionColumns = `c.id, c.handle, c.title, c.description, c.seo_title, c.seo_description, c.featured,
	c.position, c.version, c.updated_at,
	(SELECT count(*) FROM collection_products cp WHERE cp.collection_id = c.id)`

func scanAdminCollection(row rowScanner) (AdminCollection, error) {
	var c AdminCollection
	var updated int64
	err := row.Scan(&c.ID, &c.Handle, &c.Title, &c.Description, &c.SEOTitle, &c.SEODescription, &c.Featured,
		&c.Position, &c.Version, &updated, &c.ProductCount)
	c.UpdatedAt = time.Unix(updated, 0)
	return c, err
}

// activeCounts is how many active products each collection has, by id:
// the shop's own counts (allCollections, kept until the catalog next
// changes). Counted for the admin, every view of its list looked up every
// member's product, 200 ms in collections of 20,000.
func (s *Store) activeCounts(ctx context.Context) (map[int64]int, error) {
	all, err := s.allCollections(ctx)
	if err != nil {
		return nil, err
	}
	counts := make(map[int64]int, len(all))
	for _, c := range all {
		counts[c.ID] = c.ProductCount
	}
	return counts, nil
}

// AdminCollections lists every collection in the merchant's order.
func (s *Store) AdminCollections(ctx context.Context) ([]AdminCollection, error) {
	counts, err := s.activeCounts(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+adminCollectionColumns+` FROM collections c ORDER BY c.position, c.title, c.id`)
	if err != nil {
		return nil, fmt.Errorf("admin collections: %w", err)
	}
	defer rows.Close()
	var out []AdminCollection
	for rows.Next() {
		c, err := scanAdminCollection(rows)
		if err != nil {
			return nil, fmt.Errorf("admin collections: %w", err)
		}
		c.ActiveCount = counts[c.ID]
		out = append(out, c)
	}
	return out, rows.Err()
}

// CollectionByID returns collection id as the admin edits it.
func (s *Store) CollectionByID(ctx context.Context, id int64) (*AdminCollection, error) {
	counts, err := s.activeCounts(ctx)
	if err != nil {
		return nil, err
	}
	c, err := scanAdminCollection(s.read.QueryRowContext(ctx, `SELECT `+adminCollectionColumns+` FROM collections c WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("collection %d: %w", id, err)
	}
	c.ActiveCount = counts[c.ID]
	tr, err := loadTexts(ctx, s.query, EntityCollectionText, []int64{id})
	c.Tr = tr[id]
	return &c, err
}

// validateCollection tidies in (trimmed text, a handle made from the title
// when none is given) and checks it.
func validateCollection(in *CollectionInput) error {
	v := &ValidationError{}
	in.Title = TrimText(in.Title)
	in.Handle = strings.TrimSpace(in.Handle)
	in.SEOTitle = TrimText(in.SEOTitle)
	in.SEODescription = TrimText(in.SEODescription)
	in.Description = TrimText(in.Description)
	if in.Handle == "" {
		in.Handle = Slugify(in.Title)
	}
	if in.Title == "" {
		v.Add("title", "error.required")
	} else if utf8.RuneCountInString(in.Title) > maxCollectionTitleLen {
		v.Add("title", "error.too_long")
	}
	if in.Handle == "" || Slugify(in.Handle) != in.Handle {
		v.Add("handle", "error.handle")
	}
	if len(in.Description) > maxCollectionDescLen {
		v.Add("description", "error.too_long")
	}
	if utf8.RuneCountInString(in.SEOTitle) > maxCollectionTitleLen {
		v.Add("seo_title", "error.too_long")
	}
	if utf8.RuneCountInString(in.SEODescription) > maxCollectionSEODescLen {
		v.Add("seo_description", "error.too_long")
	}
	for field, limit := range map[string]int{FieldTitle: maxCollectionTitleLen, FieldSEOTitle: maxCollectionTitleLen,
		FieldSEODescription: maxCollectionSEODescLen} {
		for l, t := range in.Tr[field] {
			if utf8.RuneCountInString(t) > limit {
				v.Add(field+"_"+l, "error.too_long")
			}
		}
	}
	for l, d := range in.Tr[FieldDescription] {
		if len(d) > maxCollectionDescLen {
			v.Add(FieldDescription+"_"+l, "error.too_long")
		}
	}
	if in.Position < 0 || in.Position > maxCollectionPosition {
		v.Add("position", "error.collection_position")
	}
	return v.Err()
}

// CheckCollection reports every problem of in as collection id's fields
// (0 for a new collection), a handle another collection has included,
// without saving anything. The form asks when it cannot be saved anyway,
// say for a position it could not read, so that one answer lists every
// problem.
func (s *Store) CheckCollection(ctx context.Context, id int64, in CollectionInput) error {
	return s.collectionProblems(ctx, id, &in, validateCollection(&in))
}

// collectionProblems adds to invalid, validateCollection's answer, a
// handle another collection than id has. Saving finds that out from the
// unique index, which a refused form never reaches: without this look the
// taken handle would come up only once everything else was fixed.
func (s *Store) collectionProblems(ctx context.Context, id int64, in *CollectionInput, invalid error) error {
	v := &ValidationError{}
	if invalid != nil && !errors.As(invalid, &v) {
		return invalid
	}
	if _, bad := v.Fields["handle"]; !bad {
		var n int
		if err := s.queryRow(ctx, `SELECT count(*) FROM collections WHERE handle = ? AND id <> ?`, in.Handle, id).Scan(&n); err != nil {
			return fmt.Errorf("check collection %s: %w", in.Handle, err)
		}
		if n > 0 {
			v.Add("handle", "error.collection_handle_taken")
		}
	}
	return v.Err()
}

// collectionAudit is what the audit log keeps of a collection's fields.
func collectionAudit(in CollectionInput) map[string]any {
	return map[string]any{"handle": in.Handle, "title": in.Title, "description": in.Description,
		"seo_title": in.SEOTitle, "seo_description": in.SEODescription, "featured": in.Featured, "position": in.Position}
}

// handleTaken turns the unique index's refusal into a message beside the field.
func handleTaken(err error) error {
	if isUnique(err) {
		return &ValidationError{Fields: map[string]string{"handle": "error.collection_handle_taken"}}
	}
	return err
}

// CreateCollection adds a collection and audits it. Unlike SaveCollection
// (the importer's upsert) a handle already in use is refused.
func (s *Store) CreateCollection(ctx context.Context, actor Actor, in CollectionInput) (int64, error) {
	if err := validateCollection(&in); err != nil {
		return 0, s.collectionProblems(ctx, 0, &in, err)
	}
	var id int64
	now := s.Now().Unix()
	err := s.tx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.createOnce(ctx, tx, EntityCollection, in.CreateToken, func() (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `
				INSERT INTO collections (handle, title, description, seo_title, seo_description, featured, position, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				in.Handle, in.Title, in.Description, in.SEOTitle, in.SEODescription, in.Featured, in.Position, now, now).Scan(&id)
			if err != nil {
				return 0, handleTaken(err)
			}
			if err := putTexts(ctx, tx, EntityCollectionText, id, in.Tr); err != nil {
				return 0, err
			}
			after, err := withTranslations(ctx, tx, EntityCollectionText, id, collectionAudit(in))
			if err != nil {
				return 0, err
			}
			return id, s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionCollectionCreate, Entity: EntityCollection,
				EntityID: strconv.FormatInt(id, 10), After: after})
		})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create collection %s: %w", in.Handle, err)
	}
	s.bumpCatalog()
	return id, nil
}

// UpdateCollection saves the collection's fields if it is still at
// version; otherwise someone saved it in between and ErrConflict is
// returned with nothing changed. Of the translations only those in.Tr
// holds change, an empty one being removed (putTexts).
func (s *Store) UpdateCollection(ctx context.Context, actor Actor, id, version int64, in CollectionInput) error {
	if err := validateCollection(&in); err != nil {
		return s.collectionProblems(ctx, id, &in, err)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var before CollectionInput
		err := tx.QueryRowContext(ctx, `SELECT handle, title, description, seo_title, seo_description, featured, position
			FROM collections WHERE id = ?`, id).Scan(&before.Handle, &before.Title, &before.Description,
			&before.SEOTitle, &before.SEODescription, &before.Featured, &before.Position)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		audited, err := withTranslations(ctx, tx, EntityCollectionText, id, collectionAudit(before))
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE collections SET handle = ?, title = ?, description = ?, seo_title = ?, seo_description = ?,
				featured = ?, position = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`,
			in.Handle, in.Title, in.Description, in.SEOTitle, in.SEODescription, in.Featured, in.Position,
			s.Now().Unix(), id, version)
		if err != nil {
			return handleTaken(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrConflict
		}
		if err := s.keepFormerHandle(ctx, tx, EntityCollection, id, before.Handle, in.Handle); err != nil {
			return err
		}
		if err := putTexts(ctx, tx, EntityCollectionText, id, in.Tr); err != nil {
			return err
		}
		after, err := withTranslations(ctx, tx, EntityCollectionText, id, collectionAudit(in))
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionCollectionUpdate, Entity: EntityCollection,
			EntityID: strconv.FormatInt(id, 10), Before: audited, After: after})
	})
	if err != nil {
		return fmt.Errorf("update collection %d: %w", id, err)
	}
	s.bumpCatalog()
	return nil
}

// CollectionMember is a product in a collection, as the admin orders them.
type CollectionMember struct {
	ProductID    int64
	Handle       string
	Title        string
	Status       string
	CoverImageID int64
	StockTotal   int64
	PriceMin     int64
}

// CollectionMembers is a page of a collection's products in their order.
type CollectionMembers struct {
	Products []CollectionMember
	Total    int
	Page     int
	PerPage  int
}

// Pages is the number of pages, at least 1.
func (m CollectionMembers) Pages() int { return pageCount(m.Total, m.PerPage) }

const memberColumns = `p.id, p.handle, p.title, p.status, coalesce(p.cover_image_id, 0), p.stock_total, p.price_min`

func scanMembers(rows *sql.Rows) ([]CollectionMember, error) {
	defer rows.Close()
	var out []CollectionMember
	for rows.Next() {
		var m CollectionMember
		if err := rows.Scan(&m.ProductID, &m.Handle, &m.Title, &m.Status, &m.CoverImageID, &m.StockTotal, &m.PriceMin); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CollectionProducts returns a page of the collection's products, every
// status, in the manual order shoppers see.
func (s *Store) CollectionProducts(ctx context.Context, collectionID int64, page, perPage int) (CollectionMembers, error) {
	m := CollectionMembers{Page: min(max(page, 1), MaxPage), PerPage: perPageOr(perPage, 100)}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM collection_products WHERE collection_id = ?`, collectionID).
		Scan(&m.Total); err != nil {
		return m, fmt.Errorf("collection products: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+memberColumns+`
		FROM collection_products cp JOIN products p ON p.id = cp.product_id
		WHERE cp.collection_id = ? ORDER BY cp.position, p.id LIMIT ? OFFSET ?`,
		collectionID, m.PerPage, (m.Page-1)*m.PerPage)
	if err != nil {
		return m, fmt.Errorf("collection products: %w", err)
	}
	if m.Products, err = scanMembers(rows); err != nil {
		return m, fmt.Errorf("collection products: %w", err)
	}
	return m, nil
}

// CollectionCandidates finds up to limit draft or active products that are
// not in the collection yet, as the product list's search finds them
// (productFound), for the collection's "add products" search.
func (s *Store) CollectionCandidates(ctx context.Context, collectionID int64, q string, limit int) ([]CollectionMember, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	found, args, err := productFound(q)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+memberColumns+` FROM products p
		WHERE p.status <> 'archived' AND `+found+`
			AND NOT EXISTS (SELECT 1 FROM collection_products cp WHERE cp.collection_id = ? AND cp.product_id = p.id)
		ORDER BY p.title COLLATE NOCASE, p.id LIMIT ?`, append(args, collectionID, perPageOr(limit, 20))...)
	if err != nil {
		return nil, fmt.Errorf("collection candidates: %w", err)
	}
	out, err := scanMembers(rows)
	if err != nil {
		return nil, fmt.Errorf("collection candidates: %w", err)
	}
	return out, nil
}

// AddToCollection puts a product at the end of the collection. Adding a
// product that is already there changes nothing.
func (s *Store) AddToCollection(ctx context.Context, actor Actor, collectionID, productID int64) error {
	return s.changeMembership(ctx, collectionID, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM products WHERE id = ?`, productID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return &ValidationError{Fields: map[string]string{"product_id": "error.collection_product"}}
		}
		if err != nil {
			return err
		}
		var pos int
		err = tx.QueryRowContext(ctx, `
			INSERT INTO collection_products (collection_id, product_id, position)
			VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM collection_products WHERE collection_id = ?1))
			ON CONFLICT DO NOTHING RETURNING position`, collectionID, productID).Scan(&pos)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.auditMembership(ctx, tx, actor, ActionCollectionAdd, collectionID, productID, nil, pos)
	})
}

// RemoveFromCollection takes a product out of the collection and closes
// the gap it leaves. Removing a product that is not there is ErrNotFound.
func (s *Store) RemoveFromCollection(ctx context.Context, actor Actor, collectionID, productID int64) error {
	return s.changeMembership(ctx, collectionID, func(tx *sql.Tx) error {
		pos, err := memberPosition(ctx, tx, collectionID, productID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM collection_products WHERE collection_id = ? AND product_id = ?`,
			collectionID, productID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE collection_products SET position = position - 1
			WHERE collection_id = ? AND position > ?`, collectionID, pos); err != nil {
			return err
		}
		return s.auditMembership(ctx, tx, actor, ActionCollectionRemove, collectionID, productID, pos, nil)
	})
}

// MoveInCollection moves a product one place up or down (a swap with its
// neighbour) or to the top of the collection's order. A move past either
// end changes nothing.
func (s *Store) MoveInCollection(ctx context.Context, actor Actor, collectionID, productID int64, move string) error {
	if move != MoveUp && move != MoveDown && move != MoveTop {
		return &ValidationError{Fields: map[string]string{"move": "error.collection_move"}}
	}
	return s.changeMembership(ctx, collectionID, func(tx *sql.Tx) error {
		pos, err := memberPosition(ctx, tx, collectionID, productID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM collection_products WHERE collection_id = ?`,
			collectionID).Scan(&n); err != nil {
			return err
		}
		to := map[string]int{MoveUp: pos - 1, MoveDown: pos + 1, MoveTop: 1}[move]
		if to < 1 || to > n || to == pos {
			return nil
		}
		// Positions are dense (changeMembership sees to it), so a swap is
		// two rows and "to top" shifts the ones above down by one.
		if move == MoveTop {
			_, err = tx.ExecContext(ctx, `UPDATE collection_products
				SET position = CASE WHEN position = ?2 THEN 1 ELSE position + 1 END
				WHERE collection_id = ?1 AND position <= ?2`, collectionID, pos)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE collection_products
				SET position = CASE WHEN position = ?2 THEN ?3 ELSE ?2 END
				WHERE collection_id = ?1 AND position IN (?2, ?3)`, collectionID, pos, to)
		}
		if err != nil {
			return err
		}
		return s.auditMembership(ctx, tx, actor, ActionCollectionMove, collectionID, productID, pos, to)
	})
}

// changeMembership runs fn in a write transaction on an existing
// collection whose positions are first made dense (1..n in their current
// order: imports and deleted products leave gaps), then bumps the catalog
// version so cached shop pages show the new order.
func (s *Store) changeMembership(ctx context.Context, collectionID int64, fn func(*sql.Tx) error) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n, lo, hi, distinct int
		err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(min(position), 1), coalesce(max(position), 0),
				count(DISTINCT position)
			FROM collection_products WHERE collection_id = ?`, collectionID).Scan(&n, &lo, &hi, &distinct)
		if err != nil {
			return err
		}
		if n == 0 {
			// Members reference their collection, so only an empty one can be missing.
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM collections WHERE id = ?`, collectionID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			if err != nil {
				return err
			}
		}
		if lo != 1 || hi != n || distinct != n {
			if _, err := tx.ExecContext(ctx, `
				UPDATE collection_products SET position = r.rn
				FROM (SELECT product_id, row_number() OVER (ORDER BY position, product_id) AS rn
					FROM collection_products WHERE collection_id = ?1) AS r
				WHERE collection_products.collection_id = ?1 AND collection_products.product_id = r.product_id`,
				collectionID); err != nil {
				return fmt.Errorf("renumber: %w", err)
			}
		}
		return fn(tx)
	})
	if err != nil {
		return fmt.Errorf("collection %d products: %w", collectionID, err)
	}
	s.bumpCatalog()
	return nil
}

func memberPosition(ctx context.Context, tx *sql.Tx, collectionID, productID int64) (int, error) {
	var pos int
	err := tx.QueryRowContext(ctx, `SELECT position FROM collection_products WHERE collection_id = ? AND product_id = ?`,
		collectionID, productID).Scan(&pos)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return pos, err
}

// auditMembership records a product entering, leaving or moving in a
// collection; before and after are its positions (nil when not a member).
func (s *Store) auditMembership(ctx context.Context, tx *sql.Tx, actor Actor, action string, collectionID, productID int64, before, after any) error {
	entry := AuditEntry{Actor: actor, Action: action, Entity: EntityCollection, EntityID: strconv.FormatInt(collectionID, 10)}
	if before != nil {
		entry.Before = map[string]any{"product_id": productID, "position": before}
	}
	if after != nil {
		entry.After = map[string]any{"product_id": productID, "position": after}
	}
	return s.audit(ctx, tx, entry)
}
