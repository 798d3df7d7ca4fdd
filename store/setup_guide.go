package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// The setup guide's steps, in the order the admin home lists them.
const (
	StepProducts  = "products"   // an active product to sell
	StepShipping  = "shipping"   // shipping rates and tax looked at
	StepPayments  = "payments"   // a way to be paid chosen and on: Stripe keys or offline details
	StepPublicURL = "public_url" // the public address set, over HTTPS
	StepTestEmail = "test_email" // a test email went through the mail server
	StepBackup    = "backup"     // the first backup taken
)

// SetupStep is one step of the setup guide and whether the shop's data
// says it is done.
type SetupStep struct {
	Name string // one of the Step constants
	Done bool
}

// SetupGuide is what a new shop still has to do before it sells for real.
type SetupGuide struct {
	Steps  []SetupStep
	Hidden bool // the owner dismissed it
}

// Done reports whether every step is done.
func (g SetupGuide) Done() bool {
	for _, st := range g.Steps {
		if !st.Done {
			return false
		}
	}
	return true
}

// Shown reports whether the admin home shows the guide: until every step
// is done or the owner dismisses it.
func (g SetupGuide) Shown() bool { return !g.Hidden && !g.Done() }

// SetupFacts are what the guide needs that the database does not hold.
type SetupFacts struct {
	// BaseURL is the --base-url the shop was started with, "" for none.
	BaseURL string
}

// SetupGuide works out each step from the shop's data: nothing is ticked
// by hand, so a step undone (the last product archived) shows again.
func (s *Store) SetupGuide(ctx context.Context, facts SetupFacts) (SetupGuide, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return SetupGuide{}, err
	}
	on, err := s.PaymentMethodsOn(ctx)
	if err != nil {
		return SetupGuide{}, err
	}
	var products, shippingEdited, emailSent bool
	err = s.queryRow(ctx, `SELECT
		EXISTS (SELECT 1 FROM products WHERE status = 'active'),
		EXISTS (SELECT 1 FROM audit_log WHERE action LIKE 'shipping.%'),
		EXISTS (SELECT 1 FROM settings WHERE key = ? AND value <> '') OR EXISTS (SELECT 1 FROM outbox WHERE status = 'sent')`,
		SettingTestEmailSentAt).Scan(&products, &shippingEdited, &emailSent)
	if err != nil {
		return SetupGuide{}, fmt.Errorf("setup guide: %w", err)
	}
	base := facts.BaseURL
	if base == "" {
		base = st.PublicURL
	}
	// Done means checkout can take a payment, as the owner chose it: a new
	// shop's cash on delivery is a default until the payments section is
	// saved, and a section saved with every method off takes nothing.
	payments := len(on) > 0 && (st.Version(SectionPayments) > 1 || !slices.Equal(on, []string{PayCOD}))
	snap, err := s.settingsSnapshot(ctx)
	if err != nil {
		return SetupGuide{}, err
	}
	_, backedUp, err := s.LatestBackup(ctx)
	if err != nil {
		return SetupGuide{}, err
	}
	return SetupGuide{
		Hidden: snap.values[SettingSetupGuideHidden] == "1",
		Steps: []SetupStep{
			{StepProducts, products},
			{StepShipping, shippingEdited || st.Version(SectionTax) > 1},
			{StepPayments, payments},
			{StepPublicURL, strings.HasPrefix(base, "https://")},
			{StepTestEmail, emailSent},
			{StepBackup, backedUp},
		},
	}, nil
}
