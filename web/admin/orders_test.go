package admin_test

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// orderShop is a seeded shop with the checkout tests' shipping methods,
// signed in as role.
func orderShop(t *testing.T, role string) (shop *webtest.Shop, flat int64) {
	t.Helper()
	shop = webtest.New(t)
	shop.SeedFixture()
	flat, _ = shop.AddShipping()
	shop.LoginAs(role)
	return shop, flat
}

// listedOrders are the order numbers an order list shows, in order.
func listedOrders(t *testing.T, res webtest.Response) []string {
	t.Helper()
	if res.Status != http.StatusOK {
		t.Fatalf("order list = %d\n%s", res.Status, res.Body)
	}
	return res.Doc(t).Find(".admin-order-table tbody tr").Map(func(_ int, s *goquery.Selection) string {
		return s.AttrOr("data-order-number", "")
	})
}

func TestAdminOrderListFilters(t *testing.T) {
	shop, flat := orderShop(t, store.RoleSupport)
	ana := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	cod := shop.PlaceOrder("en", store.PayCOD, flat)
	bo := placeOrderForReturns(shop, "bo@example.com", "Bo Chen")
	if _, err := shop.Store.MarkPaid(context.Background(), store.Actor{}, bo.ID); err != nil {
		t.Fatal(err)
	}
	compact := strings.ToLower(strings.ReplaceAll(ana.Number, "-", ""))
	today := shop.Store.Now().Format("2006-01-02")
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{bo.Number, cod.Number, ana.Number}},
		{"?status=open&payment=pending", []string{cod.Number, ana.Number}},
		{"?payment=paid", []string{bo.Number}},
		{"?fulfillment=to_ship", []string{bo.Number, cod.Number}},
		{"?q=" + compact, []string{ana.Number}},
		{"?q=BO%40example", []string{bo.Number}},
		{"?q=ana+lima", []string{cod.Number, ana.Number}},
		{"?from=" + today + "&to=" + today, []string{bo.Number, cod.Number, ana.Number}},
		{"?to=2000-01-01", nil},
		{"?status=cancelled", nil},
	} {
		if got := listedOrders(t, shop.Get("/admin/orders"+tc.query)); !slices.Equal(got, tc.want) {
			t.Errorf("%q = %v, want %v", tc.query, got, tc.want)
		}
	}
	doc := shop.Get("/admin/orders?payment=pending&q=ana").Doc(t)
	if doc.Find(`select[name=payment] option[value=pending][selected]`).Length() != 1 || doc.Find(`input[name=q]`).AttrOr("value", "") != "ana" {
		t.Error("the filter form does not keep its values")
	}
	if got := doc.Find(`a[href^="/admin/orders.csv"]`).AttrOr("href", ""); got != "/admin/orders.csv?payment=pending&q=ana" {
		t.Errorf("CSV link = %q, want the same filter", got)
	}
	row := doc.Find(`tr[data-order-number="` + ana.Number + `"]`)
	if !strings.Contains(row.Text(), "ana@example.com") || row.Find(`a[href="/admin/orders/`+itoa(ana.ID)+`"]`).Length() != 1 {
		t.Errorf("ana's row = %q", row.Text())
	}
	for _, bad := range []string{"?status=lost", "?payment=maybe", "?fulfillment=x", "?from=yesterday", "?page=0", "?q=" + strings.Repeat("x", 201)} {
		if res := shop.Get("/admin/orders" + bad); res.Status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", bad, res.Status)
		}
	}
	if res := shop.Get("/admin/orders?page=2"); res.Status != http.StatusNotFound {
		t.Errorf("page past the end = %d, want 404", res.Status)
	}

	// The dashboard counts what can ship and what waits for payment, and
	// links to exactly those.
	home := shop.Get("/admin").Doc(t)
	if got := home.Find("[data-orders-to-ship]").Text(); got != "2" {
		t.Errorf("to ship = %q, want 2", got)
	}
	if got := home.Find("[data-orders-awaiting-payment]").Text(); got != "2" {
		t.Errorf("awaiting payment = %q, want 2", got)
	}
	link := home.Find(`a[href="/admin/orders?fulfillment=to_ship"]`).AttrOr("href", "")
	if got := listedOrders(t, shop.Get(link)); !slices.Equal(got, []string{bo.Number, cod.Number}) {
		t.Errorf("the dashboard's to-ship link lists %v", got)
	}
	if home.Find("#recent-orders ~ .admin-table-wrap tr[data-order-number]").Length() != 3 {
		t.Error("the dashboard does not list the latest orders")
	}
}

// fulfilForm reads the order page's fulfil form as a browser would submit
// it, with overrides typed in.
func fulfilForm(t *testing.T, res webtest.Response, overrides map[string]string) url.Values {
	t.Helper()
	form := res.Doc(t).Find("form.fulfil-form")
	if form.Length() != 1 {
		t.Fatalf("no fulfil form:\n%s", res.Body)
	}
	v := url.Values{}
	form.Find("input").Each(func(_ int, in *goquery.Selection) { v.Set(in.AttrOr("name", ""), in.AttrOr("value", "")) })
	for k, val := range overrides {
		v.Set(k, val)
	}
	return v
}

// TestAdminNoOrdersYet: a new shop's order list and the home's latest
// orders say there are none yet, not that none match; a search that finds
// nothing still says nothing matches.
func TestAdminNoOrdersYet(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=/admin")
		yet, none := i18n.TL(lang, "admin.orders.none_yet"), i18n.TL(lang, "admin.orders.none")
		for path, want := range map[string]string{"/admin": yet, "/admin/orders": yet, "/admin/orders?q=nobody": none,
			"/admin/orders?status=cancelled": none} {
			body := shop.Get(path).Body
			if !strings.Contains(body, want) || (want == yet && strings.Contains(body, none)) {
				t.Errorf("%s %s does not say %q", lang, path, want)
			}
		}
	}
}

func TestAdminFulfilPartlyThenTheRest(t *testing.T) {
	shop, flat := orderShop(t, store.RoleSupport) // support may ship, not change settings
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	path := "/admin/orders/" + itoa(o.ID)
	shirts, tea := store.FulfilQtyField(o.Lines[0].ID), store.FulfilQtyField(o.Lines[1].ID)

	page := shop.Get(path)
	if v := fulfilForm(t, page, nil); v.Get(shirts) != "2" || v.Get(tea) != "1" {
		t.Fatalf("the quantities do not default to what is left: %v", v)
	}
	over := shop.Post(path+"/fulfil", fulfilForm(t, page, map[string]string{shirts: "3", "carrier": "UPS", "tracking_number": "1Z999"}))
	if over.Status != http.StatusUnprocessableEntity {
		t.Fatalf("over-fulfil = %d, want 422", over.Status)
	}
	kept := fulfilForm(t, over, nil)
	if kept.Get(shirts) != "3" || kept.Get("carrier") != "UPS" || kept.Get("tracking_number") != "1Z999" {
		t.Errorf("the form lost its values: %v", kept)
	}
	if over.Doc(t).Find("#"+shirts+"-error").Length() != 1 {
		t.Error("no message beside the line asked too much of")
	}
	if bad := shop.Post(path+"/fulfil", url.Values{shirts: {"1.5"}}); bad.Status != http.StatusUnprocessableEntity {
		t.Errorf("fractional quantity = %d, want 422", bad.Status)
	}

	res := shop.Post(path+"/fulfil", fulfilForm(t, page, map[string]string{shirts: "1", tea: "0", "carrier": "DHL", "tracking_number": "JD0001"}))
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != path {
		t.Fatalf("first parcel = %d → %q\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	page = shop.Get(path)
	doc := page.Doc(t)
	if got, _ := doc.Find("[data-fulfillment]").Attr("data-fulfillment"); got != store.FulfillmentPartial {
		t.Errorf("after one parcel the order is %q", got)
	}
	if v := fulfilForm(t, page, nil); v.Get(shirts) != "1" || v.Get(tea) != "1" {
		t.Errorf("what is left = %v", v)
	}
	if !strings.Contains(doc.Find(".notice-success").Text(), i18n.TL("en", "admin.order.notice.fulfilled")) {
		t.Error("no confirmation after the parcel")
	}
	// What shipped comes back through a return: a cancel would give back
	// every point and refuse the shipped shirt's return.
	if doc.Find(`form[action$="/cancel"]`).Length() != 0 {
		t.Error("a partly shipped order offers to be cancelled")
	}
	if err := shop.Store.CancelOrder(context.Background(), store.Actor{}, o.ID); !errors.Is(err, store.ErrConflict) {
		t.Errorf("cancel a partly shipped order: %v, want ErrConflict", err)
	}

	if res := shop.Post(path+"/fulfil", url.Values{"all": {"1"}, "carrier": {"DHL"}, "tracking_number": {"JD0002"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("the rest = %d\n%s", res.Status, res.Body)
	}
	got, _ := shop.Store.OrderByID(context.Background(), o.ID)
	if got.FulfillmentStatus != store.FulfillmentDone || len(got.Fulfillments) != 2 {
		t.Fatalf("after the rest: %s with %d parcels", got.FulfillmentStatus, len(got.Fulfillments))
	}
	var shipped int
	shop.Store.DB().QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ?`, o.ID, store.EmailShipped).Scan(&shipped)
	if shipped != 2 {
		t.Errorf("shipped emails queued = %d, want 2", shipped)
	}
	doc = shop.Get(path).Doc(t)
	if doc.Find("form.fulfil-form").Length() != 0 || doc.Find(".admin-order-parcels > li").Length() != 2 {
		t.Error("a shipped order still offers to ship, or lacks its parcels")
	}
	if ev := doc.Find(`.admin-order-timeline [data-event="fulfilled"]`).First().Text(); !strings.Contains(ev, "JD0002") || !strings.Contains(ev, "support") {
		t.Errorf("timeline entry = %q, want the tracking number and who shipped", ev)
	}

	// A fully shipped order cannot be cancelled.
	refused := shop.Post(path+"/cancel", url.Values{"confirm": {"1"}})
	if refused.Status != http.StatusConflict || !strings.Contains(refused.Body, i18n.TL("en", "admin.order.error.cancel_shipped")) {
		t.Errorf("cancel a shipped order = %d", refused.Status)
	}
	if res := shop.Get("/admin/settings"); res.Status != http.StatusForbidden {
		t.Errorf("support on settings = %d, want 403", res.Status)
	}
}

func TestAdminMarkPaidAndCancel(t *testing.T) {
	shop, flat := orderShop(t, store.RoleManager)
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	path := "/admin/orders/" + itoa(o.ID)
	if shop.Get(path).Doc(t).Find(`form[action="`+path+`/paid"]`).Length() != 1 {
		t.Fatal("an unpaid bank transfer offers no \"mark as paid\"")
	}
	if res := shop.Post(path+"/paid", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("mark paid = %d", res.Status)
	}
	doc := shop.Get(path).Doc(t)
	if got := doc.Find("[data-payment-status]").AttrOr("data-payment-status", ""); got != store.PaymentPaid {
		t.Errorf("payment status = %q", got)
	}
	if doc.Find(`form[action="`+path+`/paid"]`).Length() != 0 {
		t.Error("a paid order still offers \"mark as paid\"")
	}
	if log, _ := shop.Store.AuditLog(ctx, store.AuditFilter{Action: store.ActionOrderMarkPaid}); log.Total != 1 || log.Records[0].StaffEmail == "" {
		t.Errorf("mark paid audit = %+v", log.Records)
	}

	// Cancelling asks for the box to be ticked, then gives the stock back.
	c := shop.PlaceOrder("en", store.PayCOD, flat)
	cpath := "/admin/orders/" + itoa(c.ID)
	before := shop.VariantStock(c.Lines[0].VariantID)
	unconfirmed := shop.Post(cpath+"/cancel", nil)
	if unconfirmed.Status != http.StatusUnprocessableEntity || unconfirmed.Doc(t).Find("#confirm-error").Length() != 1 {
		t.Fatalf("cancel without confirming = %d", unconfirmed.Status)
	}
	if res := shop.Post(cpath+"/cancel", url.Values{"confirm": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("cancel = %d", res.Status)
	}
	if got := shop.VariantStock(c.Lines[0].VariantID); got != before+c.Lines[0].Quantity {
		t.Errorf("stock after cancel = %d, want %d", got, before+c.Lines[0].Quantity)
	}
	for _, action := range []string{"/paid", "/fulfil"} {
		res := shop.Post(cpath+action, url.Values{"all": {"1"}})
		if res.Status != http.StatusConflict || res.Doc(t).Find("[data-problem]").Length() != 1 {
			t.Errorf("%s on a cancelled order = %d, want 409 with a message", action, res.Status)
		}
	}

	// A Stripe order is paid by Stripe, never by hand.
	if err := shop.Store.SetSetting(ctx, store.SettingStripeSecretKey, "sk_test_123"); err != nil {
		t.Fatal(err)
	}
	s := shop.PlaceOrder("en", store.PayStripe, flat)
	spath := "/admin/orders/" + itoa(s.ID)
	if shop.Get(spath).Doc(t).Find(`form[action="`+spath+`/paid"]`).Length() != 0 {
		t.Error("a Stripe order offers \"mark as paid\"")
	}
	if res := shop.Post(spath+"/paid", nil); res.Status != http.StatusConflict {
		t.Errorf("mark a Stripe order paid = %d, want 409", res.Status)
	}
	for _, p := range []string{"/admin/orders/999", "/admin/orders/abc", "/admin/orders/999/packing-slip"} {
		if res := shop.Get(p); res.Status != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", p, res.Status)
		}
	}
}

func TestAdminOrderNotesAndPackingSlip(t *testing.T) {
	shop, flat := orderShop(t, store.RoleOwner)
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	path := "/admin/orders/" + itoa(o.ID)
	empty := shop.Post(path+"/notes", url.Values{"note": {"   "}})
	if empty.Status != http.StatusUnprocessableEntity || empty.Doc(t).Find("#note-error").Length() != 1 {
		t.Errorf("empty note = %d", empty.Status)
	}
	long := strings.Repeat("x", 2001)
	if res := shop.Post(path+"/notes", url.Values{"note": {long}}); res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("textarea[name=note]").Text() != long {
		t.Errorf("long note = %d, or its text was lost", res.Status)
	}
	if res := shop.Post(path+"/notes", url.Values{"note": {"Customer asked for gift wrap."}}); res.Status != http.StatusSeeOther {
		t.Fatalf("note = %d", res.Status)
	}
	note := shop.Get(path).Doc(t).Find(`.admin-order-timeline [data-event="note"]`).Text()
	if !strings.Contains(note, "Customer asked for gift wrap.") || !strings.Contains(note, "owner") {
		t.Errorf("note in the timeline = %q", note)
	}

	current, _ := shop.Store.Settings(context.Background())
	if err := shop.Store.SaveSettings(context.Background(), store.Actor{}, current.Version(store.SectionProfile), &store.ProfileSettings{
		StoreName: "Tea & Linen", ContactEmail: "hello@shop.example", Address: "1 Market St\nPorto"}); err != nil {
		t.Fatal(err)
	}
	slip := shop.Get(path + "/packing-slip")
	if slip.Status != http.StatusOK {
		t.Fatalf("packing slip = %d", slip.Status)
	}
	doc := slip.Doc(t)
	skus := doc.Find(".packing-slip [data-sku]").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if !slices.Equal(skus, []string{"LS-L", "TEA-1"}) {
		t.Errorf("slip SKUs = %v", skus)
	}
	text := doc.Find(".packing-slip").Text()
	for _, want := range []string{o.Number, "Ana Lima", "Rua Augusta 1", "Ring twice", "Tea & Linen", "hello@shop.example", "Porto"} {
		if !strings.Contains(text, want) {
			t.Errorf("slip lacks %q", want)
		}
	}
	if strings.Contains(text, "52.00") || strings.Contains(text, "$") {
		t.Error("the packing slip shows prices")
	}
}

func TestAdminOrdersCSV(t *testing.T) {
	shop, flat := orderShop(t, store.RoleSupport)
	a := shop.PlaceOrder("en", store.PayBankTransfer, flat)      // two lines
	b := placeOrderForReturns(shop, "bo@example.com", "Bo Chen") // one line
	shop.Store.CancelOrder(context.Background(), store.Actor{}, b.ID)

	res := shop.Get("/admin/orders.csv")
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export = %d %q %q", res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+3 || recs[0][0] != "Name" || recs[0][len(recs[0])-1] != "Refunded Amount" {
		t.Fatalf("export = %v", recs)
	}
	names := []string{recs[1][0], recs[2][0], recs[3][0]}
	if !slices.Equal(names, []string{b.Number, a.Number, a.Number}) {
		t.Errorf("rows are of orders %v", names)
	}
	open, _ := csv.NewReader(strings.NewReader(shop.Get("/admin/orders.csv?status=open").Body)).ReadAll()
	if len(open) != 1+2 {
		t.Errorf("open orders export has %d records, want 3", len(open))
	}
	if res := shop.Get("/admin/orders.csv?status=lost"); res.Status != http.StatusBadRequest {
		t.Errorf("bad filter = %d", res.Status)
	}
}

// TestAdminListsCountOneInTheSingular: the order and customer lists say
// "1 order" and "1 customer" above a single row (they said "1 orders"),
// and count more in the plural.
func TestAdminListsCountOneInTheSingular(t *testing.T) {
	shop, flat := orderShop(t, store.RoleSupport)
	counts := func() (orders, customers string) {
		t.Helper()
		return shop.Get("/admin/orders").Doc(t).Find("[data-order-count]").Text(),
			shop.Get("/admin/customers").Doc(t).Find("[data-customer-count]").Text()
	}
	shop.PlaceOrder("en", store.PayBankTransfer, flat)
	if orders, customers := counts(); orders != "1 order" || customers != "1 customer" {
		t.Errorf("one order by one customer: %q, %q", orders, customers)
	}
	placeOrderForReturns(shop, "bo@example.com", "Bo Chen")
	if orders, customers := counts(); orders != "2 orders" || customers != "2 customers" {
		t.Errorf("two orders by two customers: %q, %q", orders, customers)
	}
}

func TestAdminCustomersAggregateByEmail(t *testing.T) {
	shop, flat := orderShop(t, store.RoleSupport)
	a1 := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	a2 := shop.PlaceOrder("zh", store.PayCOD, flat)
	placeOrderForReturns(shop, "bo@example.com", "Bo Chen")
	shop.Store.MarkPaid(context.Background(), store.Actor{}, a1.ID)

	res := shop.Get("/admin/customers")
	if res.Status != http.StatusOK {
		t.Fatalf("customers = %d", res.Status)
	}
	doc := res.Doc(t)
	if got := doc.Find("tr[data-customer]").Length(); got != 2 {
		t.Fatalf("%d customers, want 2", got)
	}
	ana := doc.Find(`tr[data-customer="ana@example.com"]`)
	if ana.Find("[data-orders]").Text() != "2" || ana.Find("[data-spent]").AttrOr("data-spent", "") != itoa(a1.Total) {
		t.Errorf("ana = %q", ana.Text())
	}
	link := ana.Find("a").AttrOr("href", "")
	if link != "/admin/orders?q=ana%40example.com" {
		t.Errorf("customer link = %q", link)
	}
	if got := listedOrders(t, shop.Get(link)); !slices.Equal(got, []string{a2.Number, a1.Number}) {
		t.Errorf("the customer's orders = %v", got)
	}
	if got := shop.Get("/admin/customers?q=chen").Doc(t).Find("tr[data-customer]").Length(); got != 1 {
		t.Errorf("search chen = %d customers", got)
	}
	for bad, want := range map[string]int{
		"?page=x":                        http.StatusBadRequest,
		"?q=" + strings.Repeat("x", 201): http.StatusBadRequest,
		"?page=2":                        http.StatusNotFound,
		"?q=nobody&page=2":               http.StatusNotFound,
	} {
		if res := shop.Get("/admin/customers" + bad); res.Status != want {
			t.Errorf("%s = %d, want %d", bad, res.Status, want)
		}
	}
}

// postAtOnce sends each browser's POST of form to path together, count
// times over, and returns the statuses answered. It runs outside the test
// goroutine, so a failed request is status 0 rather than a Fatal.
func postAtOnce(browsers []*webtest.Shop, count int, path string, form url.Values) []int {
	statuses := make([]int, len(browsers)*count)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range statuses {
		b := browsers[i%len(browsers)]
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, b.Server.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			<-start
			res, err := b.Client.Do(req)
			if err != nil {
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	close(start)
	wg.Wait()
	return statuses
}

// orderEventCount is how many kind events the order's timeline has.
func orderEventCount(s *webtest.Shop, orderID int64, kind string) int {
	s.T.Helper()
	var n int
	if err := s.Store.DB().QueryRow(`SELECT count(*) FROM order_events WHERE order_id = ? AND kind = ?`, orderID, kind).Scan(&n); err != nil {
		s.T.Fatal(err)
	}
	return n
}

// TestAdminOrderActionsTwiceAtOnce: two staff members press the same
// button on the same order at the same moment, and each presses it again.
// Every action happens once (one payment, one parcel, the stock of a
// cancelled order given back once) and nobody meets a server error.
func TestAdminOrderActionsTwiceAtOnce(t *testing.T) {
	shop, flat := orderShop(t, store.RoleManager)
	other := shop.OtherBrowser()
	other.LoginAs(store.RoleSupport)
	staff := []*webtest.Shop{shop, other}
	ctx := context.Background()
	count := func(statuses []int, want int) int {
		n := 0
		for _, st := range statuses {
			if st == want {
				n++
			}
		}
		return n
	}

	t.Run("mark paid", func(t *testing.T) {
		o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
		statuses := postAtOnce(staff, 3, "/admin/orders/"+itoa(o.ID)+"/paid", nil)
		if count(statuses, http.StatusSeeOther) != len(statuses) {
			t.Errorf("mark paid answered %v, want every one 303 (the later ones change nothing)", statuses)
		}
		if n := orderEventCount(shop, o.ID, store.EventPaid); n != 1 {
			t.Errorf("paid events = %d, want 1", n)
		}
		log, _ := shop.Store.AuditLog(ctx, store.AuditFilter{Action: store.ActionOrderMarkPaid})
		if log.Total != 1 {
			t.Errorf("mark paid audit entries = %d, want 1", log.Total)
		}
	})

	t.Run("fulfil all", func(t *testing.T) {
		o := shop.PlaceOrder("en", store.PayCOD, flat)
		path := "/admin/orders/" + itoa(o.ID) + "/fulfil"
		statuses := postAtOnce(staff, 3, path, url.Values{"all": {"1"}})
		if count(statuses, http.StatusSeeOther) != 1 || count(statuses, http.StatusConflict) != len(statuses)-1 {
			t.Errorf("fulfil all answered %v, want one 303 and the rest 409", statuses)
		}
		// The page says why; it has no fulfil form left to put an error beside.
		again := shop.Post(path, url.Values{"all": {"1"}})
		if again.Status != http.StatusConflict || !strings.Contains(again.Doc(t).Find("[data-problem]").Text(), i18n.TL("en", "admin.order.error.fulfil_done")) {
			t.Errorf("fulfil a shipped order = %d without saying it has all shipped", again.Status)
		}
		got, _ := shop.Store.OrderByID(ctx, o.ID)
		if got.FulfillmentStatus != store.FulfillmentDone || len(got.Fulfillments) != 1 {
			t.Errorf("after the race: %s with %d parcels, want fulfilled with 1", got.FulfillmentStatus, len(got.Fulfillments))
		}
		var shipped int
		shop.Store.DB().QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ?`, o.ID, store.EmailShipped).Scan(&shipped)
		if shipped != 1 {
			t.Errorf("shipped emails queued = %d, want 1", shipped)
		}
	})

	t.Run("cancel", func(t *testing.T) {
		o := shop.PlaceOrder("en", store.PayCOD, flat)
		before := shop.VariantStock(o.Lines[0].VariantID)
		statuses := postAtOnce(staff, 3, "/admin/orders/"+itoa(o.ID)+"/cancel", url.Values{"confirm": {"1"}})
		if count(statuses, http.StatusSeeOther) != len(statuses) {
			t.Errorf("cancel answered %v, want every one 303", statuses)
		}
		if got, want := shop.VariantStock(o.Lines[0].VariantID), before+o.Lines[0].Quantity; got != want {
			t.Errorf("stock after the cancels = %d, want %d (given back once)", got, want)
		}
		if n := orderEventCount(shop, o.ID, store.EventCancelled); n != 1 {
			t.Errorf("cancelled events = %d, want 1", n)
		}
	})

	// One marks the order paid as the other cancels it: whichever comes
	// second either records the money on the cancelled order (paid after
	// cancel is refused) or cancels a paid order; the stock comes back once.
	t.Run("paid and cancel", func(t *testing.T) {
		o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
		path := "/admin/orders/" + itoa(o.ID)
		before := shop.VariantStock(o.Lines[0].VariantID)
		var paid, cancelled []int
		var wg sync.WaitGroup
		wg.Go(func() { paid = postAtOnce(staff[:1], 1, path+"/paid", nil) })
		wg.Go(func() { cancelled = postAtOnce(staff[1:], 1, path+"/cancel", url.Values{"confirm": {"1"}}) })
		wg.Wait()
		if cancelled[0] != http.StatusSeeOther || (paid[0] != http.StatusSeeOther && paid[0] != http.StatusConflict) {
			t.Errorf("paid = %d, cancel = %d; want cancel 303 and paid 303 or 409", paid[0], cancelled[0])
		}
		got, _ := shop.Store.OrderByID(ctx, o.ID)
		if !got.Cancelled() {
			t.Errorf("order status = %s, want cancelled", got.Status)
		}
		if (paid[0] == http.StatusSeeOther) != (got.PaymentStatus == store.PaymentPaid) {
			t.Errorf("paid answered %d but the order's payment is %s", paid[0], got.PaymentStatus)
		}
		if got, want := shop.VariantStock(o.Lines[0].VariantID), before+o.Lines[0].Quantity; got != want {
			t.Errorf("stock = %d, want %d", got, want)
		}
	})
}

// receivedReturn pays and ships o (a pickup is also collected, as it must
// be before anything of it comes back), and takes a return of qty of its
// first line through to received: what is left is the refund.
func receivedReturn(t *testing.T, shop *webtest.Shop, o *store.Order, qty int64) int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	if o.ShippingKind == store.ShippingPickup {
		if err := shop.Store.MarkDelivered(ctx, store.Actor{}, o.ID); err != nil {
			t.Fatal(err)
		}
	}
	o = shop.Order(o.Number)
	id, err := shop.Store.RequestReturn(ctx, o, 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: qty},
		Reason: "damaged", Resolution: store.ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ApproveReturn(ctx, store.Actor{}, id, ""); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.ReceiveReturn(ctx, store.Actor{}, id, nil); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestAdminOrdersShowRefunds: an order a return refunded in part stays
// paid to the rules (its data-payment-status), but the order list says
// "Partly refunded" with what went back, its page's payment box lists the
// refund (amount, date, method) and what the order netted, and the export
// has the refunded amount; one refunded in full (collected, so no
// shipping kept) reads "Refunded"; a card refund that failed says so.
// QA's order read "Paid / $253.00" everywhere after a $174.76 refund.
func TestAdminOrdersShowRefunds(t *testing.T) {
	shop, flat := orderShop(t, store.RoleOwner)
	ctx := context.Background()
	_, pickup := shop.AddShipping()
	v := shop.Variants()
	part := shop.Buy(v.ShirtL, 2, flat)
	partReturn := receivedReturn(t, shop, part, 1)
	if res := shop.Post(adminviews.ReturnURL(partReturn)+"/refund", url.Values{"refund_method": {"bank_transfer"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("refund = %d", res.Status)
	}
	whole := shop.Buy(v.Tea, 1, pickup)
	wholeReturn := receivedReturn(t, shop, whole, 1)
	if err := shop.Store.RefundReturn(ctx, store.Actor{}, wholeReturn, store.RefundStripe, "re_test_1"); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.StripeRefundUpdated(ctx, "", "re_test_1", store.RefundFailed); err != nil {
		t.Fatal(err)
	}
	paid := shop.Buy(v.ShirtL, 1, flat)
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, paid.ID); err != nil {
		t.Fatal(err)
	}
	r, err := shop.Store.ReturnByID(ctx, partReturn)
	if err != nil {
		t.Fatal(err)
	}
	refunded := r.RefundAmount
	if refunded == 0 || refunded >= part.Total {
		t.Fatalf("refunded %d of %d: not a partial refund", refunded, part.Total)
	}

	for _, lang := range []string{"en", "zh"} {
		shop.Get("/lang/" + lang + "?next=/admin/orders")
		money := func(n int64) string { return i18n.MoneyIn(lang, part.Currency, n) }
		list := shop.Get("/admin/orders").Doc(t)
		for _, tc := range []struct {
			o        *store.Order
			payment  string
			refunded int64
		}{
			{part, "partially_refunded", refunded},
			{whole, "refunded", whole.Total},
			{paid, "paid", 0},
		} {
			row := list.Find(`tr[data-order-number="` + tc.o.Number + `"]`)
			badge := row.Find("[data-payment]")
			if got := badge.AttrOr("data-payment", ""); got != tc.payment || badge.Text() != i18n.TL(lang, "admin.orders.payment."+tc.payment) {
				t.Errorf("%s: %s's payment reads %q (%s), want %s", lang, tc.o.Number, badge.Text(), got, tc.payment)
			}
			back := row.Find("[data-refunded]")
			if tc.refunded == 0 {
				if back.Length() != 0 {
					t.Errorf("%s: %s shows a refund %q", lang, tc.o.Number, back.Text())
				}
				continue
			}
			if back.AttrOr("data-refunded", "") != itoa(tc.refunded) || back.Text() != i18n.TL(lang, "admin.orders.refunded", money(tc.refunded)) {
				t.Errorf("%s: %s's total says %q, want %s refunded", lang, tc.o.Number, back.Text(), money(tc.refunded))
			}
		}

		page := shop.Get(adminviews.OrderURL(part.ID)).Doc(t)
		if got := page.Find("[data-payment-status]"); got.AttrOr("data-payment-status", "") != store.PaymentPaid ||
			got.Text() != i18n.TL(lang, "admin.orders.payment.partially_refunded") {
			t.Errorf("%s: the payment box says %q (%s)", lang, got.Text(), got.AttrOr("data-payment-status", ""))
		}
		box := page.Find("[data-order-refunds]")
		refund := box.Find(`[data-refund-of="` + itoa(partReturn) + `"]`)
		method := i18n.TL(lang, "admin.order.refund", i18n.TL(lang, "admin.return.method.bank_transfer"))
		if refund.Find("[data-refunded]").AttrOr("data-refunded", "") != itoa(refunded) ||
			!strings.Contains(refund.Text(), money(-refunded)) || !strings.Contains(refund.Text(), method) ||
			!strings.Contains(refund.Text(), shop.Store.Now().Local().Format("2006-01-02")) ||
			refund.Find("a").AttrOr("href", "") != adminviews.ReturnURL(partReturn) {
			t.Errorf("%s: the refund reads %q", lang, refund.Text())
		}
		net := box.Find("[data-order-net]")
		if net.AttrOr("data-order-net", "") != itoa(part.Total-refunded) || net.Text() != money(part.Total-refunded) ||
			!strings.Contains(box.Text(), money(part.Total)) {
			t.Errorf("%s: the payment box reads %q, want %s paid and %s net", lang, box.Text(), money(part.Total), money(part.Total-refunded))
		}

		card := shop.Get(adminviews.OrderURL(whole.ID)).Doc(t).Find(`[data-refund-of="` + itoa(wholeReturn) + `"]`).Text()
		for _, want := range []string{i18n.TL(lang, "admin.orders.method.stripe"), i18n.TL(lang, "admin.return.refund_status.failed")} {
			if !strings.Contains(card, want) {
				t.Errorf("%s: the card refund reads %q, without %q", lang, card, want)
			}
		}
		if shop.Get(adminviews.OrderURL(paid.ID)).Doc(t).Find("[data-order-refunds]").Length() != 0 {
			t.Errorf("%s: an order without refunds lists refunds", lang)
		}
	}

	recs, err := csv.NewReader(strings.NewReader(shop.Get("/admin/orders.csv").Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i // Excel's mark opens the file
	}
	for _, rec := range recs[1:] {
		if rec[col["Name"]] == part.Number && rec[col["Total"]] != "" {
			if got := rec[col["Refunded Amount"]]; got != store.FormatDecimal(refunded, 2) || rec[col["Financial Status"]] != store.PaymentPaid {
				t.Errorf("export: Refunded Amount %q, Financial Status %q; want %s, paid", got, rec[col["Financial Status"]],
					store.FormatDecimal(refunded, 2))
			}
			return
		}
	}
	t.Errorf("the export has no first row for %s", part.Number)
}
