package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// Customer is an account's page.
func (h *Handler) Customer(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	page := adminviews.CustomerPage{}
	switch r.URL.Query().Get("done") {
	case "points":
		page.Notice = "admin.customer.adjusted"
	case "notes":
		page.Notice = "admin.customer.notes_saved"
	case "profile":
		page.Notice = "admin.customer.profile_saved"
	}
	h.renderCustomer(w, r, http.StatusOK, page, id)
}

// CustomerPoints adjusts an account's points by hand: points (a signed
// whole number) with the reason the ledger keeps. The hidden was_entry
// field is the ledger's newest row when the form was shown: a row added
// since (the form sent twice) is the page again with the balance now and
// the form as typed (409). Without it, as a script may post, nothing is
// checked.
func (h *Handler) CustomerPoints(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	page := adminviews.CustomerPage{Points: r.PostFormValue("points"), Reason: r.PostFormValue("reason"),
		WasEntry: r.PostFormValue("was_entry")}
	lastEntry, ok := shownCount(r, "was_entry")
	if !ok {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	// What is no whole number reads as 0 or past the limit, which the
	// store refuses beside the form's other problems, all in one answer.
	delta, _ := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(page.Points), "+"), 10, 64)
	err := h.Store.AdjustPointsSeen(r.Context(), h.actor(r), id, lastEntry, delta, page.Reason)
	var verr *store.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, adminviews.CustomerURL(id)+"?done=points", http.StatusSeeOther)
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		h.renderCustomer(w, r, http.StatusUnprocessableEntity, page, id)
	case errors.Is(err, store.ErrPointsShort):
		page.Errors = map[string]string{"points": "admin.customer.error.short"}
		h.renderCustomer(w, r, http.StatusUnprocessableEntity, page, id)
	case errors.Is(err, store.ErrPointsSince):
		page.PointsConflict = "admin.customer.points_conflict"
		h.renderCustomer(w, r, http.StatusConflict, page, id)
	default:
		h.StoreError(w, r, err)
	}
}

// CustomerProfile corrects an account's name and birthday: name and
// birthday as the customer's own form has them, was_name and
// was_birthday what the form was shown with. A profile changed since is
// the page again with the form as typed (409).
func (h *Handler) CustomerProfile(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	page := adminviews.CustomerPage{Name: r.PostFormValue("name"), Birthday: r.PostFormValue("birthday"),
		WasName: r.PostFormValue("was_name"), WasBirthday: r.PostFormValue("was_birthday"), ProfileTyped: true}
	err := h.Store.FixCustomerProfile(r.Context(), h.actor(r), id, store.ProfileFix{Name: page.Name, Birthday: page.Birthday,
		WasName: page.WasName, WasBirthday: page.WasBirthday})
	var verr *store.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, adminviews.CustomerURL(id)+"?done=profile", http.StatusSeeOther)
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		h.renderCustomer(w, r, http.StatusUnprocessableEntity, page, id)
	case errors.Is(err, store.ErrConflict):
		page.Conflict = "admin.customer.profile_conflict"
		h.renderCustomer(w, r, http.StatusConflict, page, id)
	default:
		h.StoreError(w, r, err)
	}
}

// CustomerNotes saves the owner's notes and tags on an account.
func (h *Handler) CustomerNotes(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	page := adminviews.CustomerPage{Notes: r.PostFormValue("notes"), Tags: r.PostFormValue("tags"), NotesTyped: true}
	err := h.Store.SaveCustomerNotes(r.Context(), h.actor(r), id, page.Notes, page.Tags)
	var verr *store.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, adminviews.CustomerURL(id)+"?done=notes", http.StatusSeeOther)
	case errors.As(err, &verr):
		page.Errors = verr.Fields
		h.renderCustomer(w, r, http.StatusUnprocessableEntity, page, id)
	default:
		h.StoreError(w, r, err)
	}
}

func (h *Handler) renderCustomer(w http.ResponseWriter, r *http.Request, status int, page adminviews.CustomerPage, id int64) {
	a, err := h.Store.CustomerAccountByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	page.Account = a
	page.CanAdjust = Can(kit.CurrentStaff(r.Context()).Role, PermPoints)
	if !page.ProfileTyped {
		page.Name, page.Birthday = a.Customer.Name, a.Customer.Birthday
	}
	// A refused field keeps the form on what it was first shown with; a
	// conflict moves it onto what is saved now.
	if !page.ProfileTyped || page.Conflict != "" {
		page.WasName, page.WasBirthday = a.Customer.Name, a.Customer.Birthday
	}
	// Likewise the points form: shown again after a conflict, it stands on
	// the ledger as it is now, so that sending it again is a choice.
	if page.WasEntry == "" || page.PointsConflict != "" {
		page.WasEntry = strconv.FormatInt(a.Points.LastEntry, 10)
	}
	if !page.NotesTyped {
		page.Notes, page.Tags = a.Notes, strings.Join(a.Tags, ", ")
	}
	page.Shell = h.adminShell(r, "admin.customers.title")
	page.Shell.Title = a.Customer.Name
	h.Render(w, r, status, adminviews.Customer(page))
}
