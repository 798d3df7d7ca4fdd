package admin

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// promotionNotices are the notices a promotion's page shows after an
// action, by the ?done= the action's 303 carries.
var promotionNotices = map[string]string{
	"saved":      "admin.promotions.notice.saved",
	"paused":     "admin.promotions.notice.paused",
	"resumed":    "admin.promotions.notice.resumed",
	"duplicated": "admin.promotions.notice.duplicated",
	"archived":   "admin.promotions.notice.archived",
	"codes":      "admin.promotions.notice.codes",
}

// PromotionNew is the form for a new promotion: ?kind=coupon for a coupon,
// an automatic promotion otherwise.
func (h *Handler) PromotionNew(w http.ResponseWriter, r *http.Request) {
	// Buy X get Y's usual offer is the next item free.
	form := store.PromotionInput{Kind: store.PromoAutomatic, Type: pricing.TypeLadder, GetPercent: "100",
		CreateToken: store.NewCreateToken()}
	if r.URL.Query().Get("kind") == store.PromoCoupon {
		form.Kind, form.Type = store.PromoCoupon, pricing.TypePercent
	}
	h.renderPromotion(w, r, http.StatusOK, adminviews.PromotionEditPage{Form: form})
}

// PromotionCreate saves a new promotion and goes to its page.
func (h *Handler) PromotionCreate(w http.ResponseWriter, r *http.Request) {
	in := h.parsePromotionForm(r)
	id, err := h.Store.CreatePromotion(r.Context(), h.actor(r), in)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.renderPromotion(w, r, http.StatusUnprocessableEntity, adminviews.PromotionEditPage{Form: in, Errors: promotionErrors(r.Context(), verr)})
	case err != nil:
		h.ServerError(w, r, err)
	default:
		http.Redirect(w, r, adminviews.PromotionURL(id)+"?done=saved", http.StatusSeeOther)
	}
}

// Promotion is a promotion's page: its figures, buttons and form.
func (h *Handler) Promotion(w http.ResponseWriter, r *http.Request) {
	page, ok := h.pathPromotionPage(w, r)
	if !ok {
		return
	}
	page.Notice = promotionNotices[r.URL.Query().Get("done")]
	h.renderPromotion(w, r, http.StatusOK, page)
}

// pathPromotionPage is the stored page (storedPromotionPage) of the
// promotion the path names, or false once it has answered a bad id or a
// promotion it could not read.
func (h *Handler) pathPromotionPage(w http.ResponseWriter, r *http.Request) (adminviews.PromotionEditPage, bool) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return adminviews.PromotionEditPage{}, false
	}
	page, err := h.storedPromotionPage(r, id)
	if err != nil {
		h.StoreError(w, r, err)
		return page, false
	}
	return page, true
}

// storedPromotionPage is promotion id's page as stored: its form as saved
// and, unless it is archived, its preview.
func (h *Handler) storedPromotionPage(r *http.Request, id int64) (adminviews.PromotionEditPage, error) {
	p, err := h.Store.PromotionByID(r.Context(), id)
	if err != nil {
		return adminviews.PromotionEditPage{}, err
	}
	form, err := h.Store.PromotionInputOf(r.Context(), p)
	if err != nil {
		return adminviews.PromotionEditPage{}, err
	}
	page := adminviews.PromotionEditPage{ID: id, Version: p.Version, Form: form, Promotion: p}
	if !p.Archived {
		err = h.previewStored(r, &page)
	}
	return page, err
}

// promotionArchived answers a change to promotion id, archived since its
// page was opened: the page as stored, saying why nothing changed.
func (h *Handler) promotionArchived(w http.ResponseWriter, r *http.Request, id int64) {
	page, err := h.storedPromotionPage(r, id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.renderArchived(w, r, page)
}

// renderArchived shows an archived promotion's page saying why nothing
// changed (409).
func (h *Handler) renderArchived(w http.ResponseWriter, r *http.Request, page adminviews.PromotionEditPage) {
	page.Alert = "admin.promotions.error.archived"
	h.renderPromotion(w, r, http.StatusConflict, page)
}

// PromotionSave saves a promotion's form. A form opened before someone
// else saved answers 409 with the person's values and the current
// version, so saving again is a deliberate overwrite. A form opened
// before the promotion was archived answers 409 with the values too, to
// be saved as a new promotion: an archived one is kept as it ran.
func (h *Handler) PromotionSave(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	in := h.parsePromotionForm(r)
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	err := h.Store.UpdatePromotion(r.Context(), h.actor(r), id, version, in)
	page := adminviews.PromotionEditPage{ID: id, Version: version, Form: in}
	status := http.StatusUnprocessableEntity
	var verr *store.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, adminviews.PromotionURL(id)+"?done=saved", http.StatusSeeOther)
		return
	case errors.As(err, &verr):
		page.Errors = promotionErrors(r.Context(), verr)
	case errors.Is(err, store.ErrNotFound):
		h.NotFound(w, r)
		return
	case errors.Is(err, store.ErrPromotionArchived):
		status, page.Alert, page.SaveAsNew = http.StatusConflict, "admin.promotions.error.archived_save", true
		page.Form.CreateToken = store.NewCreateToken()
	case errors.Is(err, store.ErrConflict):
		status, page.Conflict = http.StatusConflict, true
	default:
		h.ServerError(w, r, err)
		return
	}
	p, err := h.Store.PromotionByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	page.Promotion, page.Form.Kind = p, p.Kind
	if page.Conflict {
		page.Version = p.Version
	}
	h.renderPromotion(w, r, status, page)
}

// PromotionActive pauses (active=0) or resumes (active=1) a promotion.
func (h *Handler) PromotionActive(w http.ResponseWriter, r *http.Request) {
	active := r.PostFormValue("active") == "1"
	done := "paused"
	if active {
		done = "resumed"
	}
	h.promotionAction(w, r, done, func(id int64) error {
		return h.Store.SetPromotionActive(r.Context(), h.actor(r), id, active)
	})
}

// PromotionArchive archives a promotion once the form's box is ticked:
// it cannot be undone, and every code shoppers hold for it stops working.
// Without the tick the page comes back with a message beside the box
// (422) and nothing changes.
func (h *Handler) PromotionArchive(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("confirm") != "1" {
		h.promotionUnconfirmed(w, r)
		return
	}
	h.promotionAction(w, r, "archived", func(id int64) error {
		return h.Store.ArchivePromotion(r.Context(), h.actor(r), id)
	})
}

// promotionUnconfirmed answers an archive sent without its box ticked:
// the page as stored, asking for the tick, or saying that the promotion
// is archived already.
func (h *Handler) promotionUnconfirmed(w http.ResponseWriter, r *http.Request) {
	page, ok := h.pathPromotionPage(w, r)
	if !ok {
		return
	}
	if page.Archived() {
		h.renderArchived(w, r, page)
		return
	}
	page.Errors = map[string]string{"confirm": "admin.promotions.error.confirm_archive"}
	h.renderPromotion(w, r, http.StatusUnprocessableEntity, page)
}

// PromotionDuplicate copies a promotion, paused, and goes to the copy.
func (h *Handler) PromotionDuplicate(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	suffix := map[string]string{}
	for _, l := range i18n.Supported {
		suffix[l] = i18n.TL(l, "admin.promotions.copy_suffix")
	}
	copyID, err := h.Store.DuplicatePromotion(r.Context(), h.actor(r), id, suffix, postedCreateToken(r))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	http.Redirect(w, r, adminviews.PromotionURL(copyID)+"?done=duplicated", http.StatusSeeOther)
}

// promotionAction runs one of the owner's buttons on the promotion in
// the path and goes back to its page with what was done.
func (h *Handler) promotionAction(w http.ResponseWriter, r *http.Request, done string, act func(id int64) error) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	switch err := act(id); {
	case errors.Is(err, store.ErrPromotionArchived):
		h.promotionArchived(w, r, id)
	case err != nil:
		h.StoreError(w, r, err)
	default:
		http.Redirect(w, r, adminviews.PromotionURL(id)+"?done="+done, http.StatusSeeOther)
	}
}

// renderPromotion fills in what every view of the promotion page shows
// and renders it: for a stored promotion, its figures.
func (h *Handler) renderPromotion(w http.ResponseWriter, r *http.Request, status int, page adminviews.PromotionEditPage) {
	ctx := r.Context()
	page.Locale, page.Others = h.shopLocales(ctx)
	page.Exp = currencyExponent(r)
	settings, err := h.Store.Settings(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if page.TimeZone = settings.TimeZone; page.TimeZone == "" {
		page.TimeZone = store.ServerTimeZone()
	}
	titleKey := "admin.promotions.new"
	if page.Form.Kind == store.PromoCoupon {
		titleKey = "admin.promotions.new_coupon"
	}
	page.Shell = h.adminShell(r, titleKey)
	if page.Token == "" {
		page.Token = store.NewCreateToken()
	}
	if page.Promotion != nil {
		page.Shell.Title = page.Promotion.Name.In(i18n.Locale(ctx))
		if page.Stats, err = h.Store.PromotionStats(ctx, page.ID); err != nil {
			h.ServerError(w, r, err)
			return
		}
	}
	h.Render(w, r, status, adminviews.PromotionEdit(page))
}

// promotionErrors are verr's messages by field, those that name something
// (what a bundle's items cost together) written out here: the page shows
// messages without arguments.
func promotionErrors(ctx context.Context, verr *store.ValidationError) map[string]string {
	errs := maps.Clone(verr.Fields)
	for field, args := range verr.Args {
		if msg, ok := errs[field]; ok {
			errs[field] = i18n.T(ctx, msg, args...)
		}
	}
	return errs
}

// parsePromotionForm reads the promotion form as typed; the store checks it.
func (h *Handler) parsePromotionForm(r *http.Request) store.PromotionInput {
	f := func(name string) string { return r.PostFormValue(name) }
	on := func(name string) bool { return f(name) != "" }
	in := store.PromotionInput{
		Name: store.Text{Default: f("name")}, Kind: f("kind"), Code: f("code"), Type: f("type"),
		Value: f("value"), Price: on("price"),
		Products: f("products"), Collections: f("collections"), Variants: f("variants"), Tags: f("tags"),
		ExcludeProducts: f("exclude_products"), ExcludeCollections: f("exclude_collections"), ExcludeTags: f("exclude_tags"),
		Buy: f("buy"), Get: f("get"), GetPercent: f("get_percent"), GiftVariant: f("gift_variant"),
		BundlePrice: f("bundle_price"), MinSubtotal: f("min_subtotal"), MinQuantity: f("min_quantity"),
		FirstOrderOnly: on("first_order_only"), Tier: f("tier"), CombinesPromotions: on("combines_promotions"),
		CombinesCoupons: on("combines_coupons"), SaleItems: on("sale_items"),
		Starts: f("starts"), Ends: f("ends"), UsageLimit: f("usage_limit"), CustomerLimit: f("per_customer_limit"),
		CreateToken: postedCreateToken(r),
	}
	_, others := h.shopLocales(r.Context())
	for _, l := range others {
		in.Name = in.Name.With(l, f(adminviews.TrName(l, "name")))
	}
	in.Ladder = stepInputs(r.PostForm["ladder_min"], r.PostForm["ladder_value"], false)
	in.Flash = stepInputs(r.PostForm["flash_at"], r.PostForm["flash_value"], true)
	return in
}

// stepInputs pairs the rows of a steps table; the form's blank rows are
// kept so that a message names the row it is about.
func stepInputs(first, values []string, at bool) []store.StepInput {
	n := min(max(len(first), len(values)), store.MaxPromotionSteps+1)
	var out []store.StepInput
	for i := range n {
		var s store.StepInput
		if i < len(first) {
			if at {
				s.At = first[i]
			} else {
				s.Min = first[i]
			}
		}
		if i < len(values) {
			s.Value = values[i]
		}
		out = append(out, s)
	}
	// Trailing blank rows are the form's spares, not the merchant's.
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1].At+out[len(out)-1].Min+out[len(out)-1].Value) == "" {
		out = out[:len(out)-1]
	}
	return out
}
