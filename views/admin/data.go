// Package admin holds the templ components of /admin. Like package views,
// a page takes a small struct with exactly what it shows; every page is
// wrapped in Layout, which takes a Shell.
package admin

import (
	"context"
	"strconv"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
)

// Shell is what Layout needs around every admin page. The HTTP layer
// builds it (adminShell in admin.go) so that a page handler only adds its
// own data.
type Shell struct {
	StoreName string
	Title     string // the page's title, already translated
	ThemeCSS  string // hashed URL of the classic theme: the admin never changes look
	AppCSS    string
	AdminCSS  string
	HTMXJS    string
	Path      string       // current path and query, for the language switcher
	Staff     *store.Staff // nil on the login and setup pages
	Nav       []NavItem    // only what Staff's role may open
}

// NavItem is one entry of the admin menu.
type NavItem struct {
	Label   string // translated
	URL     string
	Current bool
}

// LoginPage is the sign-in form. Error is a catalog key; AskOTP shows the
// two-factor code field.
type LoginPage struct {
	Shell  Shell
	Email  string
	Next   string
	Notice string // catalog key of a done message, such as a reset's
	Error  string
	AskOTP bool
	// CodeStep is a two-factor sign-in's second page: the password was
	// right, only the code is asked for, for Email.
	CodeStep bool
}

// SetupPage is the first-run form that creates the owner.
type SetupPage struct {
	Shell      Shell
	Token      string
	Form       SetupForm
	Errors     map[string]string // field name → catalog key
	Currencies []string
}

// SetupForm echoes the setup form's values (never the password).
type SetupForm struct {
	StoreName   string
	Currency    string
	Locale      string
	Address     string // the shop's address, for local pickup
	PublicURL   string // proposed from the request, confirmed by the owner
	BankDetails string // bank transfer instructions; bank transfer stays off without
	Name        string
	Email       string
}

// MessagePage explains a refusal in the admin's layout: 403, 429, a setup
// link without its token. Title and Message are translated.
type MessagePage struct {
	Shell   Shell
	Status  int
	Title   string
	Message string
}

// DashboardPage is the admin home: what needs attention today.
type DashboardPage struct {
	Shell      Shell
	Notice     string // catalog key of a done message: a reset's, an invitation's
	LowStock   []store.VariantStock
	Counts     map[string]int
	CanCatalog bool // whether the catalog figures are shown
	// Returns to review (returns.go in store): shown to roles that handle returns.
	CanReturns      bool
	ReturnsToReview int
	// Orders to ship, awaiting payment and the latest few (web/admin/orders.go):
	// shown to roles that handle orders.
	CanOrders    bool
	OrderCounts  store.OrderCounts
	RecentOrders []store.OrderRow
	// Guide is the setup guide, shown to the owner until it is done or
	// dismissed (setup_guide.templ); nil for other roles.
	Guide *store.SetupGuide
	// Backups is how the backups are doing (backups.templ), for the roles
	// that manage them; nil for others.
	Backups *store.BackupHealth
}

// AuditPage is the audit log with its filter form.
type AuditPage struct {
	Shell    Shell
	Log      store.AuditPage
	Filter   AuditFilter
	Staff    []store.Staff
	Actions  []string
	Entities []string
	Nav      views.PageNav
}

// AuditFilter echoes the audit filter form's values.
type AuditFilter struct {
	StaffID string
	Entity  string
	Action  string
	From    string // YYYY-MM-DD
	To      string // YYYY-MM-DD
}

// ProductURL is where the admin edits a product.
func ProductURL(id int64) string {
	return "/admin/products/" + strconv.FormatInt(id, 10)
}

// formatTime shows a time in the shop's zone (views.WithTimeZone, set for
// every request), to the minute, as the shop's pages and emails do.
func formatTime(ctx context.Context, t time.Time) string {
	return FormatTime(i18n.Locale(ctx), t, views.TimeZone(ctx))
}

// FormatTime shows a time in zone loc as the admin shows every time to
// readers of locale: to the minute, with the zone (i18n.FormatTime); "—"
// for none.
func FormatTime(locale string, t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return i18n.FormatTime(locale, t.In(loc), "2006-01-02 15:04 MST")
}

// label translates key prefix+value, or shows value when the catalog has
// no such key (a status added later, say).
func label(ctx context.Context, prefix, value string) string {
	if key := prefix + value; i18n.Has(key) {
		return i18n.T(ctx, key)
	}
	return value
}
