package main

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"storefront/store"
	adminviews "storefront/views/admin"
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
func (a *app) checkSecondFactor(r *http.Request, st *store.Staff, otp string) error {
	if !st.TOTPEnabled {
		return nil
	}
	if strings.TrimSpace(otp) == "" {
		return errSecondFactorMissing
	}
	err := a.store.UseSecondFactor(r.Context(), st, a.clientIP(r), otp)
	if errors.Is(err, store.ErrBadSecondFactor) {
		return errSecondFactor
	}
	return err
}

func (a *app) adminLoginForm(w http.ResponseWriter, r *http.Request) {
	if a.needsSetup(w, r) {
		return
	}
	if a.signedInStaff(r) != nil {
		http.Redirect(w, r, localAdminPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	a.renderLogin(w, r, http.StatusOK, adminviews.LoginPage{Next: nextParam(r.URL.Query().Get("next"))})
}

// adminLogin signs a staff member in: rate limit, password, second factor,
// then a new session token and a staff_sessions row.
func (a *app) adminLogin(w http.ResponseWriter, r *http.Request) {
	if a.needsSetup(w, r) {
		return
	}
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	page := adminviews.LoginPage{Email: email, Next: nextParam(r.PostFormValue("next"))}
	ip := a.clientIP(r)
	if wait := a.loginLimiter.blocked(email, ip); wait > 0 {
		a.tooManyLogins(w, r, wait)
		return
	}
	st, err := a.store.AuthenticateStaff(ctx, email, r.PostFormValue("password"))
	if err == nil {
		err = a.checkSecondFactor(r, st, r.PostFormValue("otp"))
		page.AskOTP = err != nil
	}
	if errors.Is(err, errSecondFactorMissing) {
		page.Error = "admin.login.need_otp"
		a.renderLogin(w, r, http.StatusUnauthorized, page)
		return
	}
	// A wrong code counts as a failure too: otherwise the limiter would
	// not slow down guessing codes for a known password.
	if errors.Is(err, store.ErrBadCredentials) || errors.Is(err, errSecondFactor) {
		a.loginLimiter.fail(email, ip)
		a.auditLoginFailure(r, email, err)
		page.Error = "admin.login.bad"
		if page.AskOTP {
			page.Error = "admin.login.bad_otp"
		}
		a.renderLogin(w, r, http.StatusUnauthorized, page)
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.loginLimiter.succeed(email)
	a.signIn(w, r, st, localAdminPath(page.Next))
}

// signIn signs st in on this browser and sends it to the admin page to:
// the end of every way in (the login form, setup, an invitation, a reset
// link). A fresh session token (so a token planted before sign-in is
// worthless) holds a new staff session, whose staff_sessions row and
// audit entry commit together.
func (a *app) signIn(w http.ResponseWriter, r *http.Request, st *store.Staff, to string) {
	ctx := r.Context()
	if err := a.sessions.RenewToken(ctx); err != nil {
		a.serverError(w, r, err)
		return
	}
	token, err := a.store.RecordStaffSession(ctx, st, a.clientIP(r), r.UserAgent())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.sessions.Put(ctx, sessionStaffToken, token)
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// auditLoginFailure records a failed sign-in, naming the account it was
// for when that account exists.
func (a *app) auditLoginFailure(r *http.Request, email string, cause error) {
	ctx := r.Context()
	e := store.AuditEntry{Actor: store.Actor{Email: email, IP: a.clientIP(r)},
		Action: store.ActionLoginFailed, Entity: store.EntityStaff}
	if st, err := a.store.StaffByEmail(ctx, email); err == nil {
		e.EntityID = strconv.FormatInt(st.ID, 10)
	}
	if errors.Is(cause, errSecondFactor) {
		e.After = map[string]string{"reason": "second_factor"}
	}
	if err := a.store.RecordAudit(ctx, e); err != nil {
		a.log.Error("audit failed login", "id", requestID(ctx), "err", err)
	}
}

// adminLogout ends the staff session and renews the session token, so the
// old cookie opens nothing. The shopper's cart in the same session stays.
func (a *app) adminLogout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if token := a.sessions.GetString(ctx, sessionStaffToken); token != "" {
		if err := a.store.EndStaffSession(ctx, token, a.clientIP(r)); err != nil {
			a.serverError(w, r, err)
			return
		}
		a.sessions.Remove(ctx, sessionStaffToken)
	}
	if err := a.sessions.RenewToken(ctx); err != nil {
		a.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

func (a *app) tooManyLogins(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	minutes := (secs + 59) / 60
	a.adminMessage(w, r, http.StatusTooManyRequests, "admin.login.locked_title", "admin.login.locked_msg",
		minutes, a.store.Now().Add(wait).Local().Format("15:04"))
}

func (a *app) renderLogin(w http.ResponseWriter, r *http.Request, status int, page adminviews.LoginPage) {
	w.Header().Set("Cache-Control", "no-store")
	page.Shell = a.adminShell(r, "admin.login.title")
	a.render(w, r, status, adminviews.Login(page))
}

// signedInStaff is the staff member this browser is signed in as, or nil;
// for pages outside requireStaff, such as the login form.
func (a *app) signedInStaff(r *http.Request) *store.Staff {
	ctx := r.Context()
	st, _, err := a.store.StaffSessionValid(ctx, a.sessions.GetString(ctx, sessionStaffToken))
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
