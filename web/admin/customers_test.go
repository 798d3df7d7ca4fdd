package admin_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// registerAt registers an account for the admin pages' tests.
func registerAt(t *testing.T, shop *webtest.Shop, email, name string) *store.Customer {
	t.Helper()
	c, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: email, Password: "correct horse battery", Name: name, Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAdminCustomerListMembersAndGuests: the list has an account that has
// never ordered beside the guests; the tier and tag filters narrow it, in
// the links of the pages too; a tier no form sends is a 400.
func TestAdminCustomerListMembersAndGuests(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	shop.SeedOrder() // a guest's
	cy := registerAt(t, shop, "cy@example.net", "Cy Wong")
	if err := shop.Store.AdjustPoints(ctx, store.Actor{}, cy.ID, 75, "welcome"); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.SaveCustomerNotes(ctx, store.Actor{}, cy.ID, "", "VIP"); err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleSupport)

	doc := shop.Get("/admin/customers").Doc(t)
	if got := doc.Find("tr[data-customer]").Length(); got != 2 {
		t.Fatalf("%d customers, want the guest and the account", got)
	}
	row := doc.Find(`tr[data-customer="cy@example.net"]`)
	if row.Find("[data-account]").AttrOr("href", "") != adminviews.CustomerURL(cy.ID) ||
		row.Find("[data-points]").AttrOr("data-points", "") != "75" || row.Find("[data-orders]").Text() != "0" ||
		!strings.Contains(row.Find("[data-tags]").Text(), "VIP") {
		t.Errorf("member row: %q", row.Text())
	}
	if doc.Find("tr[data-customer] [data-guest]").Length() != 1 {
		t.Error("the guest is not marked as one")
	}
	tiers, err := shop.Store.Tiers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]int{
		"?tier=guest":                1,
		"?tier=" + itoa(tiers[0].ID): 1,
		"?tier=" + itoa(tiers[2].ID): 0,
		"?tag=vip":                   1,
		"?q=wong":                    1,
	} {
		if got := shop.Get("/admin/customers" + query).Doc(t).Find("tr[data-customer]").Length(); got != want {
			t.Errorf("%s: %d customers, want %d", query, got, want)
		}
	}
	if got := shop.Get("/admin/customers?tier=guest").Doc(t).Find("[data-customers-csv]").AttrOr("href", ""); got != "/admin/customers.csv?tier=guest" {
		t.Errorf("export link = %q", got)
	}
	for _, bad := range []string{"?tier=gold", "?tier=-1", "?tag=" + strings.Repeat("x", 201)} {
		if res := shop.Get("/admin/customers" + bad); res.Status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", bad, res.Status)
		}
	}
}

// TestAdminCustomersCSV: the export is the list's selection, every row,
// with names that a spreadsheet would run written as text.
func TestAdminCustomersCSV(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	registerAt(t, shop, "cy@example.com", "=cmd|' /C calc'!A0")
	registerAt(t, shop, "bo@example.com", "Bo")
	shop.SeedOrder() // a guest's, ana@example.com
	shop.LoginAs(store.RoleManager)

	res := shop.Get("/admin/customers.csv")
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "customers-") {
		t.Fatalf("export = %d %q %q", res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || recs[0][0] != "Email" {
		t.Fatalf("records = %q", recs)
	}
	for _, r := range recs[1:] {
		if r[0] == "cy@example.com" && r[1] != "'=cmd|' /C calc'!A0" {
			t.Errorf("formula name exported as %q", r[1])
		}
	}
	guests, _ := csv.NewReader(strings.NewReader(shop.Get("/admin/customers.csv?tier=guest").Body)).ReadAll()
	if len(guests) != 2 || guests[1][2] != "no" {
		t.Errorf("guests export = %q", guests)
	}
	if res := shop.Get("/admin/customers.csv?tier=x"); res.Status != http.StatusBadRequest {
		t.Errorf("bad filter = %d", res.Status)
	}
}

// TestAdminCustomerNotesAndTags: the owner's notes and tags are saved and
// shown, a tag links to the list filtered by it; a refused save keeps what
// was typed, with the message beside the field; an unknown account is 404.
// The page also shows the address book and when points expire.
func TestAdminCustomerNotesAndTags(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	ana := registerAt(t, shop, "ana@example.com", "Ana Lima")
	if _, err := shop.Store.SaveCustomerAddress(ctx, ana.ID, store.CustomerAddress{Name: "Ana Lima", AddressLine1: "1 Rua Augusta",
		City: "Lisboa", PostalCode: "1100-053", Country: "PT"}); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.AdjustPoints(ctx, store.Actor{}, ana.ID, 40, "welcome"); err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)
	page := adminviews.CustomerURL(ana.ID)

	res := shop.Post(page+"/notes", url.Values{"notes": {"Prefers pickup"}, "tags": {"VIP, wholesale"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != page+"?done=notes" {
		t.Fatalf("save = %d → %q", res.Status, res.Header.Get("Location"))
	}
	doc := shop.Get(page + "?done=notes").Doc(t)
	if doc.Find("[data-notice]").Length() != 1 || doc.Find("#customer-notes").Text() != "Prefers pickup" ||
		doc.Find("#customer-tags").AttrOr("value", "") != "VIP, wholesale" {
		t.Errorf("saved notes not shown: %q / %q", doc.Find("#customer-notes").Text(), doc.Find("#customer-tags").AttrOr("value", ""))
	}
	if href := doc.Find("[data-tags] a").First().AttrOr("href", ""); href != "/admin/customers?tag=VIP" {
		t.Errorf("tag link = %q", href)
	}
	if got := doc.Find("[data-address]").Text(); !strings.Contains(got, "Rua Augusta") {
		t.Errorf("addresses = %q", got)
	}
	if doc.Find("[data-expiring]").AttrOr("data-expiring", "") != "40" {
		t.Error("the expiring points are not shown")
	}

	long := strings.Repeat("x", 41)
	res = shop.Post(page+"/notes", url.Values{"notes": {"Changed"}, "tags": {long}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("long tag = %d", res.Status)
	}
	doc = res.Doc(t)
	if doc.Find("#customer-tags").AttrOr("value", "") != long || doc.Find("#customer-notes").Text() != "Changed" ||
		!strings.Contains(doc.Find("#customer-tags").Parent().Find(".field-error").Text(), "40") {
		t.Errorf("refused save lost what was typed or its message")
	}
	if got := problemLinks(t, res); len(got) != 1 || got[0] != "tags" {
		t.Errorf("the summary links to %v, want the tags", got)
	}
	if notes := shop.Get(page).Doc(t).Find("#customer-notes").Text(); notes != "Prefers pickup" {
		t.Errorf("a refused save changed the notes to %q", notes)
	}
	if res := shop.Post(adminviews.CustomerURL(ana.ID+100)+"/notes", url.Values{"notes": {"x"}}); res.Status != http.StatusNotFound {
		t.Errorf("unknown account = %d", res.Status)
	}
}

// TestAdminCustomerFiltersAsTyped: the spend and points filters are typed
// by hand: "1,000" points and "100.50" are read, and what cannot be read
// is the list again (422) with a message beside the field and every
// filter as typed, from the list and from its export alike.
func TestAdminCustomerFiltersAsTyped(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	rich := registerAt(t, shop, "rich@example.com", "Rich")
	registerAt(t, shop, "poor@example.com", "Poor")
	if err := shop.Store.AdjustPoints(ctx, store.Actor{}, rich.ID, 1500, "gift"); err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)

	for query, want := range map[string]string{
		"min_points=1,000":   "1",
		"min_points=%201000": "1",
		"min_points=2,000":   "0",
		"min_spend=100":      "0",
		"min_spend=100.50":   "0",
		"min_spend=1,000.5":  "0",
		"min_spend=0":        "2",
	} {
		res := shop.Get("/admin/customers?" + query)
		if got := res.Doc(t).Find("[data-customer-count]").AttrOr("data-customer-count", ""); res.Status != http.StatusOK || got != want {
			t.Errorf("%s = %d, %s customers, want %s", query, res.Status, got, want)
		}
	}
	if got := shop.Get("/admin/customers?min_points=1,000").Doc(t).Find("[data-customers-csv]").AttrOr("href", ""); got != "/admin/customers.csv?min_points=1%2C000" {
		t.Errorf("export link = %q", got)
	}

	for _, c := range []struct{ field, value, input string }{
		{"min_spend", "abc", "#customers-min-spend"},
		{"min_spend", "$100", "#customers-min-spend"},
		{"min_spend", "-5", "#customers-min-spend"},
		{"min_spend", "1000.999", "#customers-min-spend"},
		{"min_points", "10.5", "#customers-min-points"},
		{"min_points", "-1", "#customers-min-points"},
		{"min_points", "+2,000", "#customers-min-points"},
	} {
		query := url.Values{"q": {"rich"}, "ordered": {"30"}, c.field: {c.value}}.Encode()
		for _, path := range []string{"/admin/customers?", "/admin/customers.csv?"} {
			res := shop.Get(path + query)
			if res.Status != http.StatusUnprocessableEntity {
				t.Errorf("%s%s = %d, want 422", path, query, res.Status)
				continue
			}
			doc := res.Doc(t)
			field := doc.Find(c.input)
			if field.AttrOr("value", "") != c.value || field.AttrOr("aria-invalid", "") != "true" ||
				!strings.Contains(field.Parent().Find(".field-error").Text(), "such as") {
				t.Errorf("%s%s: the field shows %q with message %q", path, query, field.AttrOr("value", ""), field.Parent().Find(".field-error").Text())
			}
			if doc.Find("#customers-q").AttrOr("value", "") != "rich" ||
				doc.Find(`#customers-ordered option[selected]`).AttrOr("value", "") != "30" {
				t.Errorf("%s%s: the other filters were lost", path, query)
			}
		}
	}
	// The rest of the filter still applies.
	res := shop.Get("/admin/customers?q=rich&min_spend=%24100")
	if got := res.Doc(t).Find("tr[data-customer]").AttrOr("data-customer", ""); got != "rich@example.com" || res.Doc(t).Find("tr[data-customer]").Length() != 1 {
		t.Errorf("with a bad spend the search found %q", got)
	}
}

// TestAdminCustomerListSaysWhenNoneMatch: a shop without customers says
// there are none yet; a search that finds none says none match, with a
// way back to every customer.
func TestAdminCustomerListSaysWhenNoneMatch(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)
	if got := shop.Get("/admin/customers").Doc(t).Find("[data-empty]").Text(); !strings.Contains(got, "No customers yet.") {
		t.Errorf("an empty shop's list says %q", got)
	}
	registerAt(t, shop, "ana@example.com", "Ana Lima")
	for _, query := range []string{"q=zzz", "min_points=5", "tag=vip"} {
		empty := shop.Get("/admin/customers?" + query).Doc(t).Find("[data-empty]")
		if got := empty.Text(); !strings.Contains(got, "No customers match") || strings.Contains(got, "yet") ||
			empty.Find("a").AttrOr("href", "") != "/admin/customers" {
			t.Errorf("%s: the list says %q", query, got)
		}
	}
	shop.Get("/lang/zh?next=/admin/customers")
	if got := shop.Get("/admin/customers?q=zzz").Doc(t).Find("[data-empty]").Text(); !strings.Contains(got, "没有符合") || strings.Contains(got, "还没有顾客") {
		t.Errorf("the Chinese list says %q", got)
	}
}

// TestAdminCustomerListSpentIsNetOfRefunds: a customer's "Spent", on the
// list and in its export, is what they paid less what was refunded, as
// their 12 months' spend counts it.
func TestAdminCustomerListSpentIsNetOfRefunds(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	o := shop.SeedOrder() // ana@example.com's
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	o, id := shop.ShipAndReturnOne(o)
	shop.LoginAs(store.RoleOwner)
	// Listed before the refund, so the list follows it rather than
	// counting it afresh.
	if got := shop.Get("/admin/customers").Doc(t).Find("[data-spent]").AttrOr("data-spent", ""); got != itoa(o.Total) {
		t.Fatalf("spent before the refund = %s, want %d", got, o.Total)
	}
	if err := shop.Store.ApproveReturn(ctx, store.Actor{}, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ReceiveReturn(ctx, store.Actor{}, id, nil); err != nil {
		t.Fatal(err)
	}
	if res := shop.Post(adminviews.ReturnURL(id)+"/refund", url.Values{"refund_method": {"bank_transfer"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("refund = %d", res.Status)
	}
	r, err := shop.Store.ReturnByID(ctx, id)
	if err != nil || r.RefundAmount == 0 {
		t.Fatalf("refunded %+v: %v", r, err)
	}
	refunded := r.RefundAmount
	want := o.Total - refunded
	if got := shop.Get("/admin/customers").Doc(t).Find(`[data-customer="ana@example.com"] [data-spent]`).AttrOr("data-spent", ""); got != itoa(want) {
		t.Errorf("spent after refunding %d of %d = %s, want %d", refunded, o.Total, got, want)
	}
	recs, err := csv.NewReader(strings.NewReader(shop.Get("/admin/customers.csv").Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0][7] != "Spent" || recs[1][7] != store.FormatDecimal(want, 2) {
		t.Errorf("export = %q, want spent %s", recs, store.FormatDecimal(want, 2))
	}
}
