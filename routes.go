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

	pages := http.NewServeMux()
	pages.HandleFunc("GET /{$}", a.home)
	pages.HandleFunc("GET /collections", a.collections)
	pages.HandleFunc("GET /collections/{slug}", a.collection)
	pages.HandleFunc("GET /products/{slug}", a.product)
	pages.HandleFunc("GET /search", a.search)
	pages.HandleFunc("GET /sitemap.xml", a.sitemap)
	pages.HandleFunc("GET /lang/{locale}", a.setLanguage)

	// Admin: signing in and first-run setup are open; everything else is in
	// adminRoutes and goes through requireStaff with its permission.
	pages.HandleFunc("GET /admin/login", a.adminLoginForm)
	pages.HandleFunc("POST /admin/login", a.adminLogin)
	pages.HandleFunc("POST /admin/logout", a.adminLogout)
	pages.HandleFunc("GET /admin/setup", a.adminSetupForm)
	pages.HandleFunc("POST /admin/setup", a.adminSetup)
	pages.Handle("GET /admin/{$}", http.RedirectHandler("/admin", http.StatusMovedPermanently))
	for _, rt := range a.adminRoutes() {
		pages.Handle(rt.pattern, a.requireStaff(rt.perm, rt.handler))
	}
	pages.HandleFunc("/", a.notFound)

	withSession := a.sessions.LoadAndSave(a.locale(pages))
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
	}
}
