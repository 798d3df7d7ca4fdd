package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Audited backup actions and their entity (the backup's file name).
const (
	ActionBackupCreate   = "backup.create"
	ActionBackupDownload = "backup.download"
	EntityBackup         = "backup"
)

// BackupRecord is one backup in the backups folder: a verified copy of
// the database and, beside it, NAME.json with what its verification found.
// The folder, not the database, is the list, so that it stays true after
// a restore brings back an older database. A failed backup leaves no copy;
// its record (Error set) is kept in memory (BackupHealth).
type BackupRecord struct {
	Name     string        `json:"name"` // the copy's file name in the folder
	Started  time.Time     `json:"started"`
	Duration time.Duration `json:"duration"`
	Size     int64         `json:"size"`
	Orders   int64         `json:"orders"`
	Verified bool          `json:"verified"`
	Error    string        `json:"-"`      // why it failed
	Manual   bool          `json:"manual"` // started by staff, not the schedule
	// Path is where `storefront backup` wrote a copy outside the folder,
	// which keeps only its record (RecordBackup); "" for the folder's own.
	Path string `json:"path,omitempty"`
	// HasFile is set when the copy is in the folder.
	HasFile bool `json:"-"`
}

// backupTimeFormat names the copies: sortable, and the same in every time zone.
const backupTimeFormat = "20060102T150405Z"

// BackupDir is the folder for the scheduled backups: "backups" beside the
// database. Copies are named after the database file (prefix), so two
// shops in one folder keep their backups apart.
func (s *Store) BackupDir(ctx context.Context) (dir, prefix string, err error) {
	path, err := s.Path(ctx)
	if err != nil {
		return "", "", err
	}
	base := filepath.Base(path)
	return filepath.Join(filepath.Dir(path), "backups"), strings.TrimSuffix(base, filepath.Ext(base)) + "-", nil
}

// TakeBackup takes a verified backup into the backups folder, records what
// its verification found beside it, and deletes the verified backups beyond
// the schedule's Keep. A failure is kept for BackupHealth until a backup
// succeeds. actor is the staff member who asked (audited), or the zero
// Actor for the schedule.
func (s *Store) TakeBackup(ctx context.Context, actor Actor, manual bool) (BackupRecord, error) {
	started := s.Now().UTC().Truncate(time.Second)
	rec, err := s.takeBackup(ctx, started, manual)
	if errors.Is(err, ErrBackupExists) {
		return rec, err // one was taken this very second: that one stands
	}
	if err != nil {
		rec.Verified, rec.HasFile, rec.Error = false, false, err.Error()
		s.backupFailure.Store(&rec)
		return rec, err
	}
	s.backupFailure.Store(nil)
	if actor.StaffID != 0 {
		if err := s.auditBackup(ctx, actor, ActionBackupCreate, rec.Name); err != nil {
			return rec, err
		}
	}
	sched, err := s.BackupSchedule(ctx)
	if err != nil {
		return rec, err
	}
	return rec, s.pruneBackups(ctx, sched.Keep)
}

func (s *Store) takeBackup(ctx context.Context, started time.Time, manual bool) (BackupRecord, error) {
	rec := BackupRecord{Started: started, Manual: manual}
	dir, err := s.backupSlot(ctx, &rec)
	if err != nil {
		return rec, err
	}
	rep, err := s.Backup(ctx, filepath.Join(dir, rec.Name), false)
	if err != nil {
		return rec, err
	}
	rec.Duration, rec.Size, rec.Orders, rec.Verified, rec.HasFile = rep.Duration, rep.Size, rep.Orders, true, true
	return rec, writeBackupRecord(dir, rec)
}

// backupSlot names rec after its start in the backups folder, which it
// makes if need be, and returns the folder.
func (s *Store) backupSlot(ctx context.Context, rec *BackupRecord) (string, error) {
	dir, prefix, err := s.BackupDir(ctx)
	if err != nil {
		return "", err
	}
	rec.Name = prefix + rec.Started.Format(backupTimeFormat) + ".db"
	// The copies hold every customer's address and every password hash.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup folder: %w", err)
	}
	return dir, nil
}

// writeBackupRecord writes rec beside its copy in the folder dir, as
// NAME.json, whole or not at all.
func writeBackupRecord(dir string, rec BackupRecord) error {
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, "."+rec.Name+".json.partial")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("backup record: %w", err)
	}
	return os.Rename(tmp, filepath.Join(dir, rec.Name+".json"))
}

// RecordBackup lists a verified copy that `storefront backup` wrote to
// rep.Path, wherever that is, in the backups folder as "Back up now" lists
// its own, so that the admin home and the setup guide count it. A backup
// already recorded in that second stands (ErrBackupExists).
func (s *Store) RecordBackup(ctx context.Context, rep BackupReport) (BackupRecord, error) {
	path, err := filepath.Abs(rep.Path)
	if err != nil {
		return BackupRecord{}, err
	}
	started := s.Now().Add(-rep.Duration).UTC().Truncate(time.Second)
	rec := BackupRecord{Started: started, Duration: rep.Duration, Size: rep.Size, Orders: rep.Orders,
		Verified: true, Manual: true, Path: path, HasFile: true}
	dir, err := s.backupSlot(ctx, &rec)
	if err != nil {
		return rec, err
	}
	if _, err := os.Lstat(filepath.Join(dir, rec.Name+".json")); err == nil {
		return rec, ErrBackupExists
	}
	return rec, writeBackupRecord(dir, rec)
}

// Backups lists the backups folder, newest first. A copy without a
// record (one copied in by hand, or cut short before its record was
// written) is listed unverified.
func (s *Store) Backups(ctx context.Context) ([]BackupRecord, error) {
	dir, prefix, err := s.BackupDir(ctx)
	if err != nil {
		return nil, err
	}
	// No folder yet, or something else in its place (TakeBackup reports
	// that when it fails): no backups.
	if info, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) || (err == nil && !info.IsDir()) {
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("backups: %w", err)
	}
	byName := map[string]*BackupRecord{}
	files := map[string]os.FileInfo{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.Type().IsRegular() {
			continue
		}
		switch {
		case strings.HasSuffix(name, ".db.json"):
			var rec BackupRecord
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || json.Unmarshal(b, &rec) != nil || rec.Name != strings.TrimSuffix(name, ".json") {
				continue // not ours, or torn: the copy, if any, shows unverified
			}
			byName[rec.Name] = &rec
		case strings.HasSuffix(name, ".db"):
			if info, err := e.Info(); err == nil {
				files[name] = info
			}
		}
	}
	for name, info := range files {
		if _, ok := byName[name]; !ok {
			byName[name] = &BackupRecord{Name: name, Started: info.ModTime().UTC(), Size: info.Size()}
		}
	}
	list := make([]BackupRecord, 0, len(byName))
	for name, rec := range byName {
		_, rec.HasFile = files[name]
		if rec.Path != "" { // the command line's copy, elsewhere
			info, err := os.Stat(rec.Path)
			rec.HasFile = err == nil && info.Mode().IsRegular()
		}
		list = append(list, *rec)
	}
	slices.SortFunc(list, func(a, b BackupRecord) int {
		return cmp.Or(b.Started.Compare(a.Started), strings.Compare(b.Name, a.Name))
	})
	return list, nil
}

// LatestBackup is the newest verified backup in the backups folder; ok is
// false when there is none (the setup guide's last step).
func (s *Store) LatestBackup(ctx context.Context) (rec BackupRecord, ok bool, err error) {
	list, err := s.Backups(ctx)
	if err != nil {
		return BackupRecord{}, false, err
	}
	for _, b := range list {
		if b.Verified && b.HasFile {
			return b, true, nil
		}
	}
	return BackupRecord{}, false, nil
}

// pruneBackups keeps the newest keep verified backups and deletes older
// ones, with the records of failures older than the oldest one kept.
// Until keep verified backups exist, nothing is deleted.
func (s *Store) pruneBackups(ctx context.Context, keep int) error {
	dir, _, err := s.BackupDir(ctx)
	if err != nil {
		return err
	}
	list, err := s.Backups(ctx)
	if err != nil {
		return err
	}
	kept := 0
	for _, b := range list {
		if kept < keep {
			if b.Verified && b.HasFile {
				kept++
			}
			continue
		}
		for _, name := range []string{b.Name, b.Name + ".json"} {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("delete old backup: %w", err)
			}
		}
	}
	return nil
}

// BackupFile is the path of the backup called name, for staff member
// actor to download; the download is audited. A name that is not a copy
// in the backups folder is ErrNotFound.
func (s *Store) BackupFile(ctx context.Context, actor Actor, name string) (string, error) {
	list, err := s.Backups(ctx)
	if err != nil {
		return "", err
	}
	i := slices.IndexFunc(list, func(b BackupRecord) bool { return b.Name == name && b.HasFile })
	if i < 0 {
		return "", fmt.Errorf("backup %q: %w", name, ErrNotFound)
	}
	dir, _, err := s.BackupDir(ctx)
	if err != nil {
		return "", err
	}
	if err := s.auditBackup(ctx, actor, ActionBackupDownload, name); err != nil {
		return "", err
	}
	if list[i].Path != "" {
		return list[i].Path, nil
	}
	return filepath.Join(dir, list[i].Name), nil
}

// auditBackup records that actor took or downloaded a backup: a copy of
// every customer's data leaving the shop should leave a trace.
func (s *Store) auditBackup(ctx context.Context, actor Actor, action, name string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: action, Entity: EntityBackup, EntityID: name})
	})
}
