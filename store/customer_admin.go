package store

import (
	"context"
	"fmt"
	"time"
)

// TierChange is one move of a customer's tier, as the admin shows it.
type TierChange struct {
	From, To Text // the tiers' names; From empty for the first
	Spend    int64
	Reason   string // paid, cancelled, refund, ageing, tier_added, tier_deleted
	At       time.Time
	// FromDeleted and ToDeleted mark a tier deleted since: its name is the
	// one it had, in the shop's language only.
	FromDeleted, ToDeleted bool
}

// CustomerAccount is everything the admin shows of an account: who, their
// tier and its history, their points, orders and addresses.
type CustomerAccount struct {
	Customer  *Customer
	Tier      TierStatus
	History   []TierChange
	Points    PointsBalance
	Ledger    []PointsEntry
	Orders    []CustomerOrderSummary
	Addresses []CustomerAddress
	Coupons   []MemberCoupon
	// Notes and Tags are the owner's (store/customer_notes.go).
	Notes string
	Tags  []string
}

// CustomerAccountByID gathers an account for the admin; a deleted or
// unknown one is ErrNotFound.
func (s *Store) CustomerAccountByID(ctx context.Context, id int64) (*CustomerAccount, error) {
	c, err := scanCustomer(s.queryRow(ctx, `SELECT `+customerColumns+` FROM customers WHERE id = ? AND deleted_at IS NULL`, id))
	if err != nil {
		return nil, err
	}
	a := &CustomerAccount{Customer: c}
	tiers, err := s.Tiers(ctx) // for the tier and the live names in its history
	if err != nil {
		return nil, err
	}
	if a.Tier, err = s.customerTier(ctx, tiers, id); err != nil {
		return nil, err
	}
	if a.Points, err = s.PointsBalance(ctx, id); err != nil {
		return nil, err
	}
	if a.Ledger, err = s.PointsLedger(ctx, id, 500); err != nil {
		return nil, err
	}
	if a.Orders, err = s.CustomerOrders(ctx, id); err != nil {
		return nil, err
	}
	if a.Addresses, err = s.CustomerAddresses(ctx, id); err != nil {
		return nil, err
	}
	if a.Coupons, err = s.MemberCoupons(ctx, id); err != nil {
		return nil, err
	}
	if a.Notes, a.Tags, err = customerNotes(ctx, s.query, id); err != nil {
		return nil, err
	}
	names := map[int64]Text{}
	for _, t := range tiers {
		names[t.ID] = t.Name
	}
	rows, err := s.query(ctx, `SELECT coalesce(h.from_tier_id, 0), coalesce(h.to_tier_id, 0), h.spend, h.reason, h.created_at,
			coalesce(f.name, ''), f.deleted_at IS NOT NULL, coalesce(t.name, ''), t.deleted_at IS NOT NULL
		FROM customer_tier_history h LEFT JOIN member_tiers f ON f.id = h.from_tier_id LEFT JOIN member_tiers t ON t.id = h.to_tier_id
		WHERE h.customer_id = ? ORDER BY h.id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("tier history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ch TierChange
		var from, to, at int64
		var fromName, toName string
		if err := rows.Scan(&from, &to, &ch.Spend, &ch.Reason, &at, &fromName, &ch.FromDeleted, &toName, &ch.ToDeleted); err != nil {
			return nil, err
		}
		ch.From, ch.To, ch.At = names[from], names[to], time.Unix(at, 0)
		if ch.FromDeleted {
			ch.From = Text{Default: fromName}
		}
		if ch.ToDeleted {
			ch.To = Text{Default: toName}
		}
		a.History = append(a.History, ch)
	}
	return a, rows.Err()
}
