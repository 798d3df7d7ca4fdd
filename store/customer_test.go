package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func registerCustomer(t *testing.T, s *Store, email string) *Customer {
	t.Helper()
	c, err := s.Register(context.Background(), RegisterInput{Email: email, Password: "correct horse battery", Name: "Ana Lima", Locale: "en"})
	if err != nil || c == nil {
		t.Fatalf("register %s: %v, %v", email, c, err)
	}
	return c
}

// outboxLinks are the account emails queued to to, newest first.
func outboxLinks(t *testing.T, s *Store, to string) []Email {
	t.Helper()
	page, err := s.ListEmails(context.Background(), EmailFilter{PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []Email
	for _, e := range page.Emails {
		if e.To == to && IsAccountEmail(e.Kind) {
			out = append(out, e)
		}
	}
	return out
}

func TestCustomerRegisterRules(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		in    RegisterInput
		field string
	}{
		{"short password", RegisterInput{Email: "a@example.com", Password: "short", Name: "A"}, "password"},
		{"common password", RegisterInput{Email: "a@example.com", Password: "Password123", Name: "A"}, "password"},
		{"only spaces", RegisterInput{Email: "a@example.com", Password: "          ", Name: "A"}, "password"},
		{"bad email", RegisterInput{Email: "not-an-email", Password: "correct horse battery", Name: "A"}, "email"},
		{"no name", RegisterInput{Email: "a@example.com", Password: "correct horse battery", Name: "  "}, "name"},
		{"future birthday", RegisterInput{Email: "a@example.com", Password: "correct horse battery", Name: "A", Birthday: "2999-01-01"}, "birthday"},
		{"bad birthday", RegisterInput{Email: "a@example.com", Password: "correct horse battery", Name: "A", Birthday: "1990-02-30"}, "birthday"},
	}
	for _, c := range cases {
		_, err := s.Register(ctx, c.in)
		var verr *ValidationError
		if !errors.As(err, &verr) || verr.Fields[c.field] == "" {
			t.Errorf("%s: got %v, want a message for %s", c.name, err, c.field)
		}
	}
	c, err := s.Register(ctx, RegisterInput{Email: " Ana@Example.COM ", Password: "correct horse battery", Name: "Ana", Birthday: "1990-05-31"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Email != "ana@example.com" || c.Birthday != "1990-05-31" || c.EmailConfirmed() {
		t.Errorf("registered %+v", c)
	}
}

// TestCustomerRegisterMessagesSayWhatIsWrong: a birthday in the right
// form is not answered with the form again, and a long name is told the
// limit.
func TestCustomerRegisterMessagesSayWhatIsWrong(t *testing.T) {
	s := newTestStore(t)
	cases := []struct {
		in         RegisterInput
		field, msg string
	}{
		{RegisterInput{Name: "A", Birthday: "2099-01-01"}, "birthday", "account.error.birthday_future"},
		{RegisterInput{Name: "A", Birthday: "1800-01-01"}, "birthday", "account.error.birthday_past"},
		{RegisterInput{Name: "A", Birthday: "31/05/1990"}, "birthday", "account.error.birthday"},
		{RegisterInput{Name: strings.Repeat("名", CustomerNameMax+1)}, "name", "account.error.name_too_long"},
	}
	for _, c := range cases {
		c.in.Email, c.in.Password = "a@example.com", "correct horse battery"
		_, err := s.Register(context.Background(), c.in)
		if got := fieldError(err, c.field); got != c.msg {
			t.Errorf("%+v: %s says %q, want %q", c.in, c.field, got, c.msg)
		}
	}
	in := RegisterInput{Email: "a@example.com", Password: "correct horse battery", Name: strings.Repeat("名", CustomerNameMax)}
	if _, err := s.Register(context.Background(), in); err != nil {
		t.Errorf("a name of %d characters: %v", CustomerNameMax, err)
	}
}

// TestCustomerProfile: the name can be corrected; a birthday can be given
// once, and then neither moved nor removed.
func TestCustomerProfile(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c := registerCustomer(t, s, "ana@example.com")
	if _, err := s.UpdateCustomerProfile(ctx, c.ID, ProfileInput{Name: " ", Birthday: "2099-01-01"}); fieldError(err, "name") != "error.required" ||
		fieldError(err, "birthday") != "account.error.birthday_future" {
		t.Errorf("no name and a future birthday: %v", err)
	}
	got, err := s.UpdateCustomerProfile(ctx, c.ID, ProfileInput{Name: " Ana Lima Souza ", Birthday: "1990-05-31"})
	if err != nil || got.Name != "Ana Lima Souza" || got.Birthday != "1990-05-31" {
		t.Fatalf("first save: %+v, %v", got, err)
	}
	if got, err = s.UpdateCustomerProfile(ctx, c.ID, ProfileInput{Name: "Ana", Birthday: "1990-05-31"}); err != nil || got.Name != "Ana" {
		t.Errorf("the same birthday again: %+v, %v", got, err)
	}
	if got, err = s.UpdateCustomerProfile(ctx, c.ID, ProfileInput{Name: "Ana"}); err != nil || got.Birthday != "1990-05-31" {
		t.Errorf("no birthday posted: %+v, %v; want it kept", got, err)
	}
	if _, err := s.UpdateCustomerProfile(ctx, c.ID, ProfileInput{Name: "Ana", Birthday: "1990-01-31"}); fieldError(err, "birthday") != "account.error.birthday_set" {
		t.Errorf("a moved birthday: %v", err)
	}
	if got, _ := s.CustomerSession(ctx, c.ID, c.SessionEpoch); got.Birthday != "1990-05-31" {
		t.Errorf("birthday now %q", got.Birthday)
	}
}

// TestCustomerResendConfirm: a signed-in customer whose link is lost gets
// a new one, the old one dead, within the limits a stranger's emails have;
// a confirmed email gets none.
func TestCustomerResendConfirm(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	var offset time.Duration
	s.Now = func() time.Time { return time.Now().Add(offset) }
	c := registerCustomer(t, s, "ana@example.com")
	first := outboxLinks(t, s, "ana@example.com")[0]
	if sent, err := s.ResendCustomerConfirm(ctx, c.ID, "zh-CN"); err != nil || sent {
		t.Fatalf("moments after registering: sent %v, %v; want nothing sent", sent, err)
	}
	sent := 0
	for range accountEmailsPerDay + 2 {
		offset += accountEmailGap + time.Second
		ok, err := s.ResendCustomerConfirm(ctx, c.ID, "zh-CN")
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			sent++
		}
	}
	// The registration's email counts among the day's.
	if want := accountEmailsPerDay - 1; sent != want {
		t.Errorf("a day of asking sent %d links, want %d", sent, want)
	}
	last := outboxLinks(t, s, "ana@example.com")[0]
	if last.Kind != EmailAccountConfirm || last.Locale != "zh-CN" || last.ID == first.ID {
		t.Fatalf("newest email %+v", last)
	}
	if _, _, err := s.ConfirmCustomerEmail(ctx, first.Link, "en"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the first link still works: %v", err)
	}
	if got, _, err := s.ConfirmCustomerEmail(ctx, last.Link, "en"); err != nil || !got.EmailConfirmed() {
		t.Fatalf("the new link: %+v, %v", got, err)
	}
	offset += 24 * time.Hour
	if sent, err := s.ResendCustomerConfirm(ctx, c.ID, "en"); !errors.Is(err, ErrConflict) || sent {
		t.Errorf("a confirmed email: sent %v, %v; want ErrConflict", sent, err)
	}
}

func TestCustomerRegisterTakenEmailSendsNotice(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	first := registerCustomer(t, s, "ana@example.com")
	again, err := s.Register(ctx, RegisterInput{Email: "ANA@example.com", Password: "another long secret", Name: "Eve"})
	if err != nil || again != nil {
		t.Fatalf("second registration: %v, %v; want no account and no error", again, err)
	}
	emails := outboxLinks(t, s, "ana@example.com")
	if len(emails) != 2 || emails[0].Kind != EmailAccountExists || emails[1].Kind != EmailAccountConfirm {
		t.Fatalf("emails %+v, want a confirmation then an already-registered notice", emails)
	}
	if _, err := s.AuthenticateCustomer(ctx, "ana@example.com", "another long secret"); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("the second password opens the account: %v", err)
	}
	if c, err := s.AuthenticateCustomer(ctx, "ANA@EXAMPLE.COM", "correct horse battery"); err != nil || c.ID != first.ID {
		t.Errorf("sign in: %v, %v", c, err)
	}
}

// TestAccountEmailsAStrangerCausesAreLimited: registering with a taken
// address and asking for its reset, over and over, email the customer
// once in accountEmailGap and accountEmailsPerDay times a day of each
// kind, answering the same every time.
func TestAccountEmailsAStrangerCausesAreLimited(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	var offset time.Duration
	s.Now = func() time.Time { return time.Now().Add(offset) }
	registerCustomer(t, s, "ana@example.com")
	count := func() (exists, resets int) {
		for _, e := range outboxLinks(t, s, "ana@example.com") {
			switch e.Kind {
			case EmailAccountExists:
				exists++
			case EmailAccountReset:
				resets++
			}
		}
		return exists, resets
	}
	flood := func() {
		for range 10 {
			if c, err := s.Register(ctx, RegisterInput{Email: "ana@example.com", Password: "another long secret", Name: "Eve"}); err != nil || c != nil {
				t.Fatalf("registration with a taken email: %v, %v", c, err)
			}
			if err := s.RequestCustomerReset(ctx, "ana@example.com", "en"); err != nil {
				t.Fatal(err)
			}
		}
	}
	flood()
	if e, r := count(); e != 1 || r != 1 {
		t.Fatalf("ten of each at once sent %d notices and %d resets, want 1 and 1", e, r)
	}
	for range accountEmailsPerDay + 2 {
		offset += accountEmailGap + time.Second
		flood()
	}
	if e, r := count(); e != accountEmailsPerDay || r != accountEmailsPerDay {
		t.Fatalf("a day of floods sent %d notices and %d resets, want %d of each", e, r, accountEmailsPerDay)
	}
	offset += 24 * time.Hour
	flood()
	if e, r := count(); e != accountEmailsPerDay+1 || r != accountEmailsPerDay+1 {
		t.Errorf("the next day sent %d notices and %d resets, want one more of each", e, r)
	}
}

func TestCustomerResetLinkWorksOnceAndExpires(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	var offset time.Duration
	s.Now = func() time.Time { return time.Now().Add(offset) }
	c := registerCustomer(t, s, "ana@example.com")
	if err := s.RequestCustomerReset(ctx, "nobody@example.com", "en"); err != nil {
		t.Fatalf("reset of an unknown email: %v", err)
	}
	if err := s.RequestCustomerReset(ctx, "ana@example.com", "en"); err != nil {
		t.Fatal(err)
	}
	link := outboxLinks(t, s, "ana@example.com")[0]
	if link.Kind != EmailAccountReset || link.Link == "" || link.CustomerID != c.ID {
		t.Fatalf("reset email %+v", link)
	}
	got, err := s.ResetCustomerPassword(ctx, link.Link, "a brand new secret")
	if err != nil || got.SessionEpoch == c.SessionEpoch || !got.EmailConfirmed() {
		t.Fatalf("reset: %+v, %v; want a new epoch and a confirmed email", got, err)
	}
	if _, err := s.ResetCustomerPassword(ctx, link.Link, "yet another secret"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second use: %v, want ErrNotFound", err)
	}
	if _, err := s.CustomerSession(ctx, c.ID, c.SessionEpoch); !errors.Is(err, ErrNotFound) {
		t.Errorf("the old session survives a reset: %v", err)
	}

	offset = accountEmailGap + time.Second
	if err := s.RequestCustomerReset(ctx, "ana@example.com", "en"); err != nil {
		t.Fatal(err)
	}
	late := outboxLinks(t, s, "ana@example.com")[0]
	if late.ID == link.ID {
		t.Fatal("no second reset email")
	}
	offset += CustomerResetLifetime + time.Minute
	if s.CustomerResetValid(ctx, late.Link) {
		t.Error("an expired link is valid")
	}
	if _, err := s.ResetCustomerPassword(ctx, late.Link, "yet another secret"); !errors.Is(err, ErrNotFound) {
		t.Errorf("expired link: %v, want ErrNotFound", err)
	}
}

func TestCustomerSentEmailForgetsItsLink(t *testing.T) {
	s := newTestStore(t)
	registerCustomer(t, s, "ana@example.com")
	e := outboxLinks(t, s, "ana@example.com")[0]
	if err := s.MarkEmailSent(context.Background(), e.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.EmailByID(context.Background(), e.ID); got.Link != "" {
		t.Errorf("a sent email keeps its link %q", got.Link)
	}
}

func TestCustomerAddressesAreTheirOwn(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ana, bob := registerCustomer(t, s, "ana@example.com"), registerCustomer(t, s, "bob@example.com")
	home := CustomerAddress{Name: "Ana", AddressLine1: "Rua Augusta 1", City: "Lisboa", PostalCode: "1100-048", Country: "PT"}
	a, err := s.SaveCustomerAddress(ctx, ana.ID, home)
	if err != nil || !a.IsDefault {
		t.Fatalf("first address: %+v, %v; want it the default", a, err)
	}
	if _, err := s.CustomerAddressByID(ctx, bob.ID, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("bob reads ana's address: %v", err)
	}
	home.ID, home.City = a.ID, "Porto"
	if _, err := s.SaveCustomerAddress(ctx, bob.ID, home); !errors.Is(err, ErrNotFound) {
		t.Errorf("bob edits ana's address: %v", err)
	}
	if err := s.DeleteCustomerAddress(ctx, bob.ID, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("bob deletes ana's address: %v", err)
	}
	work := CustomerAddress{Name: "Ana", AddressLine1: "Av. da Liberdade 2", City: "Lisboa", PostalCode: "1250-096", Country: "PT", IsDefault: true}
	if _, err := s.SaveCustomerAddress(ctx, ana.ID, work); err != nil {
		t.Fatal(err)
	}
	got, _ := s.CustomerCheckoutAddress(ctx, ana)
	if got.AddressLine1 != "Av. da Liberdade 2" || got.Email != "ana@example.com" {
		t.Errorf("checkout address %+v, want the new default", got)
	}
	if _, err := s.SaveCustomerAddress(ctx, ana.ID, CustomerAddress{Name: "Ana"}); err == nil {
		t.Error("an address without a street is saved")
	}
}

func TestCustomerCartMerge(t *testing.T) {
	f := newCartFixture(t)
	s, ctx := f.s, context.Background()
	c := registerCustomer(t, s, "ana@example.com")
	// The account's cart, from an earlier visit: 2 small shirts (3 in stock).
	mine, err := s.AddToCart(ctx, "", f.small, 2)
	if err != nil {
		t.Fatal(err)
	}
	if tok, err := s.SignInCart(ctx, c.ID, mine.Token); err != nil || tok != mine.Token {
		t.Fatalf("first sign-in keeps the guest cart: %q, %v", tok, err)
	}
	// Signed out, a guest cart: 2 more small shirts and a mug.
	guest, _ := s.AddToCart(ctx, "", f.small, 2)
	if _, err := s.AddToCart(ctx, guest.Token, f.mug, 1); err != nil {
		t.Fatal(err)
	}
	tok, err := s.SignInCart(ctx, c.ID, guest.Token)
	if err != nil || tok != mine.Token {
		t.Fatalf("merge: %q, %v; want the account's cart", tok, err)
	}
	view, err := s.CartView(ctx, tok, "en")
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]int64{}
	for _, l := range view.Lines {
		got[l.VariantID] = l.Quantity
	}
	if got[f.small] != 3 || got[f.mug] != 1 || len(got) != 2 {
		t.Errorf("merged cart %v, want 3 small shirts (capped by stock) and 1 mug", got)
	}
	if _, err := s.CartByToken(ctx, guest.Token); !errors.Is(err, ErrNotFound) {
		t.Errorf("the guest cart is still there: %v", err)
	}
}

func TestCustomerOrdersClaimIsolationAndDeletion(t *testing.T) {
	f := newCartFixture(t)
	s, ctx := f.s, context.Background()
	ship := flatShipping(t, s)
	place := func(email string, customerID int64) *Order {
		ch, err := s.AddToCart(ctx, "", f.mug, 1)
		if err != nil {
			t.Fatal(err)
		}
		o, _, err := s.PlaceOrder(ctx, CheckoutInput{CartToken: ch.Token, CheckoutToken: NewCheckoutToken(),
			Address: Address{Email: email, Name: "Ana Lima", AddressLine1: "Rua Augusta 1", City: "Lisboa",
				PostalCode: "1100-048", Country: "PT"}, ShippingMethodID: ship, PaymentMethod: PayBankTransfer, CustomerID: customerID})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	guestOrder := place("Ana@Example.com", 0)
	ana, bob := registerCustomer(t, s, "ana@example.com"), registerCustomer(t, s, "bob@example.com")
	bobs := place("bob@example.com", bob.ID)

	if list, _ := s.CustomerOrders(ctx, ana.ID); len(list) != 0 {
		t.Fatalf("an unconfirmed email claims orders: %v", list)
	}
	confirm := outboxLinks(t, s, "ana@example.com")[0]
	if _, claimed, err := s.ConfirmCustomerEmail(ctx, confirm.Link, "en"); err != nil || claimed != 1 {
		t.Fatalf("confirm: %d orders claimed, %v; want the guest order", claimed, err)
	}
	list, _ := s.CustomerOrders(ctx, ana.ID)
	if len(list) != 1 || list[0].Number != guestOrder.Number {
		t.Fatalf("after confirming: %v, want the guest order", list)
	}
	if _, err := s.CustomerOrder(ctx, ana.ID, bobs.Number); !errors.Is(err, ErrNotFound) {
		t.Errorf("ana opens bob's order: %v", err)
	}

	export, err := s.ExportCustomer(ctx, ana)
	if err != nil || len(export.Orders) != 1 || export.Account.Email != "ana@example.com" || export.Orders[0].Number != guestOrder.Number {
		t.Fatalf("export %+v, %v", export, err)
	}

	if err := s.DeleteCustomer(ctx, ana.ID, "wrong password!"); err == nil {
		t.Fatal("deleted with a wrong password")
	}
	// An unpaid order holds the deletion back (TestDeleteCustomerWaitsForOrdersUnderWay).
	if err := s.CancelOrder(ctx, staffActor, guestOrder.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCustomer(ctx, ana.ID, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	o, err := s.OrderByNumber(ctx, guestOrder.Number)
	if err != nil {
		t.Fatalf("the order went with the account: %v", err)
	}
	if o.Email != "" || o.Name != "" || o.AddressLine1 != "" || o.Total != guestOrder.Total {
		t.Errorf("order after deletion: %q %q %q total %d", o.Email, o.Name, o.AddressLine1, o.Total)
	}
	if _, err := s.AuthenticateCustomer(ctx, "ana@example.com", "correct horse battery"); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("a deleted account signs in: %v", err)
	}
	if _, err := s.CustomerSession(ctx, ana.ID, ana.SessionEpoch); !errors.Is(err, ErrNotFound) {
		t.Errorf("a deleted account's session lives: %v", err)
	}
	registerCustomer(t, s, "ana@example.com") // the email is free again
}
