package admin

import (
	"strings"
	"sync"
	"time"
)

// Login protection: after accountLimit failed sign-ins for one email, or
// ipLimit from one address, within loginWindow, further attempts are
// refused until the oldest of those failures is loginWindow old.
const (
	loginWindow  = 15 * time.Minute
	accountLimit = 5
	ipLimit      = 20
	// loginMaxKeys bounds the limiter's memory. With ipLimit per address,
	// filling it takes thousands of addresses.
	loginMaxKeys = 100_000
)

// loginLimiter counts failed sign-ins in memory. That is enough for a shop
// that is one process: a restart forgets the counts, which only gives an
// attacker a fresh window of a few guesses, and staff accounts are also
// protected by long passwords and, later, two-factor codes.
type loginLimiter struct {
	now func() time.Time

	mu        sync.Mutex
	failures  map[string][]time.Time // key → recent failure times, oldest first, at most the key's limit
	lastPrune time.Time
}

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, failures: map[string][]time.Time{}}
}

// accountKey keys an email's failures. Only its first bytes count, so
// that absurdly long "emails" cannot fill memory.
func accountKey(email string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	if len(email) > 254 {
		email = email[:254]
	}
	return "account:" + email
}

func ipKey(ip string) string { return "ip:" + ip }

// blocked returns how long the caller must wait before trying to sign in
// as email from ip, or 0 when an attempt may go ahead.
func (l *loginLimiter) blocked(email, ip string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	return max(l.waitLocked(accountKey(email), accountLimit, now), l.waitLocked(ipKey(ip), ipLimit, now))
}

func (l *loginLimiter) waitLocked(key string, limit int, now time.Time) time.Duration {
	times := l.recentLocked(key, now)
	if len(times) < limit {
		return 0
	}
	return times[len(times)-limit].Add(loginWindow).Sub(now)
}

// recentLocked drops the key's failures that have left the window.
func (l *loginLimiter) recentLocked(key string, now time.Time) []time.Time {
	times := l.failures[key]
	i := 0
	for i < len(times) && !times[i].After(now.Add(-loginWindow)) {
		i++
	}
	if i == len(times) {
		delete(l.failures, key)
		return nil
	}
	if i > 0 {
		times = times[i:]
		l.failures[key] = times
	}
	return times
}

// fail records a failed sign-in as email from ip.
func (l *loginLimiter) fail(email, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.pruneLocked(now)
	for _, k := range []struct {
		key   string
		limit int
	}{{accountKey(email), accountLimit}, {ipKey(ip), ipLimit}} {
		times := append(l.recentLocked(k.key, now), now)
		if len(times) > k.limit {
			times = times[len(times)-k.limit:]
		}
		l.failures[k.key] = times
	}
}

// succeed forgets the account's failures: the owner who mistyped twice is
// not one mistake away from a lock-out all day. The address's count stays,
// so one good account cannot be used to reset guessing at others.
func (l *loginLimiter) succeed(email string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, accountKey(email))
}

// pruneLocked drops expired keys once a window, and when the map is still
// too big, arbitrary keys (Go's map order) until it fits.
func (l *loginLimiter) pruneLocked(now time.Time) {
	if now.Sub(l.lastPrune) < loginWindow && len(l.failures) < loginMaxKeys {
		return
	}
	l.lastPrune = now
	for key := range l.failures {
		l.recentLocked(key, now)
	}
	for key := range l.failures {
		if len(l.failures) < loginMaxKeys {
			break
		}
		delete(l.failures, key)
	}
}
