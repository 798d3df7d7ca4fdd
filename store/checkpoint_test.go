package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCheckpointerCopiesCommits checks that a commit reaches the database
// file itself, without the write-ahead log, soon after, though the log is
// far below the size at which the writer would copy it.
func TestCheckpointerCopiesCommits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('checkpoint_probe', 'copied')`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	inFile := func() string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		alone := filepath.Join(t.TempDir(), "alone.db") // no -wal beside it
		if err := os.WriteFile(alone, b, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", "file:"+alone+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var v string
		db.QueryRow(`SELECT value FROM settings WHERE key = 'checkpoint_probe'`).Scan(&v)
		return v
	}
	for deadline := time.Now().Add(5 * checkpointEvery); inFile() != "copied"; time.Sleep(checkpointEvery / 5) {
		if time.Now().After(deadline) {
			t.Fatal("the commit is still only in the write-ahead log")
		}
	}
}
