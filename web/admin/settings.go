package admin

import (
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/themes"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// Settings is /admin/settings: every section's form with the stored
// values. ?saved=<section> (where a save redirects) shows that section's
// "saved" notice.
func (h *Handler) Settings(w http.ResponseWriter, r *http.Request) {
	page, err := h.settingsPage(r)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Saved = r.URL.Query().Get("saved")
	page.Mail.Sent = page.Saved == "test-email"
	h.Render(w, r, http.StatusOK, adminviews.Settings(page))
}

// settingsPage builds the settings page from the database.
func (h *Handler) settingsPage(r *http.Request) (adminviews.SettingsPage, error) {
	ctx := r.Context()
	st, err := h.Store.Settings(ctx)
	if err != nil {
		return adminviews.SettingsPage{}, err
	}
	secrets, err := h.Store.StripeSecrets(ctx)
	if err != nil {
		return adminviews.SettingsPage{}, err
	}
	methods, err := h.Store.ShippingMethods(ctx)
	if err != nil {
		return adminviews.SettingsPage{}, err
	}
	exp := store.Currencies[st.Currency]
	p := adminviews.SettingsPage{
		Shell:    h.adminShell(r, "admin.settings.title"),
		Versions: map[string]string{},
		Locale:   st.ContentLocale,
		Others:   localesBesides(st.ContentLocale),
		Profile: adminviews.ProfileForm{StoreName: st.StoreName, Description: st.Description,
			ContactEmail: st.ContactEmail, Phone: st.Phone, Address: st.Address, PickupHours: st.PickupHours,
			Translations: settingTexts(st, store.SettingStoreName, store.SettingDescription, store.SettingPickupHours)},
		Regional: adminviews.RegionalForm{Currency: st.Currency, Locale: st.Locale, Country: st.Country,
			TimeZone: st.TimeZone, ServerZone: store.ServerTimeZone()},
		Theme: adminviews.ThemeForm{Theme: st.Theme, CustomColor: st.BrandColor != "", BrandColor: st.BrandColor},
		Tax:   adminviews.TaxForm{Inclusive: st.TaxInclusive, Rate: formatPercent(st.TaxRateBP)},
		Payments: adminviews.PaymentsForm{
			StripePublishableKey:     st.StripePublishableKey,
			StripeSecretKeyMask:      store.MaskSecret(secrets.SecretKey),
			StripeWebhookSecretMask:  store.MaskSecret(secrets.WebhookSecret),
			BankTransferEnabled:      st.BankTransferEnabled,
			BankTransferInstructions: st.BankTransferInstructions,
			CODEnabled:               st.CODEnabled,
			CODInstructions:          st.CODInstructions,
			StripeExpiryMinutes:      strconv.FormatInt(st.StripeExpiryMinutes, 10),
			BankTransferExpiryHours:  strconv.FormatInt(st.BankTransferExpiryHours, 10),
			Translations:             settingTexts(st, store.SettingBankTransferInstructions, store.SettingCODInstructions),
		},
		NewShipping: adminviews.ShippingForm{Kind: store.ShippingFlat, Active: true, COD: true, CreateToken: store.NewCreateToken()},
		Currencies:  slices.Sorted(maps.Keys(store.Currencies)),
		Currency:    st.Currency,
		PreviewURL:  kit.PreviewURL(st.Theme, st.BrandColor),
		CanBackups:  Can(kit.CurrentStaff(ctx).Role, PermBackups),
	}
	if st.LogoImageID != 0 {
		p.LogoURL = views.ImageURL(st.LogoImageID, true)
	}
	if err := h.launchForms(ctx, st, &p); err != nil {
		return adminviews.SettingsPage{}, err
	}
	if !themes.Exists(p.Theme.Theme) {
		p.Theme.Theme = themes.Default
	}
	if p.Theme.BrandColor == "" {
		p.Theme.BrandColor = themeSwatch(p.Theme.Theme)
	}
	p.Hero = heroForm(st)
	if staff := kit.CurrentStaff(ctx); staff != nil && staff.Role == store.RoleOwner && len(p.Others) > 0 {
		change, err := h.Store.ContentLocalePreview(ctx, p.Others[0])
		if err != nil {
			return adminviews.SettingsPage{}, err
		}
		p.ContentLocale = &change
	}
	for _, section := range []string{store.SectionProfile, store.SectionRegional, store.SectionTheme, store.SectionLogo,
		store.SectionHero, store.SectionTax, store.SectionPayments} {
		p.Versions[section] = strconv.FormatInt(st.Version(section), 10)
	}
	for _, t := range themes.All() {
		label := t.Title
		if i18n.Locale(ctx) == "zh" {
			label = t.TitleZH
		}
		p.Themes = append(p.Themes, adminviews.ThemeOption{Name: t.Name, Label: label, Swatch: t.Swatch})
	}
	for _, m := range methods {
		key := strconv.FormatInt(m.ID, 10)
		p.Versions["shipping-"+key] = strconv.FormatInt(m.Version, 10)
		p.Shipping = append(p.Shipping, adminviews.ShippingRow{Method: m, Form: shippingFormOf(m, exp)})
	}
	return p, nil
}

func themeSwatch(name string) string {
	for _, t := range themes.All() {
		if t.Name == name {
			return t.Swatch
		}
	}
	return ""
}

// settingsSaved sends the browser back to the section it saved.
func settingsSaved(w http.ResponseWriter, r *http.Request, section string) {
	http.Redirect(w, r, "/admin/settings?saved="+url.QueryEscape(section)+"#"+section, http.StatusSeeOther)
}

// settingsFailed re-shows the settings page after a failed save of
// section: keep puts the user's values in their form, and the page says
// what is wrong beside each field (422) or that someone saved first (409,
// with the form now at the current version so saving again overwrites).
func (h *Handler) settingsFailed(w http.ResponseWriter, r *http.Request, section, version string, err error,
	keep func(*adminviews.SettingsPage)) {
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.settingsProblem(w, r, http.StatusUnprocessableEntity, section, version, verr.Fields, keep)
	case errors.Is(err, store.ErrConflict):
		h.settingsProblem(w, r, http.StatusConflict, section, "", nil, keep)
	default:
		h.StoreError(w, r, err)
	}
}

// settingsProblem renders the settings page with section's problem: errs
// beside its fields, or the conflict message for a 409. version, unless
// empty, is the version the user's form was at and stays in it.
func (h *Handler) settingsProblem(w http.ResponseWriter, r *http.Request, status int, section, version string,
	errs map[string]string, keep func(*adminviews.SettingsPage)) {
	page, err := h.settingsPage(r)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if keep != nil {
		keep(&page)
	}
	page.Problem, page.Errors, page.Conflict = section, errs, status == http.StatusConflict
	if _, ok := page.Versions[section]; ok && version != "" {
		page.Versions[section] = version
	}
	h.Render(w, r, status, adminviews.Settings(page))
}

// formVersion reads the hidden version field; a form without one was not
// sent by our page (400).
func (h *Handler) formVersion(w http.ResponseWriter, r *http.Request) (int64, bool) {
	v, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil || v < 1 {
		h.ClientError(w, r, http.StatusBadRequest)
		return 0, false
	}
	return v, true
}

// saveSettingsSection saves in from version; parseErrs are fields the
// handler could not even read (a rate that is not a number), reported
// together with in's own problems.
func (h *Handler) saveSettingsSection(w http.ResponseWriter, r *http.Request, version int64, in store.SettingsSection,
	parseErrs map[string]string, keep func(*adminviews.SettingsPage)) {
	var err error
	if len(parseErrs) > 0 {
		err = withParseErrors(in.Validate(), parseErrs)
	} else {
		err = h.Store.SaveSettings(r.Context(), h.actor(r), version, in)
	}
	if err != nil {
		h.settingsFailed(w, r, in.Section(), strconv.FormatInt(version, 10), err, keep)
		return
	}
	settingsSaved(w, r, in.Section())
}

// withParseErrors joins the handler's parse errors with a validation
// error from the store (or nil); a parse error wins for its field.
func withParseErrors(err error, parseErrs map[string]string) error {
	v := &store.ValidationError{}
	for f, msg := range parseErrs {
		v.Add(f, msg)
	}
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		for f, msg := range verr.Fields {
			v.Add(f, msg)
		}
	}
	return v
}

func (h *Handler) SettingsProfile(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	_, others := h.shopLocales(r.Context())
	form := adminviews.ProfileForm{StoreName: r.PostFormValue("store_name"), Description: r.PostFormValue("store_description"),
		ContactEmail: r.PostFormValue("contact_email"), Phone: r.PostFormValue("phone"), Address: r.PostFormValue("address"),
		PickupHours:  r.PostFormValue("pickup_hours"),
		Translations: postedFormTexts(r, others, store.SettingStoreName, store.SettingDescription, store.SettingPickupHours)}
	in := &store.ProfileSettings{StoreName: form.StoreName, Description: form.Description,
		ContactEmail: form.ContactEmail, Phone: form.Phone, Address: form.Address, PickupHours: form.PickupHours,
		Translations: form.Translations}
	h.saveSettingsSection(w, r, version, in, nil, func(p *adminviews.SettingsPage) { p.Profile = form })
}

func (h *Handler) SettingsRegional(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	form := adminviews.RegionalForm{Currency: r.PostFormValue("currency"), Locale: r.PostFormValue("locale"),
		Country: r.PostFormValue("country"), TimeZone: strings.TrimSpace(r.PostFormValue("time_zone")),
		ServerZone: store.ServerTimeZone()}
	in := &store.RegionalSettings{Currency: form.Currency, Locale: form.Locale, Country: form.Country, TimeZone: form.TimeZone}
	h.saveSettingsSection(w, r, version, in, nil, func(p *adminviews.SettingsPage) { p.Regional = form })
}

// SettingsContentLocale moves the shop's texts to another language
// (store.ChangeContentLocale), once the owner has ticked the box that
// says what it does.
func (h *Handler) SettingsContentLocale(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	if staff := kit.CurrentStaff(r.Context()); staff == nil || staff.Role != store.RoleOwner {
		h.ClientError(w, r, http.StatusForbidden)
		return
	}
	const section = "content-locale"
	if r.PostFormValue("confirm_content_locale") != "1" {
		h.settingsProblem(w, r, http.StatusUnprocessableEntity, section, "",
			map[string]string{"confirm_content_locale": "error.content_locale_confirm"}, nil)
		return
	}
	to := r.PostFormValue("content_locale")
	_, err := h.Store.ChangeContentLocale(r.Context(), h.actor(r), version, to)
	if errors.Is(err, store.ErrConflict) {
		// Pressed twice, or from two tabs: the change asked for is made,
		// and the form would now offer to change back.
		if st, serr := h.Store.Settings(r.Context()); serr == nil && st.ContentLocale == to {
			err = nil
		}
	}
	switch {
	case errors.Is(err, store.ErrNotOwner):
		h.ClientError(w, r, http.StatusForbidden)
	case err != nil:
		h.settingsFailed(w, r, section, "", err, nil)
	default:
		settingsSaved(w, r, section)
	}
}

func (h *Handler) SettingsTheme(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	form := adminviews.ThemeForm{Theme: r.PostFormValue("theme"), CustomColor: r.PostFormValue("brand_color_custom") != "",
		BrandColor: r.PostFormValue("brand_color")}
	in := &store.ThemeSettings{Theme: form.Theme}
	if form.CustomColor {
		in.BrandColor = form.BrandColor
	}
	var parseErrs map[string]string
	if !themes.Exists(form.Theme) {
		parseErrs = map[string]string{"theme": "error.theme"}
	}
	h.saveSettingsSection(w, r, version, in, parseErrs, func(p *adminviews.SettingsPage) { p.Theme = form })
}

func (h *Handler) SettingsTax(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	form := adminviews.TaxForm{Inclusive: r.PostFormValue("tax_inclusive") != "0", Rate: r.PostFormValue("tax_rate")}
	in := &store.TaxSettings{Inclusive: form.Inclusive}
	parseErrs := map[string]string{}
	if rate, err := parsePercent(form.Rate); err != nil {
		parseErrs["tax_rate"] = "error.tax_rate"
	} else {
		in.RateBP = rate
	}
	h.saveSettingsSection(w, r, version, in, parseErrs, func(p *adminviews.SettingsPage) { p.Tax = form })
}

func (h *Handler) SettingsPayments(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	_, others := h.shopLocales(r.Context())
	form := adminviews.PaymentsForm{
		StripePublishableKey:     r.PostFormValue("stripe_publishable_key"),
		BankTransferEnabled:      r.PostFormValue("bank_transfer_enabled") != "",
		BankTransferInstructions: r.PostFormValue("bank_transfer_instructions"),
		CODEnabled:               r.PostFormValue("cod_enabled") != "",
		CODInstructions:          r.PostFormValue("cod_instructions"),
		StripeExpiryMinutes:      r.PostFormValue("stripe_expiry_minutes"),
		BankTransferExpiryHours:  r.PostFormValue("bank_transfer_expiry_hours"),
		Translations:             postedFormTexts(r, others, store.SettingBankTransferInstructions, store.SettingCODInstructions),
	}
	in := &store.PaymentSettings{
		StripePublishableKey:      form.StripePublishableKey,
		StripeSecretKey:           r.PostFormValue("stripe_secret_key"),
		RemoveStripeSecretKey:     r.PostFormValue("remove_stripe_secret_key") != "",
		StripeWebhookSecret:       r.PostFormValue("stripe_webhook_secret"),
		RemoveStripeWebhookSecret: r.PostFormValue("remove_stripe_webhook_secret") != "",
		BankTransferEnabled:       form.BankTransferEnabled,
		BankTransferInstructions:  form.BankTransferInstructions,
		CODEnabled:                form.CODEnabled,
		CODInstructions:           form.CODInstructions,
		Translations:              form.Translations,
	}
	parseErrs := map[string]string{}
	for _, n := range []struct {
		field, raw, msg string
		dst             *int64
	}{
		{"stripe_expiry_minutes", form.StripeExpiryMinutes, "error.expiry_minutes", &in.StripeExpiryMinutes},
		{"bank_transfer_expiry_hours", form.BankTransferExpiryHours, "error.expiry_hours", &in.BankTransferExpiryHours},
	} {
		v, err := strconv.ParseInt(strings.TrimSpace(n.raw), 10, 64)
		if err != nil {
			parseErrs[n.field] = n.msg
		}
		*n.dst = v
	}
	// A refused save gives back the secrets as typed, in this one answer
	// only, so that fixing another field does not mean typing them again.
	form.StripeSecretKey, form.StripeWebhookSecret = in.StripeSecretKey, in.StripeWebhookSecret
	form.RemoveStripeSecretKey, form.RemoveStripeWebhookSecret = in.RemoveStripeSecretKey, in.RemoveStripeWebhookSecret
	h.saveSettingsSection(w, r, version, in, parseErrs, func(p *adminviews.SettingsPage) {
		form.StripeSecretKeyMask, form.StripeWebhookSecretMask = p.Payments.StripeSecretKeyMask, p.Payments.StripeWebhookSecretMask
		p.Payments = form
	})
}

// maxLogoBytes is the most a logo upload may send: the body limit of
// every form (limitBody), plenty for a header logo.
const maxLogoBytes = kit.MaxBodyBytes

// readImageForm reads a settings form that may carry an image in field
// (multipart, or plain when only a remove button was used). It reports
// false once it has answered: 413 beside field when the image is too
// large, 400 when the body cannot be read.
func (h *Handler) readImageForm(w http.ResponseWriter, r *http.Request, section, field string) bool {
	err := r.ParseMultipartForm(maxLogoBytes)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		h.settingsProblem(w, r, http.StatusRequestEntityTooLarge, section, "",
			map[string]string{field: "error.logo_too_large"}, nil)
		return false
	case err != nil && !errors.Is(err, http.ErrNotMultipart): // a remove button needs no file
		h.ClientError(w, r, http.StatusBadRequest)
		return false
	}
	return h.ReadForm(w, r) // the multipart fields, now that the body is read
}

// removeUploads deletes the temporary files of r's multipart form.
func removeUploads(r *http.Request) {
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll()
	}
}

// SettingsLogo uploads a new logo, or removes it when the form's
// remove button was used.
func (h *Handler) SettingsLogo(w http.ResponseWriter, r *http.Request) {
	defer removeUploads(r)
	if !h.readImageForm(w, r, store.SectionLogo, "logo") {
		return
	}
	var err error
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	if r.PostFormValue("remove") != "" {
		err = h.Store.RemoveLogo(r.Context(), h.actor(r), version)
	} else {
		err = h.saveLogo(r, version)
	}
	if err != nil {
		h.settingsFailed(w, r, store.SectionLogo, strconv.FormatInt(version, 10), err, nil)
		return
	}
	settingsSaved(w, r, store.SectionLogo)
}

func (h *Handler) saveLogo(r *http.Request, version int64) error {
	file, _, err := r.FormFile("logo")
	if errors.Is(err, http.ErrMissingFile) {
		return &store.ValidationError{Fields: map[string]string{"logo": "error.logo_missing"}}
	}
	if err != nil {
		return &store.ValidationError{Fields: map[string]string{"logo": "error.logo_image"}}
	}
	defer file.Close()
	_, err = h.Store.SaveLogo(r.Context(), h.actor(r), version, file)
	return err
}

// SettingsPreview is where the theme form's Preview button sends its
// values (a GET aimed at the page's preview frame): the storefront home
// as it would look, through the same preview parameters the storefront
// honours for staff.
func (h *Handler) SettingsPreview(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	color := ""
	if q.Get("brand_color_custom") != "" {
		color = q.Get("brand_color")
	}
	home, err := url.Parse(kit.PreviewURL(q.Get("theme"), color))
	if err != nil {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL = home
	r2.RequestURI = home.RequestURI()
	h.home.ServeHTTP(w, r2)
}

// parsePercent reads a percentage with up to two decimals ("12.5") as
// basis points (1250), exactly.
func parsePercent(s string) (int64, error) {
	return store.ParseMoney(strings.TrimSuffix(strings.TrimSpace(s), "%"), 2)
}

// formatPercent writes basis points as a percentage without needless
// zeros: 1250 → "12.5", 800 → "8".
func formatPercent(bp int64) string {
	s := store.FormatDecimal(bp, 2)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
