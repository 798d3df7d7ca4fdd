package main

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/a-h/templ"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// emailPreviewCSP answers the HTML part of an email in the admin. The
// email is shop-made but carries what shoppers typed (names, notes), so it
// runs in a sandbox (no scripts, no forms, an opaque origin) and may load
// nothing but its own styles; only the admin itself may frame it.
const emailPreviewCSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

// adminEmails lists the outbox, newest first, filtered by status.
func (a *app) adminEmails(w http.ResponseWriter, r *http.Request) {
	serveList(a, w, r, adminList[string, store.EmailPage]{
		keep: []string{"status"},
		parse: func(q url.Values) (string, bool) {
			status := q.Get("status")
			return status, validStatus(status, store.EmailStatuses)
		},
		load: func(ctx context.Context, status string, page int) (store.EmailPage, error) {
			return a.store.ListEmails(ctx, store.EmailFilter{Status: status, Page: page})
		},
		view: func(list store.EmailPage, status string, nav views.PageNav) templ.Component {
			return adminviews.Emails(adminviews.EmailsPage{
				Shell: a.adminShell(r, "admin.emails.title"), List: list, Status: status, Nav: nav,
				SMTPOff: !a.cfg.smtp.enabled(),
			})
		},
	})
}

// adminEmail shows one email as it would be sent now: subject, the HTML
// part framed from adminEmailHTML, and the plain-text part.
func (a *app) adminEmail(w http.ResponseWriter, r *http.Request) {
	e, ok := a.emailFromPath(w, r)
	if !ok {
		return
	}
	p := adminviews.EmailPage{Shell: a.adminShell(r, "admin.emails.email_title"), Email: e}
	msg, err := a.renderEmail(r.Context(), e)
	if err != nil {
		// An email whose order is gone cannot be shown, but its row can.
		a.log.Warn("render email", "email", e.ID, "err", err)
		p.RenderError = i18n.T(r.Context(), "admin.emails.render_failed", err.Error())
	}
	p.Subject, p.Text = msg.Subject, msg.Text
	a.render(w, r, http.StatusOK, adminviews.Email(p))
}

// adminEmailHTML serves an email's HTML part for the preview frame.
func (a *app) adminEmailHTML(w http.ResponseWriter, r *http.Request) {
	e, ok := a.emailFromPath(w, r)
	if !ok {
		return
	}
	msg, err := a.renderEmail(r.Context(), e)
	if errors.Is(err, errEmailStale) {
		a.notFound(w, r)
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", emailPreviewCSP)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.Write([]byte(msg.HTML))
}

// emailFromPath loads the email named by the {id} path value, answering
// 404 itself when there is none.
func (a *app) emailFromPath(w http.ResponseWriter, r *http.Request) (store.Email, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return store.Email{}, false
	}
	e, err := a.store.EmailByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
		return store.Email{}, false
	}
	return e, true
}
