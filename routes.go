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
	pages.HandleFunc("/", a.notFound)

	withSession := a.sessions.LoadAndSave(a.locale(pages))
	static.Handle("/", withSession)

	return a.recoverPanic(a.logRequest(a.securityHeaders(a.limitBody(a.crossOrigin(compress(static))))))
}
