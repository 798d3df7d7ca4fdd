package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestScheduledBackupsKeepTheLastN(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	clock := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return clock }
	if err := s.SetSetting(ctx, SettingBackupKeep, "3"); err != nil {
		t.Fatal(err)
	}
	var names []string
	for range 5 {
		rec, err := s.TakeBackup(ctx, Actor{}, false)
		if err != nil {
			t.Fatal(err)
		}
		if !rec.Verified || rec.Size == 0 {
			t.Fatalf("backup = %+v, want verified", rec)
		}
		names = append(names, rec.Name)
		clock = clock.Add(24 * time.Hour)
	}
	list, err := s.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range list {
		if !b.Verified || !b.HasFile {
			t.Errorf("%s: verified %v, file %v", b.Name, b.Verified, b.HasFile)
		}
		got = append(got, b.Name)
	}
	if want := []string{names[4], names[3], names[2]}; !slices.Equal(got, want) {
		t.Errorf("backups = %v, want the newest three %v", got, want)
	}
	dir, _, _ := s.BackupDir(ctx)
	for _, old := range names[:2] {
		for _, f := range []string{old, old + ".json"} {
			if _, err := os.Stat(filepath.Join(dir, f)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s was kept, want it deleted", f)
			}
		}
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("backups folder mode = %v, %v; want 0700", info.Mode(), err)
	}
}

func TestBackupIfDue(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if h, err := s.BackupHealth(ctx); err != nil || h.NeedsAttention() {
		t.Errorf("a new shop's backup health = %+v, %v; want nothing missed", h, err)
	}
	if rec, _, _ := s.BackupIfDue(ctx); rec != nil {
		t.Errorf("a new shop took a backup before its first scheduled hour: %+v", rec)
	}
	// Tomorrow, 10:00 local time: 03:00 has passed with no backup. (Today's
	// 03:00 was not due: the shop did not exist yet.)
	now := time.Now()
	clock := time.Date(now.Year(), now.Month(), now.Day()+1, 10, 0, 0, 0, time.Local)
	s.Now = func() time.Time { return clock }

	h, err := s.BackupHealth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if wantMissed := time.Date(clock.Year(), clock.Month(), clock.Day(), 3, 0, 0, 0, time.Local); !h.Missed.Equal(wantMissed) || !h.NeedsAttention() {
		t.Errorf("missed = %v, want %v", h.Missed, wantMissed)
	}
	rec, _, err := s.BackupIfDue(ctx)
	if err != nil || rec == nil || !rec.Verified {
		t.Fatalf("due backup = %+v, %v; want one taken", rec, err)
	}
	if rec, _, _ := s.BackupIfDue(ctx); rec != nil {
		t.Errorf("second run took another backup: %+v", rec)
	}
	if h, _ := s.BackupHealth(ctx); h.NeedsAttention() || h.Latest == nil {
		t.Errorf("health after the backup = %+v", h)
	}
	if latest, ok, err := s.LatestBackup(ctx); !ok || err != nil || latest.Name != rec.Name {
		t.Errorf("latest = %+v, %v, %v; want %s", latest, ok, err, rec.Name)
	}

	// Tomorrow at 02:59 nothing is due; at 03:00 it is.
	clock = time.Date(clock.Year(), clock.Month(), clock.Day()+1, 2, 59, 0, 0, time.Local)
	if rec, _, _ := s.BackupIfDue(ctx); rec != nil {
		t.Errorf("backup before its hour: %+v", rec)
	}
	clock = clock.Add(time.Minute)
	if rec, _, err := s.BackupIfDue(ctx); rec == nil || err != nil {
		t.Errorf("backup at its hour = %+v, %v", rec, err)
	}

	// Switched off: nothing is due and nothing is missed.
	if err := s.SetSetting(ctx, SettingBackupEnabled, "0"); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(48 * time.Hour)
	if rec, _, _ := s.BackupIfDue(ctx); rec != nil {
		t.Errorf("backup while switched off: %+v", rec)
	}
	if h, _ := s.BackupHealth(ctx); h.NeedsAttention() {
		t.Errorf("health while switched off = %+v", h)
	}
}

// TestFailedBackupIsReported: a backup that cannot be written is reported
// until one succeeds, and the schedule waits an hour before trying again.
func TestFailedBackupIsReported(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	clock := time.Now().AddDate(0, 0, 2) // a scheduled backup is due
	s.Now = func() time.Time { return clock }
	dir, _, _ := s.BackupDir(ctx)
	if err := os.WriteFile(dir, []byte("a file where the folder should be"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TakeBackup(ctx, Actor{}, true); err == nil {
		t.Fatal("backup into a file succeeded")
	}
	h, err := s.BackupHealth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h.Failed == nil || h.Failed.Error == "" || !h.NeedsAttention() {
		t.Fatalf("health = %+v, want the failure", h)
	}
	if rec, _, _ := s.BackupIfDue(ctx); rec != nil {
		t.Errorf("retried at once: %+v", rec)
	}
	os.Remove(dir)
	clock = clock.Add(backupRetry)
	if rec, _, err := s.BackupIfDue(ctx); err != nil || rec == nil {
		t.Fatalf("retry an hour later = %+v, %v", rec, err)
	}
	if h, _ := s.BackupHealth(ctx); h.Failed != nil {
		t.Errorf("failure still reported after a good backup: %+v", h.Failed)
	}
}

func TestBackupFileOnlyServesBackups(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	rec, err := s.TakeBackup(ctx, Actor{}, true)
	if err != nil {
		t.Fatal(err)
	}
	owner := Actor{StaffID: 0, Email: "owner@example.com"}
	if p, err := s.BackupFile(ctx, owner, rec.Name); err != nil || filepath.Base(p) != rec.Name {
		t.Errorf("BackupFile(%s) = %q, %v", rec.Name, p, err)
	}
	for _, name := range []string{"", "../test.db", rec.Name + ".json", "test.db", "/etc/passwd"} {
		if _, err := s.BackupFile(ctx, owner, name); !errors.Is(err, ErrNotFound) {
			t.Errorf("BackupFile(%q) = %v, want ErrNotFound", name, err)
		}
	}
}
