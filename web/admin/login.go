package admin

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// A two-factor sign-in's pending second step (store.BeginStaffSignIn) is
// this browser's: its session holds the token, so a copy of the code's
// form posted from elsewhere finds none. The email is kept beside it to
// fill in the password's field again when the step has ended.
const (
	sessionSignInToken = "admin.signin.token"
	sessionSignInEmail = "admin.signin.email"
)

func (h *Handler) LoginForm(w http.ResponseWriter, r *http.Request) {
	if h.needsSetup(w, r) {
		return
	}
	if h.signedInStaff(r) != nil {
		http.Redirect(w, r, localAdminPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	ctx := r.Context()
	page := adminviews.LoginPage{Next: nextParam(r.URL.Query().Get("next")), Notice: h.Sessions.PopString(ctx, flashNotice)}
	if token := h.Sessions.GetString(ctx, sessionSignInToken); token != "" {
		st, err := h.Store.PendingStaffSignIn(ctx, token)
		switch {
		case err == nil && r.URL.Query().Get("again") == "":
			page.CodeStep, page.Email = true, st.Email
			h.renderLogin(w, r, http.StatusOK, page)
			return
		case err == nil || errors.Is(err, store.ErrNotFound):
			if err != nil {
				page.Error = "admin.login.code_expired"
			}
			page.Email = h.endPendingSignIn(r)
		default:
			h.ServerError(w, r, err)
			return
		}
	}
	// After a reset of an account with two-factor on: its email, and the
	// code's field at once, since the code is asked for anyway.
	if email := h.Sessions.PopString(ctx, flashSignInEmail); email != "" {
		page.Email, page.AskOTP = email, true
	}
	h.renderLogin(w, r, http.StatusOK, page)
}

// Login signs a staff member in: throttle (store.BeginLogin, which counts
// the attempt as a failure until it succeeds), password, second factor,
// then a new session token and a staff_sessions row. An account with
// two-factor on gives its code with the password (after a reset, or a
// client that knows it) or on the code's page, which posts no email.
func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	if h.needsSetup(w, r) {
		return
	}
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	if !r.PostForm.Has("email") {
		h.loginCode(w, r)
		return
	}
	page := adminviews.LoginPage{Email: email, Next: nextParam(r.PostFormValue("next"))}
	attempt, wait, err := h.Store.BeginLogin(ctx, email, h.ClientIP(r))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if wait > 0 {
		h.tooManyLogins(w, r, wait)
		return
	}
	st, err := h.Store.AuthenticateStaff(ctx, email, r.PostFormValue("password"))
	// A wrong password stays counted, as BeginLogin recorded it.
	if errors.Is(err, store.ErrBadCredentials) {
		h.auditLoginFailure(r, email, err)
		page.Error = "admin.login.bad"
		h.renderLogin(w, r, http.StatusUnauthorized, page)
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if !st.TOTPEnabled {
		h.loginSucceeded(w, r, attempt, st, page.Next)
		return
	}
	otp := r.PostFormValue("otp")
	if strings.TrimSpace(otp) == "" {
		// The right password without a code yet is no guess.
		if err := h.Store.ForgetLoginAttempt(ctx, attempt); err != nil {
			h.ServerError(w, r, err)
			return
		}
		if h.beginPendingSignIn(w, r, st) {
			http.Redirect(w, r, loginURL(page.Next), http.StatusSeeOther)
		}
		return
	}
	err = h.Store.UseSecondFactor(ctx, st, h.ClientIP(r), otp)
	if errors.Is(err, store.ErrBadSecondFactor) {
		// Counted, as wrong codes must be or the throttle would not slow
		// down guessing codes for a known password; the next try asks
		// for the code alone.
		h.auditLoginFailure(r, email, err)
		if h.beginPendingSignIn(w, r, st) {
			page.CodeStep, page.Email, page.Error = true, st.Email, "admin.login.bad_otp"
			h.renderLogin(w, r, http.StatusUnauthorized, page)
		}
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.loginSucceeded(w, r, attempt, st, page.Next)
}

// loginCode is the code's page posted: the browser's pending sign-in and
// otp. Codes pass the throttle as passwords do. Too many wrong ones, or a
// sign-in that has expired or is not this browser's, go back to the
// password.
func (h *Handler) loginCode(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token, email := h.Sessions.GetString(ctx, sessionSignInToken), h.Sessions.GetString(ctx, sessionSignInEmail)
	page := adminviews.LoginPage{Email: email, Next: nextParam(r.PostFormValue("next")), CodeStep: true}
	if token == "" {
		page.CodeStep, page.Error = false, "admin.login.code_expired"
		h.renderLogin(w, r, http.StatusUnauthorized, page)
		return
	}
	otp := r.PostFormValue("otp")
	if strings.TrimSpace(otp) == "" {
		page.Error = "admin.login.code_missing"
		h.renderLogin(w, r, http.StatusUnprocessableEntity, page)
		return
	}
	attempt, wait, err := h.Store.BeginLogin(ctx, email, h.ClientIP(r))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if wait > 0 {
		h.tooManyLogins(w, r, wait)
		return
	}
	st, err := h.Store.FinishStaffSignIn(ctx, token, h.ClientIP(r), otp)
	switch {
	case err == nil:
		h.endPendingSignIn(r)
		h.loginSucceeded(w, r, attempt, st, page.Next)
		return
	case errors.Is(err, store.ErrBadSecondFactor):
		h.auditLoginFailure(r, email, err)
		page.Error = "admin.login.bad_otp"
	case errors.Is(err, store.ErrSignInTries):
		h.auditLoginFailure(r, email, err)
		h.endPendingSignIn(r)
		page.CodeStep, page.Error = false, "admin.login.code_tries"
	case errors.Is(err, store.ErrNotFound):
		// No code was checked: no guess to count.
		if err := h.Store.ForgetLoginAttempt(ctx, attempt); err != nil {
			h.ServerError(w, r, err)
			return
		}
		h.endPendingSignIn(r)
		page.CodeStep, page.Error = false, "admin.login.code_expired"
	default:
		h.ServerError(w, r, err)
		return
	}
	h.renderLogin(w, r, http.StatusUnauthorized, page)
}

// beginPendingSignIn starts the code's step of st's sign-in on this
// browser; false when it has answered with an error.
func (h *Handler) beginPendingSignIn(w http.ResponseWriter, r *http.Request, st *store.Staff) bool {
	token, err := h.Store.BeginStaffSignIn(r.Context(), st)
	if err != nil {
		h.ServerError(w, r, err)
		return false
	}
	h.Sessions.Put(r.Context(), sessionSignInToken, token)
	h.Sessions.Put(r.Context(), sessionSignInEmail, st.Email)
	return true
}

// endPendingSignIn forgets this browser's pending sign-in and returns the
// email it was for.
func (h *Handler) endPendingSignIn(r *http.Request) string {
	h.Sessions.Remove(r.Context(), sessionSignInToken)
	return h.Sessions.PopString(r.Context(), sessionSignInEmail)
}

// loginSucceeded forgets the attempt's failures and signs st in.
func (h *Handler) loginSucceeded(w http.ResponseWriter, r *http.Request, attempt *store.LoginAttempt, st *store.Staff, next string) {
	if err := h.Store.LoginSucceeded(r.Context(), attempt); err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.signIn(w, r, st, localAdminPath(next))
}

// loginURL is the login page, keeping where to go afterwards.
func loginURL(next string) string {
	if next == "" {
		return "/admin/login"
	}
	return "/admin/login?" + url.Values{"next": {next}}.Encode()
}

// signIn signs st in on this browser and sends it to the admin page to:
// the end of every way in (the login form, setup, an invitation, a reset
// link). A fresh session token (so a token planted before sign-in is
// worthless) holds a new staff session, whose staff_sessions row and
// audit entry commit together.
func (h *Handler) signIn(w http.ResponseWriter, r *http.Request, st *store.Staff, to string) {
	ctx := r.Context()
	if err := h.Sessions.RenewToken(ctx); err != nil {
		h.ServerError(w, r, err)
		return
	}
	token, err := h.Store.RecordStaffSession(ctx, st, h.ClientIP(r), r.UserAgent())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Sessions.Put(ctx, kit.SessionStaffToken, token)
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// auditLoginFailure records a failed sign-in, naming the account it was
// for when that account exists.
func (h *Handler) auditLoginFailure(r *http.Request, email string, cause error) {
	ctx := r.Context()
	e := store.AuditEntry{Actor: store.Actor{Email: email, IP: h.ClientIP(r)},
		Action: store.ActionLoginFailed, Entity: store.EntityStaff}
	if st, err := h.Store.StaffByEmail(ctx, email); err == nil {
		e.EntityID = strconv.FormatInt(st.ID, 10)
	}
	if errors.Is(cause, store.ErrBadSecondFactor) || errors.Is(cause, store.ErrSignInTries) {
		e.After = map[string]string{"reason": "second_factor"}
	}
	if err := h.Store.RecordAudit(ctx, e); err != nil {
		h.Log.Error("audit failed login", "id", kit.RequestID(ctx), "err", err)
	}
}

// Logout ends the staff session and renews the session token, so the
// old cookie opens nothing. The shopper's cart in the same session stays.
func (h *Handler) Logout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if token := h.Sessions.GetString(ctx, kit.SessionStaffToken); token != "" {
		if err := h.Store.EndStaffSession(ctx, token, h.ClientIP(r)); err != nil {
			h.ServerError(w, r, err)
			return
		}
		h.Sessions.Remove(ctx, kit.SessionStaffToken)
	}
	if err := h.Sessions.RenewToken(ctx); err != nil {
		h.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

// tooManyLogins answers an attempt the throttle holds back, saying until
// when in the shop's time zone, as the admin shows times: the server's
// clock means nothing to someone in another zone.
func (h *Handler) tooManyLogins(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	minutes := (secs + 59) / 60
	settings, err := h.Store.Settings(r.Context())
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.adminMessage(w, r, http.StatusTooManyRequests, "admin.login.locked_title", "admin.login.slowed_msg",
		minutes, adminviews.FormatTime(i18n.Locale(r.Context()), h.Store.Now().Add(wait), settings.Location()))
}

func (h *Handler) renderLogin(w http.ResponseWriter, r *http.Request, status int, page adminviews.LoginPage) {
	w.Header().Set("Cache-Control", "no-store")
	page.Shell = h.adminShell(r, "admin.login.title")
	h.Render(w, r, status, adminviews.Login(page))
}

// signedInStaff is the staff member this browser is signed in as, or nil;
// for pages outside RequireStaff, such as the login form.
func (h *Handler) signedInStaff(r *http.Request) *store.Staff {
	ctx := r.Context()
	st, _, err := h.Store.StaffSessionValid(ctx, h.Sessions.GetString(ctx, kit.SessionStaffToken))
	if err != nil {
		return nil
	}
	return st
}

// nextParam keeps a return address only when it is a safe one.
func nextParam(next string) string {
	if next == "" || localAdminPath(next) != next {
		return ""
	}
	return next
}
