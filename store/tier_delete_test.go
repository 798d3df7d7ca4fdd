package store

import (
	"context"
	"errors"
	"testing"
)

// TestDeleteTierSoldOnSale: Gold is sold as a product on sale, and a
// member has it in the cart. Deleting Gold is refused, naming the
// product: gone, it would sell a membership of nothing. Once the product
// is off sale the member's order of it is refused instead, and Gold goes.
func TestDeleteTierSoldOnSale(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	gold := f.tierID(t, "Gold")
	year := ProductInput{Handle: "gold-year", Title: "Gold membership, one year", Status: StatusActive,
		Variants: []VariantInput{{SKU: "GOLD-1Y", Price: 9900, Stock: 1000}}}
	f.save(t, year)
	if err := f.s.SellTier(ctx, Actor{}, gold, "GOLD-1Y", 12); err != nil {
		t.Fatal(err)
	}
	p, err := f.s.ProductByHandle(ctx, "gold-year", false)
	if err != nil {
		t.Fatal(err)
	}
	c := registerCustomer(t, f.s, "gold@example.com")
	in := checkoutFor(f.add(t, "", p.Variants[0].ID, 1).Token, ship)
	in.Email, in.CustomerID = c.Email, c.ID

	if err := f.s.DeleteTier(ctx, Actor{}, gold, 0); !errors.Is(err, ErrTierInUse) {
		t.Fatalf("delete Gold while its product is on sale: %v, want ErrTierInUse", err)
	}
	u, err := f.s.TierUses(ctx, gold)
	if err != nil {
		t.Fatal(err)
	}
	if u.SoldBy == nil || *u.SoldBy != (ProductRef{ID: p.ID, Title: "Gold membership, one year"}) ||
		u.UnpaidOrders != 0 || u.PaidMembers != 0 || len(u.Promotions) != 0 {
		t.Errorf("Gold's uses: %+v, want its product on sale alone", u)
	}

	year.Status = StatusArchived
	f.save(t, year)
	if _, _, err := f.s.PlaceOrder(ctx, in); !errors.Is(err, ErrCartChanged) {
		t.Errorf("ordering Gold's product off sale: %v, want ErrCartChanged", err)
	}
	if u, err := f.s.TierUses(ctx, gold); err != nil || u.InUse() {
		t.Errorf("Gold's uses with its product off sale: %+v, %v", u, err)
	}
	if err := f.s.DeleteTier(ctx, Actor{}, gold, 0); err != nil {
		t.Fatalf("delete Gold once its product is off sale: %v", err)
	}
}
