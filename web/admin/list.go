package admin

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"github.com/a-h/templ"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// paged is a page of a list that knows how many pages there are.
type paged interface{ Pages() int }

// adminList describes a paged admin list filtered by a plain GET form. F is
// the filter as parse reads it; L is the page load fetches.
type adminList[F any, L paged] struct {
	// keep names the filter's fields, carried on the pagination links.
	keep []string
	// parse reads the filter; false means a value no form control would send.
	parse func(q url.Values) (F, bool)
	load  func(ctx context.Context, f F, page int) (L, error)
	view  func(list L, f F, nav views.PageNav) templ.Component
}

// serveList answers an admin list: a bad filter or page is a 400, a page
// past the end a 404.
func serveList[F any, L paged](h *Handler, w http.ResponseWriter, r *http.Request, l adminList[F, L]) {
	q := r.URL.Query()
	filter, ok := l.parse(q)
	page, okPage := kit.ParsePage(q.Get("page"))
	if !ok || !okPage {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	list, err := l.load(r.Context(), filter, page)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	nav := views.PageNav{Path: r.URL.Path, Query: keepQuery(q, l.keep...), Page: page, Pages: list.Pages()}
	if page > nav.Pages {
		h.NotFound(w, r)
		return
	}
	h.Render(w, r, http.StatusOK, l.view(list, filter, nav))
}

// serveStatusSearch answers a simple admin list filtered by a status (one
// of statuses, or "all") and a search: load fetches the page, view renders
// it.
func serveStatusSearch[L paged](h *Handler, w http.ResponseWriter, r *http.Request, statuses []string,
	load func(ctx context.Context, f adminviews.StatusSearch, page int) (L, error),
	view func(list L, f adminviews.StatusSearch, nav views.PageNav) templ.Component) {
	serveList(h, w, r, adminList[adminviews.StatusSearch, L]{
		keep: []string{"status", "q"},
		parse: func(q url.Values) (adminviews.StatusSearch, bool) {
			f := adminviews.StatusSearch{Status: q.Get("status"), Q: q.Get("q")}
			// No control sends "all", but staff type and bookmark it: it is
			// the filter's "Any" option (the empty value), so the list, the
			// select and the empty-list wording all read it as unfiltered.
			if f.Status == "all" {
				f.Status = ""
			}
			return f, validStatus(f.Status, statuses) && validSearch(f.Q)
		},
		load: load, view: view,
	})
}

// validStatus reports whether a list's status filter is empty or one of
// statuses.
func validStatus(status string, statuses []string) bool {
	return status == "" || slices.Contains(statuses, status)
}

// validSearch reports whether a list's search box holds no more than its
// maxlength lets a browser send, which the store would refuse.
func validSearch(q string) bool { return len(q) <= store.MaxSearchLen }

// keepQuery is the part of q named by keys, for pagination links that keep
// the list's filter.
func keepQuery(q url.Values, keys ...string) url.Values {
	out := url.Values{}
	for _, k := range keys {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}
