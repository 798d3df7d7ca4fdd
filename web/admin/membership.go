package admin

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// tierDeletedKey holds the name of the tier just deleted, for the page's
// notice.
const tierDeletedKey = "admin.membership.deleted"

// Membership is the tiers and points rules page.
func (h *Handler) Membership(w http.ResponseWriter, r *http.Request) {
	page := adminviews.MembershipPage{Deleted: h.Sessions.PopString(r.Context(), tierDeletedKey)}
	switch r.URL.Query().Get("done") {
	case "tier":
		page.Notice = "admin.membership.saved_tier"
	case "tier_added":
		page.Notice = "admin.membership.added_tier"
	case "points":
		page.Notice = "admin.membership.saved_rules"
	}
	h.renderMembership(w, r, http.StatusOK, page)
}

// MembershipTier saves one tier's form over the version it was opened at.
func (h *Handler) MembershipTier(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	in := h.tierInput(r)
	in.Version = version
	h.tierSaved(w, r, id, in, h.Store.SaveTier(r.Context(), h.actor(r), id, in), "tier")
}

// MembershipTierCreate adds a tier from the same form, blank.
func (h *Handler) MembershipTierCreate(w http.ResponseWriter, r *http.Request) {
	in := h.tierInput(r)
	id, err := h.Store.CreateTier(r.Context(), h.actor(r), in)
	h.tierSaved(w, r, id, in, err, "tier_added")
}

// tierInput reads a tier's form, its texts in every language the shop
// offers.
func (h *Handler) tierInput(r *http.Request) store.TierInput {
	f := r.PostFormValue
	in := store.TierInput{Name: store.Text{Default: f("name")}, Perks: store.Text{Default: f("perks")},
		BirthdayMessage: store.Text{Default: f("birthday_message")},
		Threshold:       f("threshold"), Multiplier: f("multiplier"), Discount: f("discount"),
		FreeShippingOver: f("free_shipping_over"), BirthdayCoupon: f("birthday_coupon"), EarlyAccess: f("early_access"),
		SoldSKU: f("sold_sku"), SoldMonths: f("sold_months"), ConfirmMoves: f("confirm_moves") == "1",
		MovesSeen: f("moves_seen")}
	_, others := h.shopLocales(r.Context())
	for _, l := range others {
		in.Name = in.Name.With(l, f(adminviews.TrName(l, "name")))
		in.Perks = in.Perks.With(l, f(adminviews.TrName(l, "perks")))
		in.BirthdayMessage = in.BirthdayMessage.With(l, f(adminviews.TrName(l, "birthday_message")))
	}
	return in
}

// tierSaved answers a tier's form: to the tier on the page, or the form
// again as typed with its messages (for a new tier, id 0), or asking to
// confirm the members it moves (422, a box to tick), or saying that its
// variant still sells it (409), or with the notice that someone saved the
// tier since it was opened (409).
func (h *Handler) tierSaved(w http.ResponseWriter, r *http.Request, id int64, in store.TierInput, err error, done string) {
	var verr *store.ValidationError
	var moves *store.TierMoves
	switch {
	case err == nil:
		http.Redirect(w, r, "/admin/membership?done="+done+"#tier-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	case errors.As(err, &verr):
		h.renderMembership(w, r, http.StatusUnprocessableEntity, adminviews.MembershipPage{
			Forms: map[int64]store.TierInput{id: in}, Errors: map[int64]map[string]string{id: verr.Fields}})
	case errors.As(err, &moves):
		h.renderMembership(w, r, http.StatusUnprocessableEntity, adminviews.MembershipPage{
			Forms: map[int64]store.TierInput{id: in}, Moves: map[int64]store.TierMoves{id: *moves}})
	case errors.Is(err, store.ErrTierStillSold):
		h.renderMembership(w, r, http.StatusConflict, adminviews.MembershipPage{Forms: map[int64]store.TierInput{id: in},
			Errors: map[int64]map[string]string{id: {"sold_sku": adminviews.TierStillSold}}})
	case errors.Is(err, store.ErrConflict):
		h.renderMembership(w, r, http.StatusConflict, adminviews.MembershipPage{Forms: map[int64]store.TierInput{id: in}, Stale: id})
	default:
		h.StoreError(w, r, err)
	}
}

// MembershipTierDelete deletes a tier once its box is ticked; its members
// move to the tier their spend earns. Without the tick, or when the tier's
// members are not as many as the form said (members), the page comes
// back with a message beside the box (422); while something keeps the
// tier (it is the lowest, a promotion is for it, a paid membership of it
// runs), with those things listed (409).
func (h *Handler) MembershipTierDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	ctx := r.Context()
	tiers, err := h.Store.Tiers(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	i := slices.IndexFunc(tiers, func(t store.Tier) bool { return t.ID == id })
	if i < 0 {
		// Gone already (a second click, or someone else): what was asked for.
		http.Redirect(w, r, "/admin/membership", http.StatusSeeOther)
		return
	}
	if r.PostFormValue("confirm") != "1" {
		h.renderMembership(w, r, http.StatusUnprocessableEntity, adminviews.MembershipPage{Deleting: id,
			Errors: map[int64]map[string]string{id: {"confirm": "admin.membership.error.confirm_delete"}}})
		return
	}
	// No count (a request from no form) is -1, unchecked.
	told, err := strconv.Atoi(r.PostFormValue("members"))
	if err != nil {
		told = -1
	}
	var moves *store.TierMoves
	err = h.Store.DeleteTier(ctx, h.actor(r), id, told)
	switch {
	case errors.As(err, &moves):
		h.renderMembership(w, r, http.StatusUnprocessableEntity, adminviews.MembershipPage{Deleting: id,
			Errors: map[int64]map[string]string{id: {"confirm": "admin.membership.error.members_changed"}}})
	case errors.Is(err, store.ErrNotFound):
		http.Redirect(w, r, "/admin/membership", http.StatusSeeOther)
	case errors.Is(err, store.ErrTierInUse):
		h.renderMembership(w, r, http.StatusConflict, adminviews.MembershipPage{Deleting: id})
	case err != nil:
		h.StoreError(w, r, err)
	default:
		h.Sessions.Put(ctx, tierDeletedKey, tiers[i].Name.In(i18n.Locale(ctx)))
		http.Redirect(w, r, "/admin/membership", http.StatusSeeOther)
	}
}

// MembershipPoints saves the points rules over the version they were
// opened at.
func (h *Handler) MembershipPoints(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	l, err := h.Store.Loyalty(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	errs := map[string]string{}
	for name, field := range map[string]*int64{"earn_per_unit": &l.EarnPerUnit, "redeem_points": &l.RedeemPoints,
		"redeem_value": &l.RedeemValue, "expiry_months": &l.ExpiryMonths, "return_days": &l.ReturnDays,
		"margin_days": &l.MarginDays, "max_per_order": &l.MaxPerOrder, "max_percent": &l.MaxPercent} {
		n, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
		if err != nil {
			errs[name] = "error.out_of_range"
		}
		*field = n
	}
	if len(errs) == 0 {
		err = h.Store.SetLoyalty(r.Context(), version, l)
	}
	var verr *store.ValidationError
	switch {
	case len(errs) > 0 || errors.As(err, &verr):
		if verr != nil {
			errs = verr.Fields
		}
		h.renderMembership(w, r, http.StatusUnprocessableEntity, adminviews.MembershipPage{Rules: l, RulesErr: errs, RulesVersion: version})
	case errors.Is(err, store.ErrConflict):
		h.renderMembership(w, r, http.StatusConflict, adminviews.MembershipPage{Rules: l, RulesStale: true})
	case err != nil:
		h.ServerError(w, r, err)
	default:
		http.Redirect(w, r, "/admin/membership?done=points", http.StatusSeeOther)
	}
}

// renderMembership fills in the stored tiers and rules around what the
// page already holds (a form as typed, with its messages). A form saved
// over since it was opened comes back at the current version, so that
// saving it again is a deliberate choice to replace the other save.
func (h *Handler) renderMembership(w http.ResponseWriter, r *http.Request, status int, page adminviews.MembershipPage) {
	ctx := r.Context()
	tiers, err := h.Store.Tiers(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	st, err := h.Store.Settings(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Exp = store.Currencies[st.Currency]
	page.Locale, page.Others = h.shopLocales(ctx)
	page.Tiers = tiers
	if page.RulesErr == nil && !page.RulesStale {
		if page.Rules, err = h.Store.Loyalty(ctx); err != nil {
			h.ServerError(w, r, err)
			return
		}
	}
	if page.RulesVersion == 0 {
		page.RulesVersion = st.Version(store.SectionLoyalty)
	}
	if page.Forms == nil {
		page.Forms = map[int64]store.TierInput{}
	}
	for _, t := range tiers {
		if in, typed := page.Forms[t.ID]; typed {
			if t.ID == page.Stale {
				in.Version = t.Version
				page.Forms[t.ID] = in
			}
			continue
		}
		sku, months, err := h.Store.TierSoldSKU(ctx, t.ID)
		if err != nil {
			h.ServerError(w, r, err)
			return
		}
		page.Forms[t.ID] = tierInputOf(t, page.Exp, sku, months)
	}
	if _, typed := page.Forms[0]; !typed {
		// The new tier's form starts as a tier without perks shows, but
		// for a threshold of its own.
		blank := tierInputOf(store.Tier{MultiplierBP: 10000}, page.Exp, "", 12)
		blank.Threshold = ""
		page.Forms[0] = blank
	}
	page.Uses = map[int64]store.TierUses{}
	for _, t := range tiers {
		if page.Uses[t.ID], err = h.Store.TierUses(ctx, t.ID); err != nil {
			h.StoreError(w, r, err)
			return
		}
	}
	page.Shell = h.adminShell(r, "admin.membership.title")
	// A form answered with its messages is at its own address, which has
	// no page to come back to: the language switch leads to this one.
	page.Shell.Path = "/admin/membership"
	h.Render(w, r, status, adminviews.Membership(page))
}

// tierInputOf is a stored tier as its form shows it.
func tierInputOf(t store.Tier, exp int, sku string, months int64) store.TierInput {
	money := func(n int64) string {
		if n == 0 {
			return ""
		}
		return store.FormatDecimal(n, exp)
	}
	return store.TierInput{Name: t.Name, Perks: t.Perks, BirthdayMessage: t.BirthdayMessage, Threshold: store.FormatDecimal(t.Threshold, exp),
		Multiplier: store.FormatDecimal(t.MultiplierBP, 2), Discount: money2(t.DiscountBP),
		FreeShippingOver: money(t.FreeShippingOver), BirthdayCoupon: money(t.BirthdayCoupon),
		EarlyAccess: strconv.FormatInt(int64(t.EarlyAccess.Minutes()), 10), SoldSKU: sku, SoldMonths: strconv.FormatInt(months, 10),
		Version: t.Version}
}

// money2 is basis points as a percentage, "" for none.
func money2(bp int64) string {
	if bp == 0 {
		return ""
	}
	return store.FormatDecimal(bp, 2)
}
