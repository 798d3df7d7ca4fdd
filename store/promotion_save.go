package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"storefront/store/pricing"
)

// Audited promotion actions and their entity.
const (
	ActionPromotionCreate    = "promotion.create"
	ActionPromotionUpdate    = "promotion.update"
	ActionPromotionActive    = "promotion.active"
	ActionPromotionDuplicate = "promotion.duplicate"
	ActionPromotionArchive   = "promotion.archive"
	ActionPromotionCodes     = "promotion.codes"
)

// Limits on what the promotion form may save.
const (
	MaxPromotionNameLen = 200
	MaxCouponCodeLen    = 40
	MaxPromotionSteps   = 10
	MaxGeneratedCodes   = 10000
	maxCodePrefixLen    = 20
	maxPromotionTargets = 500
	maxPromotionCount   = 1_000_000_000 // limits, quantities: anything above is a typo
	// maxPromotionAmount bounds every amount, in minor units ($10,000,000.00,
	// ¥1,000,000,000): the typo bound of counts and stock, for money.
	maxPromotionAmount = 1_000_000_000
)

// PromotionInput is the admin's promotion form as the merchant typed it:
// amounts as decimals ("10" percent, "50.00" money), times in the shop's
// time zone, products and collections by handle, variants by SKU. The
// store reads it (compilePromotion) into the engine's rules, with a
// message per field for whatever it cannot accept.
type PromotionInput struct {
	Name Text
	Kind string // PromoCoupon or PromoAutomatic; fixed once created
	Code string
	Type string // one of PromotionTypes (CouponTypes for a coupon)
	// Value is a percentage for percent and a percentage flash sale, money
	// for fixed and a flash sale at a set price (Price).
	Value  string
	Price  bool
	Ladder []StepInput // Min and Value, both money
	Flash  []StepInput // At (a time) and Value, read as Value is
	// Targets: handles and tags separated by commas or spaces, SKUs for
	// variants. A bundle's items are its Products.
	Products, Collections, Variants, Tags            string
	ExcludeProducts, ExcludeCollections, ExcludeTags string
	Buy, Get, GetPercent                             string // buy X get Y; GetPercent is a percentage off each free item
	GiftVariant                                      string // a variant's SKU or id
	BundlePrice                                      string
	MinSubtotal, MinQuantity                         string
	FirstOrderOnly                                   bool
	Tier                                             string
	CombinesPromotions, CombinesCoupons, SaleItems   bool
	// Starts and Ends are "2006-01-02" or "2006-01-02 15:04[:05]" (a T
	// instead of the space too): a date alone starts at 00:00:00 and ends
	// at 23:59:59.
	Starts, Ends              string
	UsageLimit, CustomerLimit string
	// CreateToken is the new form's one-time token (NewCreateToken).
	CreateToken string
}

// StepInput is one row of a ladder (spend Min, get Value off) or of a flash
// sale (from At, Value).
type StepInput struct {
	At, Min, Value string
}

// ErrPromotionArchived means a change to an archived promotion, which is
// kept as it ran. It is an ErrConflict.
var ErrPromotionArchived = fmt.Errorf("promotion is archived: %w", ErrConflict)

// promotionCompiler reads a PromotionInput with what reading it needs.
type promotionCompiler struct {
	ctx  context.Context
	s    *Store
	exp  int
	loc  *time.Location
	errs *ValidationError
}

// tier is the live tier a promotion is for, named as staff typed it, in
// any case and any of its languages (the membership page shows the admin's
// language), as the tier's own name: promotions find their tier by that,
// and one for no tier applies to nobody without a word. A name two tiers
// answer to (saved before names were unique in every language) is
// refused: either guess would give the discount to the wrong members.
func (c *promotionCompiler) tier(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	tiers, err := readTiers(c.ctx, c.s.query)
	if err != nil {
		return "", fmt.Errorf("promotion tier: %w", err)
	}
	var found []Tier
	for _, t := range tiers {
		if t.named(name) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 0:
		c.errs.Add("tier", "admin.promotions.error.tier_unknown")
		return name, nil
	case 1:
		return found[0].Name.Default, nil
	}
	c.errs.Add("tier", "admin.tiers.error.name_ambiguous")
	return name, nil
}

// compilePromotion checks in and turns it into the promotion to store.
func (s *Store) compilePromotion(ctx context.Context, in PromotionInput) (Promotion, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return Promotion{}, err
	}
	c := &promotionCompiler{ctx: ctx, s: s, exp: Currencies[st.Currency], loc: st.Location(), errs: &ValidationError{}}
	if _, ok := Currencies[st.Currency]; !ok {
		c.exp = 2
	}
	p, err := c.compile(in)
	if err != nil {
		return p, err
	}
	return p, c.errs.Err()
}

func (c *promotionCompiler) compile(in PromotionInput) (Promotion, error) {
	var p Promotion
	p.Name = Text{Default: TrimText(in.Name.Default), Tr: in.Name.Tr}
	switch n := utf8.RuneCountInString(p.Name.Default); {
	case n == 0:
		c.errs.Add("name", "error.required")
	case n > MaxPromotionNameLen:
		c.errs.Add("name", "error.too_long")
	}
	for l, v := range p.Name.Tr {
		if utf8.RuneCountInString(v) > MaxPromotionNameLen {
			c.errs.Add("name_"+l, "error.too_long")
		}
	}
	p.Kind, p.Type, p.Code = in.Kind, in.Type, NormalizeCode(in.Code)
	p.Coupon = p.Kind == PromoCoupon
	c.kindAndCode(&p)
	p.MinSubtotal = c.money("min_subtotal", in.MinSubtotal, false)
	p.MinQuantity = c.count("min_quantity", in.MinQuantity)
	p.Limit = c.count("usage_limit", in.UsageLimit)
	p.CustomerLimit = c.count("per_customer_limit", in.CustomerLimit)
	p.FirstOrderOnly, p.Tier = in.FirstOrderOnly, strings.TrimSpace(in.Tier)
	tier, err := c.tier(p.Tier)
	if err != nil {
		return p, err
	}
	p.Tier = tier
	p.CombinesPromotions, p.CombinesCoupons, p.SaleItems = in.CombinesPromotions, in.CombinesCoupons, in.SaleItems
	p.StartsAt = c.time("starts", in.Starts, false)
	p.EndsAt = c.time("ends", in.Ends, true)
	if !p.StartsAt.IsZero() && !p.EndsAt.IsZero() && !p.EndsAt.After(p.StartsAt) {
		c.errs.Add("ends", "admin.promotions.error.ends_before")
	}
	if err := c.targets(&p, in); err != nil {
		return p, err
	}
	if err := c.details(&p, in); err != nil {
		return p, err
	}
	return p, nil
}

// kindAndCode checks the kind, the type it allows and the code's shape;
// whether the code is taken is checked when it is written.
func (c *promotionCompiler) kindAndCode(p *Promotion) {
	switch p.Kind {
	case PromoCoupon:
		if !slices.Contains(CouponTypes, p.Type) {
			c.errs.Add("type", "admin.promotions.error.coupon_type")
		}
	case PromoAutomatic:
		if !slices.Contains(PromotionTypes, p.Type) {
			c.errs.Add("type", "admin.promotions.error.type")
		}
		if p.Code != "" {
			c.errs.Add("code", "admin.promotions.error.code_automatic")
		}
	default:
		c.errs.Add("kind", "admin.promotions.error.kind")
	}
	if len(p.Code) > MaxCouponCodeLen || !validCode(p.Code) {
		c.errs.Add("code", "admin.promotions.error.code_chars")
	}
}

// validCode reports whether code holds only what a shopper can type
// unambiguously: letters, digits, '-' and '_'.
func validCode(code string) bool {
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// details reads what the promotion's type needs and refuses what another
// type's fields would leave behind unread.
func (c *promotionCompiler) details(p *Promotion, in PromotionInput) error {
	switch p.Type {
	case pricing.TypePercent:
		p.Value = c.percent("value", in.Value, true)
	case pricing.TypeFixed:
		if p.Value = c.money("value", in.Value, true); p.Value == 0 {
			c.errs.Add("value", "admin.promotions.error.value")
		}
	case pricing.TypeLadder:
		p.Steps = c.ladder(in.Ladder)
	case pricing.TypeBXGY:
		p.Buy, p.Get = c.atLeastOne("buy", in.Buy), c.atLeastOne("get", in.Get)
		p.GetPercent = c.percent("get_percent", in.GetPercent, true)
	case pricing.TypeGift:
		return c.gift(p, strings.TrimSpace(in.GiftVariant))
	case pricing.TypeBundle:
		return c.bundle(p, in)
	case pricing.TypeFlash:
		return c.flash(p, in)
	}
	return nil
}

// ladder reads the steps typed (blank rows skipped): at least one, each
// spend higher than the one before, none taking off more than its spend.
func (c *promotionCompiler) ladder(rows []StepInput) []pricing.Step {
	var steps []pricing.Step
	for i, r := range rows {
		if strings.TrimSpace(r.Min) == "" && strings.TrimSpace(r.Value) == "" {
			continue
		}
		field := "ladder_" + strconv.Itoa(i)
		st := pricing.Step{Min: c.money(field, r.Min, true), Value: c.money(field, r.Value, true)}
		switch {
		case st.Min == 0 || st.Value == 0:
			c.errs.Add(field, "admin.promotions.error.step")
		case st.Value > st.Min:
			c.errs.Add(field, "admin.promotions.error.step_exceeds")
		case len(steps) > 0 && st.Min <= steps[len(steps)-1].Min:
			c.errs.Add(field, "admin.promotions.error.step_order")
		}
		steps = append(steps, st)
	}
	if len(steps) == 0 {
		c.errs.Add("ladder", "admin.promotions.error.steps")
	} else if len(steps) > MaxPromotionSteps {
		c.errs.Add("ladder", "admin.promotions.error.too_many_steps")
	}
	return steps
}

// flash reads a flash sale: a start and an end, the price (or percentage)
// from the start and, optionally, later steps after the start and before
// the end. The steps stored begin with the start, as the engine expects.
func (c *promotionCompiler) flash(p *Promotion, in PromotionInput) error {
	p.Price = in.Price
	var top int64
	if p.Price {
		var err error
		if top, err = c.coveredTop(p); err != nil {
			return err
		}
	}
	p.Value = c.flashValue("value", in.Value, p.Price, top)
	// A member price (a flash sale for a tier) may run without an end.
	if p.StartsAt.IsZero() && p.Tier == "" {
		c.errs.Add("starts", "admin.promotions.error.flash_dates")
	}
	if p.EndsAt.IsZero() && p.Tier == "" {
		c.errs.Add("ends", "admin.promotions.error.flash_dates")
	}
	var steps []pricing.Step
	for i, r := range in.Flash {
		if strings.TrimSpace(r.At) == "" && strings.TrimSpace(r.Value) == "" {
			continue
		}
		field := "flash_" + strconv.Itoa(i)
		st := pricing.Step{Value: c.flashValue(field, r.Value, p.Price, top)}
		if at := c.time(field, r.At, false); !at.IsZero() {
			st.At = at.Unix()
		}
		switch {
		case st.At == 0:
			c.errs.Add(field, "admin.promotions.error.time")
		case !p.StartsAt.IsZero() && (st.At <= p.StartsAt.Unix() || !p.EndsAt.IsZero() && st.At >= p.EndsAt.Unix()):
			c.errs.Add(field, "admin.promotions.error.step_outside")
		case len(steps) > 0 && st.At <= steps[len(steps)-1].At:
			c.errs.Add(field, "admin.promotions.error.step_order")
		}
		steps = append(steps, st)
	}
	if len(steps) > MaxPromotionSteps {
		c.errs.Add("flash", "admin.promotions.error.too_many_steps")
	}
	if len(steps) > 0 && !p.StartsAt.IsZero() {
		steps = append([]pricing.Step{{At: p.StartsAt.Unix(), Value: p.Value}}, steps...)
	}
	p.Steps = steps
	return nil
}

// flashValue is a flash sale's price (money above zero and, when top is
// known, below it) or its percentage off. The engine applies a price only
// to items it makes cheaper, so one at or above top would lower none.
func (c *promotionCompiler) flashValue(field, s string, price bool, top int64) int64 {
	if !price {
		return c.percent(field, s, true)
	}
	v := c.money(field, s, true)
	switch {
	case v == 0:
		c.errs.Add(field, "admin.promotions.error.value")
	case top > 0 && v >= top:
		c.errs.Add(field, "admin.promotions.error.flash_price_high")
	}
	return v
}

// gift reads the gift: a variant by SKU, or by id, of an active product.
// The cart gives only what is on sale, so a draft's or an archived
// product's variant would be promised and never given. One out of stock
// is taken: stock may come, and the promotion's page says it is out.
func (c *promotionCompiler) gift(p *Promotion, ref string) error {
	if ref == "" {
		c.errs.Add("gift_variant", "error.required")
		return nil
	}
	var status string
	var sellsTier bool
	err := c.s.queryRow(c.ctx, `SELECT v.id, pr.status,
			EXISTS (SELECT 1 FROM member_tiers t WHERE t.sold_variant_id = v.id AND t.deleted_at IS NULL)
		FROM variants v JOIN products pr ON pr.id = v.product_id
		WHERE v.id = coalesce((SELECT id FROM variants WHERE sku = ?1 AND sku <> ''),
			(SELECT id FROM variants WHERE CAST(id AS TEXT) = ?1))`, ref).Scan(&p.GiftVariant, &status, &sellsTier)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		c.errs.Add("gift_variant", "admin.promotions.error.unknown_variant")
	case err != nil:
		return fmt.Errorf("promotion gift: %w", err)
	case status != StatusActive:
		c.errs.Add("gift_variant", "admin.promotions.error.gift_not_active")
	case sellsTier:
		// A gift grants no tier (paidTierMonths), nor can a tier be sold
		// by a gifted variant (sellTier).
		c.errs.Add("gift_variant", "admin.promotions.error.gift_sells_tier")
	}
	return nil
}

// bundle reads a bundle: two products or more, and a price below what one
// of each costs together at the cheapest variant of each. The engine
// takes off the set's price above the bundle's, so at or above that sum
// some choices of variants would save nothing, and at or above the
// dearest all would: a bundle that works whatever size or colour the
// shopper picks is what the merchant means. Regular prices: a flash
// sale comes and goes.
func (c *promotionCompiler) bundle(p *Promotion, in PromotionInput) error {
	if len(p.Products) < 2 {
		c.errs.Add("products", "admin.promotions.error.bundle_products")
	}
	if p.BundlePrice = c.money("bundle_price", in.BundlePrice, true); p.BundlePrice == 0 {
		c.errs.Add("bundle_price", "admin.promotions.error.value")
	}
	if _, bad := c.errs.Fields["products"]; bad || len(p.Products) < 2 || p.BundlePrice == 0 {
		return nil
	}
	list, args := inList(p.Products)
	var total int64
	if err := c.s.queryRow(c.ctx, `SELECT coalesce(sum(cheapest), 0) FROM (SELECT min(price) AS cheapest FROM variants
		WHERE product_id IN `+list+` GROUP BY product_id)`, args...).Scan(&total); err != nil {
		return fmt.Errorf("bundle total: %w", err)
	}
	if p.BundlePrice >= total {
		c.errs.Add("bundle_price", "admin.promotions.error.bundle_price_high")
		c.errs.AddArgs("bundle_price", FormatDecimal(total, c.exp))
	}
	return nil
}

// percent reads a percentage ("10", "12.5") as basis points, 0.01 % to 100 %.
func (c *promotionCompiler) percent(field, s string, required bool) int64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if s == "" {
		if required {
			c.errs.Add(field, "error.required")
		}
		return 0
	}
	bp, err := ParseMoney(s, 2)
	if err != nil || bp < 1 || bp > 10000 {
		c.errs.Add(field, "admin.promotions.error.percent")
		return 0
	}
	return bp
}

// money reads an amount in the shop's currency; blank is 0 unless required.
func (c *promotionCompiler) money(field, s string, required bool) int64 {
	if strings.TrimSpace(s) == "" {
		if required {
			c.errs.Add(field, "error.required")
		}
		return 0
	}
	v, err := ParseMoney(s, c.exp)
	if err != nil {
		c.errs.Add(field, AmountMessage("admin.promotions.error.money", c.exp))
		return 0
	}
	if v > maxPromotionAmount {
		c.errs.Add(field, "admin.promotions.error.money_too_large")
		return 0
	}
	return v
}

// count reads a whole number; blank is 0 (no limit, no minimum).
func (c *promotionCompiler) count(field, s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > maxPromotionCount {
		c.errs.Add(field, "admin.promotions.error.count")
		return 0
	}
	return n
}

// atLeastOne reads a required whole number of 1 or more.
func (c *promotionCompiler) atLeastOne(field, s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 1 || n > maxPromotionCount {
		c.errs.Add(field, "admin.promotions.error.buy")
		return 0
	}
	return n
}

// promotionTimeLayouts are what the time fields accept; the first is
// what the form shows.
var promotionTimeLayouts = []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05"}

// time reads a time in the shop's time zone. A date alone is the start
// of that day, or its last second when end is set: what a merchant means
// by "until 31 May".
func (c *promotionCompiler) time(field, s string, end bool) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if d, err := time.ParseInLocation("2006-01-02", s, c.loc); err == nil {
		if end {
			return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, c.loc)
		}
		return d
	}
	for _, layout := range promotionTimeLayouts {
		if t, err := time.ParseInLocation(layout, s, c.loc); err == nil {
			return t
		}
	}
	c.errs.Add(field, "admin.promotions.error.time")
	return time.Time{}
}

// FormatPromotionTime writes a time as the form's fields take it, in loc.
func FormatPromotionTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	if t.Second() != 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format(promotionTimeLayouts[0])
}

// promotionAudit is what the audit log keeps of a promotion.
func promotionAudit(p Promotion) map[string]any {
	rules, _ := json.Marshal(p.Rules)
	return map[string]any{"name": p.Name.Default, "kind": p.Kind, "code": p.Code, "type": p.Type, "value": p.Value,
		"rules": string(rules), "min_subtotal": p.MinSubtotal, "starts_at": unixOrNil(p.StartsAt),
		"ends_at": unixOrNil(p.EndsAt), "usage_limit": p.Limit, "per_customer_limit": p.CustomerLimit}
}

// unixOrNil is t in unix seconds, or NULL for an open end.
func unixOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

// nullIfZero is n, or NULL for "no limit".
func nullIfZero(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// codeTaken reports whether code is some other promotion's, or a
// generated code: codes are unique across both.
func codeTaken(ctx context.Context, tx *sql.Tx, code string, self int64) (bool, error) {
	if code == "" {
		return false, nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM promotions WHERE code = ?1 AND id <> ?2)
		+ (SELECT count(*) FROM promotion_codes WHERE code = ?1)`, code, self).Scan(&n)
	return n > 0, err
}

var errCodeTaken = &ValidationError{Fields: map[string]string{"code": "admin.promotions.error.code_taken"}}

// CreatePromotion adds a promotion from the admin form and audits it. It
// starts active: a schedule, not a switch, says when it runs.
func (s *Store) CreatePromotion(ctx context.Context, actor Actor, in PromotionInput) (int64, error) {
	p, err := s.compilePromotion(ctx, in)
	if err != nil {
		return 0, err
	}
	rules, err := json.Marshal(p.Rules)
	if err != nil {
		return 0, err
	}
	var id int64
	now := s.Now().Unix()
	err = s.tx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.createOnce(ctx, tx, EntityPromotion, in.CreateToken, func() (int64, error) {
			if taken, err := codeTaken(ctx, tx, p.Code, 0); err != nil || taken {
				return 0, cmpErr(err, errCodeTaken)
			}
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO promotions (name, kind, code, type, value, rules, min_subtotal,
				min_quantity, first_order_only, tier, combines_promotions, combines_coupons, sale_items, starts_at, ends_at,
				usage_limit, per_customer_limit, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				p.Name.Default, p.Kind, p.Code, p.Type, p.Value, string(rules), p.MinSubtotal, p.MinQuantity,
				p.FirstOrderOnly, p.Tier, p.CombinesPromotions, p.CombinesCoupons, p.SaleItems, unixOrNil(p.StartsAt),
				unixOrNil(p.EndsAt), nullIfZero(p.Limit), nullIfZero(p.CustomerLimit), now, now).Scan(&id)
			if isUnique(err) {
				return 0, errCodeTaken
			}
			if err != nil {
				return 0, err
			}
			if err := saveTranslations(ctx, tx, EntityPromotion, id, map[string]Text{FieldName: p.Name}); err != nil {
				return 0, err
			}
			after, err := withTranslations(ctx, tx, EntityPromotion, id, promotionAudit(p))
			if err != nil {
				return 0, err
			}
			return id, s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionPromotionCreate, Entity: EntityPromotion,
				EntityID: strconv.FormatInt(id, 10), After: after})
		})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create promotion: %w", err)
	}
	s.promotionsChanged()
	return id, nil
}

// cmpErr is err, or else alt: a failed check's error before the refusal it
// would have led to.
func cmpErr(err error, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// UpdatePromotion saves the form over promotion id if it is still at
// version (ErrConflict otherwise, nothing written). Its kind stays what it
// was created as, and a limit below the uses already taken is refused.
func (s *Store) UpdatePromotion(ctx context.Context, actor Actor, id, version int64, in PromotionInput) error {
	before, err := s.PromotionByID(ctx, id)
	if err != nil {
		return err
	}
	if before.Archived {
		return ErrPromotionArchived
	}
	in.Kind = before.Kind
	p, err := s.compilePromotion(ctx, in)
	if err != nil {
		return err
	}
	rules, err := json.Marshal(p.Rules)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if taken, err := codeTaken(ctx, tx, p.Code, id); err != nil || taken {
			return cmpErr(err, errCodeTaken)
		}
		var used int64
		var archived bool
		if err := tx.QueryRowContext(ctx, `SELECT usage_count, archived FROM promotions WHERE id = ?`, id).Scan(&used, &archived); err != nil {
			return err
		}
		// Archived since it was read above: say so, not that someone saved.
		if archived {
			return ErrPromotionArchived
		}
		if p.Limit > 0 && p.Limit < used {
			return &ValidationError{Fields: map[string]string{"usage_limit": "admin.promotions.error.limit_below_used"}}
		}
		audited, err := withTranslations(ctx, tx, EntityPromotion, id, promotionAudit(*before))
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE promotions SET name = ?, code = ?, type = ?, value = ?, rules = ?,
			min_subtotal = ?, min_quantity = ?, first_order_only = ?, tier = ?, combines_promotions = ?,
			combines_coupons = ?, sale_items = ?, starts_at = ?, ends_at = ?, usage_limit = ?, per_customer_limit = ?,
			updated_at = ?, version = version + 1
			WHERE id = ? AND version = ? AND archived = 0`,
			p.Name.Default, p.Code, p.Type, p.Value, string(rules), p.MinSubtotal, p.MinQuantity, p.FirstOrderOnly,
			p.Tier, p.CombinesPromotions, p.CombinesCoupons, p.SaleItems, unixOrNil(p.StartsAt), unixOrNil(p.EndsAt),
			nullIfZero(p.Limit), nullIfZero(p.CustomerLimit), s.Now().Unix(), id, version)
		if isUnique(err) {
			return errCodeTaken
		}
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrConflict
		}
		// A form without translation fields (a shop in one language) leaves them alone.
		if p.Name.Tr != nil {
			if err := saveTranslations(ctx, tx, EntityPromotion, id, map[string]Text{FieldName: p.Name}); err != nil {
				return err
			}
		}
		after, err := withTranslations(ctx, tx, EntityPromotion, id, promotionAudit(p))
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionPromotionUpdate, Entity: EntityPromotion,
			EntityID: strconv.FormatInt(id, 10), Before: audited, After: after})
	})
	if err != nil {
		return fmt.Errorf("update promotion %d: %w", id, err)
	}
	s.promotionsChanged()
	return nil
}

// PromotionByID returns any promotion (archived ones too) with its name
// in every language and its state as of now.
func (s *Store) PromotionByID(ctx context.Context, id int64) (*Promotion, error) {
	rows, err := s.query(ctx, `SELECT `+promotionColumns+` FROM promotions p WHERE p.id = ?2`, s.Now().Unix(), id)
	if err != nil {
		return nil, fmt.Errorf("promotion %d: %w", id, err)
	}
	ps, err := scanPromotions(rows)
	if err != nil {
		return nil, fmt.Errorf("promotion %d: %w", id, err)
	}
	if len(ps) == 0 {
		return nil, ErrNotFound
	}
	if err := namePromotions(ctx, s.query, ps); err != nil {
		return nil, err
	}
	return &ps[0], nil
}
