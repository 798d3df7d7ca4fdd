package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// runCmd runs the program with args as a shell would, without environment.
func runCmd(args ...string) (string, error) {
	var out strings.Builder
	err := run(context.Background(), args, func(string) string { return "" }, &out, &out)
	return out.String(), err
}

// TestBackupAndRestoreCommands: back up a shop with orders, refuse to
// overwrite the backup unless forced, and restore it in place of a shop,
// refusing while a serve runs on that shop.
func TestBackupAndRestoreCommands(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayCOD, "en")
	db, err := shop.Store.Path(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "shop-backup.db")

	msg, err := runCmd("backup", "--db", db, "--out", out)
	if err != nil || !strings.Contains(msg, "integrity ok") || !strings.Contains(msg, itoa(int64(len(orders)))+" orders") {
		t.Fatalf("backup: %v\n%s", err, msg)
	}
	if msg, err := runCmd("backup", "--db", db, "--out", out); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("second backup to the same file: %v\n%s", err, msg)
	}
	if msg, err := runCmd("backup", "--db", db, "--out", out, "--force"); err != nil {
		t.Errorf("backup --force: %v\n%s", err, msg)
	}
	if _, err := runCmd("backup", "--db", filepath.Join(t.TempDir(), "typo.db"), "--out", out+"2"); err == nil {
		t.Error("backup of a database that does not exist succeeded (and created an empty shop)")
	}

	// Another shop, running: restore must wait for it to stop.
	target := filepath.Join(t.TempDir(), "live.db")
	stop := startServe(t, target)
	if msg, err := runCmd("restore", "--db", target, "--from", out); err == nil || !strings.Contains(err.Error(), "stop it first") {
		t.Errorf("restore under a running serve: %v\n%s", err, msg)
	}
	stop()
	msg, err = runCmd("restore", "--db", target, "--from", out)
	if err != nil || !strings.Contains(msg, "before-restore-") {
		t.Fatalf("restore: %v\n%s", err, msg)
	}
	st, err := store.Open(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.OrderByNumber(context.Background(), orders[0].Number); err != nil || got.Number != orders[0].Number {
		t.Errorf("restored shop lacks order %s: %v", orders[0].Number, err)
	}

	if _, err := runCmd("restore", "--db", target, "--from", db+"-nope"); err == nil {
		t.Error("restore from a missing file succeeded")
	}
}

// startServe runs `storefront serve` on db until the returned stop is
// called, and waits for it to answer.
func startServe(t *testing.T, db string) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}, func(string) string { return "" }, pw, io.Discard)
		pw.Close()
	}()
	base := ""
	sc := bufio.NewScanner(pr)
	for base == "" && sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), "open at "); ok {
			base, _, _ = strings.Cut(after, " ")
		}
	}
	go io.Copy(io.Discard, pr)
	if base == "" {
		t.Fatalf("serve printed no address; err = %v", <-done)
	}
	// It answers once it has finished starting.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("serve does not answer")
		}
	}
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop")
		}
	}
	t.Cleanup(stop)
	return stop
}

// TestSecondServeRefused: two shops on one database would each believe
// they are its only writer's queue; the second is refused.
func TestSecondServeRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	startServe(t, db)
	_, err := runCmd("serve", "--addr", "127.0.0.1:0", "--db", db)
	if err == nil || !strings.Contains(err.Error(), "another storefront is running") {
		t.Errorf("second serve = %v", err)
	}
}

// TestServeStartsPastAnImportsCheck: an import that checks whether a shop
// is running holds the database's lock for an instant; a shop started in
// that instant waits it out instead of refusing to start.
func TestServeStartsPastAnImportsCheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	release, err := store.LockDatabase(db)
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(200*time.Millisecond, release)
	startServe(t, db) // fails the test if serve does not start
}

// TestBackupJob: the job takes the day's backup when its hour has passed.
func TestBackupJob(t *testing.T) {
	shop := webtest.New(t)
	shop.Clock.Advance(48 * time.Hour) // a day's backup is due
	stop := startJobs(context.Background(), shop.Store, discardLog(), shop.Emails, shop.Payments)
	defer stop()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, ok, _ := shop.Store.LatestBackup(context.Background()); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no backup was taken")
		}
		time.Sleep(10 * time.Millisecond)
	}
	dir, _, _ := shop.Store.BackupDir(context.Background())
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 { // the copy and its record
		t.Errorf("backups folder holds %d files, want 2", len(entries))
	}
}

// TestCommandLineBackupCounts: a backup taken with `storefront backup`,
// as README shows, is the admin home's latest backup, ticks the setup
// guide's backup step, and downloads from the backups page, which lists
// it without ever deleting the file it was written to.
func TestCommandLineBackupCounts(t *testing.T) {
	shop, _, _ := webtest.NewWithOrders(t, store.PayCOD, "en")
	db, err := shop.Store.Path(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)
	home := shop.Get("/admin").Doc(t)
	if got := home.Find(`[data-step="backup"]`).AttrOr("data-done", ""); got != "false" {
		t.Fatalf("before any backup the step is done=%q", got)
	}
	out := filepath.Join(t.TempDir(), "before.db")
	if msg, err := runCmd("backup", "--db", db, "--out", out); err != nil {
		t.Fatalf("backup: %v\n%s", err, msg)
	}
	home = shop.Get("/admin").Doc(t)
	latest := home.Find("[data-backup-latest]").AttrOr("data-backup-latest", "")
	if got := home.Find(`[data-step="backup"]`).AttrOr("data-done", ""); got != "true" || latest == "" {
		t.Fatalf("after the command's backup: step done=%q, latest backup %q", got, latest)
	}
	dl := shop.Get("/admin/settings/backups/" + latest)
	want, _ := os.ReadFile(out)
	if dl.Status != http.StatusOK || dl.Body != string(want) {
		t.Errorf("download of %s = %d, %d bytes; want the %d of %s", latest, dl.Status, len(dl.Body), len(want), out)
	}
}
