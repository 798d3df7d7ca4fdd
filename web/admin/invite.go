package admin

import (
	"errors"
	"net/http"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// The pages behind one-time links: /admin/invite/{token} creates an
// account, /admin/reset/{token} sets a new password. They are open (the
// token is the credential), so they sit outside web.AdminRoutes.

func (h *Handler) InviteForm(w http.ResponseWriter, r *http.Request) {
	h.showInvite(w, r, http.StatusOK, adminviews.InvitePage{Token: r.PathValue("token")})
}

// InviteAccept creates the invitee's account and signs them in. The
// store spends the link in the same transaction, so a second submit (or a
// second browser at the same moment) finds it gone.
func (h *Handler) InviteAccept(w http.ResponseWriter, r *http.Request) {
	token, name := r.PathValue("token"), r.PostFormValue("name")
	st, err := h.Store.AcceptInvite(r.Context(), h.ClientIP(r), token, name, r.PostFormValue("password"))
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.showInvite(w, r, http.StatusUnprocessableEntity, adminviews.InvitePage{Token: token, Name: name, Errors: verr.Fields})
	case err != nil:
		h.linkRefused(w, r, err, "admin.invite.gone")
	default:
		h.Sessions.Put(r.Context(), flashNotice, "admin.invite.done")
		h.signIn(w, r, st, "/admin")
	}
}

// showInvite renders the form of the invitation page.Token opens, or
// refuses a link that no longer works.
func (h *Handler) showInvite(w http.ResponseWriter, r *http.Request, status int, page adminviews.InvitePage) {
	inv, err := h.Store.InviteByToken(r.Context(), page.Token)
	if err != nil {
		h.linkRefused(w, r, err, "admin.invite.gone")
		return
	}
	noReferrer(w)
	page.Invite = *inv
	page.Shell = h.adminShell(r, "admin.invite.title")
	h.Render(w, r, status, adminviews.Invite(page))
}

func (h *Handler) ResetForm(w http.ResponseWriter, r *http.Request) {
	h.showReset(w, r, http.StatusOK, adminviews.ResetPage{Token: r.PathValue("token")})
}

// ResetPassword sets the new password, which ends every session of
// the account. Without two-factor the link has proved enough and the
// member is signed in; with it, they sign in with password and code, on
// a sign-in form that says so and has their email filled in. Either way
// the page they land on says the password was saved, as the admin home
// welcomes someone who accepted an invitation.
func (h *Handler) ResetPassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token := r.PathValue("token")
	st, err := h.Store.ResetPassword(ctx, h.ClientIP(r), token, r.PostFormValue("password"))
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.showReset(w, r, http.StatusUnprocessableEntity, adminviews.ResetPage{Token: token, Errors: verr.Fields})
	case err != nil:
		h.linkRefused(w, r, err, "admin.reset.gone")
	case st.TOTPEnabled:
		h.Sessions.Put(ctx, flashSignInEmail, st.Email)
		h.doneRedirect(w, r, "/admin/login", "admin.reset.done_otp")
	default:
		h.Sessions.Put(ctx, flashNotice, "admin.reset.done")
		h.signIn(w, r, st, "/admin")
	}
}

// showReset renders the form of the reset link page.Token opens, or
// refuses a link that no longer works.
func (h *Handler) showReset(w http.ResponseWriter, r *http.Request, status int, page adminviews.ResetPage) {
	st, err := h.Store.PasswordResetByToken(r.Context(), page.Token)
	if err != nil {
		h.linkRefused(w, r, err, "admin.reset.gone")
		return
	}
	noReferrer(w)
	page.Email = st.Email
	page.Shell = h.adminShell(r, "admin.reset.title")
	h.Render(w, r, status, adminviews.Reset(page))
}

// linkRefused answers a one-time link that no longer works (unknown,
// used, expired or revoked: the page does not say which) with 404 and
// what to do, or err's own status.
func (h *Handler) linkRefused(w http.ResponseWriter, r *http.Request, err error, key string) {
	if !errors.Is(err, store.ErrNotFound) {
		h.ServerError(w, r, err)
		return
	}
	noReferrer(w)
	h.adminMessage(w, r, http.StatusNotFound, key+"_title", key+"_msg")
}

// noReferrer keeps a page's secret URL out of Referer headers.
func noReferrer(w http.ResponseWriter) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "no-store")
}
