package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestLoginWait(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	for name, tt := range map[string]struct {
		f    LoginFailures
		want time.Duration
	}{
		"no failures":                      {LoginFailures{}, 0},
		"four from here":                   {LoginFailures{FromAddress: 4, LastFrom: now, Address: 4, LastAddress: now, Account: 4}, 0},
		"five from here":                   {LoginFailures{FromAddress: 5, LastFrom: now, Address: 5, LastAddress: now, Account: 5}, 30 * time.Second},
		"five, the last 10 s ago":          {LoginFailures{FromAddress: 5, LastFrom: ago(10 * time.Second), Address: 5, LastAddress: ago(10 * time.Second), Account: 5}, 20 * time.Second},
		"seven from here doubles twice":    {LoginFailures{FromAddress: 7, LastFrom: now, Address: 7, LastAddress: now, Account: 7}, 2 * time.Minute},
		"forty from here, capped":          {LoginFailures{FromAddress: 40, LastFrom: now, Address: 40, LastAddress: now, Account: 40}, loginMaxWait},
		"a thousand, capped":               {LoginFailures{FromAddress: 1000, LastFrom: now, Address: 1000, LastAddress: now, Account: 1000}, loginMaxWait},
		"twenty from here, other accounts": {LoginFailures{Address: 20, LastAddress: now}, 30 * time.Second},
		// The account is under attack from elsewhere: an address that has
		// not failed for it goes straight in…
		"account attacked, clean address": {LoginFailures{Account: 500}, 0},
		// …one that has failed once waits, at most loginMaxAccountWait.
		"account attacked, one failure here": {LoginFailures{FromAddress: 1, LastFrom: now, Address: 1, LastAddress: now, Account: 500}, loginMaxAccountWait},
		"account at ten, one failure here":   {LoginFailures{FromAddress: 1, LastFrom: now, Address: 1, LastAddress: now, Account: 10}, 30 * time.Second},
		"waited long enough":                 {LoginFailures{FromAddress: 1, LastFrom: ago(loginMaxAccountWait), Address: 1, LastAddress: ago(time.Hour), Account: 500}, 0},
	} {
		if got := LoginWait(tt.f, now); got != tt.want {
			t.Errorf("%s: wait %v, want %v", name, got, tt.want)
		}
	}
}

// beginLogins makes n attempts at once and returns how many went ahead.
func beginLogins(t *testing.T, s *Store, n int, account, address string) int {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	through := 0
	for range n {
		wg.Go(func() {
			a, wait, err := s.BeginLogin(context.Background(), account, address)
			if err != nil {
				t.Error(err)
				return
			}
			if (a == nil) == (wait == 0) {
				t.Errorf("attempt %v with wait %v", a, wait)
			}
			mu.Lock()
			defer mu.Unlock()
			if a != nil {
				through++
			}
		})
	}
	wg.Wait()
	return through
}

func TestBeginLoginCountsAttemptsMadeAtOnce(t *testing.T) {
	s := newTestStore(t)
	now := time.Unix(1_700_000_000, 0)
	s.Now = func() time.Time { return now }
	if got := beginLogins(t, s, 3*LoginFreeTries, "ann@example.com", "192.0.2.1"); got != LoginFreeTries {
		t.Fatalf("%d of %d attempts at once went ahead, want %d", got, 3*LoginFreeTries, LoginFreeTries)
	}
	// Any case and spacing of the email is the same account; another
	// address is not slowed down.
	if _, wait, _ := s.BeginLogin(context.Background(), " ANN@example.com", "192.0.2.1"); wait != loginFirstWait {
		t.Errorf("sixth attempt waits %v, want %v", wait, loginFirstWait)
	}
	if a, wait, _ := s.BeginLogin(context.Background(), "ann@example.com", "192.0.2.2"); a == nil {
		t.Errorf("another address waits %v", wait)
	}
	now = now.Add(loginFirstWait)
	if got := beginLogins(t, s, 4, "ann@example.com", "192.0.2.1"); got != 1 {
		t.Errorf("after the wait %d attempts went ahead, want 1", got)
	}
}

func TestLoginOutcomes(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	now := time.Unix(1_700_000_000, 0)
	s.Now = func() time.Time { return now }
	begin := func(account, address string) *LoginAttempt {
		t.Helper()
		a, wait, err := s.BeginLogin(ctx, account, address)
		if err != nil || a == nil {
			t.Fatalf("BeginLogin(%s, %s) = %v, wait %v", account, address, err, wait)
		}
		return a
	}
	count := func() (n int) {
		t.Helper()
		if err := s.queryRow(ctx, `SELECT count(*) FROM login_failures`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	begin("bob@example.com", "198.51.100.1")
	begin("bob@example.com", "198.51.100.1")
	begin("bob@example.com", "198.51.100.9") // a stranger
	// The first step of a two-factor sign-in takes back itself alone.
	if err := s.ForgetLoginAttempt(ctx, begin("bob@example.com", "198.51.100.1")); err != nil || count() != 3 {
		t.Fatalf("forget: %v, %d rows", err, count())
	}
	// Success forgets this address's failures, not the stranger's.
	if err := s.LoginSucceeded(ctx, begin("bob@example.com", "198.51.100.1")); err != nil || count() != 1 {
		t.Fatalf("success: %v, %d rows", err, count())
	}
	// Failures older than the window are deleted by the next attempt.
	now = now.Add(LoginWindow)
	begin("carol@example.com", "203.0.113.5")
	if count() != 1 {
		t.Errorf("%d rows after the window, want 1", count())
	}
}

// TestLoginFailuresSurviveRestart: the throttle's state is in the
// database, not in the process.
func TestLoginFailuresSurviveRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	now := time.Unix(1_700_000_000, 0)
	open := func() *Store {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return now }
		return s
	}
	s := open()
	if got := beginLogins(t, s, LoginFreeTries, "dan@example.com", "2001:db8::1"); got != LoginFreeTries {
		t.Fatalf("%d attempts went ahead, want %d", got, LoginFreeTries)
	}
	s.Close()
	s = open()
	defer s.Close()
	// Another address in the same /64 is the same address.
	if _, wait, err := s.BeginLogin(ctx, "dan@example.com", "2001:db8::2"); err != nil || wait != loginFirstWait {
		t.Errorf("after a restart: wait %v, %v; want %v", wait, err, loginFirstWait)
	}
}

func TestAddressKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.1":            "192.0.2.1",
		"::ffff:192.0.2.1":     "192.0.2.1",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::9": "2001:db8:1:2::/64",
		"fe80::1%eth0":         "fe80::/64",
		"not an address":       "not an address",
	} {
		if got := addressKey(in); got != want {
			t.Errorf("addressKey(%q) = %q, want %q", in, got, want)
		}
	}
}
