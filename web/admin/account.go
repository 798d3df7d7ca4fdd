package admin

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// The signed-in staff member's own account: password and two-factor
// sign-in at /admin/account/security, signed-in browsers at
// /admin/account/sessions.

const securityURL = "/admin/account/security"

func (h *Handler) Security(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page := adminviews.SecurityPage{Notice: h.Sessions.PopString(ctx, flashNotice)}
	if codes := h.Sessions.PopString(ctx, flashRecoveryCodes); codes != "" {
		page.RecoveryCodes = strings.Split(codes, "\n")
	}
	h.renderSecurity(w, r, http.StatusOK, page)
}

// renderSecurity fills in the account's two-factor state: on (with the
// recovery codes left), being set up (QR code and secret), or off.
func (h *Handler) renderSecurity(w http.ResponseWriter, r *http.Request, status int, page adminviews.SecurityPage) {
	ctx := r.Context()
	st := kit.CurrentStaff(ctx)
	page.TOTPEnabled = st.TOTPEnabled
	var err error
	if st.TOTPEnabled {
		page.CodesLeft, err = h.Store.RecoveryCodesLeft(ctx, st.ID)
	} else {
		page.Enrolment, err = h.Store.PendingTOTP(ctx, st.ID, h.storeName(r))
		if errors.Is(err, store.ErrNotFound) {
			page.Enrolment, err = nil, nil
		}
		if err == nil && page.Enrolment != nil {
			page.QR, err = qrSVG(page.Enrolment.URL)
		}
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Shell = h.adminShell(r, "admin.security.title")
	h.Render(w, r, status, adminviews.Security(page))
}

// storeName names the shop in authenticator apps.
func (h *Handler) storeName(r *http.Request) string {
	settings, err := h.Store.Settings(r.Context())
	if err != nil {
		h.Log.Warn("settings", "id", kit.RequestID(r.Context()), "err", err)
	}
	return settings.StoreName
}

// AccountPassword changes the staff member's own password, given the
// current one and, with two-factor on, a code. Every other session of
// theirs ends; this browser stays signed in under a new session token, so
// that a copy of its old cookie opens nothing. A wrong password or code
// counts as a failed sign-in (store.BeginLogin): an unattended session
// must not be a way to guess the password unthrottled.
func (h *Handler) AccountPassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st := kit.CurrentStaff(ctx)
	ok, changed := h.asSignIn(w, r, []string{"current_password", "code"}, func() error {
		return h.Store.ChangeStaffPassword(ctx, h.actor(r), st.ID, kit.CurrentStaffSession(ctx).ID, store.StaffPasswordChange{
			Current: r.PostFormValue("current_password"), Password: r.PostFormValue("password"),
			Again: r.PostFormValue("password_again"), Code: r.PostFormValue("code")})
	})
	if !ok || h.securityRefused(w, r, "password", changed) {
		return
	}
	if err := h.Sessions.RenewToken(ctx); err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.doneRedirect(w, r, securityURL, "admin.password.changed")
}

// asSignIn runs change, which checks the staff member's password or a
// code, as a sign-in attempt (store.BeginLogin): refused on one of the
// guessed fields, it counts as a failed sign-in; refused on another field
// alone (the right password, a new one too short), as nothing. It
// reports false when it answered the request itself (held back, or the
// throttle failed), else change's error.
func (h *Handler) asSignIn(w http.ResponseWriter, r *http.Request, guessed []string, change func() error) (bool, error) {
	ctx := r.Context()
	attempt, wait, err := h.Store.BeginLogin(ctx, kit.CurrentStaff(ctx).Email, h.ClientIP(r))
	if err != nil {
		h.ServerError(w, r, err)
		return false, nil
	}
	if wait > 0 {
		h.tooManyLogins(w, r, wait)
		return false, nil
	}
	changed := change()
	var verr *store.ValidationError
	switch {
	case changed == nil:
		err = h.Store.LoginSucceeded(ctx, attempt)
	case errors.As(changed, &verr) && !slices.ContainsFunc(guessed, func(f string) bool { return verr.Fields[f] != "" }):
		err = h.Store.ForgetLoginAttempt(ctx, attempt)
	case errors.As(changed, &verr):
		// A wrong password or code is a failed sign-in on the audit log
		// too, as at the sign-in form.
		var cause error
		if verr.Fields["code"] != "" {
			cause = store.ErrBadSecondFactor
		}
		h.auditLoginFailure(r, kit.CurrentStaff(ctx).Email, cause)
	}
	if err != nil {
		h.ServerError(w, r, err)
		return false, nil
	}
	return true, changed
}

// TOTPStart makes a new secret to enrol; the security page then shows
// its QR code until a code confirms it.
func (h *Handler) TOTPStart(w http.ResponseWriter, r *http.Request) {
	st := kit.CurrentStaff(r.Context())
	if _, err := h.Store.StartTOTP(r.Context(), st.ID, h.storeName(r)); err != nil {
		h.StoreError(w, r, err)
		return
	}
	http.Redirect(w, r, securityURL, http.StatusSeeOther)
}

// TOTPConfirm turns two-factor on with a code from the app and shows
// the recovery codes, once.
func (h *Handler) TOTPConfirm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	codes, err := h.Store.ConfirmTOTP(ctx, h.actor(r), kit.CurrentStaff(ctx).ID, r.PostFormValue("code"))
	if h.securityRefused(w, r, "confirm", err) {
		return
	}
	h.Sessions.Put(ctx, flashRecoveryCodes, strings.Join(codes, "\n"))
	h.doneRedirect(w, r, securityURL, "admin.security.enabled")
}

// TOTPDisable turns two-factor off, given the password and a code, a
// wrong one counting as a failed sign-in (asSignIn).
func (h *Handler) TOTPDisable(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ok, err := h.asSignIn(w, r, []string{"password", "code"}, func() error {
		return h.Store.DisableTOTP(ctx, h.actor(r), kit.CurrentStaff(ctx).ID, r.PostFormValue("password"), r.PostFormValue("code"))
	})
	if !ok || h.securityRefused(w, r, "disable", err) {
		return
	}
	h.doneRedirect(w, r, securityURL, "admin.security.disabled")
}

// RecoveryCodes replaces the recovery codes, given the password and
// a code (a wrong one counting as a failed sign-in), and shows the new
// ones once.
func (h *Handler) RecoveryCodes(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var codes []string
	ok, err := h.asSignIn(w, r, []string{"password", "code"}, func() (err error) {
		codes, err = h.Store.NewRecoveryCodes(ctx, h.actor(r), kit.CurrentStaff(ctx).ID, r.PostFormValue("password"), r.PostFormValue("code"))
		return err
	})
	if !ok || h.securityRefused(w, r, "codes", err) {
		return
	}
	h.Sessions.Put(ctx, flashRecoveryCodes, strings.Join(codes, "\n"))
	h.doneRedirect(w, r, securityURL, "admin.security.codes_new")
}

// securityRefused re-shows the security page with form's messages (422),
// or answers err's status. It reports whether err was one.
func (h *Handler) securityRefused(w http.ResponseWriter, r *http.Request, form string, err error) bool {
	var verr *store.ValidationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &verr):
		h.renderSecurity(w, r, http.StatusUnprocessableEntity, adminviews.SecurityPage{Form: form, Errors: verr.Fields})
	default:
		h.StoreError(w, r, err)
	}
	return true
}

// AccountSessions lists the staff member's own signed-in browsers.
func (h *Handler) AccountSessions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sessions, err := h.Store.StaffSessions(ctx, kit.CurrentStaff(ctx).ID)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Render(w, r, http.StatusOK, adminviews.Sessions(adminviews.SessionsPage{
		Shell:    h.adminShell(r, "admin.sessions.title"),
		Sessions: sessions,
		Current:  kit.CurrentStaffSession(ctx).ID,
		Notice:   h.Sessions.PopString(ctx, flashNotice),
	}))
}

// AccountSessionRevoke signs one of the staff member's sessions out. Ending
// this browser's own session is signing out, so it goes to the login page.
func (h *Handler) AccountSessionRevoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sid, ok := kit.PathInt(r, "session")
	if !ok {
		h.NotFound(w, r)
		return
	}
	if err := h.Store.RevokeStaffSession(ctx, h.actor(r), kit.CurrentStaff(ctx).ID, sid); err != nil {
		h.StoreError(w, r, err)
		return
	}
	if sid == kit.CurrentStaffSession(ctx).ID {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	h.doneRedirect(w, r, "/admin/account/sessions", "admin.sessions.revoked")
}

// AccountSessionsRevokeOthers signs out every session but this one.
func (h *Handler) AccountSessionsRevokeOthers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if _, err := h.Store.SignOutStaff(ctx, h.actor(r), kit.CurrentStaff(ctx).ID, kit.CurrentStaffSession(ctx).ID); err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.doneRedirect(w, r, "/admin/account/sessions", "admin.sessions.signed_out_others")
}
