package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// RestoreReport says what Restore did.
type RestoreReport struct {
	Orders int64 // orders in the restored database
	// Aside is where the database that was in place went, "" when there
	// was none.
	Aside string
}

// sqliteCompanions are the files SQLite keeps beside a database: the
// write-ahead log and its index, and a rollback journal. Each belongs to
// the database of its name and would be replayed into it.
var sqliteCompanions = []string{"-wal", "-shm", "-journal"}

// Restore puts the backup at from in place of the database at path, for a
// stopped shop. It checks the backup first (CheckDatabaseFile), refuses
// while a serve holds the database (ErrInUse), and moves the database that
// was there aside to path.before-restore-TIMESTAMP rather than deleting it.
// The old -wal, -shm and -journal move aside with it: left beside the
// restored file, SQLite would replay the old log into it and corrupt it;
// beside the old file, they keep it whole (the log may hold its last
// commits). A backup with an older schema is migrated when the shop next
// opens it.
func Restore(ctx context.Context, path, from string, now time.Time) (RestoreReport, error) {
	info, err := CheckDatabaseFile(ctx, from)
	if err != nil {
		return RestoreReport{}, fmt.Errorf("restore from %s: %w", from, err)
	}
	if same, _ := sameFile(path, from); same {
		return RestoreReport{}, fmt.Errorf("restore from %s: %w: it is the database itself", from, ErrBadBackup)
	}
	release, err := LockDatabase(path)
	if err != nil {
		return RestoreReport{}, err
	}
	defer release()
	// Copy first, under a temporary name: until the copy is whole on disk
	// the current database stays where it is.
	tmp, err := copyToTemp(from, path)
	if err != nil {
		return RestoreReport{}, fmt.Errorf("restore: %w", err)
	}
	defer os.Remove(tmp) // a no-op once renamed
	rep := RestoreReport{Orders: info.Orders}
	if rep.Aside, err = moveAside(path, now); err != nil {
		return RestoreReport{}, fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return rep, fmt.Errorf("restore: %w (the previous database is at %s)", err, rep.Aside)
	}
	return rep, syncDir(filepath.Dir(path))
}

// moveAside renames the database at path and its companion files to
// path.before-restore-TIMESTAMP; it returns "" when there is no database.
func moveAside(path string, now time.Time) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		// No database, but a stray log would still be replayed.
		for _, suffix := range sqliteCompanions {
			if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", err
			}
		}
		return "", nil
	}
	aside := path + ".before-restore-" + now.UTC().Format("20060102T150405Z")
	if _, err := os.Lstat(aside); err == nil {
		return "", fmt.Errorf("%s already exists: %w", aside, ErrConflict)
	}
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	for _, suffix := range sqliteCompanions {
		if err := os.Rename(path+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return aside, err
		}
	}
	return aside, nil
}

// copyToTemp copies from into a new file beside path and flushes it to
// disk; it returns the new file's name.
func copyToTemp(from, path string) (string, error) {
	src, err := os.Open(from)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.restoring")
	if err != nil {
		return "", err
	}
	// The restored file is the shop's as the one it replaces was: its
	// owner, and its mode (CreateTemp's is 0600).
	err = ownLikeDatabase(dst.Name(), path)
	if fi, serr := os.Stat(path); err == nil && serr == nil {
		err = dst.Chmod(fi.Mode().Perm())
	}
	if err == nil {
		_, err = io.Copy(dst, src)
	}
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst.Name())
		return "", err
	}
	return dst.Name(), nil
}

// sameFile reports whether a and b are one file.
func sameFile(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}

// syncDir flushes a folder's entries, so that a rename survives a power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
