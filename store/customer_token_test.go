package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestCustomerResetLinkProvesOnlyTheEmailItWasSentTo: confirming a new
// email withdraws the reset links sent to the old one, and a link left
// open to an address the account no longer has (as the version before
// this rule left them) is dead rather than taking the email back.
func TestCustomerResetLinkProvesOnlyTheEmailItWasSentTo(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	var offset time.Duration
	s.Now = func() time.Time { return time.Now().Add(offset) }
	c := registerCustomer(t, s, "mei.lin@example.com")
	if err := s.RequestCustomerReset(ctx, "mei.lin@example.com", "en"); err != nil {
		t.Fatal(err)
	}
	reset := outboxLinks(t, s, "mei.lin@example.com")[0]
	if wait, err := s.RequestEmailChange(ctx, c.ID, "mei.new@example.com", "correct horse battery", "zh"); err != nil || wait != 0 {
		t.Fatalf("change email: wait %v, %v", wait, err)
	}
	change := outboxLinks(t, s, "mei.new@example.com")[0]
	if change.Kind != EmailAccountEmailChange || change.Link == "" {
		t.Fatalf("change email %+v", change)
	}
	got, claimed, err := s.ConfirmCustomerEmail(ctx, change.Link, "zh")
	if err != nil || got.Email != "mei.new@example.com" || claimed != 0 {
		t.Fatalf("confirm: %+v, %d, %v", got, claimed, err)
	}
	if notice := outboxLinks(t, s, "mei.lin@example.com")[0]; notice.Kind != EmailAccountEmailChanged || notice.Locale != "zh" {
		t.Errorf("the old address was told %+v", notice)
	}
	if s.CustomerResetValid(ctx, reset.Link) {
		t.Error("the reset link sent to the old address is valid")
	}
	if _, err := s.ResetCustomerPassword(ctx, reset.Link, "a stranger's secret"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reset by the old address's link: %v, want ErrNotFound", err)
	}

	// Reopened, as one left open before the change withdrew it.
	if _, err := s.write.Exec(`UPDATE customer_tokens SET used_at = NULL WHERE purpose = 'reset'`); err != nil {
		t.Fatal(err)
	}
	if s.CustomerResetValid(ctx, reset.Link) {
		t.Error("a reset link to an address the account no longer has is valid")
	}
	if _, err := s.ResetCustomerPassword(ctx, reset.Link, "a stranger's secret"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reset by a link to the old address: %v, want ErrNotFound", err)
	}
	if got, err := s.AuthenticateCustomer(ctx, "mei.new@example.com", "correct horse battery"); err != nil || got.ID != c.ID {
		t.Errorf("after the old link, sign in: %+v, %v", got, err)
	}

	// A link to the account's own address dies with a password change.
	offset += accountEmailGap + time.Second
	if err := s.RequestCustomerReset(ctx, "mei.new@example.com", "en"); err != nil {
		t.Fatal(err)
	}
	own := outboxLinks(t, s, "mei.new@example.com")[0]
	if !s.CustomerResetValid(ctx, own.Link) {
		t.Fatal("a fresh reset link is not valid")
	}
	if _, err := s.ChangeCustomerPassword(ctx, c.ID, "correct horse battery", "a brand new secret"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ResetCustomerPassword(ctx, own.Link, "a stranger's secret"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a reset link from before the password changed: %v, want ErrNotFound", err)
	}
}

// TestEmailChangeRequestsAreLimited: requests to change the email, for
// free and taken addresses alike, are taken once in accountEmailGap and
// accountEmailsPerDay times a day; a refused one sends nothing and says
// how long until the next is taken.
func TestEmailChangeRequestsAreLimited(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	start := time.Now()
	var offset time.Duration
	s.Now = func() time.Time { return start.Add(offset) }
	c := registerCustomer(t, s, "eve@example.com")
	registerCustomer(t, s, "bob@example.com")
	ask := func(email string) time.Duration {
		t.Helper()
		wait, err := s.RequestEmailChange(ctx, c.ID, email, "correct horse battery", "en")
		if err != nil {
			t.Fatal(err)
		}
		return wait
	}
	// The registration's own link is no request to change.
	if wait := ask("victim@example.org"); wait != 0 {
		t.Fatalf("first request: wait %v", wait)
	}
	offset += time.Minute
	if wait := ask("victim@example.org"); wait <= 3*time.Minute || wait > 4*time.Minute {
		t.Errorf("a minute later: wait %v, want about 4 minutes", wait)
	}
	for i := range accountEmailsPerDay - 1 {
		offset += accountEmailGap
		to := "victim@example.org"
		if i == 0 {
			to = "bob@example.com" // taken: counts, sends nothing
		}
		if wait := ask(to); wait != 0 {
			t.Fatalf("request %d: wait %v", i+2, wait)
		}
	}
	if got := len(outboxLinks(t, s, "victim@example.org")); got != accountEmailsPerDay-1 {
		t.Errorf("%d emails to the address, want %d", got, accountEmailsPerDay-1)
	}
	offset += accountEmailGap
	if wait, want := ask("victim@example.org"), 24*time.Hour-offset; wait <= want-time.Second || wait > want {
		t.Errorf("past the day's requests: wait %v, want %v", wait, want)
	}
	offset = 24*time.Hour + time.Second
	if wait := ask("victim@example.org"); wait != 0 {
		t.Errorf("a day after the first request: wait %v", wait)
	}
}
