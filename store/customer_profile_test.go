package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestFixedBirthdayKeepsOneCouponAYear: staff correct a birthday the
// customer can no longer change. A coupon already issued this year stays
// and no second one comes in the new month; the next year's follows the
// new date. A customer not yet given this year's coupon gets it in the
// corrected month, once, however often the date is corrected again.
func TestFixedBirthdayKeepsOneCouponAYear(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	at := func(y int, m time.Month, d int) {
		f.clockOffset = time.Until(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
	}
	issue := func(want int) {
		t.Helper()
		if n, err := f.s.IssueBirthdayCoupons(ctx); err != nil || n != want {
			t.Fatalf("%s: issued %d, %v; want %d", f.s.Now().Format(time.DateOnly), n, err, want)
		}
	}
	fix := func(c *Customer, was, birthday string) {
		t.Helper()
		err := f.s.FixCustomerProfile(ctx, Actor{Email: "owner@example.com"}, c.ID,
			ProfileFix{Name: c.Name, Birthday: birthday, WasName: c.Name, WasBirthday: was})
		if err != nil {
			t.Fatalf("fix %s → %s: %v", was, birthday, err)
		}
	}

	at(2027, time.June, 10)
	ana := registerCustomer(t, f.s, "ana@example.com")
	if _, err := f.s.UpdateCustomerProfile(ctx, ana.ID, ProfileInput{Name: ana.Name, Birthday: "1990-06-21"}); err != nil {
		t.Fatal(err)
	}
	issue(1)
	// Ana typed June; she was born in July. She cannot say so herself.
	if _, err := f.s.UpdateCustomerProfile(ctx, ana.ID, ProfileInput{Name: ana.Name, Birthday: "1990-07-02"}); err == nil {
		t.Fatal("the customer moved a saved birthday")
	}
	fix(ana, "1990-06-21", "1990-07-02")
	if c, _ := f.s.CustomerSession(ctx, ana.ID, ana.SessionEpoch); c == nil || c.Birthday != "1990-07-02" {
		t.Fatalf("birthday after the fix = %+v", c)
	}
	at(2027, time.July, 10)
	issue(0)
	coupons, err := f.s.MemberCoupons(ctx, ana.ID)
	if err != nil || len(coupons) != 1 || coupons[0].Year != 2027 || coupons[0].Used {
		t.Fatalf("coupons = %+v, %v; want June's, kept and unused", coupons, err)
	}
	at(2028, time.June, 10)
	issue(0)
	at(2028, time.July, 10)
	issue(1)

	// Bo typed December; he was born in August. Corrected in August, he
	// gets this year's coupon then; moved again, no second one.
	at(2027, time.August, 3)
	bo := registerCustomer(t, f.s, "bo@example.com")
	if _, err := f.s.UpdateCustomerProfile(ctx, bo.ID, ProfileInput{Name: bo.Name, Birthday: "1985-12-05"}); err != nil {
		t.Fatal(err)
	}
	issue(0)
	fix(bo, "1985-12-05", "1985-08-20")
	issue(1)
	fix(bo, "1985-08-20", "1985-09-01")
	at(2027, time.September, 3)
	issue(0)
	fix(bo, "1985-09-01", "1985-12-05")
	at(2027, time.December, 3)
	issue(0)
	if coupons, _ := f.s.MemberCoupons(ctx, bo.ID); len(coupons) != 1 {
		t.Errorf("Bo has %d coupons in 2027, want 1", len(coupons))
	}
}

// TestFixCustomerProfileRules: the shopper's rules, worded for staff; an
// empty birthday removes it; a save over a change made since is refused,
// the same save twice is not; each change is audited with before and after.
func TestFixCustomerProfileRules(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c := registerCustomer(t, s, "ana@example.com")
	actor := Actor{Email: "owner@example.com"}

	var verr *ValidationError
	for birthday, want := range map[string]string{
		"31/05/1990": "admin.customer.error.birthday",
		"2999-01-01": "admin.customer.error.birthday_future",
		"1800-01-01": "admin.customer.error.birthday_past",
	} {
		err := s.FixCustomerProfile(ctx, actor, c.ID, ProfileFix{Name: "Ana", Birthday: birthday, WasName: c.Name})
		if !errors.As(err, &verr) || verr.Fields["birthday"] != want {
			t.Errorf("birthday %s: %v, want %s", birthday, err, want)
		}
	}
	if err := s.FixCustomerProfile(ctx, actor, c.ID, ProfileFix{Name: " ", WasName: c.Name}); !errors.As(err, &verr) || verr.Fields["name"] != "error.required" {
		t.Errorf("no name: %v", err)
	}

	fix := ProfileFix{Name: "Ana Lima Souza", Birthday: "1990-07-02", WasName: c.Name}
	if err := s.FixCustomerProfile(ctx, actor, c.ID, fix); err != nil {
		t.Fatal(err)
	}
	if err := s.FixCustomerProfile(ctx, actor, c.ID, fix); err != nil {
		t.Errorf("the same save again: %v, want no change", err)
	}
	stale := ProfileFix{Name: "Ana L.", Birthday: "1990-07-03", WasName: c.Name}
	if err := s.FixCustomerProfile(ctx, actor, c.ID, stale); !errors.Is(err, ErrConflict) {
		t.Errorf("a save over another: %v, want ErrConflict", err)
	}
	removed := ProfileFix{Name: "Ana Lima Souza", WasName: "Ana Lima Souza", WasBirthday: "1990-07-02"}
	if err := s.FixCustomerProfile(ctx, actor, c.ID, removed); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.CustomerAccountByID(ctx, c.ID); got.Customer.Birthday != "" || got.Customer.Name != "Ana Lima Souza" {
		t.Errorf("after removing the birthday: %+v", got.Customer)
	}
	log, err := s.AuditLog(ctx, AuditFilter{Action: "customer.profile"})
	if err != nil || log.Total != 2 {
		t.Fatalf("audit = %d entries, %v; want 2 (the no-change save and the refused ones write none)", log.Total, err)
	}
	if r := log.Records[1]; r.BeforeJSON != `{"birthday":"","name":"Ana Lima"}` || r.AfterJSON != `{"birthday":"1990-07-02","name":"Ana Lima Souza"}` {
		t.Errorf("audit of the first fix: %s → %s", r.BeforeJSON, r.AfterJSON)
	}
	if err := s.FixCustomerProfile(ctx, actor, c.ID+100, removed); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown customer: %v", err)
	}
}
