package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"storefront/i18n"
	"storefront/store"
)

const adminUsage = "usage: storefront admin create --email E --password P [--name N] [--role owner|manager|support] [--db PATH]"

// cmdAdmin runs `storefront admin ...`, the shell's way into the admin:
// creating the first owner on a headless server, or another account when
// every owner is locked out.
func cmdAdmin(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(stderr, adminUsage)
		return errors.New("admin: unknown or missing subcommand")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", envDefault(getenv, "STOREFRONT_DB", "storefront.db"), "SQLite database file (STOREFRONT_DB)")
	email := fs.String("email", "", "the account's email address")
	password := fs.String("password", getenv("STOREFRONT_ADMIN_PASSWORD"),
		"at least 10 characters (STOREFRONT_ADMIN_PASSWORD, which keeps it out of the shell history)")
	name := fs.String("name", "", "the person's name")
	role := fs.String("role", store.RoleOwner, "owner, manager or support")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), adminUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("admin create: unexpected argument %q\n%s", fs.Arg(0), adminUsage)
	}
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	staff, err := createAccount(ctx, st, store.StaffInput{Email: *email, Name: *name, Password: *password, Role: *role})
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		return fmt.Errorf("admin create: %s", describeValidation(verr))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s account %s (database %s). Sign in at /admin/login.\n", staff.Role, staff.Email, *dbPath)
	return nil
}

// createAccount creates in. The shop's first owner opens the shop as the
// setup page does (store.CreateOwnerIfNone: default shipping methods,
// offline payment), so that it can sell at once; any later account is
// just an account.
func createAccount(ctx context.Context, st *store.Store, in store.StaffInput) (*store.Staff, error) {
	if in.Role == store.RoleOwner {
		staff, err := st.CreateOwnerIfNone(ctx, store.Actor{}, in)
		if !errors.Is(err, store.ErrConflict) {
			return staff, err
		}
	}
	return st.CreateStaff(ctx, store.Actor{}, in)
}

// describeValidation spells out a validation error in English for the shell.
func describeValidation(verr *store.ValidationError) string {
	fields := make([]string, 0, len(verr.Fields))
	for f := range verr.Fields {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = "--" + f + ": " + i18n.TL("en", verr.Fields[f])
	}
	return strings.Join(parts, "; ")
}
