//go:build !unix

package store

import "errors"

// ErrInUse means a running shop holds the database (LockDatabase).
var ErrInUse = errors.New("the database is in use by a running storefront")

// LockDatabase is a no-op where flock is missing: there restore cannot
// tell that a serve is running, and the README says to stop it first.
func LockDatabase(path string) (release func(), err error) { return func() {}, nil }

// DatabaseInUse cannot tell where flock is missing, and says so by saying
// yes: its callers then hold back as they would beside a running shop.
func DatabaseInUse(path string) bool { return true }
