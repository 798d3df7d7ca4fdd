package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/a-h/templ"

	"storefront/i18n"
	"storefront/mail"
	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// emailPreviewCSP answers the HTML part of an email in the admin. The
// email is shop-made but carries what shoppers typed (names, notes), so it
// runs in a sandbox (no scripts, no forms, an opaque origin) and may load
// nothing but its own styles; only the admin itself may frame it.
const emailPreviewCSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

// Emails lists the outbox, newest first, filtered by status.
func (h *Handler) Emails(w http.ResponseWriter, r *http.Request) {
	serveList(h, w, r, adminList[string, store.EmailPage]{
		keep: []string{"status"},
		parse: func(q url.Values) (string, bool) {
			status := q.Get("status")
			return status, validStatus(status, store.EmailStatuses)
		},
		load: func(ctx context.Context, status string, page int) (store.EmailPage, error) {
			return h.Store.ListEmails(ctx, store.EmailFilter{Status: status, Page: page})
		},
		view: func(list store.EmailPage, status string, nav views.PageNav) templ.Component {
			return adminviews.Emails(adminviews.EmailsPage{
				Shell: h.adminShell(r, "admin.emails.title"), List: list, Status: status, Nav: nav,
				SMTPOff: !h.emails.Enabled(),
			})
		},
	})
}

// Email shows one email as it would be sent now: subject, the HTML
// part framed from adminEmailHTML, and the plain-text part.
func (h *Handler) Email(w http.ResponseWriter, r *http.Request) {
	e, ok := h.emailFromPath(w, r)
	if !ok {
		return
	}
	p := adminviews.EmailPage{Shell: h.adminShell(r, "admin.emails.email_title"), Email: e}
	p.Shell.Title = adminviews.EmailTitle(r.Context(), e)
	msg, err := h.emails.Render(r.Context(), e)
	switch {
	case err != nil && store.CarriesLink(e.Kind):
		p.RenderError = i18n.T(r.Context(), "admin.emails.link_withheld")
	case errors.Is(err, mail.ErrStale):
		p.RenderError = i18n.T(r.Context(), "admin.emails.stale")
	case err != nil:
		// An email whose order is gone cannot be shown, but its row can.
		h.Log.Warn("render email", "email", e.ID, "err", err)
		p.RenderError = i18n.T(r.Context(), "admin.emails.render_failed", err.Error())
	}
	p.Subject, p.Text = msg.Subject, msg.Text
	h.Render(w, r, http.StatusOK, adminviews.Email(p))
}

// EmailHTML serves an email's HTML part for the preview frame.
func (h *Handler) EmailHTML(w http.ResponseWriter, r *http.Request) {
	e, ok := h.emailFromPath(w, r)
	if !ok {
		return
	}
	msg, err := h.emails.Render(r.Context(), e)
	if errors.Is(err, mail.ErrStale) {
		h.NotFound(w, r)
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", emailPreviewCSP)
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	w.Write([]byte(msg.HTML))
}

// emailFromPath loads the email named by the {id} path value, answering
// 404 itself when there is none.
func (h *Handler) emailFromPath(w http.ResponseWriter, r *http.Request) (store.Email, bool) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return store.Email{}, false
	}
	e, err := h.Store.EmailByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return store.Email{}, false
	}
	// A one-time link (store.CarriesLink) would let whoever reads it take
	// over the customer's or the staff member's account: the admin never
	// renders it.
	e.Link = ""
	return e, true
}
