package admin

import (
	"cmp"
	"crypto/subtle"
	"errors"
	"maps"
	"net/http"
	"slices"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// needsSetup sends the visitor to /admin/setup while the shop has no staff,
// and reports whether it did.
func (h *Handler) needsSetup(w http.ResponseWriter, r *http.Request) bool {
	n, err := h.Store.StaffCount(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return true
	}
	if n > 0 {
		return false
	}
	http.Redirect(w, r, "/admin/setup", http.StatusSeeOther)
	return true
}

// setupOpen reports whether setup may go on with token. Once anyone has an
// account setup is gone (404); without the right token it explains where
// the link is (403).
func (h *Handler) setupOpen(w http.ResponseWriter, r *http.Request, token string) bool {
	n, err := h.Store.StaffCount(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return false
	}
	if n > 0 {
		h.NotFound(w, r)
		return false
	}
	if h.setupToken == "" || subtle.ConstantTimeCompare([]byte(token), []byte(h.setupToken)) != 1 {
		h.adminMessage(w, r, http.StatusForbidden, "admin.setup.title", "admin.setup.need_token")
		return false
	}
	return true
}

func (h *Handler) SetupForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if !h.setupOpen(w, r, token) {
		return
	}
	settings, err := h.Store.Settings(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	// The shop starts in the language its owner reads setup in: the
	// merchant's texts stay in the language chosen here for good
	// (Settings.ContentLocale), and one who reads Chinese most likely
	// sells in yuan.
	form := adminviews.SetupForm{StoreName: settings.StoreName, Currency: settings.Currency, Locale: i18n.Locale(r.Context()),
		PublicURL: cmp.Or(h.Cfg.BaseURL, h.ProposedURL(r))}
	if form.Locale == "zh" {
		form.Currency = "CNY"
	}
	h.renderSetup(w, r, http.StatusOK, token, form, nil)
}

// Setup creates the owner and the store's profile, then signs the
// owner in.
func (h *Handler) Setup(w http.ResponseWriter, r *http.Request) {
	token := r.PostFormValue("token")
	if !h.setupOpen(w, r, token) {
		return
	}
	form := adminviews.SetupForm{
		StoreName:   r.PostFormValue("store_name"),
		Currency:    r.PostFormValue("currency"),
		Locale:      r.PostFormValue("locale"),
		Address:     r.PostFormValue(store.SettingAddress),
		PublicURL:   r.PostFormValue(store.SettingPublicURL),
		BankDetails: r.PostFormValue(store.SettingBankTransferInstructions),
		Name:        r.PostFormValue("name"),
		Email:       r.PostFormValue("email"),
	}
	owner, err := h.Store.Setup(r.Context(), store.Actor{IP: h.ClientIP(r)}, store.SetupInput{
		StoreName: form.StoreName, Currency: form.Currency, Locale: form.Locale,
		Address: form.Address, PublicURL: form.PublicURL, BankTransferInstructions: form.BankDetails,
		Owner: store.StaffInput{Email: form.Email, Name: form.Name, Password: r.PostFormValue("password")},
	})
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.renderSetup(w, r, http.StatusUnprocessableEntity, token, form, verr.Fields)
	case errors.Is(err, store.ErrConflict):
		// Another setup won the race a moment ago.
		h.NotFound(w, r)
	case err != nil:
		h.ServerError(w, r, err)
	default:
		h.signIn(w, r, owner, "/admin")
	}
}

func (h *Handler) renderSetup(w http.ResponseWriter, r *http.Request, status int, token string, form adminviews.SetupForm, errs map[string]string) {
	w.Header().Set("Cache-Control", "no-store")
	h.Render(w, r, status, adminviews.Setup(adminviews.SetupPage{
		Shell: h.adminShell(r, "admin.setup.title"), Token: token, Form: form, Errors: errs,
		Currencies: slices.Sorted(maps.Keys(store.Currencies)),
	}))
}
