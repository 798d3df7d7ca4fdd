//go:build unix

package store

import (
	"os"
	"path/filepath"
	"syscall"
)

// ownLikeDatabase gives name, a file restore or the lock puts beside the
// database at path, the owner and group of that database (of its folder
// when there is none yet). README's commands run as root (systemctl needs
// it) for a shop whose service runs as a user of its own, which could not
// open a file root made for it: the shop would not start again.
// Only root can give a file away; anyone else makes files that are theirs.
func ownLikeDatabase(name, path string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		if fi, err = os.Stat(filepath.Dir(path)); err != nil {
			return err
		}
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st.Uid == 0 && st.Gid == 0 {
		return nil
	}
	return os.Chown(name, int(st.Uid), int(st.Gid))
}
