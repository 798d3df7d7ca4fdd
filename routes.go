package main

import (
	"net/http"

	"storefront/assets"
	"storefront/themes"
)

// routes lists every URL the shop answers. Static files sit outside the
// session middleware so they never touch the database.
func (a *app) routes() http.Handler {
	static := http.NewServeMux()
	static.Handle("GET /assets/", assets.Static)
	static.Handle("GET /themes/", themes.Handler())
	static.HandleFunc("GET /images/{id}/{size}", a.image)
	static.HandleFunc("GET /healthz", a.healthz)
	static.HandleFunc("GET /robots.txt", a.robots)
	static.HandleFunc("GET /brand.css", a.brandCSS)
	// Stripe's events need no session (stripe_webhook.go).
	static.HandleFunc("POST /webhooks/stripe", a.stripeWebhook)

	pages := http.NewServeMux()
	pages.HandleFunc("GET /{$}", a.home)
	pages.HandleFunc("GET /collections", a.collections)
	pages.HandleFunc("GET /collections/{slug}", a.collection)
	pages.HandleFunc("GET /products/{slug}", a.product)
	pages.HandleFunc("GET /search", a.search)
	pages.HandleFunc("GET /sitemap.xml", a.sitemap)
	pages.HandleFunc("GET /lang/{locale}", a.setLanguage)

	// Cart: the visitor's cart token is in the session (cart.go).
	pages.HandleFunc("GET /cart", a.cart)
	pages.HandleFunc("POST /cart/add", a.cartAdd)
	pages.HandleFunc("POST /cart/update", a.cartUpdate)

	// Checkout (checkout.go) and the guest order page, opened by its key (order.go).
	pages.HandleFunc("GET /checkout", a.checkout)
	pages.HandleFunc("GET /checkout/summary", a.checkoutSummary)
	pages.HandleFunc("POST /checkout", a.checkoutSubmit)
	pages.HandleFunc("GET /orders/{number}", a.order)
	// Paying by Stripe (stripe.go): try again, and the return from Stripe.
	pages.HandleFunc("POST /orders/{number}/pay", a.orderPay)
	pages.HandleFunc("GET /orders/{number}/paid", a.orderPaid)

	// Admin: signing in and first-run setup are open; everything else is in
	// adminRoutes and goes through requireStaff with its permission.
	pages.HandleFunc("GET /admin/login", a.adminLoginForm)
	pages.HandleFunc("POST /admin/login", a.adminLogin)
	pages.HandleFunc("POST /admin/logout", a.adminLogout)
	pages.HandleFunc("GET /admin/setup", a.adminSetupForm)
	pages.HandleFunc("POST /admin/setup", a.adminSetup)
	pages.Handle("GET /admin/{$}", http.RedirectHandler("/admin", http.StatusMovedPermanently))
	// One-time links: the token in the path is the credential (admin_invite.go).
	pages.HandleFunc("GET /admin/invite/{token}", a.adminInviteForm)
	pages.HandleFunc("POST /admin/invite/{token}", a.adminInviteAccept)
	pages.HandleFunc("GET /admin/reset/{token}", a.adminResetForm)
	pages.HandleFunc("POST /admin/reset/{token}", a.adminResetPassword)
	for _, rt := range a.adminRoutes() {
		pages.Handle(rt.pattern, a.requireStaff(rt.perm, rt.handler))
	}
	pages.HandleFunc("/", a.notFound)

	withSession := a.sessions.LoadAndSave(a.locale(a.cartSession(pages)))
	static.Handle("/", withSession)

	return a.recoverPanic(a.logRequest(a.securityHeaders(a.limitBody(a.crossOrigin(a.cachePages(compress(static)))))))
}

// adminRoutes lists every signed-in admin URL with the permission it needs
// (permissions.go). routes registers each through requireStaff, the menu
// shows the GET pages a role may open, and admin_test.go checks every entry
// for anonymous, wrong-role and right-role access, so a new admin page is
// one line here.
func (a *app) adminRoutes() []adminRoute {
	return []adminRoute{
		{"GET /admin", permDashboard, a.adminHome},
		{"GET /admin/audit", permAudit, a.adminAudit},

		// Settings: one form per section (admin_settings.go); shipping
		// methods are edited on the same page (admin_shipping.go).
		{"GET /admin/settings", permSettings, a.adminSettings},
		{"POST /admin/settings/profile", permSettings, a.adminSettingsProfile},
		{"POST /admin/settings/regional", permSettings, a.adminSettingsRegional},
		{"POST /admin/settings/theme", permSettings, a.adminSettingsTheme},
		{"GET /admin/settings/preview", permSettings, a.adminSettingsPreview},
		{"POST /admin/settings/logo", permSettings, a.adminSettingsLogo},
		{"POST /admin/settings/tax", permSettings, a.adminSettingsTax},
		{"POST /admin/settings/payments", permSettings, a.adminSettingsPayments},
		{"POST /admin/settings/shipping", permSettings, a.adminShippingCreate},
		{"POST /admin/settings/shipping/{id}", permSettings, a.adminShippingUpdate},
		{"POST /admin/settings/shipping/{id}/delete", permSettings, a.adminShippingDelete},
		{"POST /admin/settings/shipping/{id}/move", permSettings, a.adminShippingMove},

		// Products: the table and its bulk actions (admin_products.go), the
		// product form (admin_product_edit.go) and its images
		// (admin_product_images.go).
		{"GET /admin/products", permCatalogRead, a.adminProducts},
		{"POST /admin/products/bulk", permCatalogWrite, a.adminProductsBulk},
		{"GET /admin/products/new", permCatalogWrite, a.adminProductNew},
		{"POST /admin/products/new", permCatalogWrite, a.adminProductCreate},
		{"GET /admin/products/{id}", permCatalogRead, a.adminProduct},
		{"POST /admin/products/{id}", permCatalogWrite, a.adminProductSave},
		{"POST /admin/products/{id}/duplicate", permCatalogWrite, a.adminProductDuplicate},
		{"POST /admin/products/{id}/archive", permCatalogWrite, a.adminProductArchive},
		{"POST /admin/products/{id}/images", permCatalogWrite, a.adminProductImageUpload},
		{"POST /admin/products/{id}/images/{image}/alt", permCatalogWrite, a.adminProductImageAlt},
		{"POST /admin/products/{id}/images/{image}/move", permCatalogWrite, a.adminProductImageMove},
		{"POST /admin/products/{id}/images/{image}/delete", permCatalogWrite, a.adminProductImageDelete},

		// Collections and their manual order (admin_collections.go), stock
		// adjustments and the low-stock list (admin_stock.go), the catalog
		// as a Shopify CSV (admin_export.go).
		{"GET /admin/collections", permCatalogRead, a.adminCollections},
		{"POST /admin/collections", permCatalogWrite, a.adminCollectionCreate},
		{"GET /admin/collections/new", permCatalogWrite, a.adminCollectionNew},
		{"GET /admin/collections/{id}", permCatalogRead, a.adminCollection},
		{"POST /admin/collections/{id}", permCatalogWrite, a.adminCollectionSave},
		{"POST /admin/collections/{id}/products", permCatalogWrite, a.adminCollectionAdd},
		{"POST /admin/collections/{id}/products/{product_id}/move", permCatalogWrite, a.adminCollectionMove},
		{"POST /admin/collections/{id}/products/{product_id}/remove", permCatalogWrite, a.adminCollectionRemove},
		{"GET /admin/variants/{id}/stock", permCatalogRead, a.adminVariantStock},
		{"POST /admin/variants/{id}/stock", permCatalogWrite, a.adminVariantAdjust},
		{"POST /admin/variants/{id}/stock/threshold", permCatalogWrite, a.adminVariantThreshold},
		{"GET /admin/inventory/low-stock", permCatalogRead, a.adminLowStock},
		{"GET /admin/products.csv", permCatalogRead, a.adminProductsCSV},

		// Promotions and returns: the lists their features fill
		// (admin_promotions.go, admin_returns.go).
		{"GET /admin/promotions", permPromotions, a.adminPromotions},
		{"GET /admin/returns", permReturns, a.adminReturns},

		// Orders: the list and its CSV (admin_orders.go), one order and what
		// staff do to it (admin_order.go); customers (admin_customers.go).
		{"GET /admin/orders", permOrders, a.adminOrders},
		{"GET /admin/orders.csv", permOrders, a.adminOrdersCSV},
		{"GET /admin/orders/{id}", permOrders, a.adminOrder},
		{"POST /admin/orders/{id}/paid", permOrders, a.adminOrderPaid},
		{"POST /admin/orders/{id}/fulfil", permOrders, a.adminOrderFulfil},
		{"POST /admin/orders/{id}/cancel", permOrders, a.adminOrderCancel},
		{"POST /admin/orders/{id}/notes", permOrders, a.adminOrderNote},
		{"GET /admin/orders/{id}/packing-slip", permOrders, a.adminOrderPackingSlip},
		{"GET /admin/customers", permCustomers, a.adminCustomers},

		// Order emails: the outbox, and each email as it is sent (admin_emails.go).
		{"GET /admin/emails", permOrders, a.adminEmails},
		{"GET /admin/emails/{id}", permOrders, a.adminEmail},
		{"GET /admin/emails/{id}/html", permOrders, a.adminEmailHTML},

		// Staff (admin_staff.go) and the signed-in member's own account (admin_account.go).
		{"GET /admin/staff", permStaff, a.adminStaff},
		{"POST /admin/staff/invite", permStaff, a.adminStaffInvite},
		{"POST /admin/staff/invite/{invite}/revoke", permStaff, a.adminStaffInviteRevoke},
		{"GET /admin/staff/{id}", permStaff, a.adminStaffMember},
		{"POST /admin/staff/{id}/role", permStaff, a.adminStaffRole},
		{"POST /admin/staff/{id}/disable", permStaff, a.adminStaffDisable},
		{"POST /admin/staff/{id}/enable", permStaff, a.adminStaffEnable},
		{"POST /admin/staff/{id}/reset", permStaff, a.adminStaffReset},
		{"POST /admin/staff/{id}/signout", permStaff, a.adminStaffSignOut},
		{"POST /admin/staff/{id}/sessions/{session}/revoke", permStaff, a.adminStaffSessionRevoke},
		{"GET /admin/account/security", permAccount, a.adminSecurity},
		{"POST /admin/account/security/totp", permAccount, a.adminTOTPStart},
		{"POST /admin/account/security/totp/confirm", permAccount, a.adminTOTPConfirm},
		{"POST /admin/account/security/totp/disable", permAccount, a.adminTOTPDisable},
		{"POST /admin/account/security/recovery-codes", permAccount, a.adminRecoveryCodes},
		{"GET /admin/account/sessions", permAccount, a.adminSessions},
		{"POST /admin/account/sessions/{session}/revoke", permAccount, a.adminSessionRevoke},
		{"POST /admin/account/sessions/revoke-others", permAccount, a.adminSessionsRevokeOthers},
	}
}
