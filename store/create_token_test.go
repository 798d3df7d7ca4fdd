package store

import (
	"context"
	"testing"
	"time"
)

// TestCreateTokenRememberedForADay: a form's token makes one shipping
// method however often it is sent, until the daily job forgets it.
func TestCreateTokenRememberedForADay(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	now := time.Now()
	s.Now = func() time.Time { return now }
	in := ShippingMethodInput{Name: Plain("Express"), Kind: ShippingFlat, Price: 2000, Active: true, CreateToken: NewCreateToken()}
	create := func() int64 {
		t.Helper()
		m, err := s.CreateShippingMethod(ctx, Actor{}, in)
		if err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	first := create()
	forget := func() int64 {
		t.Helper()
		n, err := s.ForgetCreateTokens(ctx, s.Now().Add(-CreateTokenLifetime))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := forget(); n != 0 {
		t.Errorf("forgot %d tokens of today", n)
	}
	if again := create(); again != first {
		t.Errorf("the same form made method %d after %d", again, first)
	}
	now = now.Add(CreateTokenLifetime + time.Minute)
	if n := forget(); n != 1 {
		t.Errorf("forgot %d tokens a day old, want 1", n)
	}
	if later := create(); later == first {
		t.Error("a forgotten token still answered with its method")
	}
}
