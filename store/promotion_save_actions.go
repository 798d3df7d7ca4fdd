package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// setPromotionFlag writes one of the owner's switches (set, a SQL
// assignment) on a promotion that is not archived, bumps its version and
// audits it.
func (s *Store) setPromotionFlag(ctx context.Context, actor Actor, id int64, action, set string, after any) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var archived bool
		err := tx.QueryRowContext(ctx, `SELECT archived FROM promotions WHERE id = ?`, id).Scan(&archived)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if archived {
			return ErrPromotionArchived
		}
		if _, err := tx.ExecContext(ctx, `UPDATE promotions SET `+set+`, version = version + 1, updated_at = ?
			WHERE id = ?`, s.Now().Unix(), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: action, Entity: EntityPromotion,
			EntityID: strconv.FormatInt(id, 10), After: after})
	})
	if err != nil {
		return fmt.Errorf("%s %d: %w", action, id, err)
	}
	s.promotionsChanged()
	return nil
}

// SetPromotionActive pauses (false) or resumes (true) a promotion. An
// archived one stays as it is (ErrPromotionArchived).
func (s *Store) SetPromotionActive(ctx context.Context, actor Actor, id int64, active bool) error {
	set := "active = 0"
	if active {
		set = "active = 1"
	}
	return s.setPromotionFlag(ctx, actor, id, ActionPromotionActive, set, map[string]any{"active": active})
}

// ArchivePromotion puts a promotion away for good: it never applies again,
// leaves the list's default view and keeps its figures. Duplicating it is
// how it comes back.
func (s *Store) ArchivePromotion(ctx context.Context, actor Actor, id int64) error {
	return s.setPromotionFlag(ctx, actor, id, ActionPromotionArchive, "archived = 1, active = 0",
		map[string]any{"archived": true})
}

// DuplicatePromotion copies a promotion as a new, paused one with no uses
// and returns its id. Its name (in each language) gets suffix[locale]
// (" (copy)"); a coupon's own code is cleared, since codes are unique,
// and its generated codes stay with the original. token is the Duplicate
// button's one-time token (NewCreateToken): the same button pressed twice
// makes one copy, and both presses get its id.
func (s *Store) DuplicatePromotion(ctx context.Context, actor Actor, id int64, suffix map[string]string, token string) (int64, error) {
	p, err := s.PromotionByID(ctx, id)
	if err != nil {
		return 0, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return 0, err
	}
	name := Text{Default: clipRunes(p.Name.Default, MaxPromotionNameLen-len([]rune(suffix[st.ContentLocale]))) + suffix[st.ContentLocale]}
	for l, v := range p.Name.Tr {
		name = name.With(l, clipRunes(v, MaxPromotionNameLen-len([]rune(suffix[l])))+suffix[l])
	}
	var newID int64
	now := s.Now().Unix()
	err = s.tx(ctx, func(tx *sql.Tx) (err error) {
		newID, err = s.createOnce(ctx, tx, EntityPromotion, token, func() (int64, error) {
			var newID int64
			err := tx.QueryRowContext(ctx, `INSERT INTO promotions (name, kind, code, type, value, rules, min_subtotal,
				min_quantity, first_order_only, tier, combines_promotions, combines_coupons, sale_items, starts_at, ends_at,
				usage_limit, per_customer_limit, active, created_at, updated_at)
				SELECT ?, kind, '', type, value, rules, min_subtotal, min_quantity, first_order_only, tier,
					combines_promotions, combines_coupons, sale_items, starts_at, ends_at, usage_limit, per_customer_limit,
					0, ?, ? FROM promotions WHERE id = ? RETURNING id`, name.Default, now, now, id).Scan(&newID)
			if errors.Is(err, sql.ErrNoRows) {
				return 0, ErrNotFound
			}
			if err != nil {
				return 0, err
			}
			if err := saveTranslations(ctx, tx, EntityPromotion, newID, map[string]Text{FieldName: name}); err != nil {
				return 0, err
			}
			return newID, s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionPromotionDuplicate, Entity: EntityPromotion,
				EntityID: strconv.FormatInt(newID, 10), After: map[string]any{"from": id, "name": name.Default}})
		})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("duplicate promotion %d: %w", id, err)
	}
	s.promotionsChanged()
	return newID, nil
}

// clipRunes is s cut to at most n characters.
func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:max(n, 0)])
	}
	return s
}

// generatedCodeLen is the random part of a generated code: 8 characters of
// a 32-letter alphabet, 40 bits, so codes cannot be guessed from each other.
const generatedCodeLen = 8

// createPromotionCodes is the create-token kind of a batch of generated
// codes (createOnce); the batch is kept under its coupon's id.
const createPromotionCodes = "promotion_codes"

// GeneratePromotionCodes adds n unique single-use codes to coupon id, each
// prefix followed by random characters people do not misread, in one
// transaction: all of them or none. token is the form's one-time token
// (NewCreateToken): the same form sent twice makes one batch.
func (s *Store) GeneratePromotionCodes(ctx context.Context, actor Actor, id int64, n int, prefix, token string) error {
	prefix = NormalizeCode(prefix)
	v := &ValidationError{}
	if n < 1 || n > MaxGeneratedCodes {
		v.Add("count", "admin.promotions.error.code_count")
	}
	if len(prefix) > maxCodePrefixLen || !validCode(prefix) {
		v.Add("prefix", "admin.promotions.error.prefix_chars")
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := s.createOnce(ctx, tx, createPromotionCodes, token, func() (int64, error) {
			return id, s.generatePromotionCodes(ctx, tx, actor, id, n, prefix)
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("generate codes for promotion %d: %w", id, err)
	}
	return nil
}

// generatePromotionCodes adds GeneratePromotionCodes' batch in tx.
func (s *Store) generatePromotionCodes(ctx context.Context, tx *sql.Tx, actor Actor, id int64, n int, prefix string) error {
	var kind string
	var archived bool
	err := tx.QueryRowContext(ctx, `SELECT kind, archived FROM promotions WHERE id = ?`, id).Scan(&kind, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if kind != PromoCoupon {
		return &ValidationError{Fields: map[string]string{"count": "admin.promotions.error.codes_coupon"}}
	}
	if archived {
		return ErrPromotionArchived
	}
	// A code equal to a coupon's own is skipped like a repeat, so the
	// loop draws again; 40 bits make that rare.
	ins, err := tx.PrepareContext(ctx, `INSERT INTO promotion_codes (code, promotion_id, created_at)
		SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM promotions WHERE code = ?1)
		ON CONFLICT (code) DO NOTHING`)
	if err != nil {
		return err
	}
	defer ins.Close()
	now := s.Now().Unix()
	for made, tries := 0, 0; made < n; tries++ {
		if tries > 2*n+100 {
			return fmt.Errorf("generate codes: too many collisions")
		}
		res, err := ins.ExecContext(ctx, prefix+randomCode(generatedCodeLen), id, now)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 1 {
			made++
		}
	}
	return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionPromotionCodes, Entity: EntityPromotion,
		EntityID: strconv.FormatInt(id, 10), After: map[string]any{"count": n, "prefix": prefix}})
}

// randomCode is n random characters of orderNumberAlphabet.
func randomCode(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = orderNumberAlphabet[int(b[i])%len(orderNumberAlphabet)]
	}
	return string(b)
}

// PromotionCode is one generated code and the order that used it.
type PromotionCode struct {
	Code        string
	Used        bool
	OrderNumber string // "" while unused
}

// PromotionCodes lists a coupon's generated codes, in code order, for the
// admin's CSV download.
func (s *Store) PromotionCodes(ctx context.Context, id int64) ([]PromotionCode, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT c.code, c.order_id IS NOT NULL, coalesce(o.number, '')
		FROM promotion_codes c LEFT JOIN orders o ON o.id = c.order_id
		WHERE c.promotion_id = ? ORDER BY c.code`, id)
	if err != nil {
		return nil, fmt.Errorf("promotion %d codes: %w", id, err)
	}
	defer rows.Close()
	var out []PromotionCode
	for rows.Next() {
		var c PromotionCode
		if err := rows.Scan(&c.Code, &c.Used, &c.OrderNumber); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// PromotionStats is what a promotion has done, cancelled orders left out.
type PromotionStats struct {
	Uses      int64 // the usage count: orders, or units for a flash sale
	Orders    int64
	Revenue   int64 // the total of those orders
	Discount  int64 // what the promotion took off them
	Codes     int64 // generated codes
	CodesUsed int64
}

// PromotionStats adds up promotion id's orders: those it discounted (an
// order_discounts row) or that used it (a promotion_uses row, as a gift or
// free shipping does).
func (s *Store) PromotionStats(ctx context.Context, id int64) (PromotionStats, error) {
	var st PromotionStats
	err := s.read.QueryRowContext(ctx, `
		WITH used AS (
			SELECT order_id FROM order_discounts WHERE promotion_id = ?1
			UNION SELECT order_id FROM promotion_uses WHERE promotion_id = ?1)
		SELECT (SELECT usage_count FROM promotions WHERE id = ?1),
			count(o.id), coalesce(sum(o.total), 0),
			(SELECT coalesce(sum(d.amount), 0) FROM order_discounts d JOIN orders o2 ON o2.id = d.order_id
				WHERE d.promotion_id = ?1 AND o2.status <> ?2),
			(SELECT count(*) FROM promotion_codes WHERE promotion_id = ?1),
			(SELECT count(*) FROM promotion_codes WHERE promotion_id = ?1 AND order_id IS NOT NULL)
		FROM used JOIN orders o ON o.id = used.order_id AND o.status <> ?2`, id, OrderCancelled).Scan(
		&st.Uses, &st.Orders, &st.Revenue, &st.Discount, &st.Codes, &st.CodesUsed)
	if err != nil {
		return st, fmt.Errorf("promotion %d stats: %w", id, err)
	}
	return st, nil
}
