package admin

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
)

// rulesPreview says what the points rules do to a 300.00 order, for the
// lowest tier and each tier with another multiplier.
func rulesPreview(ctx context.Context, p MembershipPage) string {
	r := p.Rules
	var parts []string
	for _, t := range p.Tiers {
		parts = append(parts, i18n.T(ctx, "admin.membership.preview.tier", r.Earned(sampleOrder, t.MultiplierBP, p.Exp), t.Name.In(i18n.Locale(ctx))))
	}
	// Each count is a phrase of its own, so that each says "1 day" or
	// "2 days" by itself.
	pending := r.ReturnDays + r.MarginDays
	days := i18n.N(ctx, "admin.membership.preview.days", pending, pending)
	months := i18n.N(ctx, "admin.membership.preview.months", r.ExpiryMonths, r.ExpiryMonths)
	if !r.Redeems() {
		return i18n.T(ctx, "admin.membership.preview_no_paying", i18n.Money(ctx, sampleOrder), i18n.List(ctx, parts), days, months)
	}
	return i18n.T(ctx, "admin.membership.preview", i18n.Money(ctx, sampleOrder), i18n.List(ctx, parts),
		days, i18n.N(ctx, "returns.points_n", r.RedeemPoints, r.RedeemPoints), i18n.Money(ctx, r.RedeemValue), r.MaxPercent, months)
}

// historyTier is a tier's name in a customer's tier history, marked when
// the tier has been deleted since.
func historyTier(ctx context.Context, name store.Text, deleted bool) string {
	if deleted {
		return i18n.T(ctx, "admin.customer.tier_deleted", name.In(i18n.Locale(ctx)))
	}
	return name.In(i18n.Locale(ctx))
}

// tierKey is what a tier's ids and form address say: its id, "new" for
// the form that adds one.
func tierKey(t store.Tier) string {
	if t.ID == 0 {
		return "new"
	}
	return strconv.FormatInt(t.ID, 10)
}

// newTierAnswered reports whether the new tier's form was sent and came
// back: with its messages, or asking to confirm the members it takes.
func newTierAnswered(p MembershipPage) bool {
	_, held := p.Moves[0]
	return held || len(p.Errors[0]) > 0
}

// tierTaken says how many members a new tier takes, and from which tiers.
func tierTaken(ctx context.Context, p MembershipPage, m store.TierMoves) string {
	var parts []string
	total := 0
	for _, f := range m.From {
		total += f.Members
		if i := slices.IndexFunc(p.Tiers, func(t store.Tier) bool { return t.ID == f.TierID }); i >= 0 {
			parts = append(parts, i18n.T(ctx, "admin.membership.moves_from", f.Members, p.Tiers[i].Name.In(i18n.Locale(ctx))))
		}
	}
	return i18n.N(ctx, "admin.membership.moves_into", total, total, i18n.List(ctx, parts))
}

// TierStillSold is the message of a tier's variant that cannot stop
// selling it yet (store.ErrTierStillSold): tierMessage says why.
const TierStillSold = "admin.tiers.error.still_sold"

// tierMessage is a message of t's form; a threshold another tier has
// names that tier, and a variant that still sells t names its product or
// counts the orders waiting to pay for it.
func tierMessage(ctx context.Context, p MembershipPage, t store.Tier, msg string) string {
	if msg == TierStillSold {
		u := p.Uses[t.ID]
		if u.SoldBy != nil {
			return i18n.T(ctx, "admin.tiers.error.still_sold_by", u.SoldBy.Title)
		}
		return i18n.N(ctx, "admin.tiers.error.still_unpaid", u.UnpaidOrders, u.UnpaidOrders)
	}
	if msg != "admin.tiers.error.threshold_taken" {
		return i18n.T(ctx, msg)
	}
	threshold := int64(0) // empty is 0, as the store reads it
	if typed := strings.TrimSpace(p.Forms[t.ID].Threshold); typed != "" {
		n, err := store.ParseMoney(typed, p.Exp)
		if err != nil {
			return i18n.T(ctx, msg)
		}
		threshold = n
	}
	for _, other := range p.Tiers {
		if other.Threshold == threshold && other.ID != t.ID {
			return i18n.T(ctx, "admin.tiers.error.threshold_taken_by", other.Name.In(i18n.Locale(ctx)))
		}
	}
	return i18n.T(ctx, msg)
}
