package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"storefront/i18n"
	"storefront/store"
)

// cmdBackup is `storefront backup --db PATH --out FILE [--force]`: a
// verified copy of the shop's database, taken while the shop serves.
func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", envDefault(getenv, "STOREFRONT_DB", "storefront.db"), "SQLite database file (STOREFRONT_DB)")
	out := fs.String("out", "", "file to write the backup to")
	force := fs.Bool("force", false, "replace FILE if it exists (only once the new backup has passed its checks)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return errors.New("usage: storefront backup --db PATH --out FILE [--force]")
	}
	if err := requireFile(*db); err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.Backup(ctx, *out, *force)
	if errors.Is(err, store.ErrBackupExists) {
		return fmt.Errorf("%s already exists; pass --force to replace it", *out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s: %s, %d orders, integrity ok, in %s\n",
		*db, rep.Path, i18n.ByteSize(rep.Size), rep.Orders, rep.Duration.Round(time.Millisecond))
	// The admin lists it with its own backups; the backup is good even if
	// it cannot be listed.
	if _, err := st.RecordBackup(ctx, rep); err != nil && !errors.Is(err, store.ErrBackupExists) {
		fmt.Fprintf(stderr, "The admin will not list this backup: %v\n", err)
	}
	return nil
}

// cmdRestore is `storefront restore --db PATH --from FILE`: puts a backup
// in place of a stopped shop's database, keeping the old one aside.
func cmdRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", envDefault(getenv, "STOREFRONT_DB", "storefront.db"), "SQLite database file to replace (STOREFRONT_DB)")
	from := fs.String("from", "", "the backup to restore")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" || fs.NArg() > 0 {
		return errors.New("usage: storefront restore --db PATH --from FILE")
	}
	rep, err := store.Restore(ctx, *db, *from, time.Now())
	switch {
	case errors.Is(err, store.ErrInUse):
		return fmt.Errorf("a storefront serve is running on %s: stop it first, then restore", *db)
	case errors.Is(err, store.ErrBadBackup):
		return fmt.Errorf("refusing to restore: %w", err)
	case err != nil:
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s (%d orders).\n", *db, *from, rep.Orders)
	if rep.Aside != "" {
		fmt.Fprintf(stdout, "The previous database is kept at %s; delete it once the shop runs well.\n", rep.Aside)
	}
	fmt.Fprintf(stdout, "Start the shop again: storefront serve --db %s\n", *db)
	return nil
}

// requireFile refuses a database path that does not exist, which
// store.Open would otherwise create as a new, empty shop.
func requireFile(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	}
	return nil
}
