package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestPasswordHash(t *testing.T) {
	h, err := hashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash = %q, want PHC argon2id with OWASP parameters", h)
	}
	if h2, _ := hashPassword("correct horse battery"); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
		if ok, err := verifyPassword(h, pw); ok != want || err != nil {
			t.Errorf("verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=99999999,t=2,p=1$AAAA$AAAA", "$bcrypt$x$y$z$w"} {
		if _, err := verifyPassword(bad, "x"); err == nil {
			t.Errorf("verify accepted malformed hash %q", bad)
		}
	}
}

func TestCreateStaffValidates(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	tests := []struct {
		in    StaffInput
		field string
		msg   string
	}{
		{StaffInput{Email: "", Password: "long enough pw", Role: RoleOwner}, "email", "error.required"},
		{StaffInput{Email: "not-an-email", Password: "long enough pw", Role: RoleOwner}, "email", "error.email"},
		{StaffInput{Email: "Bob <bob@example.com>", Password: "long enough pw", Role: RoleOwner}, "email", "error.email"},
		{StaffInput{Email: "bob@example.com", Password: "short", Role: RoleOwner}, "password", "error.password_short"},
		{StaffInput{Email: "bob@example.com", Password: strings.Repeat(" ", 12), Role: RoleOwner}, "password", "error.password_blank"},
		{StaffInput{Email: "bob@example.com", Password: " \t \u3000 \n      ", Role: RoleOwner}, "password", "error.password_blank"},
		{StaffInput{Email: "bob@example.com", Password: strings.Repeat("x", 300), Role: RoleOwner}, "password", "error.too_long"},
		{StaffInput{Email: "bob@example.com", Password: "long enough pw", Role: "admin"}, "role", "error.role"},
	}
	for _, tt := range tests {
		_, err := s.CreateStaff(ctx, Actor{}, tt.in)
		var verr *ValidationError
		if !errors.As(err, &verr) || verr.Fields[tt.field] != tt.msg {
			t.Errorf("CreateStaff(%+v) = %v, want %s: %s", tt.in, err, tt.field, tt.msg)
		}
	}
	st, err := s.CreateStaff(ctx, Actor{}, StaffInput{Email: "  Bob@Example.COM ", Password: "long enough pw", Role: RoleSupport})
	if err != nil {
		t.Fatal(err)
	}
	if st.Email != "bob@example.com" || st.Role != RoleSupport || st.ID == 0 {
		t.Errorf("created %+v", st)
	}
	_, err = s.CreateStaff(ctx, Actor{}, StaffInput{Email: "BOB@example.com", Password: "long enough pw", Role: RoleOwner})
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields["email"] != "error.email_taken" {
		t.Errorf("duplicate email: %v", err)
	}
}

func TestAuthenticateStaff(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	st, err := s.CreateStaff(ctx, Actor{}, StaffInput{Email: "ann@example.com", Password: "ann's long password", Role: RoleManager})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.AuthenticateStaff(ctx, "ANN@example.com ", "ann's long password")
	if err != nil || got.ID != st.ID {
		t.Fatalf("right password: %v, %v", got, err)
	}
	for _, c := range []struct{ email, pw string }{
		{"ann@example.com", "wrong password!"},
		{"nobody@example.com", "ann's long password"},
		{"ann@example.com", strings.Repeat("y", 1000)},
	} {
		if _, err := s.AuthenticateStaff(ctx, c.email, c.pw); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("AuthenticateStaff(%q, %q) err = %v, want ErrBadCredentials", c.email, c.pw, err)
		}
	}
	if _, err := s.write.Exec(`UPDATE staff SET disabled = 1 WHERE id = ?`, st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthenticateStaff(ctx, "ann@example.com", "ann's long password"); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("disabled account signed in: %v", err)
	}
}

// TestCreateOwnerIfNoneRace starts several first-run setups at once: exactly
// one may create the owner.
func TestCreateOwnerIfNoneRace(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	wantOneWinner(t, 8, ErrConflict, func(i int) error {
		_, err := s.CreateOwnerIfNone(ctx, Actor{}, StaffInput{
			Email: "owner" + string(rune('a'+i)) + "@example.com", Password: "owner password 1"})
		return err
	})
	if n, _ := s.StaffCount(ctx); n != 1 {
		t.Errorf("staff count = %d, want 1", n)
	}
	list, _ := s.ListStaff(ctx)
	if len(list) != 1 || list[0].Role != RoleOwner {
		t.Errorf("staff = %+v", list)
	}
	page, _ := s.AuditLog(ctx, AuditFilter{Action: ActionSetup})
	if page.Total != 1 || page.Records[0].StaffID != list[0].ID {
		t.Errorf("setup audit = %+v", page)
	}
}

func TestSetup(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	_, err := s.Setup(ctx, Actor{IP: "192.0.2.1"}, SetupInput{StoreName: " ", Currency: "XXX", Locale: "fr",
		Owner: StaffInput{Email: "x", Password: "short"}})
	var verr *ValidationError
	if !errors.As(err, &verr) || len(verr.Fields) != 5 {
		t.Fatalf("bad setup err = %v, want five field errors", err)
	}
	owner, err := s.Setup(ctx, Actor{IP: "192.0.2.1"}, SetupInput{StoreName: "Tea House", Currency: "CNY", Locale: "zh",
		Owner: StaffInput{Email: "li@example.com", Name: "Li", Password: "tea password 1"}})
	if err != nil {
		t.Fatal(err)
	}
	settings, _ := s.Settings(ctx)
	if settings.StoreName != "Tea House" || settings.Currency != "CNY" || settings.Locale != "zh" {
		t.Errorf("settings = %+v", settings)
	}
	if owner.Role != RoleOwner || owner.Name != "Li" {
		t.Errorf("owner = %+v", owner)
	}
	// The owner, the settings and the audit entry commit together.
	if page, _ := s.AuditLog(ctx, AuditFilter{Action: ActionSetup}); page.Total != 1 ||
		!containsAll(page.Records[0].AfterJSON, `"store_name":"Tea House"`, `"currency":"CNY"`, `"email":"li@example.com"`) {
		t.Errorf("setup audit = %+v", page.Records)
	}
	_, err = s.Setup(ctx, Actor{}, SetupInput{StoreName: "Other", Currency: "USD", Locale: "en",
		Owner: StaffInput{Email: "other@example.com", Password: "other password"}})
	if !errors.Is(err, ErrConflict) {
		t.Errorf("second setup err = %v, want ErrConflict", err)
	}
	if settings, _ := s.Settings(ctx); settings.StoreName != "Tea House" {
		t.Errorf("second setup changed the store name to %q", settings.StoreName)
	}
}

func TestStaffSessions(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	now := time.Unix(1_700_000_000, 0)
	s.Now = func() time.Time { return now }
	st, err := s.CreateStaff(ctx, Actor{}, StaffInput{Email: "sam@example.com", Password: "sam's password", Role: RoleSupport})
	if err != nil {
		t.Fatal(err)
	}
	token, err := s.RecordStaffSession(ctx, st, "192.0.2.7", "TestBrowser/1.0")
	if err != nil {
		t.Fatal(err)
	}
	got, sess, err := s.StaffSessionValid(ctx, token)
	if err != nil || got.ID != st.ID || sess.IP != "192.0.2.7" || !got.LastLoginAt.Equal(now) {
		t.Fatalf("valid session = %+v, %+v, %v", got, sess, err)
	}
	if _, _, err := s.StaffSessionValid(ctx, token+"x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("wrong token err = %v", err)
	}

	// Idle: touched within the idle timeout it lives on; left alone it ends.
	now = now.Add(StaffIdleTimeout - time.Minute)
	if err := s.TouchStaffSession(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(StaffIdleTimeout - time.Minute)
	if _, _, err := s.StaffSessionValid(ctx, token); err != nil {
		t.Errorf("touched session ended: %v", err)
	}
	now = now.Add(2 * time.Minute)
	if _, _, err := s.StaffSessionValid(ctx, token); !errors.Is(err, ErrNotFound) {
		t.Errorf("idle session still valid: %v", err)
	}

	// Absolute: however busy, a session ends after its lifetime.
	now = time.Unix(1_800_000_000, 0)
	token, _ = s.RecordStaffSession(ctx, st, "192.0.2.7", "TestBrowser/1.0")
	for range 13 {
		now = now.Add(time.Hour)
		_, sess, err = s.StaffSessionValid(ctx, token)
		if err != nil {
			break
		}
		s.TouchStaffSession(ctx, sess.ID)
	}
	if !errors.Is(err, ErrNotFound) || now.Sub(time.Unix(1_800_000_000, 0)) != StaffSessionLifetime {
		t.Errorf("session outlived its lifetime: ended at %v, err %v", now.Sub(time.Unix(1_800_000_000, 0)), err)
	}

	// Listing and revoking.
	now = time.Unix(1_900_000_000, 0)
	t1, _ := s.RecordStaffSession(ctx, st, "192.0.2.8", "A")
	t2, _ := s.RecordStaffSession(ctx, st, "192.0.2.9", "B")
	list, err := s.StaffSessions(ctx, st.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("sessions = %+v, %v", list, err)
	}
	other, _ := s.CreateStaff(ctx, Actor{}, StaffInput{Email: "eve@example.com", Password: "eve's password", Role: RoleSupport})
	if err := s.RevokeStaffSession(ctx, Actor{}, other.ID, list[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoked someone else's session: %v", err)
	}
	_, s1, _ := s.StaffSessionValid(ctx, t1)
	if err := s.RevokeStaffSession(ctx, Actor{StaffID: st.ID}, st.ID, s1.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.StaffSessionValid(ctx, t1); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoked session still valid: %v", err)
	}
	if err := s.EndStaffSession(ctx, t2, "192.0.2.9"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.StaffSessionValid(ctx, t2); !errors.Is(err, ErrNotFound) {
		t.Errorf("ended session still valid: %v", err)
	}
	if list, _ := s.StaffSessions(ctx, st.ID); len(list) != 0 {
		t.Errorf("sessions after revoking all = %+v", list)
	}

	// A password reset signs out everywhere.
	t3, _ := s.RecordStaffSession(ctx, st, "192.0.2.8", "A")
	if err := s.SetStaffPassword(ctx, Actor{}, st.ID, "a new password"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.StaffSessionValid(ctx, t3); !errors.Is(err, ErrNotFound) {
		t.Errorf("session survived a password reset: %v", err)
	}
	if _, err := s.AuthenticateStaff(ctx, "sam@example.com", "a new password"); err != nil {
		t.Errorf("new password: %v", err)
	}
}
