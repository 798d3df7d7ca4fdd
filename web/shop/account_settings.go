package shop

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

// settingsPage is the name and birthday form, with the way to everything
// else the customer can change. A birthday already saved is shown, not
// offered (store.UpdateCustomerProfile).
func settingsPage(c *store.Customer, name, birthday string, errs map[string]string) views.AccountFormPage {
	bday := views.AccountField{Name: "birthday", Label: "account.field.birthday", Type: "date", Value: birthday,
		Autocomplete: "bday", Optional: true, Hint: "account.profile.birthday_hint"}
	if c.Birthday != "" {
		bday.Value, bday.Disabled, bday.Optional, bday.Hint = c.Birthday, true, false, "account.profile.birthday_locked"
	}
	return views.AccountFormPage{Heading: "account.nav.settings", Intro: []string{"account.profile.intro"}, Nav: true,
		Action: "/account/settings", Submit: "account.profile.submit", Errors: errs, Fields: []views.AccountField{
			{Name: "name", Label: "account.field.name", Type: "text", Value: name, Autocomplete: "name", Required: true,
				MaxLength: store.CustomerNameMax},
			bday,
		}, Links: []views.AccountLink{
			{Label: "account.password.heading", URL: "/account/password"},
			{Label: "account.email.heading", URL: "/account/email"},
			{Label: "account.data.download", URL: "/account/data"},
			{Label: "account.delete.heading", URL: "/account/delete"},
		}}
}

// AccountSettings is the name and birthday form and the list of what
// else the customer can change about the account.
func (h *Handler) AccountSettings(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	p := settingsPage(c, c.Name, c.Birthday, nil)
	p.Notice = h.popAccountNotice(r)
	h.renderAccountForm(w, r, http.StatusOK, p)
}

// ProfileSave saves the name, and the birthday when none was saved before.
func (h *Handler) ProfileSave(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	name, birthday := r.PostFormValue("name"), r.PostFormValue("birthday")
	_, err := h.Store.UpdateCustomerProfile(r.Context(), c.ID, store.ProfileInput{Name: name, Birthday: birthday})
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		h.renderAccountForm(w, r, http.StatusUnprocessableEntity, settingsPage(c, name, birthday, verr.Fields))
		return
	}
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.flashAccount(r, "account.profile.done")
	http.Redirect(w, r, "/account/settings", http.StatusSeeOther)
}

func passwordPage(errs map[string]string) views.AccountFormPage {
	return views.AccountFormPage{Heading: "account.password.heading", Action: "/account/password", Nav: true,
		Submit: "account.password.submit", Errors: errs, Fields: []views.AccountField{
			{Name: "current_password", Label: "account.field.current_password", Type: "password", Autocomplete: "current-password", Required: true},
			{Name: "password", Label: "account.field.new_password", Type: "password", Autocomplete: "new-password", Required: true, Hint: "account.password_hint"},
		}}
}

// PasswordForm asks for the current and a new password.
func (h *Handler) PasswordForm(w http.ResponseWriter, r *http.Request) {
	if h.requireCustomer(w, r) == nil {
		return
	}
	h.renderAccountForm(w, r, http.StatusOK, passwordPage(nil))
}

// PasswordChange sets a new password. Every other browser of the account
// is signed out; this one keeps its session under the new epoch.
func (h *Handler) PasswordChange(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	ctx := r.Context()
	epoch, err := h.Store.ChangeCustomerPassword(ctx, c.ID, r.PostFormValue("current_password"), r.PostFormValue("password"))
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		h.renderAccountForm(w, r, http.StatusUnprocessableEntity, passwordPage(verr.Fields))
		return
	}
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	if err := h.Sessions.RenewToken(ctx); err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Sessions.Put(ctx, kit.SessionCustomerEpoch, epoch)
	h.flashAccount(r, "account.password.done")
	http.Redirect(w, r, "/account/settings", http.StatusSeeOther)
}

func emailPage(r *http.Request, errs map[string]string) views.AccountFormPage {
	return views.AccountFormPage{Heading: "account.email.heading", Intro: []string{"account.email.intro"},
		Action: "/account/email", Nav: true, Submit: "account.email.submit", Errors: errs, Fields: []views.AccountField{
			{Name: "email", Label: "account.field.new_email", Type: "email", Value: r.PostFormValue("email"), Autocomplete: "email", Required: true},
			{Name: "current_password", Label: "account.field.current_password", Type: "password", Autocomplete: "current-password", Required: true},
		}}
}

// EmailForm asks for the new email and the password.
func (h *Handler) EmailForm(w http.ResponseWriter, r *http.Request) {
	if h.requireCustomer(w, r) == nil {
		return
	}
	h.renderAccountForm(w, r, http.StatusOK, emailPage(r, nil))
}

// EmailChange sends a confirmation link to the new address; the account
// keeps the old one until the link is opened. A request past the limits
// on these links is answered with the form, and when to ask again.
func (h *Handler) EmailChange(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	ctx := r.Context()
	wait, err := h.Store.RequestEmailChange(ctx, c.ID, r.PostFormValue("email"), r.PostFormValue("current_password"), i18n.Locale(ctx))
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		h.renderAccountForm(w, r, http.StatusUnprocessableEntity, emailPage(r, verr.Fields))
		return
	}
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	if wait > 0 {
		p := emailPage(r, nil)
		p.Notice = views.Notice{Kind: views.NoticeWarning, Text: waitText(r, wait)}
		h.renderAccountForm(w, r, http.StatusTooManyRequests, p)
		return
	}
	h.flashAccount(r, "account.email.sent")
	http.Redirect(w, r, "/account/settings", http.StatusSeeOther)
}

// waitText says in how many minutes, or hours when it is more than one,
// a request can be made again; rounded up, so that it is never too early.
func waitText(r *http.Request, wait time.Duration) string {
	if wait > time.Hour {
		n := int((wait + time.Hour - 1) / time.Hour)
		return i18n.N(r.Context(), "account.email.wait_hours", n, n)
	}
	n := int((wait + time.Minute - 1) / time.Minute)
	return i18n.N(r.Context(), "account.email.wait_minutes", n, n)
}

// ConfirmForm is where a confirmation link lands: a button, since a GET
// must not change anything (mail scanners open links).
func (h *Handler) ConfirmForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	h.renderAccountForm(w, r, http.StatusOK, views.AccountFormPage{Heading: "account.confirm.heading",
		Intro: []string{"account.confirm.intro"}, Action: "/account/confirm/" + r.PathValue("token"),
		Submit: "account.confirm.submit", Fields: []views.AccountField{}})
}

// Confirm spends a confirmation link: the email is confirmed (changed, for
// a change) and past guest orders with it join the account; the notice
// counts them, when there are any (claimedNotice).
func (h *Handler) Confirm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, claimed, err := h.Store.ConfirmCustomerEmail(ctx, r.PathValue("token"), i18n.Locale(ctx))
	if errors.Is(err, store.ErrNotFound) {
		// The account's overview has the button that sends a new link.
		way := views.AccountLink{Label: "account.login.heading", URL: "/account/login"}
		if h.SignedInCustomer(r) != nil {
			way = views.AccountLink{Label: "account.confirm.account", URL: "/account"}
		}
		h.renderAccountForm(w, r, http.StatusNotFound, views.AccountFormPage{Heading: "account.confirm.heading",
			FormError: "account.confirm.dead", Links: []views.AccountLink{way}})
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.flashAccount(r, "account.confirm.done")
	if claimed > 0 {
		h.Sessions.Put(ctx, sessionClaimedOrders, int(claimed))
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// sessionClaimedOrders is how many guest orders a confirmation has just
// added to the account: a flashed catalog key cannot carry the number.
const sessionClaimedOrders = "account.claimed_orders"

// claimedNotice is notice, unless a confirmation has just added guest
// orders to the account: then the notice that counts them. Confirm
// leads to the overview, or to the sign-in page on the way there.
func (h *Handler) claimedNotice(r *http.Request, notice views.Notice) views.Notice {
	if n := h.Sessions.PopInt(r.Context(), sessionClaimedOrders); n > 0 {
		return views.Notice{Kind: views.NoticeSuccess, Text: i18n.N(r.Context(), "account.confirm.done_orders", n, n)}
	}
	return notice
}

// ResendConfirmation emails a new confirmation link to a signed-in
// customer whose email is not confirmed yet, or says why it did not.
func (h *Handler) ResendConfirmation(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	ctx := r.Context()
	sent, err := h.Store.ResendCustomerConfirm(ctx, c.ID, i18n.Locale(ctx))
	switch {
	case errors.Is(err, store.ErrConflict):
		h.flashAccount(r, "account.confirm.already")
	case err != nil:
		h.StoreError(w, r, err)
		return
	case sent:
		h.flashAccount(r, "account.confirm.resent")
	default:
		h.warnAccount(r, "account.confirm.wait")
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func forgotPage(r *http.Request, errs map[string]string) views.AccountFormPage {
	return views.AccountFormPage{Heading: "account.forgot.heading", Intro: []string{"account.forgot.intro"},
		Action: "/account/forgot", Submit: "account.forgot.submit", Errors: errs, Fields: []views.AccountField{
			{Name: "email", Label: "account.field.email", Type: "email", Value: r.PostFormValue("email"), Autocomplete: "email", Required: true},
		}, Links: []views.AccountLink{{Label: "account.login.heading", URL: "/account/login"}}}
}

// ForgotForm asks for the email to send a reset link to.
func (h *Handler) ForgotForm(w http.ResponseWriter, r *http.Request) {
	h.renderAccountForm(w, r, http.StatusOK, forgotPage(r, nil))
}

// Forgot emails a reset link when the email has an account, and answers
// the same whether or not it has.
func (h *Handler) Forgot(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := h.Store.RequestCustomerReset(ctx, r.PostFormValue("email"), i18n.Locale(ctx))
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		h.renderAccountForm(w, r, http.StatusUnprocessableEntity, forgotPage(r, verr.Fields))
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.flashAccount(r, "account.forgot.sent")
	http.Redirect(w, r, "/account/login", http.StatusSeeOther)
}

func resetPage(token string, errs map[string]string) views.AccountFormPage {
	return views.AccountFormPage{Heading: "account.reset.heading", Action: "/account/reset/" + token,
		Submit: "account.reset.submit", Errors: errs, Fields: []views.AccountField{
			{Name: "password", Label: "account.field.new_password", Type: "password", Autocomplete: "new-password", Required: true, Hint: "account.password_hint"},
		}}
}

func deadLinkPage() views.AccountFormPage {
	return views.AccountFormPage{Heading: "account.reset.heading", FormError: "account.link_dead",
		Links: []views.AccountLink{{Label: "account.login.forgot", URL: "/account/forgot"}}}
}

// ResetForm asks for a new password when the reset link is still good.
func (h *Handler) ResetForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	token := r.PathValue("token")
	if !h.Store.CustomerResetValid(r.Context(), token) {
		h.renderAccountForm(w, r, http.StatusNotFound, deadLinkPage())
		return
	}
	h.renderAccountForm(w, r, http.StatusOK, resetPage(token, nil))
}

// Reset spends the link, sets the password (signing every browser out)
// and signs this one in.
func (h *Handler) Reset(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	token := r.PathValue("token")
	c, err := h.Store.ResetCustomerPassword(r.Context(), token, r.PostFormValue("password"))
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.renderAccountForm(w, r, http.StatusUnprocessableEntity, resetPage(token, verr.Fields))
		return
	case errors.Is(err, store.ErrNotFound):
		h.renderAccountForm(w, r, http.StatusNotFound, deadLinkPage())
		return
	case err != nil:
		h.ServerError(w, r, err)
		return
	}
	if h.signInCustomer(w, r, c) {
		h.flashAccount(r, "account.reset.done")
		http.Redirect(w, r, "/account", http.StatusSeeOther)
	}
}

// AccountData downloads everything kept about the account as JSON.
func (h *Handler) AccountData(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	data, err := h.Store.ExportCustomer(r.Context(), c)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	body, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="account.json"`)
	w.Write(body)
}
