package admin_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// postTwice sends the same form to path twice at the same moment from one
// browser, as a double click does, and reads both answers.
func postTwice(t *testing.T, shop *webtest.Shop, path string, form url.Values) []webtest.Response {
	t.Helper()
	answers := make([]webtest.Response, 2)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range answers {
		req, err := http.NewRequest(http.MethodPost, shop.Server.URL+path, strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		wg.Go(func() {
			<-start
			res, err := shop.Client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			answers[i] = webtest.Response{Status: res.StatusCode, Header: res.Header, Body: string(body)}
		})
	}
	close(start)
	wg.Wait()
	return answers
}

// wonAndLost splits two answers into the 303 and the other one, failing
// the test unless there is exactly one 303.
func wonAndLost(t *testing.T, answers []webtest.Response) (won, lost webtest.Response) {
	t.Helper()
	switch {
	case answers[0].Status == http.StatusSeeOther && answers[1].Status != http.StatusSeeOther:
		return answers[0], answers[1]
	case answers[1].Status == http.StatusSeeOther && answers[0].Status != http.StatusSeeOther:
		return answers[1], answers[0]
	}
	t.Fatalf("the two sends answered %d and %d, want one 303", answers[0].Status, answers[1].Status)
	return
}

// TestAdminFulfilFormSentTwice: staff double-click "Ship these quantities"
// on one unit of a paid three-unit order, then press Back and send the
// same form again. One parcel is recorded, one unit ships and one email
// goes; the second send and the resubmit are the order as it stands with
// why nothing was shipped (409). The form that page shows ships again,
// and a post without the form's shipped field (a script) ships as before.
func TestAdminFulfilFormSentTwice(t *testing.T) {
	shop, flat := orderShop(t, store.RoleSupport)
	ctx := context.Background()
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat) // two shirts and a tea
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	path := "/admin/orders/" + itoa(o.ID)
	shirts, tea := store.FulfilQtyField(o.Lines[0].ID), store.FulfilQtyField(o.Lines[1].ID)
	form := fulfilForm(t, shop.Get(path), map[string]string{shirts: "1", tea: "0", "carrier": "UPS", "tracking_number": "TRK1"})
	shipped := func() (parcels int, units, emails int64) {
		t.Helper()
		got, err := shop.Store.OrderByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := shop.Store.DB().QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND kind = ?`,
			o.ID, store.EmailShipped).Scan(&emails); err != nil {
			t.Fatal(err)
		}
		return len(got.Fulfillments), store.ShippedUnits(got.Lines), emails
	}
	refused := func(res webtest.Response) {
		t.Helper()
		if res.Status != http.StatusConflict {
			t.Fatalf("a send of a form already shipped = %d, want 409\n%s", res.Status, res.Body)
		}
		doc := res.Doc(t)
		if got := doc.Find("[data-problem]").Text(); !strings.Contains(got, i18n.TL("en", "admin.order.error.fulfil_since")) {
			t.Errorf("the 409 does not say a parcel was recorded meanwhile: %q", got)
		}
		if n := doc.Find(".admin-order-parcels > li").Length(); n != 1 {
			t.Errorf("the 409 page lists %d parcels, want the order as it stands (1)", n)
		}
		if v := fulfilForm(t, res, nil); v.Get(shirts) != "1" || v.Get(tea) != "1" {
			t.Errorf("the 409 page's form offers %v, want what is left now", v)
		}
	}

	won, lost := wonAndLost(t, postTwice(t, shop, path+"/fulfil", form))
	if won.Header.Get("Location") != path {
		t.Errorf("the send that shipped went to %q", won.Header.Get("Location"))
	}
	refused(lost)
	if parcels, units, emails := shipped(); parcels != 1 || units != 1 || emails != 1 {
		t.Fatalf("after a double click: %d parcels, %d units shipped, %d emails; want 1, 1, 1", parcels, units, emails)
	}

	again := shop.Post(path+"/fulfil", form) // Back, and the same form again
	refused(again)
	if parcels, units, emails := shipped(); parcels != 1 || units != 1 || emails != 1 {
		t.Fatalf("after a resubmit: %d parcels, %d units shipped, %d emails; want 1, 1, 1", parcels, units, emails)
	}

	if res := shop.Post(path+"/fulfil", fulfilForm(t, again, map[string]string{tea: "0"})); res.Status != http.StatusSeeOther {
		t.Fatalf("the form of the order as it stands = %d, want 303\n%s", res.Status, res.Body)
	}
	script := url.Values{tea: {"1"}, "carrier": {"UPS"}, "tracking_number": {"TRK3"}}
	if res := shop.Post(path+"/fulfil", script); res.Status != http.StatusSeeOther {
		t.Fatalf("a post without the shipped field = %d, want 303 as before\n%s", res.Status, res.Body)
	}
	if parcels, units, emails := shipped(); parcels != 3 || units != 3 || emails != 3 {
		t.Errorf("in the end: %d parcels, %d units shipped, %d emails; want 3, 3, 3", parcels, units, emails)
	}
}
