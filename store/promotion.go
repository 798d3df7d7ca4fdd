package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Promotion kinds: a coupon applies when its code is entered, an automatic
// promotion (a flash sale) by itself.
const (
	PromoCoupon    = "coupon"
	PromoAutomatic = "automatic"
)

// Discount types: Value is basis points of the subtotal (1000 = 10%) or an
// amount in minor units.
const (
	DiscountPercent = "percent"
	DiscountFixed   = "fixed"
)

// Promotion states, computed from the flags and the store's clock. The
// first that holds wins, in this order: a paused promotion is "disabled"
// even after it has ended.
const (
	PromoStateDisabled  = "disabled"  // switched off by staff
	PromoStateExpired   = "expired"   // its end has passed
	PromoStateUsedUp    = "used_up"   // usage_limit reached
	PromoStateScheduled = "scheduled" // starts later
	PromoStateActive    = "active"    // applies now
)

// PromotionStates lists the states in the order the admin filter offers them.
var PromotionStates = []string{PromoStateActive, PromoStateScheduled, PromoStateExpired, PromoStateUsedUp, PromoStateDisabled}

// Promotion is a coupon or an automatic discount.
type Promotion struct {
	ID               int64
	Name             string
	Kind             string // PromoCoupon or PromoAutomatic
	Code             string // upper-case; "" for automatic promotions
	DiscountType     string // DiscountPercent or DiscountFixed
	Value            int64  // basis points or minor units, by DiscountType
	MinSubtotal      int64  // minor units; 0 for none
	FirstOrderOnly   bool
	StartsAt         time.Time // zero: from the start
	EndsAt           time.Time // zero: open-ended
	UsageLimit       int64     // 0: no limit
	UsageCount       int64
	PerCustomerLimit int64 // 0: no limit
	CollectionID     int64 // 0: the whole order
	CollectionTitle  string
	Active           bool
	Version          int64
	CreatedAt        time.Time
	UpdatedAt        time.Time
	State            string // one of the PromoState constants, as of the query
}

// PromotionFilter selects promotions for the admin list; zero fields match
// everything.
type PromotionFilter struct {
	State string // one of PromotionStates; "" or "all" for every one
	Query string // in the name or the code
}

// PromotionPage is one page of the admin's promotion list.
type PromotionPage struct {
	Rows    []Promotion
	Total   int
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p PromotionPage) Pages() int { return pageCount(p.Total, p.PerPage) }

// promotionStateSQL computes a promotion's state as of ?1 (unix seconds),
// in the order documented on the PromoState constants.
const promotionStateSQL = `CASE
	WHEN p.active = 0 THEN 'disabled'
	WHEN p.ends_at IS NOT NULL AND p.ends_at <= ?1 THEN 'expired'
	WHEN p.usage_limit IS NOT NULL AND p.usage_count >= p.usage_limit THEN 'used_up'
	WHEN p.starts_at IS NOT NULL AND p.starts_at > ?1 THEN 'scheduled'
	ELSE 'active' END`

// ListPromotions returns the page of promotions that f selects, newest
// first, each with its state as of the store's clock.
func (s *Store) ListPromotions(ctx context.Context, f PromotionFilter, page, perPage int) (PromotionPage, error) {
	res := PromotionPage{Page: min(max(page, 1), MaxPage), PerPage: perPageOr(perPage, 50)}
	where := []string{"1"}
	args := []any{s.Now().Unix()}
	if f.State != "" && f.State != "all" {
		where, args = append(where, "state = ?"), append(args, f.State)
	}
	if text := strings.TrimSpace(f.Query); text != "" {
		pattern := "%" + likeEscaper.Replace(text) + "%"
		where = append(where, `(name LIKE ? ESCAPE '\' OR code LIKE ? ESCAPE '\')`)
		args = append(args, pattern, strings.ToUpper(pattern))
	}
	from := `FROM (SELECT p.*, ` + promotionStateSQL + ` AS state, coalesce(c.title, '') AS collection_title
		FROM promotions p LEFT JOIN collections c ON c.id = p.collection_id)
		WHERE ` + strings.Join(where, " AND ")
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) `+from, args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("list promotions: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `
		SELECT id, name, kind, code, discount_type, value, min_subtotal, first_order_only, starts_at, ends_at,
			coalesce(usage_limit, 0), usage_count, coalesce(per_customer_limit, 0), coalesce(collection_id, 0),
			collection_title, active, version, created_at, updated_at, state
		`+from+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, res.PerPage, (res.Page-1)*res.PerPage)...)
	if err != nil {
		return res, fmt.Errorf("list promotions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPromotion(rows)
		if err != nil {
			return res, fmt.Errorf("list promotions: %w", err)
		}
		res.Rows = append(res.Rows, p)
	}
	return res, rows.Err()
}

func scanPromotion(row rowScanner) (Promotion, error) {
	var p Promotion
	var starts, ends sql.NullInt64
	var created, updated int64
	err := row.Scan(&p.ID, &p.Name, &p.Kind, &p.Code, &p.DiscountType, &p.Value, &p.MinSubtotal, &p.FirstOrderOnly,
		&starts, &ends, &p.UsageLimit, &p.UsageCount, &p.PerCustomerLimit, &p.CollectionID, &p.CollectionTitle,
		&p.Active, &p.Version, &created, &updated, &p.State)
	p.StartsAt, p.EndsAt = nullTime(starts), nullTime(ends)
	p.CreatedAt, p.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
	return p, err
}
