package web

import (
	"net/http"
	"regexp"
	"strings"

	"storefront/assets"
	"storefront/themes"
	"storefront/web/admin"
	"storefront/web/kit"
	"storefront/web/shop"
)

// routes is the whole handler: every URL behind the middleware chain.
// Static files sit outside the session middleware so they never touch the
// database; everything else is a page with a session. A language prefix
// (/zh-cn/…) is taken off before the page cache and the routes see the
// path (langprefix.go), so every shopper page answers in each language.
func (s *server) routes(sh *shop.Handler, ad *admin.Handler) http.Handler {
	static, pages := s.urls(sh, ad)
	withSession := s.privateSessions(s.Sessions.LoadAndSave(s.locale(s.cartSession(s.readForms(s.shopGate(sh, pages))))))
	static.Handle("/", withSession)
	return s.recoverPanic(s.logRequest(s.securityHeaders(s.limitBody(s.langPrefix(s.crossOrigin(s.cachePages(compress(static))))))))
}

// urls lists every URL the shop answers: static files, then pages.
func (s *server) urls(sh *shop.Handler, ad *admin.Handler) (static, pages *http.ServeMux) {
	static = http.NewServeMux()
	static.Handle("GET /assets/", assets.Static)
	static.Handle("GET /themes/", themes.Handler())
	static.HandleFunc("GET /images/{id}/{size}", sh.Image)
	static.HandleFunc("GET /images/{id}/{hash}/{width}", sh.HashedImage)
	static.HandleFunc("GET /healthz", sh.Healthz)
	static.HandleFunc("GET /robots.txt", sh.Robots)
	static.HandleFunc("GET /brand.css", sh.BrandCSS)
	// The shop's icon, drawn from its initial and brand colour (brand.go);
	// browsers that ask for the old name without reading the page get it too.
	static.HandleFunc("GET /favicon.svg", sh.Favicon)
	static.Handle("GET /favicon.ico", http.RedirectHandler("/favicon.svg", http.StatusMovedPermanently))
	// Stripe's events need no session (web/shop/webhook.go).
	static.HandleFunc("POST /webhooks/stripe", sh.StripeWebhook)

	pages = http.NewServeMux()
	pages.HandleFunc("GET /{$}", sh.Home)
	pages.HandleFunc("GET /collections", sh.Collections)
	pages.HandleFunc("GET /collections/{slug}", sh.Collection)
	pages.HandleFunc("GET /products/{slug}", sh.Product)
	pages.HandleFunc("GET /search", sh.Search)
	pages.HandleFunc("GET /pages/{slug}", sh.InfoPage) // about, shipping, terms, privacy (info_page.go)
	pages.HandleFunc("GET /sitemap.xml", sh.Sitemap)
	pages.HandleFunc("GET /{file}", sh.SitemapFile) // /sitemap-{n}.xml; other names are 404 (sitemap.go)
	pages.HandleFunc("GET /lang/{locale}", sh.SetLanguage)
	// The closed shop's password form (launch.go; shopGate shows it).
	pages.HandleFunc("POST /password", sh.ShopPassword)

	// Cart: the visitor's cart token is in the session (cart.go).
	pages.HandleFunc("GET /cart", sh.Cart)
	pages.HandleFunc("POST /cart/add", sh.CartAdd)
	pages.HandleFunc("POST /cart/update", sh.CartUpdate)
	pages.HandleFunc("POST /cart/coupon", sh.CouponApply)
	pages.HandleFunc("POST /cart/coupon/remove", sh.CouponRemove)

	// Checkout (checkout.go) and the guest order page, opened by its key (order.go).
	pages.HandleFunc("GET /checkout", sh.Checkout)
	pages.HandleFunc("GET /checkout/summary", sh.CheckoutSummary)
	pages.HandleFunc("POST /checkout", sh.CheckoutSubmit)
	pages.HandleFunc("POST /checkout/points", sh.CheckoutPoints)
	pages.HandleFunc("GET /orders/{number}", sh.Order)
	// Paying by Stripe (pay.go): try again, and the return from Stripe.
	pages.HandleFunc("POST /orders/{number}/pay", sh.OrderPay)
	pages.HandleFunc("GET /orders/{number}/paid", sh.OrderPaid)
	pages.HandleFunc("GET /orders/{number}/returns", sh.ReturnForm)
	pages.HandleFunc("POST /orders/{number}/returns", sh.ReturnSubmit)
	pages.HandleFunc("GET /orders/{number}/returns/{id}", sh.Return)
	pages.HandleFunc("POST /orders/{number}/returns/{id}/cancel", sh.ReturnCancel)
	pages.HandleFunc("GET /orders/{number}/returns/{id}/photos/{n}", sh.ReturnPhoto)
	pages.HandleFunc("GET /orders/{number}/returns/{id}/photos/{n}/thumb", sh.ReturnPhoto)

	// Customer accounts: signing in and out (account.go), orders and the
	// address book (account_orders.go), settings, one-time links, the data
	// download and deletion (account_settings.go).
	pages.HandleFunc("GET /account/register", sh.RegisterForm)
	pages.HandleFunc("POST /account/register", sh.Register)
	pages.HandleFunc("GET /account/registered", sh.Registered)
	pages.HandleFunc("GET /account/login", sh.LoginForm)
	pages.HandleFunc("POST /account/login", sh.Login)
	pages.HandleFunc("POST /account/logout", sh.Logout)
	pages.HandleFunc("GET /account", sh.Account)
	pages.HandleFunc("GET /account/orders", sh.AccountOrders)
	pages.HandleFunc("GET /account/orders/{number}", sh.AccountOrder)
	pages.HandleFunc("GET /account/points", sh.AccountPoints)
	pages.HandleFunc("GET /account/addresses", sh.AccountAddresses)
	pages.HandleFunc("GET /account/addresses/new", sh.AddressForm)
	pages.HandleFunc("POST /account/addresses/new", sh.AddressSave)
	pages.HandleFunc("GET /account/addresses/{id}", sh.AddressForm)
	pages.HandleFunc("POST /account/addresses/{id}", sh.AddressSave)
	pages.HandleFunc("POST /account/addresses/{id}/delete", sh.AddressDelete)
	pages.HandleFunc("GET /account/settings", sh.AccountSettings)
	pages.HandleFunc("POST /account/settings", sh.ProfileSave)
	pages.HandleFunc("GET /account/password", sh.PasswordForm)
	pages.HandleFunc("POST /account/password", sh.PasswordChange)
	pages.HandleFunc("GET /account/email", sh.EmailForm)
	pages.HandleFunc("POST /account/email", sh.EmailChange)
	pages.HandleFunc("GET /account/confirm/{token}", sh.ConfirmForm)
	pages.HandleFunc("POST /account/confirm/{token}", sh.Confirm)
	pages.HandleFunc("POST /account/resend-confirmation", sh.ResendConfirmation)
	pages.HandleFunc("GET /account/forgot", sh.ForgotForm)
	pages.HandleFunc("POST /account/forgot", sh.Forgot)
	pages.HandleFunc("GET /account/reset/{token}", sh.ResetForm)
	pages.HandleFunc("POST /account/reset/{token}", sh.Reset)
	pages.HandleFunc("GET /account/data", sh.AccountData)
	pages.HandleFunc("GET /account/delete", sh.DeleteForm)
	pages.HandleFunc("POST /account/delete", sh.Delete)

	// Admin: signing in and first-run setup are open; everything else is in
	// AdminRoutes and goes through RequireStaff with its permission.
	pages.HandleFunc("GET /admin/login", ad.LoginForm)
	pages.HandleFunc("POST /admin/login", ad.Login)
	pages.HandleFunc("POST /admin/logout", ad.Logout)
	pages.HandleFunc("GET /admin/setup", ad.SetupForm)
	pages.HandleFunc("POST /admin/setup", ad.Setup)
	pages.Handle("GET /admin/{$}", http.RedirectHandler("/admin", http.StatusMovedPermanently))
	// One-time links: the token in the path is the credential (invite.go).
	pages.HandleFunc("GET /admin/invite/{token}", ad.InviteForm)
	pages.HandleFunc("POST /admin/invite/{token}", ad.InviteAccept)
	pages.HandleFunc("GET /admin/reset/{token}", ad.ResetForm)
	pages.HandleFunc("POST /admin/reset/{token}", ad.ResetPassword)
	for _, rt := range AdminRoutes(ad) {
		pages.Handle(rt.Pattern, ad.RequireStaff(rt.Perm, rt.Handler))
	}
	// Any other admin address is a 404 with the staff member's menu, after
	// signing in like every admin page (which also keeps the admin's
	// addresses from telling a visitor which of them exist).
	pages.Handle("GET /admin/", ad.RequireStaff(admin.PermAccount, s.NotFound))
	// GET (and HEAD) only: another method on a known path is then answered
	// by the mux itself, 405 with an Allow header, instead of a 404 here.
	pages.HandleFunc("GET /", s.NotFound)
	return static, pages
}

// gateOpen reports whether r passes the shop gate whatever the shop's
// state: the admin (where the owner opens the shop), the password form and
// the language switch. Static files, /healthz and the Stripe webhook are
// outside the session chain, so the gate never sees them.
func gateOpen(r *http.Request) bool {
	p := r.URL.Path
	return kit.IsAdminPath(p) || strings.HasPrefix(p, "/lang/") ||
		(p == "/password" && r.Method == http.MethodPost)
}

// largeBodies are the routes that may send more than kit.MaxBodyBytes,
// and how much (limitBody in middleware.go asks).
var largeBodies = []struct {
	path  *regexp.Regexp
	limit int64
}{
	{regexp.MustCompile(`^/admin/products/[0-9]+/images$`), admin.MaxUploadBytes},
	{regexp.MustCompile(`^/admin/products/translations$`), admin.MaxTranslationsUploadBytes},
	{regexp.MustCompile(`^(/[a-z]{2}(-[a-z]{2})?)?/orders/[^/]+/returns$`), shop.MaxReturnBytes},
}

// AdminRoute is one signed-in admin URL: its ServeMux pattern, the
// permission it needs and its handler.
type AdminRoute struct {
	Pattern string
	Perm    admin.Permission
	Handler http.HandlerFunc
}

// AdminRoutes lists every signed-in admin URL with the permission it
// needs (web/admin/permissions.go). routes registers each through
// RequireStaff, and routes_test.go checks every entry for anonymous,
// wrong-role and right-role access, so a new admin page is one line here.
// ad may be nil to read the patterns and permissions alone.
func AdminRoutes(ad *admin.Handler) []AdminRoute {
	return []AdminRoute{
		{"GET /admin", admin.PermDashboard, ad.Home},
		{"GET /admin/audit", admin.PermAudit, ad.Audit},

		// Settings: one form per section (settings.go); shipping methods
		// are edited on the same page (shipping.go).
		{"GET /admin/settings", admin.PermSettings, ad.Settings},
		{"POST /admin/settings/profile", admin.PermSettings, ad.SettingsProfile},
		{"POST /admin/settings/regional", admin.PermSettings, ad.SettingsRegional},
		{"POST /admin/settings/content-locale", admin.PermSettings, ad.SettingsContentLocale},
		{"POST /admin/settings/theme", admin.PermSettings, ad.SettingsTheme},
		{"GET /admin/settings/preview", admin.PermSettings, ad.SettingsPreview},
		{"POST /admin/settings/logo", admin.PermSettings, ad.SettingsLogo},
		{"POST /admin/settings/hero", admin.PermSettings, ad.SettingsHero},
		{"POST /admin/settings/tax", admin.PermSettings, ad.SettingsTax},
		{"POST /admin/settings/payments", admin.PermSettings, ad.SettingsPayments},
		{"POST /admin/settings/shipping", admin.PermSettings, ad.ShippingCreate},
		{"POST /admin/settings/shipping/{id}", admin.PermSettings, ad.ShippingUpdate},
		{"POST /admin/settings/shipping/{id}/delete", admin.PermSettings, ad.ShippingDelete},
		{"POST /admin/settings/shipping/{id}/move", admin.PermSettings, ad.ShippingMove},
		// Backups (backups.go): the owner's alone, since a download is the
		// whole shop's data (permissions.go).
		{"GET /admin/settings/backups", admin.PermBackups, ad.Backups},
		{"POST /admin/settings/backups", admin.PermBackups, ad.BackupsSchedule},
		{"POST /admin/settings/backups/run", admin.PermBackups, ad.BackupRun},
		{"GET /admin/settings/backups/{backup}", admin.PermBackups, ad.BackupDownload},
		// The public address, the shop password and the test email, and
		// hiding the admin home's setup guide (launch.go).
		{"POST /admin/settings/launch", admin.PermSettings, ad.SettingsLaunch},
		{"POST /admin/settings/test-email", admin.PermSettings, ad.SettingsTestEmail},
		{"POST /admin/setup-guide/hide", admin.PermSettings, ad.SetupGuideHide},

		// Products: the table and its bulk actions (products.go), the
		// product form (product_edit.go) and its images (product_images.go).
		{"GET /admin/products", admin.PermCatalogRead, ad.Products},
		{"POST /admin/products/bulk", admin.PermCatalogWrite, ad.ProductsBulk},
		{"GET /admin/products/new", admin.PermCatalogWrite, ad.ProductNew},
		{"POST /admin/products/new", admin.PermCatalogWrite, ad.ProductCreate},
		{"GET /admin/products/{id}", admin.PermCatalogRead, ad.Product},
		{"POST /admin/products/{id}", admin.PermCatalogWrite, ad.ProductSave},
		{"POST /admin/products/{id}/duplicate", admin.PermCatalogWrite, ad.ProductDuplicate},
		{"POST /admin/products/{id}/archive", admin.PermCatalogWrite, ad.ProductArchive},
		{"POST /admin/products/{id}/returns", admin.PermCatalogWrite, ad.ProductReturns},
		{"POST /admin/products/{id}/images", admin.PermCatalogWrite, ad.ProductImageUpload},
		{"POST /admin/products/{id}/images/{image}/alt", admin.PermCatalogWrite, ad.ProductImageAlt},
		{"POST /admin/products/{id}/images/{image}/move", admin.PermCatalogWrite, ad.ProductImageMove},
		{"POST /admin/products/{id}/images/{image}/delete", admin.PermCatalogWrite, ad.ProductImageDelete},

		// Collections and their manual order (collections.go), stock
		// adjustments and the low-stock list (stock.go), the catalog as a
		// Shopify CSV (export.go) and its translations as a CSV
		// (translations_csv.go).
		{"GET /admin/collections", admin.PermCatalogRead, ad.Collections},
		{"POST /admin/collections", admin.PermCatalogWrite, ad.CollectionCreate},
		{"GET /admin/collections/new", admin.PermCatalogWrite, ad.CollectionNew},
		{"GET /admin/collections/{id}", admin.PermCatalogRead, ad.Collection},
		{"POST /admin/collections/{id}", admin.PermCatalogWrite, ad.CollectionSave},
		{"POST /admin/collections/{id}/products", admin.PermCatalogWrite, ad.CollectionAdd},
		{"POST /admin/collections/{id}/products/{product_id}/move", admin.PermCatalogWrite, ad.CollectionMove},
		{"POST /admin/collections/{id}/products/{product_id}/remove", admin.PermCatalogWrite, ad.CollectionRemove},
		{"POST /admin/collections/{id}/delete", admin.PermCatalogWrite, ad.CollectionDelete},
		{"GET /admin/variants/{id}/stock", admin.PermCatalogRead, ad.VariantStock},
		{"POST /admin/variants/{id}/stock", admin.PermCatalogWrite, ad.VariantAdjust},
		{"POST /admin/variants/{id}/stock/threshold", admin.PermCatalogWrite, ad.VariantThreshold},
		{"GET /admin/inventory/low-stock", admin.PermCatalogRead, ad.LowStock},
		{"GET /admin/products.csv", admin.PermCatalogRead, ad.ProductsCSV},
		{"GET /admin/products/translations.csv", admin.PermCatalogRead, ad.TranslationsCSV},
		{"GET /admin/products/translations", admin.PermCatalogWrite, ad.TranslationsReport},
		{"POST /admin/products/translations", admin.PermCatalogWrite, ad.TranslationsImport},

		// Promotions and returns: the lists their features fill
		// (promotions.go, returns.go).
		{"GET /admin/promotions", admin.PermPromotions, ad.Promotions},
		{"POST /admin/promotions", admin.PermPromotions, ad.PromotionCreate},
		{"GET /admin/promotions/new", admin.PermPromotions, ad.PromotionNew},
		{"GET /admin/promotions/{id}", admin.PermPromotions, ad.Promotion},
		{"POST /admin/promotions/{id}", admin.PermPromotions, ad.PromotionSave},
		{"POST /admin/promotions/preview", admin.PermPromotions, ad.PromotionPreview},
		{"POST /admin/promotions/{id}/preview", admin.PermPromotions, ad.PromotionPreview},
		{"POST /admin/promotions/{id}/active", admin.PermPromotions, ad.PromotionActive},
		{"POST /admin/promotions/{id}/duplicate", admin.PermPromotions, ad.PromotionDuplicate},
		{"POST /admin/promotions/{id}/archive", admin.PermPromotions, ad.PromotionArchive},
		{"POST /admin/promotions/{id}/codes", admin.PermPromotions, ad.PromotionGenerateCodes},
		{"GET /admin/promotions/{id}/codes.csv", admin.PermPromotions, ad.PromotionCodesCSV},
		{"GET /admin/membership", admin.PermSettings, ad.Membership},
		{"POST /admin/membership/points", admin.PermSettings, ad.MembershipPoints},
		{"POST /admin/membership/tiers", admin.PermSettings, ad.MembershipTierCreate},
		{"POST /admin/membership/tiers/{id}", admin.PermSettings, ad.MembershipTier},
		{"POST /admin/membership/tiers/{id}/delete", admin.PermSettings, ad.MembershipTierDelete},
		{"GET /admin/returns", admin.PermReturns, ad.Returns},
		{"POST /admin/returns/policy", admin.PermSettings, ad.ReturnPolicy},
		{"GET /admin/returns/{id}", admin.PermReturns, ad.Return},
		{"GET /admin/returns/{id}/photos/{n}", admin.PermReturns, ad.ReturnPhoto},
		{"GET /admin/returns/{id}/photos/{n}/thumb", admin.PermReturns, ad.ReturnPhoto},
		{"POST /admin/returns/reasons", admin.PermSettings, ad.ReturnReasons},
		{"POST /admin/returns/texts", admin.PermSettings, ad.ReturnTexts},
		{"GET /admin/pages", admin.PermSettings, ad.InfoPages},
		{"POST /admin/pages/{slug}", admin.PermSettings, ad.InfoPageSave},
		{"POST /admin/returns/{id}/{step}", admin.PermReturns, ad.ReturnStep},

		// Orders: the list and its CSV (orders.go), one order and what staff
		// do to it (order.go); customers (customers.go).
		{"GET /admin/orders", admin.PermOrders, ad.Orders},
		{"GET /admin/orders.csv", admin.PermOrders, ad.OrdersCSV},
		{"GET /admin/orders/{id}", admin.PermOrders, ad.Order},
		{"POST /admin/orders/{id}/paid", admin.PermOrders, ad.OrderPaid},
		{"POST /admin/orders/{id}/fulfil", admin.PermOrders, ad.OrderFulfil},
		{"POST /admin/orders/{id}/cancel", admin.PermOrders, ad.OrderCancel},
		{"POST /admin/orders/{id}/cancel-unshipped", admin.PermOrders, ad.OrderCancelUnshipped},
		{"POST /admin/orders/{id}/notes", admin.PermOrders, ad.OrderNote},
		{"POST /admin/orders/{id}/delivered", admin.PermOrders, ad.OrderDelivered},
		{"GET /admin/orders/{id}/packing-slip", admin.PermOrders, ad.OrderPackingSlip},
		{"GET /admin/customers", admin.PermCustomers, ad.Customers},
		{"GET /admin/customers.csv", admin.PermCustomers, ad.CustomersCSV},
		{"GET /admin/customers/{id}", admin.PermCustomers, ad.Customer},
		{"POST /admin/customers/{id}/points", admin.PermPoints, ad.CustomerPoints},
		{"POST /admin/customers/{id}/notes", admin.PermCustomers, ad.CustomerNotes},
		{"POST /admin/customers/{id}/profile", admin.PermCustomers, ad.CustomerProfile},

		// Order emails: the outbox, and each email as it is sent (emails.go).
		{"GET /admin/emails", admin.PermOrders, ad.Emails},
		{"GET /admin/emails/{id}", admin.PermOrders, ad.Email},
		{"GET /admin/emails/{id}/html", admin.PermOrders, ad.EmailHTML},

		// Staff (staff.go) and the signed-in member's own account (account.go).
		{"GET /admin/staff", admin.PermStaff, ad.Staff},
		{"POST /admin/staff/invite", admin.PermStaff, ad.StaffInvite},
		{"POST /admin/staff/invite/{invite}/revoke", admin.PermStaff, ad.StaffInviteRevoke},
		{"GET /admin/staff/{id}", admin.PermStaff, ad.StaffMember},
		{"POST /admin/staff/{id}/role", admin.PermStaff, ad.StaffRole},
		{"POST /admin/staff/{id}/disable", admin.PermStaff, ad.StaffDisable},
		{"POST /admin/staff/{id}/enable", admin.PermStaff, ad.StaffEnable},
		{"POST /admin/staff/{id}/reset", admin.PermStaff, ad.StaffReset},
		{"POST /admin/staff/{id}/signout", admin.PermStaff, ad.StaffSignOut},
		{"POST /admin/staff/{id}/sessions/{session}/revoke", admin.PermStaff, ad.StaffSessionRevoke},
		{"GET /admin/account/security", admin.PermAccount, ad.Security},
		{"POST /admin/account/security/password", admin.PermAccount, ad.AccountPassword},
		{"POST /admin/account/security/totp", admin.PermAccount, ad.TOTPStart},
		{"POST /admin/account/security/totp/confirm", admin.PermAccount, ad.TOTPConfirm},
		{"POST /admin/account/security/totp/disable", admin.PermAccount, ad.TOTPDisable},
		{"POST /admin/account/security/recovery-codes", admin.PermAccount, ad.RecoveryCodes},
		{"GET /admin/account/sessions", admin.PermAccount, ad.AccountSessions},
		{"POST /admin/account/sessions/{session}/revoke", admin.PermAccount, ad.AccountSessionRevoke},
		{"POST /admin/account/sessions/revoke-others", admin.PermAccount, ad.AccountSessionsRevokeOthers},
	}
}
