package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// The store's error vocabulary; the HTTP layer maps each to a status in one place.
var (
	// ErrNotFound means the thing asked for does not exist (or is not visible).
	ErrNotFound = errors.New("not found")
	// ErrConflict means the request clashes with the current state, such as a
	// stale edit or a taken handle.
	ErrConflict = errors.New("conflict")
	// ErrStripeOrder means staff tried to record by hand the payment of a
	// card order: Stripe alone says whether it is paid. It is an ErrConflict,
	// told apart so staff see why.
	ErrStripeOrder = fmt.Errorf("%w: a card order is paid through Stripe", ErrConflict)
	// ErrReplacementOrder means staff tried to cancel the order that sends
	// an exchange's replacement: the exchange cannot be undone once
	// approved, so the shopper would be left with neither their item nor
	// its replacement. An ErrConflict, told apart so staff see why.
	ErrReplacementOrder = fmt.Errorf("%w: the order sends an exchange's replacement", ErrConflict)
)

// ValidationError carries a message per form field. Messages are catalog
// keys so that the HTTP layer can show them in the shopper's language.
type ValidationError struct {
	Fields map[string]string
	// Args are, for a field whose message names something (an order's
	// number), the message's arguments.
	Args map[string][]any
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
		if args := e.Args[k]; len(args) > 0 {
			parts[i] += " " + fmt.Sprint(args) // what the message names, for logs and the import's report
		}
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// Add records a problem with field; the first message for a field wins.
func (e *ValidationError) Add(field, msg string) {
	if e.Fields == nil {
		e.Fields = map[string]string{}
	}
	if _, ok := e.Fields[field]; !ok {
		e.Fields[field] = msg
	}
}

// AddArgs sets the arguments of field's message.
func (e *ValidationError) AddArgs(field string, args ...any) {
	if e.Args == nil {
		e.Args = map[string][]any{}
	}
	e.Args[field] = args
}

// Err returns e when it holds any problem, else nil.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// isUnique reports whether err is SQLite refusing a row that a UNIQUE
// index already has: a taken email, SKU or handle.
func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}
