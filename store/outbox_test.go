package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// placedOrder places a bank-transfer order of one large shirt and returns it.
func placedOrder(t *testing.T, f *cartFixture, ship int64) *Order {
	t.Helper()
	ch := f.add(t, "", f.big, 1)
	o, _, err := f.s.PlaceOrder(context.Background(), checkoutFor(ch.Token, ship))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestOutboxSendAndTimeline(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	o := placedOrder(t, f, flatShipping(t, f.s))
	now := f.s.Now()

	due, err := f.s.DueEmails(ctx, now, 10)
	if err != nil || len(due) != 1 {
		t.Fatalf("DueEmails = %v, %v", due, err)
	}
	e := due[0]
	if e.Kind != EmailOrderConfirmation || e.OrderID != o.ID || e.OrderNumber != o.Number || e.To != "ana@example.com" ||
		e.Locale != "en" || e.Status != EmailPending {
		t.Errorf("due email = %+v", e)
	}
	// Claimed: the next tick does not take it again until the lease runs out.
	if again, _ := f.s.DueEmails(ctx, now, 10); len(again) != 0 {
		t.Errorf("claimed email handed out twice: %v", again)
	}
	if later, _ := f.s.DueEmails(ctx, now.Add(EmailClaimLease+time.Second), 10); len(later) != 1 {
		t.Errorf("email after its lease ran out = %v, want it due again", later)
	}

	if err := f.s.MarkEmailSent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.EmailByID(ctx, e.ID)
	if err != nil || got.Status != EmailSent || got.Attempts != 1 || got.SentAt.IsZero() {
		t.Errorf("sent email = %+v, %v", got, err)
	}
	if err := f.s.MarkEmailSent(ctx, e.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("marking a sent email sent again = %v, want ErrNotFound", err)
	}
	full, _ := f.s.OrderByID(ctx, o.ID)
	last := full.Events[len(full.Events)-1]
	if last.Kind != EventEmail || last.Detail != EmailOrderConfirmation {
		t.Errorf("last timeline entry = %+v, want the email", last)
	}
	if _, err := f.s.EmailByID(ctx, e.ID+100); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown email = %v", err)
	}
}

func TestOutboxBackoffThenFailed(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	placedOrder(t, f, flatShipping(t, f.s))
	due, _ := f.s.DueEmails(ctx, f.s.Now(), 10)
	id := due[0].ID

	var prevWait time.Duration
	for attempt := 1; attempt <= MaxEmailAttempts; attempt++ {
		now := f.s.Now()
		e, err := f.s.MarkEmailFailed(ctx, id, "421 try later", false)
		if err != nil {
			t.Fatal(err)
		}
		if e.Attempts != attempt || e.LastError != "421 try later" {
			t.Fatalf("attempt %d: %+v", attempt, e)
		}
		if attempt == MaxEmailAttempts {
			if e.Status != EmailFailed {
				t.Fatalf("after %d attempts status = %s, want failed", attempt, e.Status)
			}
			break
		}
		wait := e.NextAttemptAt.Sub(now)
		if e.Status != EmailPending || wait < prevWait || wait < time.Minute-time.Second {
			t.Fatalf("attempt %d: status %s, next in %v (previous %v)", attempt, e.Status, wait, prevWait)
		}
		prevWait = wait
		// Not due before its time, due after it.
		if early, _ := f.s.DueEmails(ctx, e.NextAttemptAt.Add(-time.Second), 10); len(early) != 0 {
			t.Fatalf("attempt %d: due before its back-off ran out", attempt)
		}
		f.clockOffset += wait
		if now, _ := f.s.DueEmails(ctx, f.s.Now(), 10); len(now) != 1 {
			t.Fatalf("attempt %d: not due after its back-off", attempt)
		}
	}
	if due, _ := f.s.DueEmails(ctx, f.s.Now().Add(1000*time.Hour), 10); len(due) != 0 {
		t.Errorf("a failed email is still due: %v", due)
	}
	if _, err := f.s.MarkEmailFailed(ctx, id, "again", false); !errors.Is(err, ErrNotFound) {
		t.Errorf("failing a failed email = %v, want ErrNotFound", err)
	}
}

func TestOutboxPermanentFailureAndList(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	for range 3 {
		placedOrder(t, f, ship)
	}
	due, _ := f.s.DueEmails(ctx, f.s.Now(), 10)
	if len(due) != 3 {
		t.Fatalf("due = %d, want 3", len(due))
	}
	e, err := f.s.MarkEmailFailed(ctx, due[0].ID, "550 no such user", true)
	if err != nil || e.Status != EmailFailed || e.Attempts != 1 {
		t.Fatalf("permanent failure = %+v, %v", e, err)
	}
	if err := f.s.MarkEmailSent(ctx, due[1].ID); err != nil {
		t.Fatal(err)
	}

	all, err := f.s.ListEmails(ctx, EmailFilter{PerPage: 2})
	if err != nil || all.Total != 3 || len(all.Emails) != 2 || all.Pages() != 2 || all.Emails[0].ID != due[2].ID {
		t.Fatalf("ListEmails = %+v, %v", all, err)
	}
	for status, want := range map[string]int64{EmailFailed: due[0].ID, EmailSent: due[1].ID, EmailPending: due[2].ID} {
		p, err := f.s.ListEmails(ctx, EmailFilter{Status: status})
		if err != nil || p.Total != 1 || p.Emails[0].ID != want {
			t.Errorf("ListEmails(%s) = %+v, %v", status, p, err)
		}
	}
}

// Two senders polling at once never take the same email.
func TestOutboxClaimsAreExclusive(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	const orders = 12
	for range orders {
		placedOrder(t, f, ship)
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			for {
				due, err := f.s.DueEmails(ctx, f.s.Now(), 2)
				if err != nil {
					t.Error(err)
					return
				}
				if len(due) == 0 {
					return
				}
				mu.Lock()
				for _, e := range due {
					seen[e.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != orders {
		t.Errorf("claimed %d distinct emails, want %d", len(seen), orders)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("email %d claimed %d times", id, n)
		}
	}
}
