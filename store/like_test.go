package store

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// Every admin list that searches with LIKE takes a search as long as its
// box allows and refuses a longer one as the shopper's mistake it is, not
// as SQLite's error (a pattern past 50,000 bytes), whichever page asks.
func TestListSearchesRefuseOverlongText(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	searches := map[string]func(q string) error{
		"products": func(q string) error {
			_, err := s.AdminProducts(ctx, AdminProductQuery{Search: q})
			return err
		},
		"orders": func(q string) error {
			_, err := s.ListOrders(ctx, OrderFilter{Query: q})
			return err
		},
		"orders csv": func(q string) error { return s.OrdersCSV(ctx, OrderFilter{Query: q}, io.Discard) },
		"customers": func(q string) error {
			_, err := s.ListCustomers(ctx, q, 1)
			return err
		},
		"customers csv": func(q string) error { return s.CustomersCSV(ctx, CustomerFilter{Q: q}, 2, io.Discard) },
		"promotions": func(q string) error {
			_, err := s.ListPromotions(ctx, PromotionFilter{Query: q}, 1, 0)
			return err
		},
		"returns": func(q string) error {
			_, err := s.ListReturns(ctx, ReturnFilter{Query: q}, 1, 0)
			return err
		},
		"collection candidates": func(q string) error {
			_, err := s.CollectionCandidates(ctx, 1, q, 0)
			return err
		},
	}
	for name, search := range searches {
		if err := search(strings.Repeat("%", MaxSearchLen)); err != nil {
			t.Errorf("%s: a search of %d bytes: %v", name, MaxSearchLen, err)
		}
		for _, n := range []int{MaxSearchLen + 1, 60000} {
			var verr *ValidationError
			if err := search(strings.Repeat("_", n)); !errors.As(err, &verr) || verr.Fields["q"] != "error.too_long" {
				t.Errorf("%s: a search of %d bytes: %v, want it refused as too long", name, n, err)
			}
		}
	}
}
