package admin

import (
	"context"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// ReturnsPage is the admin's list of return requests.
type ReturnsPage struct {
	Shell  Shell
	List   store.ReturnPage
	Filter StatusSearch
	Nav    views.PageNav
	Now    time.Time
	Stats  store.ReturnStats
	Policy store.ReturnPolicy
	Exp    int // the currency's decimals, for the fee
	// PolicyErr are the rules form's messages; Notice what was just done.
	PolicyErr map[string]string
	Notice    string
	// PolicyVersion and TextsVersion are the versions the rules' and the
	// texts' forms carry. A form saved over since it was opened is Stale:
	// it comes back as typed (the reason's as NewReason), with a notice.
	PolicyVersion, TextsVersion          int64
	PolicyStale, TextsStale, ReasonStale bool
	// The reasons the return form offers, and the policy and standing
	// instructions in every language (return_settings.templ).
	Reasons      []store.ReturnReason
	PolicyText   store.Text
	Instructions store.Text
	Locale       string   // the shop's default language
	Others       []string // its other languages
	// TextsErr are the texts form's messages; ReasonErr the reason form's,
	// of reason ReasonErrID (0: the new one).
	TextsErr    map[string]string
	ReasonErr   map[string]string
	ReasonErrID int64
	NewReason   store.ReturnReason // the new reason's form as typed
	// NewReasonToken is the new reason form's one-time token
	// (store.NewCreateToken): as sent, when that form is refused.
	NewReasonToken string
	// CanWrite is whether the staff member's role may save the rules,
	// reasons and texts; without it they are shown, disabled.
	CanWrite bool
}

// ReasonPlaceholders are a built-in reason's catalog titles by locale:
// what its form shows while the owner has written none.
func ReasonPlaceholders(ctx context.Context, r store.ReturnReason) map[string]string {
	if r.Title.Default != "" || r.Code == "" || !i18n.Has("returns.reason."+r.Code) {
		return nil
	}
	out := map[string]string{}
	for _, l := range i18n.Supported {
		out[l] = i18n.T(i18n.WithLocale(ctx, l, ""), "returns.reason."+r.Code)
	}
	return out
}
