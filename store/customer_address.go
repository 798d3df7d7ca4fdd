package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode/utf8"
)

// CustomerAddress is one entry of a customer's address book.
type CustomerAddress struct {
	ID           int64  `json:"-"`
	Name         string `json:"name"`
	Phone        string `json:"phone,omitempty"`
	AddressLine1 string `json:"address_line1"`
	AddressLine2 string `json:"address_line2,omitempty"`
	City         string `json:"city"`
	Region       string `json:"region,omitempty"`
	PostalCode   string `json:"postal_code"`
	Country      string `json:"country"`
	IsDefault    bool   `json:"default"`
}

// MaxCustomerAddresses bounds an address book.
const MaxCustomerAddresses = 20

// Validate tidies the fields in place and checks them, with the
// checkout's field names and messages.
func (a *CustomerAddress) Validate() error {
	v := &ValidationError{}
	for _, f := range []struct {
		name     string
		value    *string
		required bool
	}{
		{"name", &a.Name, true}, {"phone", &a.Phone, false}, {"address_line1", &a.AddressLine1, true},
		{"address_line2", &a.AddressLine2, false}, {"city", &a.City, true}, {"region", &a.Region, false},
		{"postal_code", &a.PostalCode, false}, {"country", &a.Country, true},
	} {
		*f.value = TrimText(*f.value)
		switch {
		case *f.value == "" && f.required:
			v.Add(f.name, "checkout.error.required")
		case utf8.RuneCountInString(*f.value) > maxCheckoutField:
			v.Add(f.name, "checkout.error.too_long")
		}
	}
	if a.Country != "" && !IsCountry(a.Country) {
		v.Add("country", "checkout.error.required")
	}
	a.PostalCode = tidyPostalCode(a.PostalCode)
	if msg := postalCodeProblem(a.Country, a.PostalCode); msg != "" {
		v.Add("postal_code", msg)
	}
	return v.Err()
}

// CustomerAddresses lists the address book, the default first.
func (s *Store) CustomerAddresses(ctx context.Context, customerID int64) ([]CustomerAddress, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+addressColumns+` FROM customer_addresses
		WHERE customer_id = ? ORDER BY is_default DESC, id`, customerID)
	if err != nil {
		return nil, fmt.Errorf("customer addresses: %w", err)
	}
	defer rows.Close()
	out := []CustomerAddress{}
	for rows.Next() {
		a, err := scanAddress(rows)
		if err != nil {
			return nil, fmt.Errorf("customer addresses: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// CustomerAddressByID returns one address of the customer's book; another
// customer's is ErrNotFound.
func (s *Store) CustomerAddressByID(ctx context.Context, customerID, id int64) (CustomerAddress, error) {
	a, err := scanAddress(s.read.QueryRowContext(ctx, `SELECT `+addressColumns+` FROM customer_addresses
		WHERE id = ? AND customer_id = ?`, id, customerID))
	if err != nil {
		return a, fmt.Errorf("customer address %d: %w", id, notFound(err))
	}
	return a, nil
}

// SaveCustomerAddress adds a (id 0) or replaces an address of the book.
// The first address is the default; one marked default takes over.
func (s *Store) SaveCustomerAddress(ctx context.Context, customerID int64, a CustomerAddress) (CustomerAddress, error) {
	if err := a.Validate(); err != nil {
		return a, err
	}
	now := s.Now().Unix()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM customer_addresses WHERE customer_id = ?`,
			customerID).Scan(&n); err != nil {
			return err
		}
		if a.ID == 0 && n >= MaxCustomerAddresses {
			return &ValidationError{Fields: map[string]string{"address_line1": "account.error.address_book_full"}}
		}
		a.IsDefault = a.IsDefault || n == 0
		if a.IsDefault {
			if _, err := tx.ExecContext(ctx, `UPDATE customer_addresses SET is_default = 0 WHERE customer_id = ?`,
				customerID); err != nil {
				return err
			}
		}
		if a.ID == 0 {
			return tx.QueryRowContext(ctx, `INSERT INTO customer_addresses (customer_id, name, phone, address_line1,
				address_line2, city, region, postal_code, country, is_default, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, customerID, a.Name, a.Phone, a.AddressLine1,
				a.AddressLine2, a.City, a.Region, a.PostalCode, a.Country, a.IsDefault, now, now).Scan(&a.ID)
		}
		res, err := tx.ExecContext(ctx, `UPDATE customer_addresses SET name = ?, phone = ?, address_line1 = ?,
			address_line2 = ?, city = ?, region = ?, postal_code = ?, country = ?, is_default = max(is_default, ?),
			updated_at = ? WHERE id = ? AND customer_id = ?`, a.Name, a.Phone, a.AddressLine1, a.AddressLine2, a.City,
			a.Region, a.PostalCode, a.Country, a.IsDefault, now, a.ID, customerID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return a, fmt.Errorf("save address: %w", err)
	}
	return a, nil
}

// DeleteCustomerAddress removes an address from the book; when it was the
// default, the oldest remaining one becomes the default.
func (s *Store) DeleteCustomerAddress(ctx context.Context, customerID, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM customer_addresses WHERE id = ? AND customer_id = ?`, id, customerID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return ErrNotFound
		}
		_, err = tx.ExecContext(ctx, `UPDATE customer_addresses SET is_default = 1
			WHERE id = (SELECT min(id) FROM customer_addresses WHERE customer_id = ?1)
			AND NOT EXISTS (SELECT 1 FROM customer_addresses WHERE customer_id = ?1 AND is_default = 1)`, customerID)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete address %d: %w", id, err)
	}
	return nil
}

const addressColumns = `id, name, phone, address_line1, address_line2, city, region, postal_code, country, is_default`

func scanAddress(row rowScanner) (CustomerAddress, error) {
	var a CustomerAddress
	err := row.Scan(&a.ID, &a.Name, &a.Phone, &a.AddressLine1, &a.AddressLine2, &a.City, &a.Region,
		&a.PostalCode, &a.Country, &a.IsDefault)
	return a, err
}

// CustomerCheckoutAddress is what the checkout form starts with for a
// signed-in customer: their email, and their default address (or just
// their name when the book is empty).
func (s *Store) CustomerCheckoutAddress(ctx context.Context, c *Customer) (Address, error) {
	out := Address{Email: c.Email, Name: c.Name}
	a, err := scanAddress(s.read.QueryRowContext(ctx, `SELECT `+addressColumns+` FROM customer_addresses
		WHERE customer_id = ? AND is_default = 1`, c.ID))
	if err != nil {
		if err = notFound(err); errors.Is(err, ErrNotFound) {
			return out, nil
		}
		return out, fmt.Errorf("checkout address: %w", err)
	}
	out.Name, out.Phone, out.AddressLine1, out.AddressLine2 = a.Name, a.Phone, a.AddressLine1, a.AddressLine2
	out.City, out.Region, out.PostalCode, out.Country = a.City, a.Region, a.PostalCode, a.Country
	return out, nil
}
