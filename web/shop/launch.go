package shop

import (
	"math"
	"net/http"
	"strconv"

	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

// gateRetryAfter is when a crawler should try a shop that is not open yet
// again, in seconds.
const gateRetryAfter = "3600"

// OpeningSoon is what shoppers see until the owner finishes setup.
func (h *Handler) OpeningSoon(w http.ResponseWriter, r *http.Request) {
	h.renderGate(w, r, http.StatusServiceUnavailable, views.GatePage{})
}

// ShopClosed asks for the password of a shop its owner keeps closed.
func (h *Handler) ShopClosed(w http.ResponseWriter, r *http.Request) {
	h.renderGate(w, r, http.StatusServiceUnavailable, views.GatePage{Password: true})
}

// ShopPassword lets a visitor with the right password into the closed
// shop for the rest of their session. A shop that is open has nothing to
// enter: the visitor goes to the home page either way.
func (h *Handler) ShopPassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// Guesses are slowed like sign-ins; a wrong one stays counted.
	attempt, wait, err := h.Store.BeginLogin(ctx, store.ShopPasswordAccount, h.ClientIP(r))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		h.renderGate(w, r, http.StatusTooManyRequests, views.GatePage{Password: true, Error: "setup.gate.slowed"})
		return
	}
	ok, err := h.Store.ShopPasswordMatches(ctx, r.PostFormValue("password"))
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	if !ok {
		h.renderGate(w, r, http.StatusUnprocessableEntity, views.GatePage{Password: true, Error: "setup.gate.wrong_password"})
		return
	}
	if err := h.Store.LoginSucceeded(ctx, attempt); err != nil {
		h.ServerError(w, r, err)
		return
	}
	// A new session token, as at any sign-in, so that a token planted
	// before cannot ride on the visitor's access.
	if err := h.Sessions.RenewToken(ctx); err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Sessions.Put(ctx, kit.SessionShopPassword, true)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// renderGate answers with the gate page. A shop that is not open yet is
// "temporarily unavailable": 503 with Retry-After tells search engines to
// come back rather than index an empty shop or a password form, and
// nothing (the page cache included) keeps the answer.
func (h *Handler) renderGate(w http.ResponseWriter, r *http.Request, status int, p views.GatePage) {
	p.Shell = h.Shell(r, views.Meta{NoIndex: true})
	w.Header().Set("Cache-Control", "no-store")
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", gateRetryAfter)
	}
	h.Render(w, r, status, views.Gate(p))
}
