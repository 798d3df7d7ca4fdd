package main

import (
	"errors"
	"net/http"
	"strings"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// The signed-in staff member's own account: two-factor sign-in at
// /admin/account/security, signed-in browsers at /admin/account/sessions.

const securityURL = "/admin/account/security"

func (a *app) adminSecurity(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page := adminviews.SecurityPage{Notice: a.sessions.PopString(ctx, flashNotice)}
	if codes := a.sessions.PopString(ctx, flashRecoveryCodes); codes != "" {
		page.RecoveryCodes = strings.Split(codes, "\n")
	}
	a.renderSecurity(w, r, http.StatusOK, page)
}

// renderSecurity fills in the account's two-factor state: on (with the
// recovery codes left), being set up (QR code and secret), or off.
func (a *app) renderSecurity(w http.ResponseWriter, r *http.Request, status int, page adminviews.SecurityPage) {
	ctx := r.Context()
	st := currentStaff(ctx)
	page.TOTPEnabled = st.TOTPEnabled
	var err error
	if st.TOTPEnabled {
		page.CodesLeft, err = a.store.RecoveryCodesLeft(ctx, st.ID)
	} else {
		page.Enrolment, err = a.store.PendingTOTP(ctx, st.ID, a.storeName(r))
		if errors.Is(err, store.ErrNotFound) {
			page.Enrolment, err = nil, nil
		}
		if err == nil && page.Enrolment != nil {
			page.QR, err = qrSVG(page.Enrolment.URL)
		}
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	page.Shell = a.adminShell(r, "admin.security.title")
	a.render(w, r, status, adminviews.Security(page))
}

// storeName names the shop in authenticator apps.
func (a *app) storeName(r *http.Request) string {
	settings, err := a.store.Settings(r.Context())
	if err != nil {
		a.log.Warn("settings", "id", requestID(r.Context()), "err", err)
	}
	return settings.StoreName
}

// adminTOTPStart makes a new secret to enrol; the security page then shows
// its QR code until a code confirms it.
func (a *app) adminTOTPStart(w http.ResponseWriter, r *http.Request) {
	st := currentStaff(r.Context())
	if _, err := a.store.StartTOTP(r.Context(), st.ID, a.storeName(r)); err != nil {
		a.storeError(w, r, err)
		return
	}
	http.Redirect(w, r, securityURL, http.StatusSeeOther)
}

// adminTOTPConfirm turns two-factor on with a code from the app and shows
// the recovery codes, once.
func (a *app) adminTOTPConfirm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	codes, err := a.store.ConfirmTOTP(ctx, a.actor(r), currentStaff(ctx).ID, r.PostFormValue("code"))
	if a.securityRefused(w, r, "confirm", err) {
		return
	}
	a.sessions.Put(ctx, flashRecoveryCodes, strings.Join(codes, "\n"))
	a.doneRedirect(w, r, securityURL, "admin.security.enabled")
}

// adminTOTPDisable turns two-factor off, given the password and a code.
func (a *app) adminTOTPDisable(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := a.store.DisableTOTP(ctx, a.actor(r), currentStaff(ctx).ID, r.PostFormValue("password"), r.PostFormValue("code"))
	if a.securityRefused(w, r, "disable", err) {
		return
	}
	a.doneRedirect(w, r, securityURL, "admin.security.disabled")
}

// adminRecoveryCodes replaces the recovery codes, given the password and
// a code, and shows the new ones once.
func (a *app) adminRecoveryCodes(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	codes, err := a.store.NewRecoveryCodes(ctx, a.actor(r), currentStaff(ctx).ID, r.PostFormValue("password"), r.PostFormValue("code"))
	if a.securityRefused(w, r, "codes", err) {
		return
	}
	a.sessions.Put(ctx, flashRecoveryCodes, strings.Join(codes, "\n"))
	a.doneRedirect(w, r, securityURL, "admin.security.codes_new")
}

// securityRefused re-shows the security page with form's messages (422),
// or answers err's status. It reports whether err was one.
func (a *app) securityRefused(w http.ResponseWriter, r *http.Request, form string, err error) bool {
	var verr *store.ValidationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &verr):
		a.renderSecurity(w, r, http.StatusUnprocessableEntity, adminviews.SecurityPage{Form: form, Errors: verr.Fields})
	default:
		a.storeError(w, r, err)
	}
	return true
}

// adminSessions lists the staff member's own signed-in browsers.
func (a *app) adminSessions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sessions, err := a.store.StaffSessions(ctx, currentStaff(ctx).ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, adminviews.Sessions(adminviews.SessionsPage{
		Shell:    a.adminShell(r, "admin.sessions.title"),
		Sessions: sessions,
		Current:  currentStaffSession(ctx).ID,
		Notice:   a.sessions.PopString(ctx, flashNotice),
	}))
}

// adminSessionRevoke signs one of the staff member's sessions out. Ending
// this browser's own session is signing out, so it goes to the login page.
func (a *app) adminSessionRevoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sid, ok := pathInt(r, "session")
	if !ok {
		a.notFound(w, r)
		return
	}
	if err := a.store.RevokeStaffSession(ctx, a.actor(r), currentStaff(ctx).ID, sid); err != nil {
		a.storeError(w, r, err)
		return
	}
	if sid == currentStaffSession(ctx).ID {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	a.doneRedirect(w, r, "/admin/account/sessions", "admin.sessions.revoked")
}

// adminSessionsRevokeOthers signs out every session but this one.
func (a *app) adminSessionsRevokeOthers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if _, err := a.store.SignOutStaff(ctx, a.actor(r), currentStaff(ctx).ID, currentStaffSession(ctx).ID); err != nil {
		a.storeError(w, r, err)
		return
	}
	a.doneRedirect(w, r, "/admin/account/sessions", "admin.sessions.signed_out_others")
}
