package admin

import (
	"context"
	"strings"

	"storefront/i18n"
)

// rulesPreview says what the points rules do to a 300.00 order, for the
// lowest tier and each tier with another multiplier.
func rulesPreview(ctx context.Context, p MembershipPage) string {
	r := p.Rules
	var parts []string
	for _, t := range p.Tiers {
		parts = append(parts, i18n.T(ctx, "admin.membership.preview.tier", r.Earned(sampleOrder, t.MultiplierBP, p.Exp), t.Name.In(i18n.Locale(ctx))))
	}
	if !r.Redeems() {
		return i18n.T(ctx, "admin.membership.preview_no_paying", i18n.Money(ctx, sampleOrder), strings.Join(parts, ", "),
			r.ReturnDays+r.MarginDays, r.ExpiryMonths)
	}
	return i18n.T(ctx, "admin.membership.preview", i18n.Money(ctx, sampleOrder), strings.Join(parts, ", "),
		r.ReturnDays+r.MarginDays, r.RedeemPoints, i18n.Money(ctx, r.RedeemValue), r.MaxPercent, r.ExpiryMonths)
}
