package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// TestPendingSignIn: the code step of a two-factor sign-in signs in once
// with a right code, counts wrong ones up to PendingSignInTries, and ends
// after PendingSignInTTL or a new password.
func TestPendingSignIn(t *testing.T) {
	ctx := context.Background()
	f := newTOTPStaff(t)
	s, st := f.s, f.st
	begin := func() string {
		t.Helper()
		token, err := s.BeginStaffSignIn(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		return token
	}

	token := begin()
	if got, err := s.PendingStaffSignIn(ctx, token); err != nil || got.ID != st.ID {
		t.Fatalf("pending = %v, %v", got, err)
	}
	var n int
	s.read.QueryRowContext(ctx, `SELECT count(*) FROM staff_pending_signins WHERE token_hash = ?`, token).Scan(&n)
	if n != 0 {
		t.Error("the token is stored in plain text")
	}
	if _, err := s.FinishStaffSignIn(ctx, token, "", "000000"); !errors.Is(err, ErrBadSecondFactor) {
		t.Fatalf("wrong code: %v", err)
	}
	code := f.next(30 * time.Second)
	if got, err := s.FinishStaffSignIn(ctx, token, "", code); err != nil || got.ID != st.ID {
		t.Fatalf("right code = %v, %v", got, err)
	}
	code = f.next(30 * time.Second)
	if _, err := s.FinishStaffSignIn(ctx, token, "", code); !errors.Is(err, ErrNotFound) {
		t.Errorf("spent sign-in used again: %v", err)
	}

	token = begin()
	for i := 1; i < PendingSignInTries; i++ {
		if _, err := s.FinishStaffSignIn(ctx, token, "", "000000"); !errors.Is(err, ErrBadSecondFactor) {
			t.Fatalf("wrong code %d: %v", i, err)
		}
	}
	if _, err := s.FinishStaffSignIn(ctx, token, "", "000000"); !errors.Is(err, ErrSignInTries) {
		t.Fatalf("last wrong code: %v", err)
	}
	if _, err := s.FinishStaffSignIn(ctx, token, "", code); !errors.Is(err, ErrNotFound) {
		t.Errorf("right code after too many wrong ones: %v", err)
	}

	token = begin()
	code = f.next(PendingSignInTTL)
	if _, err := s.FinishStaffSignIn(ctx, token, "", code); !errors.Is(err, ErrNotFound) {
		t.Errorf("expired sign-in: %v", err)
	}

	token = begin()
	if err := s.SetStaffPassword(ctx, Actor{StaffID: st.ID}, st.ID, "a brand new password"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PendingStaffSignIn(ctx, token); !errors.Is(err, ErrNotFound) {
		t.Errorf("pending sign-in after a new password: %v", err)
	}
}

// totpStaff is an owner who has turned on two-factor sign-in, on a store
// whose clock the test moves (next).
type totpStaff struct {
	s      *Store
	st     *Staff
	secret string
	now    time.Time
}

func newTOTPStaff(t *testing.T) *totpStaff {
	t.Helper()
	ctx := context.Background()
	f := &totpStaff{s: newTestStore(t), now: time.Unix(1_700_000_000, 0)}
	f.s.Now = func() time.Time { return f.now }
	st := addTestStaff(t, f.s, "kim@example.com", RoleOwner)
	enrol, _ := f.s.StartTOTP(ctx, st.ID, "Tea House")
	f.secret = enrol.Secret
	if _, err := f.s.ConfirmTOTP(ctx, Actor{}, st.ID, f.next(0)); err != nil {
		t.Fatal(err)
	}
	f.st, _ = f.s.StaffByEmail(ctx, st.Email)
	return f
}

// next moves the clock on by d and returns the code of that moment.
func (f *totpStaff) next(d time.Duration) string {
	f.now = f.now.Add(d)
	code, _ := totp.GenerateCode(f.secret, f.now)
	return code
}
