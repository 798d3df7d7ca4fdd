package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Backup errors, which the command line and the admin explain in their
// own words.
var (
	// ErrBackupExists means the backup's file is already there and the
	// caller did not ask to overwrite it.
	ErrBackupExists = fmt.Errorf("%w: the backup file already exists", ErrConflict)
	// ErrBadBackup means a file is not a sound storefront database this
	// binary can run: it fails SQLite's integrity check, is no storefront
	// database at all, or was made by a newer storefront.
	ErrBadBackup = errors.New("not a sound storefront database")
)

// BackupReport is what a verified snapshot holds and what it cost.
type BackupReport struct {
	Path     string
	Size     int64 // bytes
	Orders   int64 // the orders table's rows, as the copy holds them
	Duration time.Duration
}

// Backup writes a consistent copy of the live database to out and verifies
// it: SQLite's integrity check on the copy, a storefront schema no newer
// than this binary's, and a count of its orders. The shop keeps serving
// meanwhile. Without overwrite an existing out is refused (ErrBackupExists);
// with it the old file is replaced only once the new copy has passed.
func (s *Store) Backup(ctx context.Context, out string, overwrite bool) (BackupReport, error) {
	start := time.Now()
	if _, err := os.Lstat(out); err == nil && !overwrite {
		return BackupReport{}, fmt.Errorf("backup to %s: %w", out, ErrBackupExists)
	}
	// The copy is made under a temporary name beside out, so that a failed
	// or half-written copy never sits where a good backup is expected.
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.partial")
	if err != nil {
		return BackupReport{}, fmt.Errorf("backup: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpPath) // a no-op once renamed
	if err := s.snapshot(ctx, tmpPath); err != nil {
		return BackupReport{}, err
	}
	info, err := CheckDatabaseFile(ctx, tmpPath)
	if err != nil {
		return BackupReport{}, fmt.Errorf("verify backup: %w", err)
	}
	if err := syncFile(tmpPath); err != nil {
		return BackupReport{}, fmt.Errorf("backup: %w", err)
	}
	if !overwrite {
		// Checked again: another backup may have taken the name meanwhile.
		if _, err := os.Lstat(out); err == nil {
			return BackupReport{}, fmt.Errorf("backup to %s: %w", out, ErrBackupExists)
		}
	}
	if err := os.Rename(tmpPath, out); err != nil {
		return BackupReport{}, fmt.Errorf("backup: %w", err)
	}
	st, err := os.Stat(out)
	if err != nil {
		return BackupReport{}, fmt.Errorf("backup: %w", err)
	}
	return BackupReport{Path: out, Size: st.Size(), Orders: info.Orders, Duration: time.Since(start)}, nil
}

// snapshot copies the database into the empty file at path with VACUUM
// INTO, on a connection of its own. The write connection would do it, but
// it is the shop's only writer: every checkout would wait in its queue for
// the whole copy. The read pool refuses it, since query_only counts VACUUM
// INTO as a write (it writes a file, though never the shop's). VACUUM INTO
// itself only reads, inside one read transaction, so in WAL mode it sees
// one consistent moment while the writer goes on committing beside it.
func (s *Store) snapshot(ctx context.Context, path string) error {
	src, err := s.Path(ctx)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn(src, false))
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup: vacuum into: %w", err)
	}
	return nil
}

// Path is the file the store has open: for a second store on the same
// file, as another process would open it.
func (s *Store) Path(ctx context.Context) (string, error) {
	var path string
	if err := s.read.QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
		return "", fmt.Errorf("database file: %w", err)
	}
	return path, nil
}

// DatabaseInfo is what CheckDatabaseFile learned of a sound database.
type DatabaseInfo struct {
	Schema int   // the newest migration it has
	Orders int64 // its orders
}

// CheckDatabaseFile checks that path is a sound storefront database this
// binary can run, without changing it: SQLite's integrity check passes, it
// has the storefront's schema_migrations, and none newer than this binary
// knows. Anything else is ErrBadBackup, saying why.
func CheckDatabaseFile(ctx context.Context, path string) (DatabaseInfo, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return DatabaseInfo{}, err
	case !st.Mode().IsRegular():
		return DatabaseInfo{}, fmt.Errorf("%w: %s is not a regular file", ErrBadBackup, path)
	case st.Size() == 0:
		return DatabaseInfo{}, fmt.Errorf("%w: %s is empty", ErrBadBackup, path)
	}
	// A -wal beside it holds commits the file alone lacks: it is a live
	// database, and copying the file would lose them.
	if _, err := os.Lstat(path + "-wal"); err == nil {
		return DatabaseInfo{}, fmt.Errorf("%w: %s-wal exists, so %s is a live database, not a backup (take one with storefront backup)",
			ErrBadBackup, path, path)
	}
	// immutable: read the file as it is, without the -shm and -wal that
	// SQLite would otherwise create beside a WAL-mode file and leave there.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return DatabaseInfo{}, err
	}
	defer db.Close()
	if err := integrityCheck(ctx, db); err != nil {
		return DatabaseInfo{}, err
	}
	var info DatabaseInfo
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&info.Schema); err != nil {
		return DatabaseInfo{}, fmt.Errorf("%w: no storefront schema (%v)", ErrBadBackup, err)
	}
	latest, err := latestMigration()
	if err != nil {
		return DatabaseInfo{}, err
	}
	if info.Schema > latest {
		return DatabaseInfo{}, fmt.Errorf("%w: made by a newer storefront (schema %d; this one knows up to %d)",
			ErrBadBackup, info.Schema, latest)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM orders`).Scan(&info.Orders); err != nil {
		return DatabaseInfo{}, fmt.Errorf("%w: no orders table (%v)", ErrBadBackup, err)
	}
	return info, nil
}

// integrityCheck runs PRAGMA integrity_check, which answers one row "ok"
// or up to a hundred rows of problems.
func integrityCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadBackup, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("%w: %v", ErrBadBackup, err)
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %v", ErrBadBackup, err)
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	if len(problems) > 3 {
		problems = append(problems[:3], "…")
	}
	return fmt.Errorf("%w: integrity check: %s", ErrBadBackup, strings.Join(problems, "; "))
}

// latestMigration is the newest schema version this binary has.
func latestMigration() (int, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return 0, err
	}
	latest := 0
	for _, name := range names {
		v, err := migrationVersion(name)
		if err != nil {
			return 0, err
		}
		latest = max(latest, v)
	}
	return latest, nil
}

// migrationVersion is the number a migration's file name starts with.
func migrationVersion(name string) (int, error) {
	base := strings.TrimPrefix(name, "migrations/")
	v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
	if err != nil {
		return 0, fmt.Errorf("migration %s: name must start with a number", base)
	}
	return v, nil
}

// syncFile flushes path to disk: VACUUM INTO leaves that to the OS, and a
// backup must survive the power cut it is for.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
