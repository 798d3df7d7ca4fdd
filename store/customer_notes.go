package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of the owner's notes and tags on an account.
const (
	customerNotesMax = 5000 // characters
	customerTagMax   = 40   // characters a tag
	customerTagsMax  = 20   // tags an account
)

// ParseTags reads tags as the owner types them: separated by commas
// (English or Chinese), trimmed, each once whatever its letter case, in
// the order typed.
func ParseTags(s string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		t = TrimText(t)
		if t != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, t) }) {
			out = append(out, t)
		}
	}
	return out
}

// SaveCustomerNotes replaces the owner's notes and tags (as typed, see
// ParseTags) on an account; a deleted or unknown one is ErrNotFound.
func (s *Store) SaveCustomerNotes(ctx context.Context, actor Actor, customerID int64, notes, tags string) error {
	notes = strings.TrimSpace(TrimText(notes))
	list := ParseTags(tags)
	v := &ValidationError{}
	if utf8.RuneCountInString(notes) > customerNotesMax {
		v.Add("notes", "admin.customer.error.notes_long")
	}
	if len(list) > customerTagsMax {
		v.Add("tags", "admin.customer.error.tags_many")
	}
	for _, t := range list {
		if utf8.RuneCountInString(t) > customerTagMax {
			v.Add("tags", "admin.customer.error.tag_long")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		beforeNotes, beforeTags, err := customerNotes(ctx, tx.QueryContext, customerID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE customers SET notes = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
			notes, s.Now().Unix(), customerID)
		if err != nil {
			return fmt.Errorf("customer notes: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM customer_tags WHERE customer_id = ?`, customerID); err != nil {
			return fmt.Errorf("customer tags: %w", err)
		}
		for _, t := range list {
			if _, err := tx.ExecContext(ctx, `INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)`, customerID, t); err != nil {
				return fmt.Errorf("customer tags: %w", err)
			}
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "customer.notes", Entity: "customer",
			EntityID: fmt.Sprint(customerID), Before: map[string]any{"notes": beforeNotes, "tags": beforeTags},
			After: map[string]any{"notes": notes, "tags": list}})
	})
}

// customerNotes reads an account's notes and tags (tags in letter order).
func customerNotes(ctx context.Context, query queryFunc, customerID int64) (string, []string, error) {
	var notes string
	if err := queryRowOf(ctx, query, `SELECT notes FROM customers WHERE id = ?`, customerID).Scan(&notes); err != nil {
		if err == sql.ErrNoRows {
			return "", nil, ErrNotFound
		}
		return "", nil, fmt.Errorf("customer notes: %w", err)
	}
	rows, err := query(ctx, `SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag`, customerID)
	if err != nil {
		return "", nil, fmt.Errorf("customer tags: %w", err)
	}
	defer rows.Close()
	var tags []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return "", nil, err
		}
		tags = append(tags, t)
	}
	return notes, tags, rows.Err()
}

// CustomerTags are the tags in use, in letter order: the list's filter.
func (s *Store) CustomerTags(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT t.tag FROM customer_tags t JOIN customers c ON c.id = t.customer_id
		WHERE c.deleted_at IS NULL ORDER BY t.tag`)
	if err != nil {
		return nil, fmt.Errorf("customer tags: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
