package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"storefront/store"
	"storefront/store/demo"
)

// demoOwnerEmail is the owner account `storefront demo` creates.
const demoOwnerEmail = "owner@example.com"

// seedDemo fills an empty demo shop with the demo catalog and past orders,
// grows the catalog to products when asked, and gives the shop an owner
// whose fresh password it returns for printing.
func seedDemo(ctx context.Context, st *store.Store, products int, stdout io.Writer) (password string, err error) {
	page, err := st.Products(ctx, store.ProductQuery{PerPage: 1})
	if err != nil {
		return "", err
	}
	if page.Total == 0 {
		start := time.Now()
		if err := demo.Seed(ctx, st); err != nil {
			return "", fmt.Errorf("seed demo: %w", err)
		}
		fmt.Fprintf(stdout, "Seeded the demo shop in %s.\n", time.Since(start).Round(time.Millisecond))
	}
	if products > 0 {
		start := time.Now()
		if err := demo.Grow(ctx, st, products); err != nil {
			return "", fmt.Errorf("grow demo: %w", err)
		}
		fmt.Fprintf(stdout, "Grew the catalog to %s products in %s.\n", strconv.Itoa(products), time.Since(start).Round(time.Millisecond))
	}
	if password, err = ensureDemoOwner(ctx, st); err != nil {
		return "", fmt.Errorf("demo owner: %w", err)
	}
	return password, nil
}

// ensureDemoOwner gives the demo shop an owner with a fresh random
// password and returns the password to print. On a reused demo database
// the existing demo owner gets the new password; if other staff own the
// shop, nothing is changed and "" is returned.
func ensureDemoOwner(ctx context.Context, st *store.Store) (string, error) {
	password := rand.Text()
	_, err := st.CreateOwnerIfNone(ctx, store.Actor{}, store.StaffInput{
		Email: demoOwnerEmail, Name: "Demo Owner", Password: password})
	if !errors.Is(err, store.ErrConflict) {
		return password, err
	}
	owner, err := st.StaffByEmail(ctx, demoOwnerEmail)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return password, st.SetStaffPassword(ctx, store.Actor{}, owner.ID, password)
}
