package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"net/netip"
	"time"
)

// Login throttling slows password guessing without handing anyone a way
// to lock the owner out. The old rule (five failures from anywhere lock
// the account for 15 minutes) let a stranger who knew the owner's email
// keep them out for ever with one wrong password every few minutes.
//
// The rule, for an attempt to sign in to an account from an address:
//
//  1. The account from this address: after LoginFreeTries failures, each
//     further attempt waits loginFirstWait after the last failure, twice
//     as long after each new failure, up to loginMaxWait.
//  2. This address, over every account: the same after loginFreeAddress
//     failures, so that one address cannot spray guesses across accounts.
//  3. The account from anywhere: once it has loginFreeAccount failures,
//     an address that has itself failed for the account waits (counting
//     from its own last failure) as rule 1 would for the account's whole
//     count, up to loginMaxAccountWait, so that many addresses together
//     are slowed down too.
//
// An address that has not failed for the account is never slowed by the
// account's count: a correct password from the owner's own connection gets
// in whatever strangers do elsewhere, and an owner who mistypes during an
// attack waits at most loginMaxAccountWait. The cost is that an attacker
// with many addresses gets one guess per address before rule 3 slows it;
// long passwords and two-factor codes are the defence against that, as
// against any guessing spread thin enough.
//
// Failures are counted for LoginWindow and kept in SQLite, so a restart
// forgets nothing. Only the rule's inputs (hashes and times) are stored.
const (
	// LoginWindow is how long a failure counts.
	LoginWindow = time.Hour
	// LoginFreeTries is how many failures for an account from one address
	// cost no wait.
	LoginFreeTries      = 5
	loginFreeAddress    = 20
	loginFreeAccount    = 10
	loginFirstWait      = 30 * time.Second
	loginMaxWait        = 15 * time.Minute
	loginMaxAccountWait = 5 * time.Minute
)

// LoginFailures are the recent failures that bear on one attempt.
type LoginFailures struct {
	FromAddress int       // for the account from the attempt's address
	LastFrom    time.Time // the latest of those
	Address     int       // from the address, for any account
	LastAddress time.Time // the latest of those
	Account     int       // for the account, from any address
}

// LoginWait is how long an attempt with these recent failures must wait
// before it may be made at now; 0 lets it through.
func LoginWait(f LoginFailures, now time.Time) time.Duration {
	wait := max(backoff(f.FromAddress, LoginFreeTries, loginMaxWait, f.LastFrom, now),
		backoff(f.Address, loginFreeAddress, loginMaxWait, f.LastAddress, now))
	if f.FromAddress > 0 {
		wait = max(wait, backoff(f.Account, loginFreeAccount, loginMaxAccountWait, f.LastFrom, now))
	}
	return wait
}

// backoff is the wait after n failures, the latest at last, when free
// failures cost nothing: loginFirstWait at the free-th, doubling with
// every further one, at most ceiling.
func backoff(n, free int, ceiling time.Duration, last, now time.Time) time.Duration {
	if n < free {
		return 0
	}
	d := ceiling
	if n-free < 20 { // beyond that the shift overflows; the ceiling is long reached
		d = min(loginFirstWait<<(n-free), ceiling)
	}
	return max(0, last.Add(d).Sub(now))
}

// LoginAttempt is an attempt BeginLogin let through. Until the caller
// says otherwise (LoginSucceeded, ForgetLoginAttempt) it counts as a
// failure.
type LoginAttempt struct {
	id               int64
	account, address []byte
}

// BeginLogin decides whether an attempt to sign in to account (an email)
// from address (the client's IP) may go ahead now, and if so records it as
// a failure before the caller checks the password: attempts made at the
// same moment then count against each other, and none can slip in between
// the count and the check. It returns the attempt, or how long to wait.
func (s *Store) BeginLogin(ctx context.Context, account, address string) (*LoginAttempt, time.Duration, error) {
	a := &LoginAttempt{account: loginKey(normalizeEmail(account)), address: loginKey(addressKey(address))}
	now := s.Now()
	var wait time.Duration
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at <= ?`, now.Add(-LoginWindow).Unix()); err != nil {
			return err
		}
		f, err := loginFailures(ctx, tx, a)
		if err != nil {
			return err
		}
		if wait = LoginWait(f, now); wait > 0 {
			return nil
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO login_failures (account, address, at) VALUES (?, ?, ?)`,
			a.account, a.address, now.Unix())
		if err != nil {
			return err
		}
		a.id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("begin login: %w", err)
	}
	if wait > 0 {
		return nil, wait, nil
	}
	return a, 0, nil
}

func loginFailures(ctx context.Context, tx *sql.Tx, a *LoginAttempt) (LoginFailures, error) {
	var f LoginFailures
	var lastFrom, lastAddress int64
	err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM login_failures WHERE account = ?1 AND address = ?2),
		(SELECT coalesce(max(at), 0) FROM login_failures WHERE account = ?1 AND address = ?2),
		(SELECT count(*) FROM login_failures WHERE address = ?2),
		(SELECT coalesce(max(at), 0) FROM login_failures WHERE address = ?2),
		(SELECT count(*) FROM login_failures WHERE account = ?1)`, a.account, a.address).
		Scan(&f.FromAddress, &lastFrom, &f.Address, &lastAddress, &f.Account)
	if err != nil {
		return f, fmt.Errorf("count login failures: %w", err)
	}
	f.LastFrom, f.LastAddress = time.Unix(lastFrom, 0), time.Unix(lastAddress, 0)
	return f, nil
}

// LoginSucceeded forgets the account's failures from the attempt's
// address, this attempt included: the owner who mistyped twice starts
// afresh. Failures from other addresses stay, so that a stranger's count
// goes on growing while the owner works.
func (s *Store) LoginSucceeded(ctx context.Context, a *LoginAttempt) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE account = ? AND address = ?`, a.account, a.address)
		return err
	})
}

// ForgetLoginAttempt takes back an attempt that was no guess, such as the
// first step of a two-factor sign-in (the right password, no code yet).
// It forgets nothing else, so alternating such steps with wrong codes
// resets no count.
func (s *Store) ForgetLoginAttempt(ctx context.Context, a *LoginAttempt) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE id = ?`, a.id)
		return err
	})
}

// addressKey is what counts as one address: an IPv4 address, or an IPv6
// address's /64, since one home or server is given a whole /64 and could
// otherwise try from a new address every time.
func addressKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	addr = addr.Unmap()
	if addr.Is6() {
		p, _ := addr.WithZone("").Prefix(64)
		return p.String()
	}
	return addr.String()
}

// loginKey is a fixed-size key for an account or address: 16 bytes of
// its SHA-256, ample to tell apart the few thousand keys of a window.
func loginKey(s string) []byte {
	sum := sha256.Sum256([]byte(s))
	return sum[:16]
}
