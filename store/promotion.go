package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"storefront/store/pricing"
)

// Promotion kinds: a coupon applies when its code is entered, an automatic
// promotion by itself.
const (
	PromoCoupon    = "coupon"
	PromoAutomatic = "automatic"
)

// PromotionTypes lists what a promotion can do, in the order the admin
// offers them; CouponTypes those a coupon can do.
var (
	PromotionTypes = []string{pricing.TypePercent, pricing.TypeFixed, pricing.TypeFreeShipping, pricing.TypeLadder,
		pricing.TypeBXGY, pricing.TypeGift, pricing.TypeBundle, pricing.TypeFlash}
	CouponTypes = []string{pricing.TypePercent, pricing.TypeFixed, pricing.TypeFreeShipping, pricing.TypeLadder}
)

// EntityPromotion is the translations table's entity of a promotion's name.
const EntityPromotion = "promotion"

// Promotion states, computed from the flags and the store's clock. The
// first that holds wins, in this order: a paused promotion is "disabled"
// even after it has ended.
const (
	PromoStateArchived  = "archived"  // put away by staff; never applies again
	PromoStateDisabled  = "disabled"  // paused by staff
	PromoStateExpired   = "expired"   // its end has passed
	PromoStateUsedUp    = "used_up"   // usage_limit reached
	PromoStateScheduled = "scheduled" // starts later
	PromoStateActive    = "active"    // applies now
)

// PromotionStates lists the states in the order the admin filter offers them.
var PromotionStates = []string{PromoStateActive, PromoStateScheduled, PromoStateExpired, PromoStateUsedUp,
	PromoStateDisabled, PromoStateArchived}

// Promotion is a coupon or an automatic promotion: the engine's rules
// (pricing.Promotion, whose Label is the name in the language asked for, or
// the coupon's code) and what the admin keeps of it. UsageLimit and
// UsageCount are the embedded Limit and Used.
type Promotion struct {
	pricing.Promotion
	Name      Text
	Kind      string // PromoCoupon or PromoAutomatic
	Code      string // upper-case; "" for automatic promotions and coupons with generated codes only
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
	State     string // one of the PromoState constants, as of the query
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
	WHEN p.archived = 1 THEN 'archived'
	WHEN p.active = 0 THEN 'disabled'
	WHEN p.ends_at IS NOT NULL AND p.ends_at <= ?1 THEN 'expired'
	WHEN p.usage_limit IS NOT NULL AND p.usage_count >= p.usage_limit THEN 'used_up'
	WHEN p.starts_at IS NOT NULL AND p.starts_at > ?1 THEN 'scheduled'
	ELSE 'active' END`

// promotionColumns is what scanPromotion reads, from promotions p with the
// state computed as of ?1.
const promotionColumns = `p.id, p.name, p.kind, p.code, p.type, p.value, p.rules, p.min_subtotal, p.min_quantity,
	p.first_order_only, p.tier, p.combines_promotions, p.combines_coupons, p.sale_items, p.starts_at, p.ends_at,
	coalesce(p.usage_limit, 0), p.usage_count, coalesce(p.per_customer_limit, 0), p.active, p.archived, p.version,
	p.created_at, p.updated_at, ` + promotionStateSQL

// ListPromotions returns the page of promotions that f selects, newest
// first, each with its state as of the store's clock. Archived ones are
// listed only when f asks for them.
func (s *Store) ListPromotions(ctx context.Context, f PromotionFilter, page, perPage int) (PromotionPage, error) {
	res := PromotionPage{Page: min(max(page, 1), MaxPage), PerPage: perPageOr(perPage, 50)}
	where := []string{"1"}
	args := []any{s.Now().Unix()}
	switch {
	case f.State != "" && f.State != "all":
		where, args = append(where, "state = ?"), append(args, f.State)
	default:
		where = append(where, "state <> 'archived'")
	}
	if text := strings.TrimSpace(f.Query); text != "" {
		pattern, err := containsPattern(text)
		if err != nil {
			return res, err
		}
		where = append(where, `(name LIKE ? ESCAPE '\' OR code LIKE ? ESCAPE '\')`)
		args = append(args, pattern, strings.ToUpper(pattern))
	}
	from := `FROM (SELECT p.*, ` + promotionStateSQL + ` AS state FROM promotions p) p
		WHERE ` + strings.Join(where, " AND ")
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) `+from, args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("list promotions: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+promotionColumns+` `+from+
		` ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?`,
		append(args, res.PerPage, (res.Page-1)*res.PerPage)...)
	if err != nil {
		return res, fmt.Errorf("list promotions: %w", err)
	}
	if res.Rows, err = scanPromotions(rows); err != nil {
		return res, fmt.Errorf("list promotions: %w", err)
	}
	return res, namePromotions(ctx, s.query, res.Rows)
}

// scanPromotions reads rows of promotionColumns and closes them.
func scanPromotions(rows *sql.Rows) ([]Promotion, error) {
	defer rows.Close()
	var out []Promotion
	for rows.Next() {
		p, err := scanPromotion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func scanPromotion(row rowScanner) (Promotion, error) {
	var p Promotion
	var starts, ends sql.NullInt64
	var created, updated int64
	var name, rules string
	err := row.Scan(&p.ID, &name, &p.Kind, &p.Code, &p.Type, &p.Value, &rules, &p.MinSubtotal, &p.MinQuantity,
		&p.FirstOrderOnly, &p.Tier, &p.CombinesPromotions, &p.CombinesCoupons, &p.SaleItems, &starts, &ends,
		&p.Limit, &p.Used, &p.CustomerLimit, &p.Active, &p.Archived, &p.Version, &created, &updated, &p.State)
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(rules), &p.Rules); err != nil {
		return p, fmt.Errorf("promotion %d rules: %w", p.ID, err)
	}
	p.Name, p.Label = Plain(name), name
	p.Coupon = p.Kind == PromoCoupon
	p.Active = p.Active && !p.Archived
	p.StartsAt, p.EndsAt = nullTime(starts), nullTime(ends)
	p.CreatedAt, p.UpdatedAt = time.Unix(created, 0), time.Unix(updated, 0)
	return p, nil
}

// namePromotions loads the promotions' names in every language.
func namePromotions(ctx context.Context, query queryFunc, ps []Promotion) error {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	tr, err := loadTexts(ctx, query, EntityPromotion, ids)
	if err != nil {
		return fmt.Errorf("promotion names: %w", err)
	}
	for i := range ps {
		ps[i].Name = tr[ps[i].ID].Text(FieldName, ps[i].Name.Default)
	}
	return nil
}
