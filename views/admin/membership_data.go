package admin

import (
	"storefront/store"
)

// MembershipPage is the owner's tiers and points rules.
type MembershipPage struct {
	Shell    Shell
	Locale   string   // the shop's default language
	Others   []string // the languages translated into
	Exp      int      // the currency's decimals, for the form's amounts
	Tiers    []store.Tier
	Forms    map[int64]store.TierInput // each tier's form, as stored or as typed; 0 is the new tier's
	Errors   map[int64]map[string]string
	Uses     map[int64]store.TierUses // what keeps each tier from being deleted
	Deleting int64                    // the tier whose delete was refused: its box is open
	Deleted  string                   // the name of the tier just deleted
	// Moves is the tier whose save would move members to another tier,
	// held back until the owner ticks the box its form then shows.
	Moves map[int64]store.TierMoves
	// Stale is the tier whose form was saved over since it was opened: its
	// form is as typed, at the tier's current version.
	Stale    int64
	Rules    store.Loyalty
	RulesErr map[string]string
	// RulesVersion is the version the rules' form carries; RulesStale says
	// they were saved over since it was opened (Rules are then as typed).
	RulesVersion int64
	RulesStale   bool
	Notice       string
}

// TierForm is tier t's form with its messages.
func (p MembershipPage) TierForm(t store.Tier) (store.TierInput, map[string]string) {
	return p.Forms[t.ID], p.Errors[t.ID]
}

// sampleOrder is the order the rules' preview speaks of: 300.00.
const sampleOrder = 30000
