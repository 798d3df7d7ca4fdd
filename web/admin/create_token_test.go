package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// newForm is one of the admin's forms that create something: where its
// empty form is, what the person types (fix) or leaves wrong (refused),
// and how many records of it the shop has.
type newForm struct {
	name, page, form, action string
	fix, refused             map[string]string
	count                    string // SQL with one ?: the value of fix's first field
	landsOn                  func(id int64) string
	id                       string // SQL with one ?: the record's id
}

var newForms = []newForm{
	{name: "automatic promotion", page: "/admin/promotions/new", form: "form.promotion-form", action: "/admin/promotions",
		fix: map[string]string{"name": "Dup test", "type": "percent", "value": "5", "combines_promotions": "1",
			"combines_coupons": "1", "min_subtotal": "50.00"},
		refused: map[string]string{"value": ""},
		count:   `SELECT count(*) FROM promotions WHERE name = ?`, id: `SELECT id FROM promotions WHERE name = ?`,
		landsOn: func(id int64) string { return "/admin/promotions/" + itoa(id) + "?done=saved" }},
	{name: "coupon without a code", page: "/admin/promotions/new?kind=coupon", form: "form.promotion-form", action: "/admin/promotions",
		fix:     map[string]string{"name": "Dup coupon", "type": "percent", "value": "5", "code": ""},
		refused: map[string]string{"value": "150"},
		count:   `SELECT count(*) FROM promotions WHERE name = ?`, id: `SELECT id FROM promotions WHERE name = ?`,
		landsOn: func(id int64) string { return "/admin/promotions/" + itoa(id) + "?done=saved" }},
	{name: "product", page: "/admin/products/new", form: "form.product-form", action: "/admin/products/new",
		fix:     map[string]string{"title": "Dup Product", "status": store.StatusActive, "v0_price": "10.00", "v0_stock": "5"},
		refused: map[string]string{"v0_price": ""},
		count:   `SELECT count(*) FROM products WHERE title = ?`, id: `SELECT id FROM products WHERE title = ?`,
		landsOn: func(id int64) string { return "/admin/products/" + itoa(id) }},
	{name: "shipping method", page: "/admin/settings", form: `form[action="/admin/settings/shipping"]`, action: "/admin/settings/shipping",
		fix:     map[string]string{"name": "Express", "kind": store.ShippingFlat, "price": "20.00"},
		refused: map[string]string{"price": "twenty"},
		count:   `SELECT count(*) FROM shipping_methods WHERE name = ?`, id: `SELECT id FROM shipping_methods WHERE name = ?`,
		landsOn: func(int64) string { return "/admin/settings?saved=shipping#shipping" }},
	{name: "collection", page: "/admin/collections/new", form: "form.collection-form", action: "/admin/collections",
		fix:     map[string]string{"title": "Dup collection", "handle": ""},
		refused: map[string]string{"handle": "Not a handle"},
		count:   `SELECT count(*) FROM collections WHERE title = ?`, id: `SELECT id FROM collections WHERE title = ?`,
		landsOn: func(id int64) string { return "/admin/collections/" + itoa(id) + "?saved=1" }},
	{name: "return reason", page: "/admin/returns", form: `form.reason-form[data-reason=""]`, action: "/admin/returns/reasons",
		fix:     map[string]string{"title": "Arrived late", "active": "1"},
		refused: map[string]string{"title": ""},
		count:   `SELECT count(*) FROM return_reasons WHERE title = ?`, id: `SELECT id FROM return_reasons WHERE title = ?`,
		landsOn: func(int64) string { return "/admin/returns?done=reasons#reasons" }},
}

// typed is f's empty form as shown at its page, filled in with fields.
func (f newForm) typed(t *testing.T, shop *webtest.Shop, fields ...map[string]string) url.Values {
	t.Helper()
	vals := formOf(t, shop.Get(f.page), f.form)
	if vals.Get("create_token") == "" {
		t.Fatalf("the form at %s carries no create_token", f.page)
	}
	for _, m := range fields {
		for k, v := range m {
			vals.Set(k, v)
		}
	}
	return vals
}

// key is the value of the field that names what f makes.
func (f newForm) key() string {
	for _, k := range []string{"name", "title"} {
		if v, ok := f.fix[k]; ok {
			return v
		}
	}
	panic("no name in " + f.name)
}

// made checks that the shop has exactly one record of f and returns its id.
func (f newForm) made(t *testing.T, shop *webtest.Shop) int64 {
	t.Helper()
	var n int
	if err := shop.Store.DB().QueryRow(f.count, f.key()).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%s: %d made, want 1", f.name, n)
	}
	var id int64
	if err := shop.Store.DB().QueryRow(f.id, f.key()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestNewFormSubmittedTwiceMakesOne: the owner double-clicks Save on each
// "new" form (five submits of the same form at once), then goes back and
// submits it again. One record is made, and every submit is answered as
// the first was, with the way to that record; two identical automatic
// promotions would both apply, a product twice has two stocks.
func TestNewFormSubmittedTwiceMakesOne(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	for _, f := range newForms {
		t.Run(f.name, func(t *testing.T) {
			form := f.typed(t, shop, f.fix)
			for i, st := range postAtOnce([]*webtest.Shop{shop}, 5, f.action, form) {
				if st != http.StatusSeeOther {
					t.Errorf("submit %d = %d, want 303", i, st)
				}
			}
			id := f.made(t, shop)
			again := shop.Post(f.action, form)
			if got, want := again.Header.Get("Location"), f.landsOn(id); again.Status != http.StatusSeeOther || got != want {
				t.Errorf("submitted again = %d to %q, want 303 to %q", again.Status, got, want)
			}
			f.made(t, shop)
		})
	}
}

// TestRefusedNewFormResubmittedMakesOne: a new form refused (422) comes
// back with the token it was sent with; corrected and double-clicked, it
// makes one record, and the same form opened afresh makes another.
func TestRefusedNewFormResubmittedMakesOne(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	for _, f := range newForms {
		t.Run(f.name, func(t *testing.T) {
			sent := f.typed(t, shop, f.fix, f.refused)
			res := shop.Post(f.action, sent)
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("refused form = %d, want 422", res.Status)
			}
			shown := formOf(t, res, f.form)
			if got, want := shown.Get("create_token"), sent.Get("create_token"); got != want {
				t.Fatalf("the refused form came back with token %q, want %q", got, want)
			}
			for k, v := range f.fix {
				shown.Set(k, v)
			}
			for i, st := range postAtOnce([]*webtest.Shop{shop}, 3, f.action, shown) {
				if st != http.StatusSeeOther {
					t.Errorf("corrected submit %d = %d, want 303", i, st)
				}
			}
			f.made(t, shop)

			// A form opened afresh is a new one: the owner means a second.
			fresh := f.typed(t, shop, f.fix)
			if fresh.Get("create_token") == sent.Get("create_token") {
				t.Fatal("a new form has the last form's token")
			}
			if f.name == "collection" {
				fresh.Set("title", "Second collection") // a collection's title is its own
			}
			if res := shop.Post(f.action, fresh); res.Status != http.StatusSeeOther {
				t.Fatalf("a second form = %d, want 303", res.Status)
			}
		})
	}
}

// TestSaveAsNewTwiceMakesOne: the form of a promotion archived meanwhile
// is saved as a new promotion with a double click: one promotion, and
// both clicks land on it.
func TestSaveAsNewTwiceMakesOne(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	base := "/admin/promotions/" + itoa(promotionID(t, shop.Post("/admin/promotions", couponForm())))
	promotionID(t, shop.Post(base+"/archive", url.Values{"confirm": {"1"}}))
	stale := couponForm()
	stale.Set("version", "1")
	res := shop.Post(base, stale)
	if res.Status != http.StatusConflict {
		t.Fatalf("saving an archived promotion = %d, want 409", res.Status)
	}
	form := formOf(t, res, "form.promotion-form")
	form.Set("code", "WELCOME15")
	for i, st := range postAtOnce([]*webtest.Shop{shop}, 3, "/admin/promotions", form) {
		if st != http.StatusSeeOther {
			t.Errorf("save as new %d = %d, want 303", i, st)
		}
	}
	var n int
	if err := shop.Store.DB().QueryRow(`SELECT count(*) FROM promotions`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d promotions (%v), want the archived one and its new copy", n, err)
	}
}

// TestDuplicatePressedTwiceMakesOneCopy: the owner double-clicks
// Duplicate on a product and on a promotion (and then presses it again
// from the same page): one copy each, and every press opens that copy. A
// page opened afresh makes another copy, as meant.
func TestDuplicatePressedTwiceMakesOneCopy(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	promo := itoa(promotionID(t, shop.Post("/admin/promotions", couponForm())))
	for _, c := range []struct {
		name, page, copies, landsOn string
	}{
		{"product", "/admin/products/1", `SELECT count(*) FROM products WHERE title = (SELECT title FROM products WHERE id = 1)`, "/admin/products/"},
		{"promotion", "/admin/promotions/" + promo, `SELECT count(*) FROM promotions WHERE name LIKE 'Welcome%'`, "/admin/promotions/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			copies := func() int {
				t.Helper()
				var n int
				if err := shop.Store.DB().QueryRow(c.copies).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n - 1
			}
			form := formOf(t, shop.Get(c.page), `form[action="`+c.page+`/duplicate"]`)
			if form.Get("create_token") == "" {
				t.Fatalf("the Duplicate button at %s carries no create_token", c.page)
			}
			for i, st := range postAtOnce([]*webtest.Shop{shop}, 3, c.page+"/duplicate", form) {
				if st != http.StatusSeeOther {
					t.Errorf("press %d = %d, want 303", i, st)
				}
			}
			if n := copies(); n != 1 {
				t.Fatalf("%d copies after a double click, want 1", n)
			}
			first := shop.Post(c.page+"/duplicate", form).Header.Get("Location")
			again := shop.Post(c.page+"/duplicate", form)
			if got := again.Header.Get("Location"); again.Status != http.StatusSeeOther || got != first || !strings.HasPrefix(got, c.landsOn) {
				t.Errorf("pressed again = %d to %q, want 303 to the copy %q", again.Status, got, first)
			}
			if n := copies(); n != 1 {
				t.Errorf("%d copies after pressing again, want 1", n)
			}
			fresh := formOf(t, shop.Get(c.page), `form[action="`+c.page+`/duplicate"]`)
			if res := shop.Post(c.page+"/duplicate", fresh); res.Status != http.StatusSeeOther || copies() != 2 {
				t.Errorf("a page opened afresh = %d with %d copies, want a second copy", res.Status, copies())
			}
		})
	}
}

// TestGenerateCodesSentTwiceMakesOneBatch: "Generate codes" double-clicked
// (and sent again) makes one batch of single-use codes, not two; a refused
// count comes back with the form's token, and the corrected form makes
// its batch once.
func TestGenerateCodesSentTwiceMakesOneBatch(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	form := couponForm()
	form.Set("code", "")
	base := "/admin/promotions/" + itoa(promotionID(t, shop.Post("/admin/promotions", form)))
	codes := func() int {
		t.Helper()
		var n int
		if err := shop.Store.DB().QueryRow(`SELECT count(*) FROM promotion_codes`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	sent := formOf(t, shop.Get(base), "form.promotion-generate")
	if sent.Get("create_token") == "" {
		t.Fatal("the generate form carries no create_token")
	}
	sent.Set("count", "0")
	res := shop.Post(base+"/codes", sent)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("0 codes = %d, want 422", res.Status)
	}
	shown := formOf(t, res, "form.promotion-generate")
	if got, want := shown.Get("create_token"), sent.Get("create_token"); got != want {
		t.Fatalf("the refused form came back with token %q, want %q", got, want)
	}
	shown.Set("count", "5")
	for i, st := range postAtOnce([]*webtest.Shop{shop}, 3, base+"/codes", shown) {
		if st != http.StatusSeeOther {
			t.Errorf("submit %d = %d, want 303", i, st)
		}
	}
	again := shop.Post(base+"/codes", shown)
	if got, want := again.Header.Get("Location"), base+"?done=codes#codes"; again.Status != http.StatusSeeOther || got != want {
		t.Errorf("sent again = %d to %q, want 303 to %q", again.Status, got, want)
	}
	if n := codes(); n != 5 {
		t.Fatalf("%d codes, want one batch of 5", n)
	}
	fresh := formOf(t, shop.Get(base), "form.promotion-generate")
	fresh.Set("count", "5")
	if res := shop.Post(base+"/codes", fresh); res.Status != http.StatusSeeOther || codes() != 10 {
		t.Errorf("a form opened afresh = %d with %d codes, want a second batch", res.Status, codes())
	}
}
