package webtest

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Promotion is a promotion row as tests write it straight into the
// promotions table (store/migrations/0013_promotion_rules.sql), without
// the admin: the fields a shopper-facing test needs.
type Promotion struct {
	Name        string
	Code        string // "" for an automatic promotion
	Type        string // pricing.Type*: "percent", "fixed", "free_shipping", "ladder", ...
	Value       int64  // basis points for percent, minor units for fixed
	Rules       any    // marshalled to the rules JSON (pricing.Rules); nil for {}
	MinSubtotal int64
	UsageLimit  int64 // 0: no limit
	// CustomerLimit is how many times (or, for a flash sale, units) one
	// shopper may have it; 0: no limit.
	CustomerLimit int64
	StartsAt      time.Time
	EndsAt        time.Time
	Combines      bool // combines with other promotions and with coupons
}

// AddPromotion inserts p and makes the store see it at once (the store
// forgets its live promotions only on its own writes). It returns the id.
func (s *Shop) AddPromotion(p Promotion) int64 {
	t := s.T
	t.Helper()
	rules := []byte("{}")
	if p.Rules != nil {
		var err error
		if rules, err = json.Marshal(p.Rules); err != nil {
			t.Fatal(err)
		}
	}
	kind := "automatic"
	if p.Code != "" {
		kind = "coupon"
	}
	now := s.Clock.Now().Unix()
	var id int64
	err := s.Store.DB().QueryRow(`INSERT INTO promotions (name, kind, code, type, value, rules, min_subtotal,
			combines_promotions, combines_coupons, starts_at, ends_at, usage_limit, per_customer_limit, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.Name, kind, strings.ToUpper(p.Code), p.Type, p.Value, string(rules), p.MinSubtotal,
		p.Combines, p.Combines, unixOrNil(p.StartsAt), unixOrNil(p.EndsAt), positiveOrNil(p.UsageLimit), positiveOrNil(p.CustomerLimit),
		now, now).Scan(&id)
	if err != nil {
		t.Fatalf("add promotion %q: %v", p.Name, err)
	}
	s.Store.PromotionsChanged()
	return id
}

// CartDiscount is the cart page's data-cart-discount, or -1 without one.
func (r Response) CartDiscount(t testing.TB) int64 {
	t.Helper()
	raw, ok := r.Doc(t).Find("[data-cart-discount]").Attr("data-cart-discount")
	if !ok {
		return -1
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		t.Fatalf("data-cart-discount %q is not a whole number", raw)
	}
	return n
}

func unixOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

func positiveOrNil(n int64) any {
	if n <= 0 {
		return nil
	}
	return n
}
