package store

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestPopularProductsAreTheMonthsBestSellers: what sold the most units in
// the last month comes first, then the newest; a cancelled order, an order
// older than the month, a draft and a product sold out since count for
// nothing.
func TestPopularProductsAreTheMonthsBestSellers(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	f.save(t, ProductInput{Handle: "bowl", Title: "Bowl", Status: StatusActive, Variants: []VariantInput{{SKU: "BOWL", Price: 900, Stock: 50}}})
	f.save(t, ProductInput{Handle: "vase", Title: "Vase", Status: StatusDraft, Variants: []VariantInput{{SKU: "VASE", Price: 900, Stock: 50}}})
	bowl, _ := f.s.ProductByHandle(ctx, "bowl", false)
	popular := func() []string {
		t.Helper()
		f.clockOffset += CacheTTL // the ranking is read again
		cards, err := f.s.PopularProducts(ctx, 3)
		if err != nil {
			t.Fatal(err)
		}
		var handles []string
		for _, c := range cards {
			handles = append(handles, c.Handle)
		}
		return handles
	}
	if got, want := popular(), []string{"bowl", "mug", "shirt"}; !slices.Equal(got, want) {
		t.Errorf("with no orders, popular = %v, want the newest %v", got, want)
	}

	f.clockOffset -= 40 * 24 * time.Hour
	f.placeFor(t, ship, "old@example.com", "Old", f.mug, 20)
	f.clockOffset += 40 * 24 * time.Hour
	f.placeFor(t, ship, "ana@example.com", "Ana", f.big, 2, f.mug, 1)
	f.placeFor(t, ship, "bo@example.com", "Bo", f.big, 1)
	cancelled := f.placeFor(t, ship, "cy@example.com", "Cy", bowl.Variants[0].ID, 10)
	if err := f.s.CancelOrder(ctx, staffActor, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	if got, want := popular(), []string{"shirt", "mug", "bowl"}; !slices.Equal(got, want) {
		t.Errorf("popular = %v, want %v: the month's best sellers, then the newest", got, want)
	}

	f.save(t, ProductInput{Handle: "shirt", Title: "Shirt", Status: StatusActive, OptionNames: []string{"Size"},
		Variants: []VariantInput{{SKU: "SH-S", Options: [3]string{"S"}, Price: 4900}, {SKU: "SH-L", Options: [3]string{"L"}, Price: 5200}}})
	if got, want := popular(), []string{"mug", "bowl"}; !slices.Equal(got, want) {
		t.Errorf("with the shirt sold out, popular = %v, want %v", got, want)
	}
}

// TestBestSellingSort: the month's best sellers lead a listing, most units
// first, wherever a page ends among them or after them; the others follow
// newest first; a filter still applies; a search sorts the same way.
func TestBestSellingSort(t *testing.T) {
	f := newCartFixture(t)
	ship := flatShipping(t, f.s)
	ctx := context.Background()
	for _, h := range []string{"bowl", "cup", "dish"} {
		f.save(t, ProductInput{Handle: h, Title: "Stoneware " + h, Status: StatusActive, Variants: []VariantInput{{SKU: h, Price: 900, Stock: 50}}})
	}
	bowl, _ := f.s.ProductByHandle(ctx, "bowl", false)
	mug, _ := f.s.ProductByHandle(ctx, "mug", false)
	f.placeFor(t, ship, "ana@example.com", "Ana", f.mug, 3)
	f.placeFor(t, ship, "bo@example.com", "Bo", bowl.Variants[0].ID, 2)
	f.clockOffset += CacheTTL // the ranking is read again
	listed := func(q ProductQuery) []string {
		t.Helper()
		q.Sort = SortBestSelling
		var handles []string
		for q.Page = 1; ; q.Page++ {
			page, err := f.s.Products(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Products {
				handles = append(handles, c.Handle)
			}
			if q.Page >= page.Pages() {
				return handles
			}
		}
	}
	want := []string{"mug", "bowl", "dish", "cup", "shirt"}
	for _, per := range []int{1, 2, 3, 24} {
		if got := listed(ProductQuery{PerPage: per}); !slices.Equal(got, want) {
			t.Errorf("best selling, %d a page = %v, want %v", per, got, want)
		}
	}
	if got, want := listed(ProductQuery{PerPage: 2, ExcludeID: mug.ID}), []string{"bowl", "dish", "cup", "shirt"}; !slices.Equal(got, want) {
		t.Errorf("best selling without the mug = %v, want %v", got, want)
	}
	res, err := f.s.SearchSorted(ctx, "stoneware", SortBestSelling, "", 1, 24)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, h := range res.Hits {
		found = append(found, h.Handle)
	}
	if want := []string{"bowl", "dish", "cup"}; !slices.Equal(found, want) {
		t.Errorf("search by best selling = %v, want %v", found, want)
	}
}
