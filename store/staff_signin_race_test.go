package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestPendingSignInCodesAtOnce: the code page of one pending sign-in,
// posted from several tabs at once, many times over. The right code signs
// in once, however many times it is sent; wrong codes sent together are
// each counted, so the PendingSignInTries-th ends the sign-in and one
// more finds it gone.
func TestPendingSignInCodesAtOnce(t *testing.T) {
	ctx := context.Background()
	f := newTOTPStaff(t)
	s, st := f.s, f.st
	for range 10 {
		// Each round is a new time step, so its code was never used.
		code := f.next(30 * time.Second)
		token, err := s.BeginStaffSignIn(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		post := func(code string) func() error {
			return func() error {
				_, err := s.FinishStaffSignIn(ctx, token, "", code)
				return err
			}
		}
		signedIn := 0
		for _, err := range atOnce(post(code), post(code), post(code)) {
			switch {
			case err == nil:
				signedIn++
			case !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrBadSecondFactor):
				t.Fatalf("the right code sent again: %v", err)
			}
		}
		if signedIn != 1 {
			t.Fatalf("the right code sent three times at once signed in %d times, want 1", signedIn)
		}

		token, err = s.BeginStaffSignIn(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		wrong := []func() error{post("000000")}
		for range PendingSignInTries {
			wrong = append(wrong, post("000000"))
		}
		var bad, ended, gone int
		for _, err := range atOnce(wrong...) {
			switch {
			case errors.Is(err, ErrSignInTries):
				ended++
			case errors.Is(err, ErrBadSecondFactor):
				bad++
			case errors.Is(err, ErrNotFound):
				gone++
			default:
				t.Fatalf("a wrong code: %v", err)
			}
		}
		if bad != PendingSignInTries-1 || ended != 1 || gone != 1 {
			t.Fatalf("%d wrong codes at once: %d counted, %d ended it, %d found it gone; want %d, 1, 1",
				len(wrong), bad, ended, gone, PendingSignInTries-1)
		}
		if _, err := s.FinishStaffSignIn(ctx, token, "", code); !errors.Is(err, ErrNotFound) {
			t.Fatalf("the right code after too many wrong ones: %v", err)
		}
	}
}
