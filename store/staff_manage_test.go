package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

func addTestStaff(t *testing.T, s *Store, email, role string) *Staff {
	t.Helper()
	st, err := s.CreateStaff(context.Background(), Actor{}, StaffInput{Email: email, Password: "long enough pw", Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func fieldErr(err error, field string) string {
	var verr *ValidationError
	if errors.As(err, &verr) {
		return verr.Fields[field]
	}
	return ""
}

func TestLastActiveOwner(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ann := addTestStaff(t, s, "ann@example.com", RoleOwner)
	bob := addTestStaff(t, s, "bob@example.com", RoleOwner)
	asAnn := Actor{StaffID: ann.ID, Email: ann.Email}

	if _, err := s.ChangeStaffRole(ctx, asAnn, ann.ID, ann.Version, RoleManager); fieldErr(err, "role") != "error.staff_self_demote" {
		t.Errorf("self demote: %v", err)
	}
	if _, err := s.SetStaffDisabled(ctx, asAnn, ann.ID, true); fieldErr(err, "disabled") != "error.staff_self_disable" {
		t.Errorf("self disable: %v", err)
	}
	// Ann may demote Bob while she remains; then nobody may demote or
	// disable Ann, the last active owner.
	bob, err := s.ChangeStaffRole(ctx, asAnn, bob.ID, bob.Version, RoleManager)
	if err != nil || bob.Role != RoleManager {
		t.Fatalf("demote bob: %+v, %v", bob, err)
	}
	if _, err := s.ChangeStaffRole(ctx, Actor{}, ann.ID, ann.Version, RoleSupport); fieldErr(err, "role") != "error.last_owner" {
		t.Errorf("demote last owner: %v", err)
	}
	if _, err := s.SetStaffDisabled(ctx, Actor{}, ann.ID, true); fieldErr(err, "disabled") != "error.last_owner" {
		t.Errorf("disable last owner: %v", err)
	}
	// A stale version is a conflict, whatever the change.
	if _, err := s.ChangeStaffRole(ctx, asAnn, bob.ID, bob.Version-1, RoleOwner); !errors.Is(err, ErrConflict) {
		t.Errorf("stale role change: %v", err)
	}
	page, _ := s.AuditLog(ctx, AuditFilter{Action: ActionStaffRole})
	if page.Total != 1 || page.Records[0].StaffID != ann.ID {
		t.Errorf("role audit = %+v", page.Records)
	}
}

// TestOwnersDisableEachOtherAtOnce: two owners each disable the other at
// the same moment (and demote, in a second round). The rule is in the
// UPDATE, so one wins and an active owner remains.
func TestOwnersDisableEachOtherAtOnce(t *testing.T) {
	ctx := context.Background()
	for _, demote := range []bool{false, true} {
		s := newTestStore(t)
		a := addTestStaff(t, s, "a@example.com", RoleOwner)
		b := addTestStaff(t, s, "b@example.com", RoleOwner)
		pairs := [][2]*Staff{{a, b}, {b, a}}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, p := range pairs {
			wg.Go(func() {
				actor := Actor{StaffID: p[0].ID, Email: p[0].Email}
				if demote {
					_, errs[i] = s.ChangeStaffRole(ctx, actor, p[1].ID, p[1].Version, RoleSupport)
				} else {
					_, errs[i] = s.SetStaffDisabled(ctx, actor, p[1].ID, true)
				}
			})
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("demote=%v: errs = %v, want exactly one refused", demote, errs)
		}
		owners := 0
		list, _ := s.ListStaff(ctx)
		for _, st := range list {
			if st.Role == RoleOwner && !st.Disabled {
				owners++
			}
		}
		if owners != 1 {
			t.Errorf("demote=%v: %d active owners, want 1", demote, owners)
		}
	}
}

func TestDisableRevokesSessionsAndResetLinks(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	owner := addTestStaff(t, s, "owner@example.com", RoleOwner)
	sam := addTestStaff(t, s, "sam@example.com", RoleSupport)
	token, _ := s.RecordStaffSession(ctx, sam, "192.0.2.1", "A")
	reset, _, err := s.CreatePasswordReset(ctx, Actor{StaffID: owner.ID}, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStaffDisabled(ctx, Actor{StaffID: owner.ID}, sam.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.StaffSessionValid(ctx, token); !errors.Is(err, ErrNotFound) {
		t.Errorf("session of a disabled account: %v", err)
	}
	if _, err := s.ResetPassword(ctx, "", reset, "a brand new password"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reset link of a disabled account: %v", err)
	}
	sam, err = s.SetStaffDisabled(ctx, Actor{StaffID: owner.ID}, sam.ID, false)
	if err != nil || sam.Disabled {
		t.Fatalf("enable: %+v, %v", sam, err)
	}
	if _, _, err := s.StaffSessionValid(ctx, token); !errors.Is(err, ErrNotFound) {
		t.Errorf("re-enabling brought a session back: %v", err)
	}
}

func TestInvites(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	now := time.Unix(1_700_000_000, 0)
	s.Now = func() time.Time { return now }
	owner := addTestStaff(t, s, "owner@example.com", RoleOwner)
	actor := Actor{StaffID: owner.ID, Email: owner.Email}

	if _, _, err := s.InviteStaff(ctx, actor, "OWNER@example.com", RoleSupport); fieldErr(err, "email") != "error.email_taken" {
		t.Errorf("invite an existing account: %v", err)
	}
	if _, _, err := s.InviteStaff(ctx, actor, "x", "admin"); fieldErr(err, "email") != "error.email" || fieldErr(err, "role") != "error.role" {
		t.Errorf("bad invite: %v", err)
	}
	old, _, _ := s.InviteStaff(ctx, actor, "new@example.com", RoleManager)
	token, inv, err := s.InviteStaff(ctx, actor, "New@Example.com", RoleManager)
	if err != nil || len(token) < 26 || inv.Email != "new@example.com" {
		t.Fatalf("invite: %q %+v %v", token, inv, err)
	}
	if _, err := s.InviteByToken(ctx, old); !errors.Is(err, ErrNotFound) {
		t.Errorf("a newer invitation left the old link working: %v", err)
	}
	if list, _ := s.PendingInvites(ctx); len(list) != 1 || list[0].InvitedBy != owner.Email {
		t.Errorf("pending = %+v", list)
	}
	if _, err := s.AcceptInvite(ctx, "", token, " ", "short"); fieldErr(err, "name") != "error.required" || fieldErr(err, "password") != "error.password_short" {
		t.Errorf("bad accept: %v", err)
	}

	// Accepting races: one account, the other accept finds the link spent.
	wantOneWinner(t, 6, ErrNotFound, func(int) error {
		_, err := s.AcceptInvite(ctx, "", token, "Nia", "nia's long password")
		return err
	})
	nia, err := s.AuthenticateStaff(ctx, "new@example.com", "nia's long password")
	if err != nil || nia.Role != RoleManager || nia.Name != "Nia" {
		t.Fatalf("invitee account: %+v, %v", nia, err)
	}

	// Expiry and withdrawal.
	late, _, _ := s.InviteStaff(ctx, actor, "late@example.com", RoleSupport)
	now = now.Add(InviteTTL)
	if _, err := s.AcceptInvite(ctx, "", late, "Late", "long enough pw"); !errors.Is(err, ErrNotFound) {
		t.Errorf("expired invite: %v", err)
	}
	_, gone, _ := s.InviteStaff(ctx, actor, "gone@example.com", RoleSupport)
	if err := s.RevokeInvite(ctx, actor, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeInvite(ctx, actor, gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoke twice: %v", err)
	}
}

func TestTOTPEnrolAndUse(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	now := time.Unix(1_700_000_000, 0)
	s.Now = func() time.Time { return now }
	st := addTestStaff(t, s, "kim@example.com", RoleOwner)
	actor := Actor{StaffID: st.ID, Email: st.Email}

	enrol, err := s.StartTOTP(ctx, st.ID, "Tea House")
	if err != nil {
		t.Fatal(err)
	}
	if len(enrol.Secret) != 32 || !containsAll(enrol.URL, "otpauth://totp/", "issuer=Tea%20House", "secret="+enrol.Secret) {
		t.Fatalf("enrolment = %+v", enrol)
	}
	if _, err := s.ConfirmTOTP(ctx, actor, st.ID, "000000"); fieldErr(err, "code") != "error.otp_bad" {
		t.Errorf("wrong confirm code: %v", err)
	}
	code, _ := totp.GenerateCode(enrol.Secret, now)
	codes, err := s.ConfirmTOTP(ctx, actor, st.ID, code)
	if err != nil || len(codes) != RecoveryCodeCount {
		t.Fatalf("confirm: %v, %v", codes, err)
	}
	if _, err := s.StartTOTP(ctx, st.ID, "x"); !errors.Is(err, ErrConflict) {
		t.Errorf("restart while on: %v", err)
	}
	st, _ = s.StaffByID(ctx, st.ID)
	if !st.TOTPEnabled {
		t.Fatal("totp not on after confirm")
	}
	// The code that confirmed cannot sign in: its step is used.
	if err := s.UseSecondFactor(ctx, st, "", code); !errors.Is(err, ErrBadSecondFactor) {
		t.Errorf("reused confirm code: %v", err)
	}
	// A clock 30 s behind is tolerated; the same code twice is not, nor an
	// older code after a newer one.
	now = now.Add(90 * time.Second)
	early, _ := totp.GenerateCode(enrol.Secret, now.Add(-30*time.Second))
	current, _ := totp.GenerateCode(enrol.Secret, now)
	if err := s.UseSecondFactor(ctx, st, "", current[:3]+" "+current[3:]); err != nil {
		t.Fatalf("current code: %v", err)
	}
	for _, c := range []string{current, early, "12345", "abcdef"} {
		if err := s.UseSecondFactor(ctx, st, "", c); !errors.Is(err, ErrBadSecondFactor) {
			t.Errorf("code %q: %v", c, err)
		}
	}
	// Recovery codes work once each, in any case, with or without hyphens.
	if err := s.UseSecondFactor(ctx, st, "", codes[0]); err != nil {
		t.Fatalf("recovery code: %v", err)
	}
	if err := s.UseSecondFactor(ctx, st, "", codes[0]); !errors.Is(err, ErrBadSecondFactor) {
		t.Errorf("recovery code twice: %v", err)
	}
	if err := s.UseSecondFactor(ctx, st, "", normalizeCode(codes[1])); err != nil {
		t.Errorf("recovery code without hyphens: %v", err)
	}
	if n, _ := s.RecoveryCodesLeft(ctx, st.ID); n != RecoveryCodeCount-2 {
		t.Errorf("codes left = %d", n)
	}
	if page, _ := s.AuditLog(ctx, AuditFilter{Action: ActionRecoveryCodeUsed}); page.Total != 2 {
		t.Errorf("recovery code audit entries = %d", page.Total)
	}

}

func TestTOTPDisable(t *testing.T) {
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

	// Turning off needs the password and a code.
	now = now.Add(time.Minute)
	current, _ := totp.GenerateCode(enrol.Secret, now)
	if err := s.DisableTOTP(ctx, actor, st.ID, "wrong password", current); fieldErr(err, "password") != "error.password_wrong" {
		t.Errorf("disable with a wrong password: %v", err)
	}
	if err := s.DisableTOTP(ctx, actor, st.ID, "long enough pw", "000000"); fieldErr(err, "code") != "error.otp_bad" {
		t.Errorf("disable with a wrong code: %v", err)
	}
	if err := s.DisableTOTP(ctx, actor, st.ID, "long enough pw", current); err != nil {
		t.Fatal(err)
	}
	if st, _ = s.StaffByID(ctx, st.ID); st.TOTPEnabled {
		t.Error("totp still on")
	}
	if n, _ := s.RecoveryCodesLeft(ctx, st.ID); n != 0 {
		t.Errorf("recovery codes left after disabling: %d", n)
	}
	for _, action := range []string{ActionTOTPEnable, ActionTOTPDisable} {
		if page, _ := s.AuditLog(ctx, AuditFilter{Action: action}); page.Total == 0 {
			t.Errorf("no audit entry %s", action)
		}
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
