package store

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// placeForCustomer places an order of one mug for the account id, paid by
// bank transfer and sent to Ana in Lisbon.
func (f *cartFixture) placeForCustomer(t *testing.T, ship, customerID int64) *Order {
	t.Helper()
	ctx := context.Background()
	ch, err := f.s.AddToCart(ctx, "", f.mug, 1)
	if err != nil {
		t.Fatal(err)
	}
	in := checkoutFor(ch.Token, ship)
	in.CustomerID = customerID
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// An account whose orders are under way cannot be deleted: deleting wiped
// the address of a paid order still to ship, and its unsent emails.
func TestDeleteCustomerWaitsForOrdersUnderWay(t *testing.T) {
	f := newCartFixture(t)
	s, ctx := f.s, context.Background()
	ship := flatShipping(t, s)
	ana := registerCustomer(t, s, "ana@example.com")
	unpaid, paid, shipped, cancelled := f.placeForCustomer(t, ship, ana.ID), f.placeForCustomer(t, ship, ana.ID),
		f.placeForCustomer(t, ship, ana.ID), f.placeForCustomer(t, ship, ana.ID)
	for _, o := range []*Order{paid, shipped} {
		if _, err := s.MarkPaid(ctx, staffActor, o.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.FulfillOrder(ctx, staffActor, shipped.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.CancelOrder(ctx, staffActor, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	refused := func(when string, want ...string) {
		t.Helper()
		err := s.DeleteCustomer(ctx, ana.ID, "correct horse battery")
		var open *OpenOrdersError
		if !errors.As(err, &open) || !errors.Is(err, ErrConflict) || !slices.Equal(open.Numbers, want) {
			t.Fatalf("%s: delete = %v, want refused for %v", when, err, want)
		}
		if listed, err := s.UnfinishedOrders(ctx, ana.ID); err != nil || !slices.Equal(listed, want) {
			t.Errorf("%s: unfinished orders %v, %v; want %v", when, listed, err, want)
		}
	}
	refused("unpaid and paid unshipped", unpaid.Number, paid.Number)

	o, err := s.OrderByNumber(ctx, paid.Number)
	if err != nil || o.Email != "ana@example.com" || o.Name != "Ana Lima" || o.AddressLine1 != "1 Rua Augusta" {
		t.Errorf("the paid order after a refused deletion: %+v, %v", o, err)
	}
	var pending int
	if err := s.read.QueryRow(`SELECT count(*) FROM outbox WHERE order_id = ? AND status = 'pending'`, paid.ID).Scan(&pending); err != nil || pending == 0 {
		t.Errorf("the paid order's unsent emails after a refused deletion: %d, %v", pending, err)
	}
	if _, err := s.AuthenticateCustomer(ctx, "ana@example.com", "correct horse battery"); err != nil {
		t.Errorf("a refused deletion signs the account out for good: %v", err)
	}

	if err := s.CancelOrder(ctx, staffActor, unpaid.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FulfillOrder(ctx, staffActor, paid.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o, err = s.OrderByNumber(ctx, shipped.Number)
	if err != nil {
		t.Fatal(err)
	}
	ret, err := s.RequestReturn(ctx, o, ana.ID, ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
		Reason: "damaged", Resolution: ResolutionRefund})
	if err != nil {
		t.Fatal(err)
	}
	refused("a return open", shipped.Number)

	if err := s.CancelReturn(ctx, shipped.ID, ret); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCustomer(ctx, ana.ID, "correct horse battery"); err != nil {
		t.Fatalf("every order finished: %v", err)
	}
	if o, _ := s.OrderByNumber(ctx, paid.Number); o.Email != "" || o.AddressLine1 != "" {
		t.Errorf("a finished order keeps %q %q after deletion", o.Email, o.AddressLine1)
	}
}

// The data download is what the customer sees of their orders, their
// returns included: it gave them the staff's notes and emails.
func TestExportCustomerLeavesOutTheShopsOwnRecords(t *testing.T) {
	f := newCartFixture(t)
	s, ctx := f.s, context.Background()
	ship := flatShipping(t, s)
	ana := registerCustomer(t, s, "ana@example.com")
	o := f.placeForCustomer(t, ship, ana.ID)
	owner := Actor{Email: "owner@example.com", IP: "127.0.0.1"}
	if err := s.AddOrderNote(ctx, owner, o.ID, "INTERNAL: suspected fraud, check the card"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkPaid(ctx, owner, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FulfillOrder(ctx, owner, o.ID, nil, "CTT", "RR123456789PT"); err != nil {
		t.Fatal(err)
	}
	shipped, _ := s.OrderByID(ctx, o.ID)
	if _, err := s.RequestReturn(ctx, shipped, ana.ID, ReturnInput{Ask: map[int64]int64{shipped.Lines[0].ID: 1},
		Reason: "damaged", Resolution: ResolutionRefund, Note: "The handle is cracked"}); err != nil {
		t.Fatal(err)
	}
	export, err := s.ExportCustomer(ctx, ana)
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(export)
	if err != nil {
		t.Fatal(err)
	}
	full, _ := s.OrderByNumber(ctx, o.Number)
	for _, secret := range []string{"INTERNAL", "owner@example.com", full.AccessKey, `"manual`} {
		if strings.Contains(string(body), secret) {
			t.Errorf("the download has %q:\n%s", secret, body)
		}
	}
	var data map[string]any
	if err := json.Unmarshal(body, &data); err != nil {
		t.Fatal(err)
	}
	snake := regexp.MustCompile(`^[a-z]+(_[a-z0-9]+)*$`)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				if !snake.MatchString(k) || k == "id" || strings.HasSuffix(k, "_id") {
					t.Errorf("the download has the key %s.%s", path, k)
				}
				walk(path+"."+k, child)
			}
		case []any:
			for _, child := range v {
				walk(path+"[]", child)
			}
		}
	}
	walk("", data)

	got := export.Orders[0]
	var events []string
	for _, e := range got.Timeline {
		events = append(events, e.Event)
	}
	if !slices.Equal(events, []string{EventPlaced, EventPaid, EventFulfilled}) {
		t.Errorf("timeline %v, want placed, paid, fulfilled", events)
	}
	if len(got.Parcels) != 1 || got.Parcels[0].TrackingNumber != "RR123456789PT" || got.Parcels[0].Items[0].Product != "Mug" {
		t.Errorf("parcels %+v", got.Parcels)
	}
	if got.Total != o.Total || got.AddressLine1 != "1 Rua Augusta" || len(got.Lines) != 1 || got.Lines[0].Shipped != 1 {
		t.Errorf("order %+v", got)
	}
	// The shopper's own return, in their words, is theirs too.
	if len(got.Returns) != 1 || got.Returns[0].Note != "The handle is cracked" || got.Returns[0].Reason != "damaged" ||
		got.Returns[0].Status != ReturnRequested || got.Returns[0].Items != 1 {
		t.Errorf("returns %+v", got.Returns)
	}
}
