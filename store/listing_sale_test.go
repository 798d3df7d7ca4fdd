package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"storefront/store/pricing"
)

// TestListingFiltersAndSortsByTheShownPrice: a collection's price filter
// and price sorts go by the price a card shows, through the flash sales
// live now, not by the stored regular price. The scarf at 128.00, 30 %
// off (89.60), is found up to 100.00 and not between 100 and 130, and
// sorts below the 95.00 mug; a sale for members only, one that names a
// variant alone or one that has not started changes nothing on a card,
// so nothing in the listing either. The listing's SQL prices every
// product as CardsWithSales does, for sales by product, collection, tag,
// exclusion, percentage and fixed price, in steps.
func TestListingFiltersAndSortsByTheShownPrice(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ids := map[string]int64{}
	for _, p := range []struct {
		handle string
		prices []int64
		tags   []string
		in     []string
	}{
		{"scarf", []int64{12800}, []string{"winter"}, []string{"gifts"}},
		{"mug", []int64{9500}, nil, []string{"gifts"}},
		{"teapot", []int64{4000, 16000}, []string{"new"}, []string{"gifts", "kitchen"}},
		{"bowl", []int64{3333, 12345}, nil, []string{"gifts", "kitchen"}},
		{"spoon", []int64{999}, []string{"winter"}, []string{"gifts"}},
		{"free", []int64{0}, nil, []string{"gifts"}},
	} {
		in := ProductInput{Handle: p.handle, Title: p.handle, Status: StatusActive, Tags: p.tags, Collections: p.in}
		for i, price := range p.prices {
			in.Variants = append(in.Variants, VariantInput{SKU: p.handle + itoa(int64(i)), Options: [3]string{itoa(int64(i))}, Price: price, Stock: 5})
		}
		if len(in.Variants) > 1 {
			in.OptionNames = []string{"Size"}
		}
		id, _, err := s.SaveProduct(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		ids[p.handle] = id
	}
	gifts, err := s.CollectionByHandle(ctx, "gifts")
	if err != nil {
		t.Fatal(err)
	}
	kitchen, err := s.CollectionByHandle(ctx, "kitchen")
	if err != nil {
		t.Fatal(err)
	}
	mug, err := s.ProductByHandle(ctx, "mug", false)
	if err != nil {
		t.Fatal(err)
	}
	now := s.Now()
	step := now.Add(time.Hour).Unix()
	addPromo(t, s, map[string]any{"name": "Scarf", "type": pricing.TypeFlash, "value": 3000, "ends_at": now.Add(48 * time.Hour).Unix(),
		"rules": `{"products":[` + itoa(ids["scarf"]) + `],"steps":[{"at":` + itoa(step) + `,"value":1500}]}`})
	addPromo(t, s, map[string]any{"name": "Members", "type": pricing.TypeFlash, "value": 9000, "tier": "Gold"})
	addPromo(t, s, map[string]any{"name": "One mug", "type": pricing.TypeFlash, "value": 9000,
		"rules": `{"variants":[` + itoa(mug.Variants[0].ID) + `]}`})
	addPromo(t, s, map[string]any{"name": "Later", "type": pricing.TypeFlash, "value": 9000, "starts_at": now.Add(time.Hour).Unix()})

	listed := func(q ProductQuery) []string {
		t.Helper()
		q.CollectionID = gifts.ID
		page, err := s.Products(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return cardHandles(page.Products)
	}
	for _, c := range []struct {
		q    ProductQuery
		want []string
	}{
		{ProductQuery{PriceMax: 10000}, []string{"bowl", "free", "mug", "scarf", "spoon", "teapot"}},
		{ProductQuery{PriceMin: 10000, PriceMax: 13000}, []string{"bowl"}},
		{ProductQuery{PriceMin: 8000, PriceMax: 9000}, []string{"scarf"}},
	} {
		if got := listed(c.q); !slices.Equal(slices.Sorted(slices.Values(got)), c.want) {
			t.Errorf("%+v lists %v, want %v", c.q, got, c.want)
		}
	}
	if got, want := listed(ProductQuery{Sort: SortPriceAsc}), []string{"free", "spoon", "bowl", "teapot", "scarf", "mug"}; !slices.Equal(got, want) {
		t.Errorf("price, low to high: %v, want %v", got, want)
	}
	if got, want := listed(ProductQuery{Sort: SortPriceDesc}), []string{"mug", "scarf", "teapot", "bowl", "spoon", "free"}; !slices.Equal(got, want) {
		t.Errorf("price, high to low: %v, want %v", got, want)
	}

	// More sales, each covering products another way; at the step the
	// scarf's sale goes to 15 % off.
	addPromo(t, s, map[string]any{"name": "Kitchen", "type": pricing.TypeFlash, "value": 2500,
		"rules": `{"collections":[` + itoa(kitchen.ID) + `],"exclude_tags":["new"]}`})
	addPromo(t, s, map[string]any{"name": "Winter", "type": pricing.TypeFlash, "value": 1111,
		"rules": `{"tags":["winter"],"exclude_products":[` + itoa(ids["spoon"]) + `],"price":true}`})
	addPromo(t, s, map[string]any{"name": "Everything", "type": pricing.TypeFlash, "value": 333,
		"rules": `{"exclude_collections":[` + itoa(kitchen.ID) + `]}`})
	for _, moment := range []struct {
		name string
		at   time.Time
	}{{"now", now}, {"at the step", time.Unix(step, 0)}} {
		s.Now = func() time.Time { return moment.at }
		shown, err := s.listingSales(ctx)
		if err != nil {
			t.Fatal(err)
		}
		lo, loArgs := shown.of("p.price_min")
		hi, hiArgs := shown.of("p.price_max")
		rows, err := s.query(ctx, `SELECT `+cardColumns+`, `+lo+`, `+hi+` FROM products p ORDER BY p.id`, append(loArgs, hiArgs...)...)
		if err != nil {
			t.Fatal(err)
		}
		var cards []ProductCard
		var inSQL [][2]int64
		for rows.Next() {
			var lo, hi int64
			c, err := scanCard(rows, &lo, &hi)
			if err != nil {
				t.Fatal(err)
			}
			cards, inSQL = append(cards, c), append(inSQL, [2]int64{lo, hi})
		}
		rows.Close()
		shownCards, _, err := s.CardsWithSales(ctx, cards, "en")
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range shownCards {
			if got, want := inSQL[i], [2]int64{c.PriceMin, c.PriceMax}; got != want {
				t.Errorf("%s: %s priced %v in the listing's SQL, %v on its card", moment.name, c.Handle, got, want)
			}
		}
	}
}
