package shop

import (
	"cmp"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

// Session keys of the account pages.
const (
	sessionAccountNotice  = "account.notice"  // a catalog key shown once on the next account page
	sessionAccountWarning = "account.warning" // the same, for something asked for and not done
)

// throttleKey keeps customers' failed sign-ins apart from the admin's in
// the shared login throttle, so that guessing at the shop's login never
// slows the owner's.
func throttleKey(email string) string { return "customer:" + strings.TrimSpace(email) }

// registerFields is the registration form, values as posted.
func registerFields(r *http.Request) []views.AccountField {
	return []views.AccountField{
		{Name: "name", Label: "account.field.name", Type: "text", Value: r.PostFormValue("name"), Autocomplete: "name", Required: true, MaxLength: store.CustomerNameMax},
		{Name: "email", Label: "account.field.email", Type: "email", Value: r.PostFormValue("email"), Autocomplete: "email", Required: true},
		{Name: "password", Label: "account.field.password", Type: "password", Autocomplete: "new-password", Required: true, Hint: "account.password_hint"},
		{Name: "birthday", Label: "account.field.birthday", Type: "date", Value: r.PostFormValue("birthday"), Autocomplete: "bday", Optional: true, Hint: "account.birthday_hint"},
	}
}

func loginFields(r *http.Request) []views.AccountField {
	return []views.AccountField{
		{Name: "email", Label: "account.field.email", Type: "email", Value: r.PostFormValue("email"), Autocomplete: "email", Required: true},
		{Name: "password", Label: "account.field.password", Type: "password", Autocomplete: "current-password", Required: true},
	}
}

func (h *Handler) registerPage(r *http.Request) views.AccountFormPage {
	return views.AccountFormPage{Heading: "account.register.heading", Intro: []string{"account.register.intro"},
		Action: "/account/register", Fields: registerFields(r), Submit: "account.register.submit",
		Links: []views.AccountLink{{Label: "account.register.have_account", URL: "/account/login"}}}
}

func (h *Handler) loginPage(r *http.Request) views.AccountFormPage {
	action := "/account/login"
	if next := accountNext(r); next != "" {
		action += "?next=" + url.QueryEscape(next)
	}
	p := views.AccountFormPage{Heading: "account.login.heading", Action: action, Fields: loginFields(r),
		Submit: "account.login.submit", Links: []views.AccountLink{
			{Label: "account.login.forgot", URL: "/account/forgot"},
			{Label: "account.login.register", URL: "/account/register"},
		}}
	p.Notice = h.claimedNotice(r, h.popAccountNotice(r))
	return p
}

// RegisterForm shows the registration form; a signed-in customer goes to
// the account.
func (h *Handler) RegisterForm(w http.ResponseWriter, r *http.Request) {
	if h.SignedInCustomer(r) != nil {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return
	}
	h.renderAccountForm(w, r, http.StatusOK, h.registerPage(r))
}

// Register creates an account. An email that already has one gets the
// same answer and the account's owner is emailed instead (store.Register);
// nobody is signed in either way, since a signed-in header would tell the
// two apart. The new customer signs in next, with the cart they have.
func (h *Handler) Register(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, err := h.Store.Register(ctx, store.RegisterInput{Email: r.PostFormValue("email"),
		Password: r.PostFormValue("password"), Name: r.PostFormValue("name"),
		Birthday: r.PostFormValue("birthday"), Locale: i18n.Locale(ctx)})
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		p := h.registerPage(r)
		p.Errors = verr.Fields
		h.renderAccountForm(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/registered", http.StatusSeeOther)
}

// Registered is the page after registering, the same whether an account
// was made or the email already had one.
func (h *Handler) Registered(w http.ResponseWriter, r *http.Request) {
	h.renderAccountForm(w, r, http.StatusOK, views.AccountFormPage{Heading: "account.register.heading",
		Notice: views.Notice{Kind: views.NoticeSuccess, Text: i18n.T(r.Context(), "account.register.done")},
		Links:  []views.AccountLink{{Label: "account.login.heading", URL: "/account/login"}}})
}

// LoginForm shows the sign-in form; a signed-in customer goes to the
// account page they were sent here from, or the account.
func (h *Handler) LoginForm(w http.ResponseWriter, r *http.Request) {
	if h.SignedInCustomer(r) != nil {
		http.Redirect(w, r, cmp.Or(accountNext(r), "/account"), http.StatusSeeOther)
		return
	}
	h.renderAccountForm(w, r, http.StatusOK, h.loginPage(r))
}

// Login signs a customer in through the admin's throttle (store.BeginLogin
// counts the attempt as a failure until the password matches), then
// renews the session token and carries the guest cart over.
func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	email := r.PostFormValue("email")
	attempt, wait, err := h.Store.BeginLogin(ctx, throttleKey(email), h.ClientIP(r))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		p := h.loginPage(r)
		p.FormError = "account.login.slowed"
		h.renderAccountForm(w, r, http.StatusTooManyRequests, p)
		return
	}
	c, err := h.Store.AuthenticateCustomer(ctx, email, r.PostFormValue("password"))
	if errors.Is(err, store.ErrBadCredentials) {
		p := h.loginPage(r)
		p.FormError = "account.login.bad"
		h.renderAccountForm(w, r, http.StatusUnauthorized, p)
		return
	}
	if err == nil {
		err = h.Store.LoginSucceeded(ctx, attempt)
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if h.signInCustomer(w, r, c) {
		http.Redirect(w, r, cmp.Or(accountNext(r), "/account"), http.StatusSeeOther)
	}
}

// accountNext is the account page a shopper was sent to sign in from
// (?next=, requireCustomer), such as the points page an email links to,
// or "" for none.
func accountNext(r *http.Request) string {
	return kit.LocalPath(r.URL.Query().Get("next"), "/account")
}

// signInCustomer signs c in on this browser: a fresh session token (a
// token planted before sign-in is worthless), the account in the session,
// and the guest cart merged into the account's. It reports whether the
// caller may go on; on false it has answered.
func (h *Handler) signInCustomer(w http.ResponseWriter, r *http.Request, c *store.Customer) bool {
	ctx := r.Context()
	if err := h.Sessions.RenewToken(ctx); err != nil {
		h.ServerError(w, r, err)
		return false
	}
	token, err := h.Store.SignInCart(ctx, c.ID, h.Sessions.GetString(ctx, kit.SessionCart))
	if err != nil {
		h.ServerError(w, r, err)
		return false
	}
	if token != "" {
		h.Sessions.Put(ctx, kit.SessionCart, token)
	}
	h.Sessions.Put(ctx, kit.SessionCustomerID, c.ID)
	h.Sessions.Put(ctx, kit.SessionCustomerEpoch, c.SessionEpoch)
	return true
}

// Logout signs the customer out.
func (h *Handler) Logout(w http.ResponseWriter, r *http.Request) {
	if h.signOutCustomer(w, r) {
		h.flashAccount(r, "account.logout.done")
		http.Redirect(w, r, "/account/login", http.StatusSeeOther)
	}
}

// signOutCustomer forgets the account and renews the session token. The
// cart goes too: it is the account's, and the next person at a shared
// computer must not see it. It reports whether the caller may go on.
func (h *Handler) signOutCustomer(w http.ResponseWriter, r *http.Request) bool {
	ctx := r.Context()
	h.Sessions.Remove(ctx, kit.SessionCustomerID)
	h.Sessions.Remove(ctx, kit.SessionCustomerEpoch)
	h.Sessions.Remove(ctx, kit.SessionCart)
	if err := h.Sessions.RenewToken(ctx); err != nil {
		h.ServerError(w, r, err)
		return false
	}
	return true
}

// requireCustomer is the signed-in customer, or nil after sending the
// browser to the sign-in page, which brings a page asked for back to it.
func (h *Handler) requireCustomer(w http.ResponseWriter, r *http.Request) *store.Customer {
	w.Header().Set("Cache-Control", "no-store")
	c := h.SignedInCustomer(r)
	if c == nil {
		http.Redirect(w, r, kit.SignInURL(r, "/account/login", "/account"), http.StatusSeeOther)
	}
	return c
}

// Account is the overview of the signed-in account.
func (h *Handler) Account(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	ctx := r.Context()
	addrs, err := h.Store.CustomerAddresses(ctx, c.ID)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	p := views.AccountPage{Customer: c}
	if p.Tier, p.Points, err = h.membership(r, c.ID); err != nil {
		h.ServerError(w, r, err)
		return
	}
	if len(addrs) > 0 && addrs[0].IsDefault {
		p.DefaultAddress = &addrs[0]
	}
	p.Notice = h.claimedNotice(r, h.popAccountNotice(r))
	if key := h.Sessions.PopString(ctx, sessionAccountWarning); key != "" {
		p.Notice = views.Notice{Kind: views.NoticeWarning, Text: i18n.T(ctx, key)}
	}
	p.Shell = h.accountShell(r, "account.title")
	h.Render(w, r, http.StatusOK, views.Account(p))
}

func (h *Handler) accountShell(r *http.Request, titleKey string) views.Shell {
	return h.Shell(r, views.Meta{Title: i18n.T(r.Context(), titleKey), NoIndex: true})
}

func (h *Handler) renderAccountForm(w http.ResponseWriter, r *http.Request, status int, p views.AccountFormPage) {
	w.Header().Set("Cache-Control", "no-store")
	p.Shell = h.accountShell(r, p.Heading)
	if p.ShopCountry == "" {
		if st, err := h.Store.Settings(r.Context()); err == nil {
			p.ShopCountry = st.ShopCountry()
		}
	}
	h.Render(w, r, status, views.AccountForm(p))
}

// flashAccount shows the catalog text key once on the next account page.
func (h *Handler) flashAccount(r *http.Request, key string) {
	h.Sessions.Put(r.Context(), sessionAccountNotice, key)
}

// warnAccount shows the catalog text key once on the account's overview,
// as a warning: what the shopper asked for was not done.
func (h *Handler) warnAccount(r *http.Request, key string) {
	h.Sessions.Put(r.Context(), sessionAccountWarning, key)
}

// signedInCustomerID is the signed-in customer's id, 0 for a guest.
func (h *Handler) signedInCustomerID(r *http.Request) int64 {
	if c := h.SignedInCustomer(r); c != nil {
		return c.ID
	}
	return 0
}
