package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestBackupWhileBuyersCheckOut: a backup taken while 16 buyers check out
// restores to a shop that has every order confirmed before the backup
// began, and passes SQLite's integrity check.
func TestBackupWhileBuyersCheckOut(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	if _, err := f.s.DB().Exec(`UPDATE variants SET stock = 1000000 WHERE id = ?`, f.big); err != nil {
		t.Fatal(err)
	}
	var (
		mu        sync.Mutex
		confirmed []string // order numbers, in the order PlaceOrder returned them
		stop      atomic.Bool
		wg        sync.WaitGroup
	)
	const buyers = 16
	for range buyers {
		wg.Go(func() {
			for !stop.Load() {
				ch, err := f.s.AddToCart(ctx, "", f.big, 1)
				if err != nil {
					t.Errorf("add to cart: %v", err)
					return
				}
				o, _, err := f.s.PlaceOrder(ctx, codCheckout(ch.Token, ship))
				if err != nil {
					t.Errorf("place order: %v", err)
					return
				}
				mu.Lock()
				confirmed = append(confirmed, o.Number)
				mu.Unlock()
			}
		})
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(confirmed) >= 3*buyers })

	mu.Lock()
	before := append([]string(nil), confirmed...)
	mu.Unlock()
	out := filepath.Join(t.TempDir(), "backup.db")
	rep, err := f.s.Backup(ctx, out, false)
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	t.Logf("backup of %d orders (%d bytes) in %v; %d confirmed before it, %d by the end",
		rep.Orders, rep.Size, rep.Duration, len(before), len(confirmed))
	mu.Unlock()
	if rep.Orders < int64(len(before)) || rep.Size == 0 {
		t.Errorf("report = %+v, want at least %d orders", rep, len(before))
	}

	path := filepath.Join(t.TempDir(), "restored.db")
	if _, err := Restore(ctx, path, out, time.Now()); err != nil {
		t.Fatal(err)
	}
	restored, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	var check string
	if err := restored.read.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	have := map[string]bool{}
	rows, err := restored.read.Query(`SELECT number FROM orders`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		have[n] = true
	}
	rows.Close()
	for _, n := range before {
		if !have[n] {
			t.Errorf("order %s, confirmed before the backup began, is not in the restored shop", n)
		}
	}
	if int64(len(have)) != rep.Orders {
		t.Errorf("restored shop has %d orders, the backup reported %d", len(have), rep.Orders)
	}
}

// codCheckout is a valid cash-on-delivery checkout of cart token.
func codCheckout(token string, shipping int64) CheckoutInput {
	in := checkoutFor(token, shipping)
	in.PaymentMethod = PayCOD
	return in
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if t.Failed() || time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	out := filepath.Join(dir, "shop.backup")
	if err := os.WriteFile(out, []byte("yesterday's backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(ctx, out, false); !errors.Is(err, ErrBackupExists) {
		t.Fatalf("backup over an existing file: %v, want ErrBackupExists", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "yesterday's backup" {
		t.Fatalf("the existing file was changed: %q", b)
	}
	rep, err := s.Backup(ctx, out, true)
	if err != nil {
		t.Fatalf("backup with overwrite: %v", err)
	}
	if _, err := CheckDatabaseFile(ctx, rep.Path); err != nil {
		t.Errorf("overwritten backup: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the backup (no partial copies left)", len(entries))
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := newTestStore(t)
	good := filepath.Join(dir, "good.db")
	if _, err := s.Backup(ctx, good, false); err != nil {
		t.Fatal(err)
	}
	goodBytes, _ := os.ReadFile(good)

	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sqliteFile := func(name, schema string) string {
		p := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", "file:"+p)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(schema); err != nil {
			t.Fatal(err)
		}
		return p
	}
	damaged := append([]byte(nil), goodBytes...)
	for i := 4096; i < len(damaged) && i < 4096*8; i++ {
		damaged[i] = 0xA5 // pages 2 to 8: btree pages become garbage
	}
	live := sqliteFile("live.db", `PRAGMA journal_mode=WAL; CREATE TABLE t (x)`)
	if err := os.WriteFile(live+"-wal", []byte("not yet checkpointed"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"not a database": write("notes.txt", []byte(strings.Repeat("hello ", 1000))),
		"empty":          write("empty.db", nil),
		"damaged":        write("damaged.db", damaged),
		"another app's":  sqliteFile("other.db", `CREATE TABLE notes (body TEXT)`),
		"newer":          sqliteFile("newer.db", `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER); INSERT INTO schema_migrations VALUES (9999, 0); CREATE TABLE orders (id INTEGER)`),
		"live":           live,
	}
	path := filepath.Join(dir, "shop.db")
	if err := os.WriteFile(path, []byte("the current shop"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, from := range cases {
		if _, err := Restore(ctx, path, from, time.Now()); !errors.Is(err, ErrBadBackup) {
			t.Errorf("%s: restore = %v, want ErrBadBackup", name, err)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != "the current shop" {
		t.Errorf("a refused restore changed the database")
	}
	if _, err := Restore(ctx, good, good, time.Now()); !errors.Is(err, ErrBadBackup) {
		t.Errorf("restore of a file onto itself = %v, want ErrBadBackup", err)
	}
}

func TestRestoreRefusesWhileServing(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	path, _ := s.Path(ctx)
	out := filepath.Join(t.TempDir(), "b.db")
	if _, err := s.Backup(ctx, out, false); err != nil {
		t.Fatal(err)
	}
	if DatabaseInUse(path) {
		t.Error("DatabaseInUse with no shop running")
	}
	release, err := LockDatabase(path) // what serve holds
	if err != nil {
		t.Fatal(err)
	}
	if !DatabaseInUse(path) {
		t.Error("DatabaseInUse is false while a shop holds the lock")
	}
	if _, err := LockDatabase(path); !errors.Is(err, ErrInUse) {
		t.Errorf("second serve's lock = %v, want ErrInUse", err)
	}
	if _, err := Restore(ctx, path, out, time.Now()); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore under a serve = %v, want ErrInUse", err)
	}
	if _, err := os.Stat(path + ".before-restore-" + time.Now().UTC().Format(backupTimeFormat)); err == nil {
		t.Error("a refused restore moved the database aside")
	}
	release()
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreMovesAsideAndDropsStaleWAL: a shop that stopped without a
// checkpoint leaves a -wal with its last orders. Restore must not let
// SQLite replay that log into the restored file, and must keep it with the
// old file, which then still opens with those orders.
func TestRestoreMovesAsideAndDropsStaleWAL(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	place := func() string {
		t.Helper()
		o, _, err := f.s.PlaceOrder(ctx, codCheckout(f.add(t, "", f.big, 1).Token, ship))
		if err != nil {
			t.Fatal(err)
		}
		return o.Number
	}
	inBackup := place()
	out := filepath.Join(t.TempDir(), "b.db")
	if _, err := f.s.Backup(ctx, out, false); err != nil {
		t.Fatal(err)
	}
	after := place()

	// The stopped shop's files, as a crash leaves them: copied while the
	// store is open, so the last order is only in the -wal.
	src, _ := f.s.Path(ctx)
	path := filepath.Join(t.TempDir(), "shop.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(src + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2025, 6, 1, 9, 30, 0, 0, time.UTC)
	rep, err := Restore(ctx, path, out, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := path + ".before-restore-20250601T093000Z"; rep.Aside != want {
		t.Errorf("aside = %q, want %q", rep.Aside, want)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still beside the restored database", suffix)
		}
	}
	if got := orderNumbers(t, path); !got[inBackup] || got[after] {
		t.Errorf("restored orders = %v, want %s and not %s", got, inBackup, after)
	}
	if got := orderNumbers(t, rep.Aside); !got[inBackup] || !got[after] {
		t.Errorf("orders of the file moved aside = %v, want both %s and %s", got, inBackup, after)
	}
}

// orderNumbers opens the shop at path and lists its orders.
func orderNumbers(t *testing.T, path string) map[string]bool {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var check string
	if err := s.read.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("%s: integrity_check = %q, %v", path, check, err)
	}
	rows, err := s.read.Query(`SELECT number FROM orders`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]bool{}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		got[n] = true
	}
	return got
}

// TestRestoreAcceptsAStoppedShop: a shop's own file, cleanly closed (still
// in WAL mode), restores, and checking it leaves nothing beside it.
func TestRestoreAcceptsAStoppedShop(t *testing.T) {
	ctx := context.Background()
	from := filepath.Join(t.TempDir(), "stopped.db")
	s, err := Open(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	path := filepath.Join(t.TempDir(), "shop.db")
	if _, err := Restore(ctx, path, from, time.Now()); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(from))
	if len(entries) != 1 {
		t.Errorf("checking the backup left %d files beside it, want none", len(entries)-1)
	}
}
