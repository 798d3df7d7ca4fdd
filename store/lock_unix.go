//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// ErrInUse means a running shop holds the database (LockDatabase).
var ErrInUse = errors.New("the database is in use by a running storefront")

// LockDatabase takes the lock that says this process runs the shop on the
// database at path: an exclusive flock on path+".lock". serve holds it
// while it runs, and restore takes it before it replaces the file, so
// neither can happen under the other. The kernel drops the lock when the
// process ends, however it ends, so a crash leaves no stale lock; the empty
// file stays (removing it would let two processes lock two different
// files of one name). A lock held only for an instant, as DatabaseInUse
// holds it, is waited out: it is tried for a second before ErrInUse.
func LockDatabase(path string) (release func(), err error) {
	for try := 0; ; try++ {
		release, err = tryLockDatabase(path)
		if !errors.Is(err, ErrInUse) || try == 10 {
			return release, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// DatabaseInUse reports whether a running shop holds the database at path
// (LockDatabase), by taking its lock for an instant; true too when it
// cannot tell.
func DatabaseInUse(path string) bool {
	release, err := tryLockDatabase(path)
	if err != nil {
		return true
	}
	release()
	return false
}

func tryLockDatabase(path string) (release func(), err error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock database: %w", err)
	}
	if err := ownLikeDatabase(f.Name(), path); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock database: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", path, ErrInUse)
		}
		return nil, fmt.Errorf("lock database: %w", err)
	}
	return func() { f.Close() }, nil
}
