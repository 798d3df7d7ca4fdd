package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// Audit is the owner's audit log, filtered by staff member, entity,
// action and date range (days in the server's time zone, both inclusive).
func (h *Handler) Audit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	form := adminviews.AuditFilter{StaffID: q.Get("staff"), Entity: q.Get("entity"), Action: q.Get("action"),
		From: q.Get("from"), To: q.Get("to")}
	f, ok := parseAuditFilter(form)
	page, okPage := kit.ParsePage(q.Get("page"))
	if !ok || !okPage {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	f.Page = page
	log, err := h.Store.AuditLog(ctx, f)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	nav := views.PageNav{Path: r.URL.Path, Query: auditQuery(q), Page: log.Page, Pages: log.Pages()}
	if page > nav.Pages {
		h.NotFound(w, r)
		return
	}
	staff, err := h.Store.ListStaff(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	actions, entities, err := h.Store.AuditFacets(ctx)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Render(w, r, http.StatusOK, adminviews.Audit(adminviews.AuditPage{
		Shell: h.adminShell(r, "admin.audit.title"), Log: log, Filter: form,
		Staff: staff, Actions: actions, Entities: entities, Nav: nav,
	}))
}

// parseAuditFilter reads the filter form; false means a value that no
// form control would send.
func parseAuditFilter(form adminviews.AuditFilter) (store.AuditFilter, bool) {
	f := store.AuditFilter{Entity: form.Entity, Action: form.Action}
	if form.StaffID != "" {
		id, err := strconv.ParseInt(form.StaffID, 10, 64)
		if err != nil || id <= 0 {
			return f, false
		}
		f.StaffID = id
	}
	for _, d := range []struct {
		raw   string
		dst   *time.Time
		shift int // days to add: "to" covers its whole day
	}{{form.From, &f.From, 0}, {form.To, &f.To, 1}} {
		if d.raw == "" {
			continue
		}
		day, err := time.ParseInLocation(time.DateOnly, d.raw, time.Local)
		if err != nil {
			return f, false
		}
		*d.dst = day.AddDate(0, 0, d.shift)
	}
	return f, true
}

// auditQuery keeps the filter on the pagination links.
func auditQuery(q url.Values) url.Values {
	out := url.Values{}
	for _, k := range []string{"staff", "entity", "action", "from", "to"} {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}
