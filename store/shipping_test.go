package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestShippingQuote(t *testing.T) {
	flat := ShippingMethod{Kind: ShippingFlat, Price: 800, Active: true}
	freeOver := ShippingMethod{Kind: ShippingFreeOver, Price: 1000, Threshold: 29900, Active: true}
	byWeight := ShippingMethod{Kind: ShippingByWeight, Base: 500, RatePerKg: 1000, Active: true}
	pickup := ShippingMethod{Kind: ShippingPickup, Active: true}
	tests := []struct {
		name        string
		m           ShippingMethod
		subtotal    int64
		weightGrams int64
		want        int64
		ok          bool
	}{
		{"flat", flat, 5000, 1200, 800, true},
		{"flat empty cart", flat, 0, 0, 800, true},
		{"free over: below", freeOver, 29899, 0, 1000, true},
		{"free over: at threshold", freeOver, 29900, 0, 0, true},
		{"free over: above", freeOver, 50000, 0, 0, true},
		{"by weight: nothing", byWeight, 1000, 0, 500, true},
		{"by weight: 1 g rounds up to a cent", byWeight, 1000, 1, 501, true},
		{"by weight: 1 kg", byWeight, 1000, 1000, 1500, true},
		{"by weight: 1.5 kg", byWeight, 1000, 1500, 2000, true},
		{"by weight: 1.234 kg at 12.50/kg rounds up", ShippingMethod{Kind: ShippingByWeight, Base: 500, RatePerKg: 1250, Active: true}, 0, 1234, 2043, true},
		{"by weight: odd rate rounds up", ShippingMethod{Kind: ShippingByWeight, RatePerKg: 333, Active: true}, 0, 1001, 334, true},
		{"by weight: overflow refused", ShippingMethod{Kind: ShippingByWeight, RatePerKg: math.MaxInt64, Active: true}, 0, math.MaxInt64, 0, false},
		{"pickup", pickup, 99999, 5000, 0, true},
		{"inactive", ShippingMethod{Kind: ShippingFlat, Price: 800}, 1000, 0, 0, false},
		{"negative weight", byWeight, 1000, -1, 0, false},
		{"negative subtotal", flat, -1, 0, 0, false},
		{"unknown kind", ShippingMethod{Kind: "drone", Active: true}, 0, 0, 0, false},
	}
	for _, tt := range tests {
		got, ok := tt.m.Quote(tt.subtotal, tt.weightGrams)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: Quote(%d, %d) = %d, %v; want %d, %v", tt.name, tt.subtotal, tt.weightGrams, got, ok, tt.want, tt.ok)
		}
	}
}

func TestShippingMethodValidation(t *testing.T) {
	tests := []struct {
		in    ShippingMethodInput
		field string
		msg   string
	}{
		{ShippingMethodInput{Kind: ShippingFlat}, "name", "error.required"},
		{ShippingMethodInput{Name: Plain("Drone"), Kind: "drone"}, "kind", "error.shipping_kind"},
		{ShippingMethodInput{Name: Plain("Post"), Kind: ShippingFlat, Price: -1}, "price", "error.negative"},
		{ShippingMethodInput{Name: Plain("Post"), Kind: ShippingFreeOver, Price: 500}, "threshold", "error.shipping_threshold"},
		{ShippingMethodInput{Name: Plain("Post"), Kind: ShippingByWeight, Base: 100}, "rate_per_kg", "error.shipping_rate"},
		{ShippingMethodInput{Name: Plain("Post"), Kind: ShippingByWeight, RatePerKg: 100, Base: -5}, "base", "error.negative"},
		{ShippingMethodInput{Name: Plain("Post"), Kind: ShippingFlat, Price: 1e15}, "price", "error.shipping_too_large"},
	}
	for _, tt := range tests {
		var verr *ValidationError
		if err := tt.in.Validate(); !errors.As(err, &verr) || verr.Fields[tt.field] != tt.msg {
			t.Errorf("%+v: %v, want %s on %s", tt.in, err, tt.msg, tt.field)
		}
	}
	in := ShippingMethodInput{Name: Plain(" Pickup "), Kind: ShippingPickup, Price: 500, Threshold: 1, RatePerKg: 2, Base: 3}
	if err := in.Validate(); err != nil || in.Name.Default != "Pickup" || in.Price+in.Threshold+in.RatePerKg+in.Base != 0 {
		t.Errorf("pickup input tidied to %+v, %v", in, err)
	}
}

// TestShippingMethodsStory adds, edits, reorders and deletes methods the
// way the settings page does.
func TestShippingMethodsStory(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	add := func(in ShippingMethodInput) *ShippingMethod {
		t.Helper()
		m, err := s.CreateShippingMethod(ctx, testActor, in)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	post := add(ShippingMethodInput{Name: Plain("Post"), Kind: ShippingFlat, Price: 800, Active: true})
	courier := add(ShippingMethodInput{Name: Plain("Courier"), Kind: ShippingByWeight, Base: 500, RatePerKg: 200, Active: true})
	pickup := add(ShippingMethodInput{Name: Plain("Pickup"), Kind: ShippingPickup})
	names := func(ms []ShippingMethod) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Name.Default)
		}
		return out
	}
	all, _ := s.ShippingMethods(ctx)
	if got := names(all); len(got) != 3 || got[0] != "Post" || got[2] != "Pickup" {
		t.Fatalf("methods = %v", got)
	}
	active, _ := s.ActiveShippingMethods(ctx)
	if got := names(active); len(got) != 2 {
		t.Errorf("active = %v", got)
	}

	edited, err := s.UpdateShippingMethod(ctx, testActor, pickup.ID, pickup.Version,
		ShippingMethodInput{Name: Plain("Pickup in store"), Kind: ShippingPickup, Active: true})
	if err != nil || edited.Version != pickup.Version+1 || !edited.Active {
		t.Fatalf("update = %+v, %v", edited, err)
	}
	if _, err := s.UpdateShippingMethod(ctx, testActor, pickup.ID, pickup.Version,
		ShippingMethodInput{Name: Plain("Stale"), Kind: ShippingPickup}); !errors.Is(err, ErrConflict) {
		t.Errorf("stale update = %v, want ErrConflict", err)
	}
	if _, err := s.UpdateShippingMethod(ctx, testActor, 999, 1,
		ShippingMethodInput{Name: Plain("Gone"), Kind: ShippingPickup}); !errors.Is(err, ErrNotFound) {
		t.Errorf("update of a missing method = %v, want ErrNotFound", err)
	}

	if err := s.MoveShippingMethod(ctx, testActor, pickup.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveShippingMethod(ctx, testActor, post.ID, true); err != nil { // already first: stays
		t.Fatal(err)
	}
	all, _ = s.ShippingMethods(ctx)
	if got := names(all); got[0] != "Post" || got[1] != "Pickup in store" || got[2] != "Courier" {
		t.Errorf("after moves = %v", got)
	}

	if err := s.DeleteShippingMethod(ctx, testActor, courier.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ShippingMethod(ctx, courier.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted method = %v", err)
	}
	if err := s.DeleteShippingMethod(ctx, testActor, courier.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete = %v", err)
	}
	log, _ := s.AuditLog(ctx, AuditFilter{Entity: EntityShippingMethod})
	if log.Total != 6 { // 3 creates, 1 update, 1 move (the other was a no-op), 1 delete
		t.Errorf("audit entries = %d, want 6", log.Total)
	}
}

// TestActiveShippingMethodsFollowEveryWrite: the checkout's methods are
// kept between reads, and each kind of write shows at the next one.
func TestActiveShippingMethodsFollowEveryWrite(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	names := func() string {
		t.Helper()
		ms, err := s.ActiveShippingMethods(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, fmt.Sprintf("%s %d", m.Name.Default, m.Price))
		}
		return strings.Join(out, ", ")
	}
	want := func(step, w string) {
		t.Helper()
		if got := names(); got != w {
			t.Errorf("after %s: %q, want %q", step, got, w)
		}
	}
	want("nothing", "")
	a, err := s.CreateShippingMethod(ctx, Actor{}, ShippingMethodInput{Name: Plain("Standard"), Kind: ShippingFlat, Price: 500, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	want("a create", "Standard 500")
	b, err := s.CreateShippingMethod(ctx, Actor{}, ShippingMethodInput{Name: Plain("Express"), Kind: ShippingFlat, Price: 1500, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	want("a second", "Standard 500, Express 1500")
	if _, err := s.UpdateShippingMethod(ctx, Actor{}, a.ID, a.Version, ShippingMethodInput{Name: Plain("Standard"), Kind: ShippingFlat, Price: 700, Active: true}); err != nil {
		t.Fatal(err)
	}
	want("a new price", "Standard 700, Express 1500")
	if err := s.MoveShippingMethod(ctx, Actor{}, b.ID, true); err != nil {
		t.Fatal(err)
	}
	want("a move", "Express 1500, Standard 700")
	if _, err := s.UpdateShippingMethod(ctx, Actor{}, b.ID, b.Version, ShippingMethodInput{Name: Plain("Express"), Kind: ShippingFlat, Price: 1500}); err != nil {
		t.Fatal(err)
	}
	want("switching one off", "Standard 700")
	if err := s.DeleteShippingMethod(ctx, Actor{}, a.ID); err != nil {
		t.Fatal(err)
	}
	want("a delete", "")
}
