package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// TestChangeStaffPasswordSubmittedAtOnce: a double click sends the same
// password form twice at the same moment, with one two-factor code. The
// password changes once, with one audit entry and one session kept, and
// neither submit is told that its password or its code is wrong: the
// first spends the code, the second finds its password already set.
func TestChangeStaffPasswordSubmittedAtOnce(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	now := time.Unix(1_700_000_000, 0)
	s.Now = func() time.Time { return now }
	st := addTestStaff(t, s, "kim@example.com", RoleOwner)
	actor := Actor{StaffID: st.ID, Email: st.Email}
	enrol, _ := s.StartTOTP(ctx, st.ID, "Tea House")
	code, _ := totp.GenerateCode(enrol.Secret, now)
	if _, err := s.ConfirmTOTP(ctx, actor, st.ID, code); err != nil {
		t.Fatal(err)
	}
	var kept int64
	for range 3 {
		token, err := s.RecordStaffSession(ctx, st, "", "")
		if err != nil {
			t.Fatal(err)
		}
		_, sess, _ := s.StaffSessionValid(ctx, token)
		kept = sess.ID
	}

	now = now.Add(time.Minute)
	code, _ = totp.GenerateCode(enrol.Secret, now)
	in := StaffPasswordChange{Current: "long enough pw", Password: "a new passphrase", Again: "a new passphrase", Code: code}
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() { errs[i] = s.ChangeStaffPassword(ctx, actor, st.ID, kept, in) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("submit %d: %v", i, err)
		}
	}
	if _, err := s.AuthenticateStaff(ctx, st.Email, "a new passphrase"); err != nil {
		t.Errorf("the new password: %v", err)
	}
	if page, _ := s.AuditLog(ctx, AuditFilter{Action: ActionStaffPassword}); page.Total != 1 {
		t.Errorf("password change audit entries = %d, want 1", page.Total)
	}
	if sessions, _ := s.StaffSessions(ctx, st.ID); len(sessions) != 1 || sessions[0].ID != kept {
		t.Errorf("sessions after the change = %+v, want only %d", sessions, kept)
	}

	// Once done, a wrong current password is wrong again, and the code
	// the change spent signs nobody in.
	if err := s.ChangeStaffPassword(ctx, actor, st.ID, kept, StaffPasswordChange{Current: "long enough pw",
		Password: "yet another one", Again: "yet another one", Code: code}); fieldErr(err, "current_password") != "error.password_wrong" {
		t.Errorf("the old password after the change: %v", err)
	}
	if err := s.UseSecondFactor(ctx, st, "", code); err == nil {
		t.Error("the code the change used signs in")
	}
}

// TestChangeStaffPasswordRefusals: no current password is a missing
// field, not a wrong one; the current password again as the new one
// changes nothing and says so.
func TestChangeStaffPasswordRefusals(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	st := addTestStaff(t, s, "kim@example.com", RoleOwner)
	actor := Actor{StaffID: st.ID, Email: st.Email}
	if err := s.ChangeStaffPassword(ctx, actor, st.ID, 0, StaffPasswordChange{Password: "a new passphrase",
		Again: "a new passphrase"}); fieldErr(err, "current_password") != "error.required" {
		t.Errorf("no current password: %v", err)
	}
	if err := s.ChangeStaffPassword(ctx, actor, st.ID, 0, StaffPasswordChange{Current: "long enough pw",
		Password: "long enough pw", Again: "long enough pw"}); fieldErr(err, "password") != "error.password_same" {
		t.Errorf("the same password again: %v", err)
	}
	if page, _ := s.AuditLog(ctx, AuditFilter{Action: ActionStaffPassword}); page.Total != 0 {
		t.Errorf("%d password changes recorded", page.Total)
	}
}
