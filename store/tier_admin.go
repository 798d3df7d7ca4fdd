package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// What the audit log calls adding and deleting a tier.
const (
	ActionTierCreate = "tier.create"
	ActionTierDelete = "tier.delete"
)

// TierInput is a tier's form as typed: money and percentages as text.
type TierInput struct {
	Name, Perks      Text
	BirthdayMessage  Text
	Threshold        string // money: 12 months' spend
	Multiplier       string // percent: 125 is ×1.25
	Discount         string // percent off for members
	FreeShippingOver string // money; empty for none
	BirthdayCoupon   string // money; empty for none
	EarlyAccess      string // minutes
	SoldSKU          string // the variant that sells the tier; empty for none
	SoldMonths       string
	// Version is the version of the tier the form was opened at: a save
	// over a newer one is refused. 0 is a save from no form, unchecked.
	Version int64
	// ConfirmMoves says the owner was told how many members the save moves
	// to another tier (TierMoves) and goes ahead. MovesSeen is what they
	// were told (TierMoves.Seen): moves counted otherwise by the time the
	// answer comes ask again. Empty, for a save from no form, is unchecked.
	ConfirmMoves bool
	MovesSeen    string
}

// TierMoves is a tier's save (or addition) held back, nothing written,
// because its threshold would move members at once: Down of them to a
// lower tier (and its perks), Up to a higher one. Saved again with
// ConfirmMoves, it goes ahead.
type TierMoves struct {
	Down, Up int
	// From is, for a tier being added, how many members it takes from each
	// tier (customers in none yet count in the lowest), lowest tier first.
	From []TierTaken
}

// TierTaken is how many members a new tier takes from tier TierID.
type TierTaken struct {
	TierID  int64
	Members int
}

func (m *TierMoves) Error() string {
	return fmt.Sprintf("tier save moves %d members down and %d up: unconfirmed", m.Down, m.Up)
}

// Seen is the moves as a form carries them back (TierInput.MovesSeen).
func (m TierMoves) Seen() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d,%d", m.Down, m.Up)
	for _, f := range m.From {
		fmt.Fprintf(&b, ";%d:%d", f.TierID, f.Members)
	}
	return b.String()
}

// tierValues is a tier's form once checked: what member_tiers stores.
type tierValues struct {
	name                                        string
	threshold, multiplier, discount             int64
	freeOver, birthday, earlyAccess, soldMonths int64
}

// checkTier checks a tier's form, as typed, for a tier new or stored: a
// name, and amounts, percentages and counts in range.
func (s *Store) checkTier(ctx context.Context, in TierInput) (tierValues, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return tierValues{}, err
	}
	exp, ok := Currencies[st.Currency]
	if !ok {
		exp = 2
	}
	v := &ValidationError{}
	name := TrimText(in.Name.Default)
	switch {
	case name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(name) > 60:
		v.Add("name", "error.too_long")
	}
	if utf8.RuneCountInString(in.BirthdayMessage.Default) > 500 {
		v.Add("birthday_message", "error.too_long")
	}
	money := func(field, s string) int64 {
		if strings.TrimSpace(s) == "" {
			return 0
		}
		n, err := ParseMoney(s, exp)
		if err != nil || n < 0 {
			v.Add(field, AmountMessage("admin.promotions.error.money", exp))
		}
		return n
	}
	percent := func(field, s string, max int64) int64 {
		n, err := ParseMoney(strings.TrimSuffix(strings.TrimSpace(s), "%"), 2)
		if strings.TrimSpace(s) == "" {
			n, err = 0, nil
		}
		if err != nil || n < 0 || n > max {
			v.Add(field, "error.out_of_range")
		}
		return n
	}
	count := func(field, s string, def, max int64) int64 {
		if strings.TrimSpace(s) == "" {
			return def
		}
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || n < 0 || n > max {
			v.Add(field, "error.out_of_range")
		}
		return n
	}
	t := tierValues{name: name, threshold: money("threshold", in.Threshold),
		multiplier: percent("multiplier", in.Multiplier, 100000), discount: percent("discount", in.Discount, 10000),
		freeOver: money("free_shipping_over", in.FreeShippingOver), birthday: money("birthday_coupon", in.BirthdayCoupon),
		earlyAccess: count("early_access", in.EarlyAccess, 0, 7*24*60), soldMonths: count("sold_months", in.SoldMonths, 12, 120)}
	if strings.TrimSpace(in.Multiplier) == "" {
		t.multiplier = 10000
	}
	if t.soldMonths < 1 {
		v.Add("sold_months", "error.out_of_range")
	}
	return t, v.Err()
}

// errThresholdTaken is the form's answer to a threshold another live tier
// starts at (member_tiers_threshold_idx).
var errThresholdTaken = &ValidationError{Fields: map[string]string{"threshold": "admin.tiers.error.threshold_taken"}}

// SaveTier checks and saves a tier's form: its texts in every language,
// threshold (unique; the lowest tier's is 0), perks (run as the tier's
// promotions) and how it is sold. A new threshold counts at once, as a
// new tier does: customers move, each with a history row, once the owner
// confirms it (*TierMoves until then). A tier saved since in.Version is
// ErrConflict, with nothing written.
func (s *Store) SaveTier(ctx context.Context, actor Actor, id int64, in TierInput) error {
	t, err := s.checkTier(ctx, in)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		tiers, err := readTiers(ctx, tx.QueryContext)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(tiers, func(t Tier) bool { return t.ID == id })
		if i < 0 {
			return ErrNotFound
		}
		before, version := tiers[i], tiers[i].Version
		// Stale before anything else: the form's other problems are moot
		// until its author sees what was saved meanwhile.
		if in.Version != 0 && in.Version != version {
			return fmt.Errorf("tier %d changed since version %d: %w", id, in.Version, ErrConflict)
		}
		if i == 0 && t.threshold != 0 {
			return &ValidationError{Fields: map[string]string{"threshold": "admin.tiers.error.lowest"}}
		}
		if err := nameTier(ctx, tx, tiers, id, before.Name.Default, Text{Default: t.name, Tr: in.Name.Tr}); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE member_tiers SET name = ?, perks = ?, threshold = ?, points_multiplier_bp = ?,
			discount_bp = ?, free_shipping_over = ?, birthday_coupon = ?, birthday_message = ?, early_access_minutes = ?,
			sold_months = ?, updated_at = ?, version = version + 1 WHERE id = ? AND deleted_at IS NULL AND version = ?`,
			t.name, TrimText(in.Perks.Default), t.threshold, t.multiplier, t.discount, nullIfZero(t.freeOver), t.birthday,
			TrimText(in.BirthdayMessage.Default), t.earlyAccess, t.soldMonths, now.Unix(), id, version)
		if isUnique(err) {
			return errThresholdTaken
		}
		if err != nil {
			return fmt.Errorf("save tier: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if err := s.saveTierRest(ctx, tx, actor, id, in, t, now); err != nil {
			return err
		}
		if before.Threshold != t.threshold {
			if err := moveMembers(ctx, tx, now, "tier_changed", 0, in); err != nil {
				return err
			}
		}
		after, err := tierOf(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "tier.save", Entity: EntityTierText, EntityID: fmt.Sprint(id),
			Before: before.audited(), After: after.audited()})
	})
	if err != nil {
		return err
	}
	s.promotionsChanged()
	return nil
}

// CreateTier checks and adds a tier, as SaveTier saves one, and returns
// its id. It counts at once: customers whose spend reaches it move up, as
// the hourly pass would move them, each with a history row, once the
// owner confirms it (*TierMoves, with the tiers it takes them from, until
// then).
func (s *Store) CreateTier(ctx context.Context, actor Actor, in TierInput) (int64, error) {
	t, err := s.checkTier(ctx, in)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		tiers, err := readTiers(ctx, tx.QueryContext)
		if err != nil {
			return err
		}
		if err := nameTier(ctx, tx, tiers, 0, "", Text{Default: t.name, Tr: in.Name.Tr}); err != nil {
			return err
		}
		// The unique index, not a look beforehand, decides between two
		// owners adding the same threshold at once. 0 is the lowest
		// tier's, which always exists.
		err = tx.QueryRowContext(ctx, `INSERT INTO member_tiers (name, perks, threshold, points_multiplier_bp, discount_bp,
			free_shipping_over, birthday_coupon, birthday_message, early_access_minutes, sold_months, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, t.name, TrimText(in.Perks.Default), t.threshold,
			t.multiplier, t.discount, nullIfZero(t.freeOver), t.birthday, TrimText(in.BirthdayMessage.Default), t.earlyAccess,
			t.soldMonths, now.Unix(), now.Unix()).Scan(&id)
		if isUnique(err) {
			return errThresholdTaken
		}
		if err != nil {
			return fmt.Errorf("create tier: %w", err)
		}
		if err := s.saveTierRest(ctx, tx, actor, id, in, t, now); err != nil {
			return err
		}
		if err := moveMembers(ctx, tx, now, "tier_added", id, in); err != nil {
			return err
		}
		made, err := tierOf(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionTierCreate, Entity: EntityTierText, EntityID: fmt.Sprint(id),
			After: made.audited()})
	})
	if err != nil {
		return 0, err
	}
	s.promotionsChanged()
	return id, nil
}

// moveMembers works every member's tier out again after a threshold
// changed or tier added (added, 0 for none), each move recorded with
// reason, and refuses (*TierMoves, to roll back) when that moves anyone
// and the owner has not confirmed these very moves: members would lose a
// discount and points rate, or gain them, without the owner knowing how
// many. Counted here, in the transaction that moves them.
func moveMembers(ctx context.Context, tx *sql.Tx, now time.Time, reason string, added int64, in TierInput) error {
	var mark int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM customer_tier_history`).Scan(&mark); err != nil {
		return fmt.Errorf("move members: %w", err)
	}
	if err := recalcEveryTier(ctx, tx, reason, now); err != nil {
		return err
	}
	if in.ConfirmMoves && in.MovesSeen == "" {
		return nil
	}
	m, err := movesSince(ctx, tx, mark)
	if err != nil {
		return err
	}
	if added != 0 {
		if m.From, err = takenFrom(ctx, tx, mark, added); err != nil {
			return err
		}
	}
	if m.Down+m.Up == 0 || (in.ConfirmMoves && in.MovesSeen == m.Seen()) {
		return nil
	}
	return &m
}

// movesSince counts the history rows after mark: members moved down and
// up, ranked by the thresholds as saved; no tier is the lowest (0).
func movesSince(ctx context.Context, tx *sql.Tx, mark int64) (TierMoves, error) {
	var m TierMoves
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(coalesce(f.threshold, 0) > t.threshold), 0),
			coalesce(sum(coalesce(f.threshold, 0) < t.threshold), 0)
		FROM customer_tier_history h JOIN member_tiers t ON t.id = h.to_tier_id
			LEFT JOIN member_tiers f ON f.id = h.from_tier_id
		WHERE h.id > ?`, mark).Scan(&m.Down, &m.Up); err != nil {
		return m, fmt.Errorf("move members: %w", err)
	}
	return m, nil
}

// takenFrom is how many members moved into tier to, by the tier they
// left, in the history rows after mark.
func takenFrom(ctx context.Context, tx *sql.Tx, mark, to int64) ([]TierTaken, error) {
	rows, err := tx.QueryContext(ctx, `SELECT coalesce(h.from_tier_id,
			(SELECT id FROM member_tiers WHERE deleted_at IS NULL ORDER BY threshold LIMIT 1)) AS tier, count(*)
		FROM customer_tier_history h WHERE h.id > ? AND h.to_tier_id = ?
		GROUP BY tier ORDER BY (SELECT threshold FROM member_tiers WHERE id = tier)`, mark, to)
	if err != nil {
		return nil, fmt.Errorf("members taken: %w", err)
	}
	defer rows.Close()
	var out []TierTaken
	for rows.Next() {
		var t TierTaken
		if err := rows.Scan(&t.TierID, &t.Members); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// nameTier checks that no live tier but id (of tiers, the live ones) is
// called any of name's values, in any language and any case: staff name a
// promotion's tier either way, and shoppers tell tiers apart by name. It
// carries a rename of tier id from was over to the promotions for it:
// promotions find their tier by name, so a renamed tier would silently
// lose them and its delete check stop seeing them.
func nameTier(ctx context.Context, tx *sql.Tx, tiers []Tier, id int64, was string, name Text) error {
	v := &ValidationError{}
	taken := func(field, value string) {
		if value != "" && slices.ContainsFunc(tiers, func(t Tier) bool { return t.ID != id && t.named(value) }) {
			v.Add(field, "admin.tiers.error.name_taken")
		}
	}
	taken("name", name.Default)
	for locale, value := range name.Tr {
		taken("name_"+locale, value)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if was == "" || was == name.Default {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE promotions SET tier = ? WHERE tier = ?`, name.Default, was); err != nil {
		return fmt.Errorf("tier name: %w", err)
	}
	return nil
}

// named reports whether the tier is called name in any of its languages,
// in any case.
func (t Tier) named(name string) bool {
	name = TrimText(name)
	if strings.EqualFold(t.Name.Default, name) {
		return true
	}
	for _, v := range t.Name.Tr {
		if strings.EqualFold(v, name) {
			return true
		}
	}
	return false
}

// tierOf is live tier id as tx sees it.
func tierOf(ctx context.Context, tx *sql.Tx, id int64) (Tier, error) {
	tiers, err := readTiers(ctx, tx.QueryContext)
	if err != nil {
		return Tier{}, err
	}
	i := slices.IndexFunc(tiers, func(t Tier) bool { return t.ID == id })
	if i < 0 {
		return Tier{}, ErrNotFound
	}
	return tiers[i], nil
}

// saveTierRest is what a tier's form saves besides its row: its texts in
// the other languages, its perks' promotions and the variant that sells it.
func (s *Store) saveTierRest(ctx context.Context, tx *sql.Tx, actor Actor, id int64, in TierInput, t tierValues, now time.Time) error {
	if err := saveTranslations(ctx, tx, EntityTierText, id, map[string]Text{"name": in.Name, "perks": in.Perks,
		"birthday_message": in.BirthdayMessage}); err != nil {
		return err
	}
	if err := syncTierPerks(ctx, tx, id, now); err != nil {
		return err
	}
	return sellTier(ctx, tx, actor, id, TrimText(in.SoldSKU), t.soldMonths, s)
}

// audited is what the audit log keeps of a tier: its texts in every
// language (a Chinese name is what Chinese shoppers read), and its
// figures.
func (t Tier) audited() map[string]any {
	a := map[string]any{"threshold": t.Threshold, "multiplier_bp": t.MultiplierBP, "discount_bp": t.DiscountBP,
		"free_shipping_over": t.FreeShippingOver, "birthday_coupon": t.BirthdayCoupon,
		"early_access_minutes": int64(t.EarlyAccess / time.Minute)}
	for field, text := range map[string]Text{"name": t.Name, "perks": t.Perks, "birthday_message": t.BirthdayMessage} {
		a[field] = text.Default
		for locale, value := range text.Tr {
			a[field+"."+locale] = value
		}
	}
	return a
}

// TierSoldSKU is the SKU that sells the tier, "" for none.
func (s *Store) TierSoldSKU(ctx context.Context, id int64) (sku string, months int64, err error) {
	err = s.queryRow(ctx, `SELECT coalesce(v.sku, ''), t.sold_months FROM member_tiers t LEFT JOIN variants v ON v.id = t.sold_variant_id
		WHERE t.id = ?`, id).Scan(&sku, &months)
	return sku, months, err
}
