package store

import (
	"context"
	"fmt"
	"time"
)

// TierChange is one move of a customer's tier, as the admin shows it.
type TierChange struct {
	From, To string // the tiers' names; From "" for the first
	Spend    int64
	Reason   string // paid, cancelled, refund, ageing
	At       time.Time
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
	if a.Tier, err = s.CustomerTier(ctx, id); err != nil {
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
	rows, err := s.query(ctx, `SELECT coalesce(f.name, ''), coalesce(t.name, ''), h.spend, h.reason, h.created_at
		FROM customer_tier_history h LEFT JOIN member_tiers f ON f.id = h.from_tier_id LEFT JOIN member_tiers t ON t.id = h.to_tier_id
		WHERE h.customer_id = ? ORDER BY h.id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("tier history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ch TierChange
		var at int64
		if err := rows.Scan(&ch.From, &ch.To, &ch.Spend, &ch.Reason, &at); err != nil {
			return nil, err
		}
		ch.At = time.Unix(at, 0)
		a.History = append(a.History, ch)
	}
	return a, rows.Err()
}
