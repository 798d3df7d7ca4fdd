package admin

import (
	"strconv"
	"testing"
	"time"
)

func TestLoginLimiter(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLoginLimiter(func() time.Time { return now })

	// An account: five failures lock it; the lock lifts when the oldest
	// failure leaves the window.
	for i := range accountLimit {
		if wait := l.blocked("ann@example.com", "192.0.2.1"); wait != 0 {
			t.Fatalf("blocked after %d failures", i)
		}
		l.fail("ann@example.com", "192.0.2.1")
		now = now.Add(time.Minute)
	}
	if wait := l.blocked("ANN@example.com ", "192.0.2.99"); wait != loginWindow-accountLimit*time.Minute {
		t.Errorf("wait = %v, want %v (any address, any case)", wait, loginWindow-accountLimit*time.Minute)
	}
	now = now.Add(loginWindow - accountLimit*time.Minute + time.Second)
	if wait := l.blocked("ann@example.com", "192.0.2.1"); wait != 0 {
		t.Errorf("still blocked after the window: %v", wait)
	}

	// Success forgets the account's failures.
	for range accountLimit - 1 {
		l.fail("bob@example.com", "192.0.2.2")
	}
	l.succeed("bob@example.com")
	l.fail("bob@example.com", "192.0.2.2")
	if wait := l.blocked("bob@example.com", "192.0.2.2"); wait != 0 {
		t.Errorf("success did not reset the account: wait %v", wait)
	}

	// An address: twenty failures across accounts lock it for every account.
	for i := range ipLimit {
		l.fail("user"+strconv.Itoa(i)+"@example.com", "198.51.100.7")
	}
	if wait := l.blocked("someone-new@example.com", "198.51.100.7"); wait <= 0 {
		t.Error("address not blocked after 20 failures")
	}
	if wait := l.blocked("someone-new@example.com", "198.51.100.8"); wait != 0 {
		t.Errorf("another address blocked: %v", wait)
	}

	// Expired keys are pruned.
	now = now.Add(2 * loginWindow)
	l.fail("last@example.com", "203.0.113.1")
	if len(l.failures) != 2 {
		t.Errorf("after pruning %d keys remain, want 2", len(l.failures))
	}
}
