package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// demoOwnerEmail is the owner account `storefront demo` creates.
const demoOwnerEmail = "owner@example.com"

// newSetupToken makes the one-time secret of the first-run page. A fresh
// shop on a VPS is reachable by anyone before its owner sets it up; only
// whoever sees serve's output (the token is printed there) can claim it.
func newSetupToken() string { return rand.Text() }

// needsSetup sends the visitor to /admin/setup while the shop has no staff,
// and reports whether it did.
func (a *app) needsSetup(w http.ResponseWriter, r *http.Request) bool {
	n, err := a.store.StaffCount(r.Context())
	if err != nil {
		a.serverError(w, r, err)
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
func (a *app) setupOpen(w http.ResponseWriter, r *http.Request, token string) bool {
	n, err := a.store.StaffCount(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return false
	}
	if n > 0 {
		a.notFound(w, r)
		return false
	}
	if a.setupToken == "" || subtle.ConstantTimeCompare([]byte(token), []byte(a.setupToken)) != 1 {
		a.adminMessage(w, r, http.StatusForbidden, "admin.setup.title", "admin.setup.need_token")
		return false
	}
	return true
}

func (a *app) adminSetupForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if !a.setupOpen(w, r, token) {
		return
	}
	settings, err := a.store.Settings(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	form := adminviews.SetupForm{StoreName: settings.StoreName, Currency: settings.Currency, Locale: settings.Locale}
	a.renderSetup(w, r, http.StatusOK, token, form, nil)
}

// adminSetup creates the owner and the store's profile, then signs the
// owner in.
func (a *app) adminSetup(w http.ResponseWriter, r *http.Request) {
	token := r.PostFormValue("token")
	if !a.setupOpen(w, r, token) {
		return
	}
	form := adminviews.SetupForm{
		StoreName: r.PostFormValue("store_name"),
		Currency:  r.PostFormValue("currency"),
		Locale:    r.PostFormValue("locale"),
		Name:      r.PostFormValue("name"),
		Email:     r.PostFormValue("email"),
	}
	owner, err := a.store.Setup(r.Context(), store.Actor{IP: a.clientIP(r)}, store.SetupInput{
		StoreName: form.StoreName, Currency: form.Currency, Locale: form.Locale,
		Owner: store.StaffInput{Email: form.Email, Name: form.Name, Password: r.PostFormValue("password")},
	})
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		a.renderSetup(w, r, http.StatusUnprocessableEntity, token, form, verr.Fields)
	case errors.Is(err, store.ErrConflict):
		// Another setup won the race a moment ago.
		a.notFound(w, r)
	case err != nil:
		a.serverError(w, r, err)
	default:
		a.signIn(w, r, owner, "/admin")
	}
}

func (a *app) renderSetup(w http.ResponseWriter, r *http.Request, status int, token string, form adminviews.SetupForm, errs map[string]string) {
	w.Header().Set("Cache-Control", "no-store")
	a.render(w, r, status, adminviews.Setup(adminviews.SetupPage{
		Shell: a.adminShell(r, "admin.setup.title"), Token: token, Form: form, Errors: errs,
		Currencies: slices.Sorted(maps.Keys(store.Currencies)),
	}))
}

// printAdminAccess tells the person who started the shop how to reach the
// admin: the demo owner's login, or on a shop without staff the one-time
// setup link. base is the shop's URL, such as http://localhost:8080.
func (a *app) printAdminAccess(ctx context.Context, stdout io.Writer, base, demoPassword string) error {
	base = strings.TrimRight(base, "/")
	if demoPassword != "" {
		fmt.Fprintf(stdout, "Admin: %s/admin/login\n  email:    %s\n  password: %s\n", base, demoOwnerEmail, demoPassword)
		return nil
	}
	n, err := a.store.StaffCount(ctx)
	if err != nil || n > 0 {
		return err
	}
	fmt.Fprintf(stdout, "No admin account yet. Open this one-time link to create the owner:\n  %s/admin/setup?token=%s\n"+
		"(or run: storefront admin create --email you@example.com --password '...')\n", base, url.QueryEscape(a.setupToken))
	return nil
}

// ensureDemoOwner gives the demo shop an owner with a fresh random
// password and returns the password to print. On a reused demo database
// the existing demo owner gets the new password; if other staff own the
// shop, nothing is changed and "" is returned.
func ensureDemoOwner(ctx context.Context, st *store.Store) (string, error) {
	password := rand.Text()
	_, err := st.CreateOwnerIfNone(ctx, store.Actor{}, store.StaffInput{
		Email: demoOwnerEmail, Name: "Demo Owner", Password: password})
	if !errors.Is(err, store.ErrConflict) {
		return password, err
	}
	owner, err := st.StaffByEmail(ctx, demoOwnerEmail)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return password, st.SetStaffPassword(ctx, store.Actor{}, owner.ID, password)
}
