package admin

import (
	"net/http"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// Shipping methods are edited on the settings page (settings.go):
// these handlers save one method's form and send the browser back there.

// ShippingCreate adds a shipping method.
func (h *Handler) ShippingCreate(w http.ResponseWriter, r *http.Request) {
	form, in, parseErrs := h.parseShippingForm(r)
	var err error
	if len(parseErrs) > 0 {
		err = withParseErrors(in.Validate(), parseErrs)
	} else {
		_, err = h.Store.CreateShippingMethod(r.Context(), h.actor(r), in)
	}
	if err != nil {
		h.settingsFailed(w, r, "shipping-new", "", err, func(p *adminviews.SettingsPage) { p.NewShipping = form })
		return
	}
	settingsSaved(w, r, "shipping")
}

// ShippingUpdate saves a method's edit form.
func (h *Handler) ShippingUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := h.shippingID(w, r)
	if !ok {
		return
	}
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	form, in, parseErrs := h.parseShippingForm(r)
	var err error
	if len(parseErrs) > 0 {
		err = withParseErrors(in.Validate(), parseErrs)
	} else {
		_, err = h.Store.UpdateShippingMethod(r.Context(), h.actor(r), id, version, in)
	}
	if err != nil {
		key := strconv.FormatInt(id, 10)
		h.settingsFailed(w, r, "shipping-"+key, strconv.FormatInt(version, 10), err, func(p *adminviews.SettingsPage) {
			for i := range p.Shipping {
				if p.Shipping[i].Method.ID == id {
					p.Shipping[i].Form = form
				}
			}
		})
		return
	}
	settingsSaved(w, r, "shipping")
}

// ShippingDelete deletes a method once its box is ticked, as collections
// and tiers are: without the tick the page comes back with the method's
// delete form open and a message beside the box (422).
func (h *Handler) ShippingDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := h.shippingID(w, r)
	if !ok {
		return
	}
	if _, err := h.Store.ShippingMethod(r.Context(), id); err != nil {
		h.StoreError(w, r, err)
		return
	}
	if r.PostFormValue("confirm") != "1" {
		h.settingsProblem(w, r, http.StatusUnprocessableEntity, adminviews.ShippingDeleteSection(id), "",
			map[string]string{"confirm": "admin.settings.shipping_delete_error"}, nil)
		return
	}
	if err := h.Store.DeleteShippingMethod(r.Context(), h.actor(r), id); err != nil {
		h.StoreError(w, r, err)
		return
	}
	settingsSaved(w, r, adminviews.ShippingDeleted)
}

// ShippingMove moves a method one place up or down the list.
func (h *Handler) ShippingMove(w http.ResponseWriter, r *http.Request) {
	id, ok := h.shippingID(w, r)
	if !ok {
		return
	}
	dir := r.PostFormValue("direction")
	if dir != "up" && dir != "down" {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	if err := h.Store.MoveShippingMethod(r.Context(), h.actor(r), id, dir == "up"); err != nil {
		h.StoreError(w, r, err)
		return
	}
	settingsSaved(w, r, "shipping")
}

// shippingID reads the {id} path value, answering 404 itself when it
// cannot name a method.
func (h *Handler) shippingID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
	}
	return id, ok
}

// parseShippingForm reads a method form, its name in every language.
// Amounts are in the store's currency; one that cannot be read is a parse
// error on its field.
func (h *Handler) parseShippingForm(r *http.Request) (adminviews.ShippingForm, store.ShippingMethodInput, map[string]string) {
	_, others := h.shopLocales(r.Context())
	form := adminviews.ShippingForm{
		Name: r.PostFormValue("name"), NameTr: postedFormTexts(r, others, "name")["name"], Kind: r.PostFormValue("kind"),
		Price: r.PostFormValue("price"), Threshold: r.PostFormValue("threshold"),
		RatePerKg: r.PostFormValue("rate_per_kg"), Base: r.PostFormValue("base"),
		Active: r.PostFormValue("active") != "", Countries: r.PostForm["countries"], CreateToken: postedCreateToken(r),
		COD: r.PostFormValue("cod") != "",
	}
	in := store.ShippingMethodInput{Name: store.Text{Default: form.Name, Tr: form.NameTr}, Kind: form.Kind, Active: form.Active,
		Countries: form.Countries, NoCOD: !form.COD, CreateToken: form.CreateToken}
	exp := store.Currencies[i18n.Currency(r.Context())]
	errs := map[string]string{}
	for _, f := range []struct {
		name, raw string
		dst       *int64
	}{
		{"price", form.Price, &in.Price}, {"threshold", form.Threshold, &in.Threshold},
		{"rate_per_kg", form.RatePerKg, &in.RatePerKg}, {"base", form.Base, &in.Base},
	} {
		if msg := parseAmount(f.raw, exp, f.dst); msg != "" {
			errs[f.name] = msg
		}
	}
	return form, in, errs
}

// parseAmount reads an optional amount (empty is zero) into dst and
// returns "" or the message for the field.
func parseAmount(raw string, exponent int, dst *int64) string {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		*dst = 0
	case strings.HasPrefix(raw, "-"):
		return "error.negative"
	default:
		v, err := store.ParseMoney(raw, exponent)
		if err != nil {
			return store.AmountMessage("error.shipping_amount", exponent)
		}
		*dst = v
	}
	return ""
}

// shippingFormOf fills a method's edit form from the stored method.
func shippingFormOf(m store.ShippingMethod, exponent int) adminviews.ShippingForm {
	amount := func(v int64) string {
		if v == 0 {
			return ""
		}
		return store.FormatDecimal(v, exponent)
	}
	return adminviews.ShippingForm{Name: m.Name.Default, NameTr: m.Name.Tr, Kind: m.Kind, Price: amount(m.Price), Threshold: amount(m.Threshold),
		RatePerKg: amount(m.RatePerKg), Base: amount(m.Base), Active: m.Active, Countries: m.Countries, COD: m.COD}
}
