package store

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// goldYear puts "Gold membership, one year" (GOLD-1Y) on sale as the way
// to buy Gold, and returns Gold's id and the product as saved.
func goldYear(t *testing.T, f *cartFixture) (int64, ProductInput, int64) {
	t.Helper()
	ctx := context.Background()
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
	return gold, year, p.Variants[0].ID
}

// TestTierKeepsItsVariantWhileBuyable: Gold's form cannot stop selling it
// as GOLD-1Y (cleared, or another SKU) while the product is on sale, nor
// while an order of it waits for payment; paid, that order gives Gold.
// Once nothing can still buy it, the variant is cleared.
func TestTierKeepsItsVariantWhileBuyable(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	gold, year, variant := goldYear(t, f)
	f.save(t, ProductInput{Handle: "gold-two", Title: "Gold, two years", Status: StatusActive,
		Variants: []VariantInput{{SKU: "GOLD-2Y", Price: 17900, Stock: 1000}}})
	form := TierInput{Name: Plain("Gold"), Threshold: "3000"}
	for _, sku := range []string{"", "GOLD-2Y"} {
		form.SoldSKU = sku
		if err := f.s.SaveTier(ctx, Actor{}, gold, form); !errors.Is(err, ErrTierStillSold) {
			t.Errorf("Gold's form sold as %q while GOLD-1Y is on sale: %v, want ErrTierStillSold", sku, err)
		}
	}
	if err := f.s.SellTier(ctx, Actor{}, gold, "", 12); !errors.Is(err, ErrTierStillSold) {
		t.Errorf("stop selling Gold while GOLD-1Y is on sale: %v, want ErrTierStillSold", err)
	}
	form.SoldSKU = "GOLD-1Y"
	if err := f.s.SaveTier(ctx, Actor{}, gold, form); err != nil {
		t.Errorf("Gold's form saved with its variant as it is: %v", err)
	}

	c := registerCustomer(t, f.s, "gold@example.com")
	in := checkoutFor(f.add(t, "", variant, 1).Token, ship)
	in.Email, in.CustomerID = c.Email, c.ID
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	year.Status = StatusArchived
	f.save(t, year)
	if err := f.s.SellTier(ctx, Actor{}, gold, "", 12); !errors.Is(err, ErrTierStillSold) {
		t.Errorf("stop selling Gold while an order of it awaits payment: %v, want ErrTierStillSold", err)
	}
	if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.s.CustomerTier(ctx, c.ID); st.Tier.ID != gold || st.PaidUntil.IsZero() {
		t.Errorf("the member who paid for Gold: %+v", st)
	}
	if err := f.s.SellTier(ctx, Actor{}, gold, "", 12); err != nil {
		t.Errorf("stop selling Gold once nothing can buy it: %v", err)
	}
	if sku, _, _ := f.s.TierSoldSKU(ctx, gold); sku != "" {
		t.Errorf("Gold still sold as %q", sku)
	}
}

// TestTierVariantChangeRacesCheckout: shoppers check out Gold's variant
// while the owner takes its product off sale and clears the tier's
// variant, at once; round by round the owner starts after more of the
// checkouts have finished. Whichever comes first, every order placed buys
// Gold once paid: an order placed first keeps the variant, one placed
// after is refused.
func TestTierVariantChangeRacesCheckout(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	gold, year, variant := goldYear(t, f)
	const shoppers = 6
	var customers []*Customer
	for i := range shoppers {
		customers = append(customers, registerCustomer(t, f.s, "gold"+string(rune('a'+i))+"@example.com"))
	}
	for round := range shoppers + 1 {
		year.Status = StatusActive
		f.save(t, year)
		if err := f.s.SellTier(ctx, Actor{}, gold, "GOLD-1Y", 12); err != nil {
			t.Fatal(err)
		}
		var ins []CheckoutInput
		for _, c := range customers {
			in := checkoutFor(f.add(t, "", variant, 1).Token, ship)
			in.Email, in.CustomerID = c.Email, c.ID
			ins = append(ins, in)
		}
		start, done := make(chan struct{}), make(chan struct{}, shoppers)
		var wg sync.WaitGroup
		orders := make([]*Order, shoppers)
		errs := make([]error, shoppers)
		var clearErr, archiveErr error
		for i := range ins {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				orders[i], _, errs[i] = f.s.PlaceOrder(ctx, ins[i])
				done <- struct{}{}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range round {
				<-done
			}
			off := year
			off.Status = StatusArchived
			if _, _, archiveErr = f.s.SaveProduct(ctx, off); archiveErr == nil {
				clearErr = f.s.SellTier(ctx, Actor{}, gold, "", 12)
			}
		}()
		close(start)
		wg.Wait()
		if archiveErr != nil {
			t.Fatal(archiveErr)
		}
		var placed []*Order
		for i, err := range errs {
			switch {
			case err == nil:
				placed = append(placed, orders[i])
			case !errors.Is(err, ErrCartChanged):
				t.Fatalf("round %d: checkout: %v", round, err)
			}
		}
		if len(placed) > 0 {
			if !errors.Is(clearErr, ErrTierStillSold) {
				t.Fatalf("round %d: %d orders of Gold placed, and clearing its variant: %v", round, len(placed), clearErr)
			}
		} else if clearErr != nil {
			t.Fatalf("round %d: no order placed, yet clearing Gold's variant: %v", round, clearErr)
		}
		for _, o := range placed {
			if _, err := f.s.MarkPaid(ctx, Actor{}, o.ID); err != nil {
				t.Fatal(err)
			}
			var granted int
			f.s.read.QueryRow(`SELECT count(*) FROM paid_memberships WHERE order_id = ? AND tier_id = ?`, o.ID, gold).Scan(&granted)
			if granted != 1 {
				t.Fatalf("round %d: order %s paid for Gold and granted %d memberships", round, o.Number, granted)
			}
		}
	}
}
