package admin

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// errSecondFactor means the account has two-factor sign-in on and the
// code is wrong or already used; errSecondFactorMissing that none was
// given, which is the first step of every such sign-in, not a guess.
var (
	errSecondFactor        = errors.New("second factor required")
	errSecondFactorMissing = errors.New("second factor missing")
)

// checkSecondFactor is called after the password has matched. Accounts
// without TOTP pass; the others need a current code from their
// authenticator app, not used before, or one of their unused recovery
// codes (which it spends). The store enforces both in SQL.
func (h *Handler) checkSecondFactor(r *http.Request, st *store.Staff, otp string) error {
	if !st.TOTPEnabled {
		return nil
	}
	if strings.TrimSpace(otp) == "" {
		return errSecondFactorMissing
	}
	err := h.Store.UseSecondFactor(r.Context(), st, h.ClientIP(r), otp)
	if errors.Is(err, store.ErrBadSecondFactor) {
		return errSecondFactor
	}
	return err
}

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
	// After a reset of an account with two-factor on: its email, and the
	// code's field at once, since the code is asked for anyway.
	if email := h.Sessions.PopString(ctx, flashSignInEmail); email != "" {
		page.Email, page.AskOTP = email, true
	}
	h.renderLogin(w, r, http.StatusOK, page)
}

// Login signs a staff member in: throttle (store.BeginLogin, which counts
// the attempt as a failure until it succeeds), password, second factor,
// then a new session token and a staff_sessions row.
func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	if h.needsSetup(w, r) {
		return
	}
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
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
	if err == nil {
		err = h.checkSecondFactor(r, st, r.PostFormValue("otp"))
		page.AskOTP = err != nil
	}
	if errors.Is(err, errSecondFactorMissing) {
		// The right password without a code yet is no guess.
		if err := h.Store.ForgetLoginAttempt(ctx, attempt); err != nil {
			h.ServerError(w, r, err)
			return
		}
		page.Error = "admin.login.need_otp"
		h.renderLogin(w, r, http.StatusUnauthorized, page)
		return
	}
	// A wrong password or code stays counted, as BeginLogin recorded it.
	// Codes count too, or the throttle would not slow down guessing codes
	// for a known password.
	if errors.Is(err, store.ErrBadCredentials) || errors.Is(err, errSecondFactor) {
		h.auditLoginFailure(r, email, err)
		page.Error = "admin.login.bad"
		if page.AskOTP {
			page.Error = "admin.login.bad_otp"
		}
		h.renderLogin(w, r, http.StatusUnauthorized, page)
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if err := h.Store.LoginSucceeded(ctx, attempt); err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.signIn(w, r, st, localAdminPath(page.Next))
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
	if errors.Is(cause, errSecondFactor) {
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
