package admin_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestRefusedFieldsNameTheirMessageAndHint: a refused field that has a
// hint names both its message and its hint in one aria-describedby (of
// two such attributes browsers keep the first, and the message went
// unheard); before anything is refused it names its hint alone.
func TestRefusedFieldsNameTheirMessageAndHint(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	for _, tt := range []struct {
		page, post string
		form       url.Values
		field      string
		ids        []string
	}{
		{"/admin/variants/2/stock", "/admin/variants/2/stock", url.Values{"delta": {"abc"}, "reason": {"received"}},
			"delta", []string{"delta-error", "stock-delta-hint"}},
		{"/admin/products", "/admin/products/bulk", url.Values{"product_id": {"1"}, "action": {"price"}, "percent": {"ten"}},
			"percent", []string{"percent-error", "bulk-percent-hint"}},
		{"/admin/collections/new", "/admin/collections", url.Values{"title": {"Tea"}, "handle": {"Tea Pots"}, "position": {"1"}},
			"handle", []string{"handle-error", "collection-handle-hint"}},
	} {
		if res := shop.Get(tt.page); res.Status != http.StatusOK {
			t.Fatalf("%s = %d", tt.page, res.Status)
		} else if got := res.Doc(t).Find(`[name=`+tt.field+`]`).AttrOr("aria-describedby", ""); got != tt.ids[1] {
			t.Errorf("%s: %s is described by %q, want its hint %q", tt.page, tt.field, got, tt.ids[1])
		}
		res := shop.Post(tt.post, tt.form)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("POST %s = %d, want 422", tt.post, res.Status)
		}
		input := res.Doc(t).Find(`[name=` + tt.field + `]`)
		got := strings.Fields(input.AttrOr("aria-describedby", ""))
		if !slices.Equal(got, tt.ids) || input.AttrOr("aria-invalid", "") != "true" {
			t.Errorf("POST %s: refused %s is described by %q, want %q", tt.post, tt.field, got, tt.ids)
		}
		if !strings.Contains(res.Body, `id="`+tt.ids[1]+`"`) {
			t.Errorf("POST %s: no element %s", tt.post, tt.ids[1])
		}
	}
}
