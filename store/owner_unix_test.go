//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestRestoreKeepsTheShopsOwner: restore and the lock, run as root as
// README's systemctl steps run them, leave the database and its lock the
// shop's user's, with the mode the database had; the shop's service,
// which runs as that user, could not open root's files and did not start.
func TestRestoreKeepsTheShopsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give files away")
	}
	ctx := context.Background()
	f := newCartFixture(t)
	out := filepath.Join(t.TempDir(), "b.db")
	if _, err := f.s.Backup(ctx, out, false); err != nil {
		t.Fatal(err)
	}
	const shopUser = 65534 // nobody
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, shopUser, shopUser); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, path, out, time.Now()); err != nil {
		t.Fatal(err)
	}
	for name, mode := range map[string]os.FileMode{path: 0o640, path + ".lock": 0o600} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		st := fi.Sys().(*syscall.Stat_t)
		if st.Uid != shopUser || st.Gid != shopUser || fi.Mode().Perm() != mode {
			t.Errorf("%s: owner %d:%d mode %v, want %d:%d %v", filepath.Base(name), st.Uid, st.Gid, fi.Mode().Perm(), shopUser, shopUser, mode)
		}
	}
}
