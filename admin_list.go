package main

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"github.com/a-h/templ"

	"storefront/views"
	adminviews "storefront/views/admin"
)

// paged is a page of a list that knows how many pages there are.
type paged interface{ Pages() int }

// serveStatusSearch answers a simple admin list filtered by a status (one
// of statuses) and a search: load fetches the page, view renders it. A
// value that no form control would send is a 400, a page past the end a 404.
func serveStatusSearch[L paged](a *app, w http.ResponseWriter, r *http.Request, statuses []string,
	load func(ctx context.Context, f adminviews.StatusSearch, page int) (L, error),
	view func(list L, f adminviews.StatusSearch, nav views.PageNav) templ.Component) {
	q := r.URL.Query()
	filter, page, ok := parseStatusSearch(q, statuses)
	if !ok {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	list, err := load(r.Context(), filter, page)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	nav := views.PageNav{Path: r.URL.Path, Query: keepQuery(q, "status", "q"), Page: page, Pages: list.Pages()}
	if page > nav.Pages {
		a.notFound(w, r)
		return
	}
	a.render(w, r, http.StatusOK, view(list, filter, nav))
}

// parseStatusSearch reads the filter form of a simple admin list: a status
// from statuses (or none), a search and a page. false means a value no
// form control would send.
func parseStatusSearch(q url.Values, statuses []string) (adminviews.StatusSearch, int, bool) {
	f := adminviews.StatusSearch{Status: q.Get("status"), Q: q.Get("q")}
	page, ok := parsePage(q.Get("page"))
	if f.Status != "" && !slices.Contains(statuses, f.Status) {
		ok = false
	}
	return f, page, ok && len(f.Q) <= 200
}

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
