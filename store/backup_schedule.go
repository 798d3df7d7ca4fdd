package store

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"time"
)

// SectionBackups is the backup schedule's form (the admin's backups page).
const SectionBackups = "backups"

// The backup schedule's settings keys; their defaults are in settingSpecs:
// on, every day at 03:00 server time (a quiet hour for most shops), and
// keep the last 14 verified backups (two weeks to notice a mistake).
const (
	SettingBackupEnabled = "backup_enabled"
	SettingBackupHour    = "backup_hour"
	SettingBackupKeep    = "backup_keep"
)

// Limits of the backup schedule.
const (
	MinBackupKeep = 1
	MaxBackupKeep = 365
)

// backupRetry is how long a failed scheduled backup waits before the next
// try of the same day, so a full disk is not hammered every minute.
const backupRetry = time.Hour

// backupGrace is how long after its hour a day's backup may still be on
// its way before the admin home calls it missed.
const backupGrace = time.Hour

// BackupSettings is the backup schedule as the owner sets it.
type BackupSettings struct {
	Enabled bool
	Hour    int // of the day, 0–23, server time
	Keep    int // verified backups kept; older ones are deleted
}

func (in *BackupSettings) Section() string { return SectionBackups }

func (in *BackupSettings) fields() map[string]string {
	return map[string]string{
		SettingBackupEnabled: boolSetting(in.Enabled),
		SettingBackupHour:    strconv.Itoa(in.Hour),
		SettingBackupKeep:    strconv.Itoa(in.Keep),
	}
}

func (in *BackupSettings) Validate() error {
	v := &ValidationError{}
	validateFields(v, in.fields())
	return v.Err()
}

func (in *BackupSettings) apply(m map[string]string) { maps.Copy(m, in.fields()) }

// BackupSchedule returns the backup schedule's settings.
func (s *Store) BackupSchedule(ctx context.Context) (BackupSettings, error) {
	snap, err := s.settingsSnapshot(ctx)
	if err != nil {
		return BackupSettings{}, err
	}
	hour, _ := strconv.Atoi(snap.values[SettingBackupHour])
	keep, _ := strconv.Atoi(snap.values[SettingBackupKeep])
	return BackupSettings{Enabled: snap.values[SettingBackupEnabled] == "1", Hour: hour, Keep: keep}, nil
}

// lastDue is the latest scheduled time at or before now: today at Hour,
// or yesterday at Hour while today's is still ahead. Hours are the
// server's local time, as the owner reads the clock on the backups page.
func (in BackupSettings) lastDue(now time.Time) time.Time {
	now = now.Local()
	due := time.Date(now.Year(), now.Month(), now.Day(), in.Hour, 0, 0, 0, time.Local)
	if due.After(now) {
		due = due.AddDate(0, 0, -1)
	}
	return due
}

// BackupHealth is what the admin home says about backups.
type BackupHealth struct {
	Enabled bool
	// Latest is the newest verified backup, nil when there is none.
	Latest *BackupRecord
	// Failed is the last backup this process tried, when it failed (none
	// has passed since).
	Failed *BackupRecord
	// Missed is the scheduled time that passed, more than an hour ago,
	// without a verified backup since; zero when none did.
	Missed time.Time
}

// NeedsAttention reports whether the owner should look at the backups.
func (h BackupHealth) NeedsAttention() bool { return h.Failed != nil || !h.Missed.IsZero() }

// BackupHealth reports the newest backups and whether the schedule is
// behind.
func (s *Store) BackupHealth(ctx context.Context) (BackupHealth, error) {
	sched, err := s.BackupSchedule(ctx)
	if err != nil {
		return BackupHealth{}, err
	}
	list, err := s.Backups(ctx)
	if err != nil {
		return BackupHealth{}, err
	}
	h := BackupHealth{Enabled: sched.Enabled, Failed: s.backupFailure.Load()}
	for i := range list {
		if list[i].Verified && list[i].HasFile {
			h.Latest = &list[i]
			break
		}
	}
	now := s.Now()
	due, err := s.backupDue(ctx, sched, now)
	if err != nil {
		return BackupHealth{}, err
	}
	if !due.IsZero() && now.Sub(due) > backupGrace && (h.Latest == nil || h.Latest.Started.Before(due)) {
		h.Missed = due
	}
	return h, nil
}

// backupDue is the scheduled time that the newest backup should be from,
// or zero when none is: the schedule is off, or the shop was created after
// that time (a new shop's first backup is the next day's).
func (s *Store) backupDue(ctx context.Context, sched BackupSettings, now time.Time) (time.Time, error) {
	if !sched.Enabled {
		return time.Time{}, nil
	}
	var created int64
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(min(applied_at), 0) FROM schema_migrations`).Scan(&created); err != nil {
		return time.Time{}, fmt.Errorf("backup due: %w", err)
	}
	due := sched.lastDue(now)
	if time.Unix(created, 0).After(due) {
		return time.Time{}, nil
	}
	return due, nil
}

// BackupIfDue takes the scheduled backup when one is due: the day's hour
// has passed (or passed while the shop was stopped) with no verified
// backup since, and no backup failed in the last hour. It returns the
// backup it took (nil when none was due) and, when that failed, why; due
// is the scheduled time it was for.
func (s *Store) BackupIfDue(ctx context.Context) (rec *BackupRecord, due time.Time, err error) {
	sched, err := s.BackupSchedule(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	now := s.Now()
	if due, err = s.backupDue(ctx, sched, now); err != nil || due.IsZero() {
		return nil, due, err
	}
	latest, ok, err := s.LatestBackup(ctx)
	if err != nil {
		return nil, due, err
	}
	if ok && !latest.Started.Before(due) {
		return nil, due, nil
	}
	if f := s.backupFailure.Load(); f != nil && now.Sub(f.Started) < backupRetry {
		return nil, due, nil
	}
	r, err := s.TakeBackup(ctx, Actor{}, false)
	return &r, due, err
}
