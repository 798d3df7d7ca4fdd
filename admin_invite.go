package main

import (
	"errors"
	"net/http"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// The pages behind one-time links: /admin/invite/{token} creates an
// account, /admin/reset/{token} sets a new password. They are open (the
// token is the credential), so they sit outside adminRoutes.

func (a *app) adminInviteForm(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	inv, err := a.store.InviteByToken(r.Context(), token)
	if err != nil {
		a.linkRefused(w, r, err, "admin.invite.gone")
		return
	}
	a.renderInvite(w, r, http.StatusOK, adminviews.InvitePage{Token: token, Invite: *inv})
}

// adminInviteAccept creates the invitee's account and signs them in. The
// store spends the link in the same transaction, so a second submit (or a
// second browser at the same moment) finds it gone.
func (a *app) adminInviteAccept(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token := r.PathValue("token")
	name := r.PostFormValue("name")
	st, err := a.store.AcceptInvite(ctx, a.clientIP(r), token, name, r.PostFormValue("password"))
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		inv, ierr := a.store.InviteByToken(ctx, token)
		if ierr != nil {
			a.linkRefused(w, r, ierr, "admin.invite.gone")
			return
		}
		a.renderInvite(w, r, http.StatusUnprocessableEntity, adminviews.InvitePage{Token: token, Invite: *inv, Name: name, Errors: verr.Fields})
		return
	}
	if err != nil {
		a.linkRefused(w, r, err, "admin.invite.gone")
		return
	}
	if err := a.startStaffSession(r, st); err != nil {
		a.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

func (a *app) renderInvite(w http.ResponseWriter, r *http.Request, status int, page adminviews.InvitePage) {
	noReferrer(w)
	page.Shell = a.adminShell(r, "admin.invite.title")
	a.render(w, r, status, adminviews.Invite(page))
}

func (a *app) adminResetForm(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	st, err := a.store.PasswordResetByToken(r.Context(), token)
	if err != nil {
		a.linkRefused(w, r, err, "admin.reset.gone")
		return
	}
	a.renderReset(w, r, http.StatusOK, adminviews.ResetPage{Token: token, Email: st.Email})
}

// adminResetPassword sets the new password, which ends every session of
// the account. Without two-factor the link has proved enough and the
// member is signed in; with it, they sign in with password and code.
func (a *app) adminResetPassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token := r.PathValue("token")
	st, err := a.store.ResetPassword(ctx, a.clientIP(r), token, r.PostFormValue("password"))
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		member, merr := a.store.PasswordResetByToken(ctx, token)
		if merr != nil {
			a.linkRefused(w, r, merr, "admin.reset.gone")
			return
		}
		a.renderReset(w, r, http.StatusUnprocessableEntity, adminviews.ResetPage{Token: token, Email: member.Email, Errors: verr.Fields})
		return
	}
	if err != nil {
		a.linkRefused(w, r, err, "admin.reset.gone")
		return
	}
	if st.TOTPEnabled {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	if err := a.startStaffSession(r, st); err != nil {
		a.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

func (a *app) renderReset(w http.ResponseWriter, r *http.Request, status int, page adminviews.ResetPage) {
	noReferrer(w)
	page.Shell = a.adminShell(r, "admin.reset.title")
	a.render(w, r, status, adminviews.Reset(page))
}

// linkRefused answers a one-time link that no longer works (unknown,
// used, expired or revoked: the page does not say which) with 404 and
// what to do, or err's own status.
func (a *app) linkRefused(w http.ResponseWriter, r *http.Request, err error, key string) {
	if !errors.Is(err, store.ErrNotFound) {
		a.serverError(w, r, err)
		return
	}
	noReferrer(w)
	a.adminMessage(w, r, http.StatusNotFound, key+"_title", key+"_msg")
}

// noReferrer keeps a page's secret URL out of Referer headers.
func noReferrer(w http.ResponseWriter) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "no-store")
}
