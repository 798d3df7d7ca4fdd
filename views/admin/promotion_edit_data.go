package admin

import (
	"strconv"

	"storefront/store"
	"storefront/store/pricing"
)

// PromotionEditPage is a promotion's form: new (ID 0) or stored, with what
// the stored one has done and the owner's buttons.
type PromotionEditPage struct {
	Shell          Shell
	ID             int64
	Version        int64
	Form           store.PromotionInput
	Locale         string   // the shop's default language
	Others         []string // the other languages names are translated into
	TimeZone       string   // the shop's, in which times are typed
	Exp            int      // the currency's decimals, for the examples of amounts
	Errors         map[string]string
	Conflict       bool
	Notice         string // a catalog key: what the last action did
	Alert          string // a catalog key: why the last action changed nothing
	SaveAsNew      bool   // an archived promotion's form keeps what was typed, to be saved as a new one
	Promotion      *store.Promotion
	Stats          store.PromotionStats
	CodeCount      string // the generate-codes form as typed
	CodePrefix     string
	GenerateErrors map[string]string
	// Token is the one-time token (store.NewCreateToken) of the buttons
	// that make something: Duplicate and Generate codes.
	Token string
	// Preview and Replay are the promotion priced on sample carts and
	// over past orders; Previewed is false when there is none to show.
	Previewed bool
	Preview   store.PromotionPreview
	Replay    store.PromotionReplay
	// PreviewOf is the ID its part of a preview has (-1 for a new one).
	PreviewOf int64
}

// previewAction is where the form's Preview button posts.
func previewAction(id int64) string {
	if id == 0 {
		return "/admin/promotions/preview"
	}
	return PromotionURL(id) + "/preview"
}

// PromotionURL is a stored promotion's page.
func PromotionURL(id int64) string { return "/admin/promotions/" + strconv.FormatInt(id, 10) }

// promotionAction is where the form posts: the list for a new one.
func promotionAction(id int64) string {
	if id == 0 {
		return "/admin/promotions"
	}
	return PromotionURL(id)
}

// Coupon reports whether the form is a coupon's.
func (p PromotionEditPage) Coupon() bool { return p.Form.Kind == store.PromoCoupon }

// Types are the types the form offers: a coupon's or any.
func (p PromotionEditPage) Types() []string {
	if p.Coupon() {
		return store.CouponTypes
	}
	return store.PromotionTypes
}

// Archived reports whether the stored promotion is archived: its form is
// read-only.
func (p PromotionEditPage) Archived() bool { return p.Promotion != nil && p.Promotion.Archived }

// ladderRows are the ladder's rows: the ones typed and blanks up to 5.
func (p PromotionEditPage) ladderRows() []store.StepInput { return stepRows(p.Form.Ladder, 5) }

// flashRows are the flash sale's later steps: the ones typed and blanks up to 3.
func (p PromotionEditPage) flashRows() []store.StepInput { return stepRows(p.Form.Flash, 3) }

func stepRows(rows []store.StepInput, blanks int) []store.StepInput {
	out := append([]store.StepInput(nil), rows...)
	if len(out) < store.MaxPromotionSteps {
		out = append(out, store.StepInput{}) // room for one more
	}
	for len(out) < blanks {
		out = append(out, store.StepInput{})
	}
	return out
}

// promotionTypeGroups is which form blocks each type uses: a block is
// marked with the types that read it (data-types), which CSS uses to show
// only those and the hint names when it cannot.
var promotionTypeGroups = map[string][]string{
	"value":   {pricing.TypePercent, pricing.TypeFixed, pricing.TypeFlash},
	"ladder":  {pricing.TypeLadder},
	"flash":   {pricing.TypeFlash},
	"bxgy":    {pricing.TypeBXGY},
	"gift":    {pricing.TypeGift},
	"bundle":  {pricing.TypeBundle},
	"targets": {pricing.TypePercent, pricing.TypeFixed, pricing.TypeLadder, pricing.TypeBXGY, pricing.TypeBundle, pricing.TypeFlash, pricing.TypeGift},
}
