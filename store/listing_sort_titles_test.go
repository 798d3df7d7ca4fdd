package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
)

// TestNameSortFollowsEveryTitleWrite: a Chinese shopper's name sort of a
// listing, a collection or a search (the sort index of migration 0049)
// moves with a title written through each path that writes one: the
// product form, the product import, the translations CSV (a translation
// changed and one removed), a copy made live, a change of the content
// language, a translation written over; and the migration fills the index
// for the shop it finds. After each, every product's sort title in each
// language is the title a shopper reading it reads.
func TestNameSortFollowsEveryTitleWrite(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	fruit, err := s.SaveCollection(ctx, CollectionInput{Handle: "fruit", Title: "Fruit"})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, p := range []struct{ title, zh string }{{"Apple", "甲"}, {"Banana", "乙"}, {"Cherry", "丙"}, {"Date", ""}} {
		in := ProductInput{Handle: strings.ToLower(p.title), Title: p.title, Vendor: "Orchard", Status: StatusActive,
			Collections: []string{"fruit"}, Variants: []VariantInput{{SKU: p.title, Price: 1000, Stock: 1}}, Tr: Texts{}.Set(FieldTitle, "zh", p.zh)}
		id, err := s.CreateProduct(ctx, staffActor, in)
		if err != nil {
			t.Fatal(err)
		}
		ids[in.Handle] = id
	}
	sorted := func(when, locale string, want ...string) {
		t.Helper()
		page, err := s.Products(ctx, ProductQuery{Sort: SortName, Locale: locale})
		if err != nil {
			t.Fatal(err)
		}
		if got := cardHandles(page.Products); !slices.Equal(got, want) {
			t.Errorf("%s, a shopper in %q reads %v by name, want %v", when, locale, got, want)
		}
		// A collection's pages of two: its first read through the sort
		// index, the others sorted (titleSortedPage), in one order.
		var listed []string
		for n := 1; n <= 3; n++ {
			page, err := s.Products(ctx, ProductQuery{CollectionID: fruit, Sort: SortName, Locale: locale, Page: n, PerPage: 2})
			if err != nil {
				t.Fatal(err)
			}
			listed = append(listed, cardHandles(page.Products)...)
		}
		if !slices.Equal(listed, want) {
			t.Errorf("%s, a shopper in %q reads the collection as %v by name, want %v", when, locale, listed, want)
		}
		res, err := s.SearchSorted(ctx, "orchard", SortName, locale, 1, 24)
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, h := range res.Hits {
			found = append(found, h.Handle)
		}
		if !slices.Equal(found, want) {
			t.Errorf("%s, a shopper in %q finds %v by name, want %v", when, locale, found, want)
		}
		checkSortTitles(t, s, when)
	}
	sorted("created", "en", "apple", "banana", "cherry", "date")
	sorted("created", "", "apple", "banana", "cherry", "date")
	sorted("created", "zh", "date", "cherry", "banana", "apple") // Latin before 丙 乙 甲, in code point order

	p, err := s.ProductByID(ctx, ids["apple"])
	if err != nil {
		t.Fatal(err)
	}
	in := ProductInput{Handle: "apple", Title: "Apple", Vendor: "Orchard", Status: StatusActive, Collections: []string{"fruit"},
		Variants: []VariantInput{{ID: p.Variants[0].ID, SKU: "Apple", Price: 1000, Stock: 1}}, Tr: Texts{}.Set(FieldTitle, "zh", "一")}
	if err := s.UpdateProduct(ctx, staffActor, p.ID, p.Version, in); err != nil {
		t.Fatal(err)
	}
	sorted("apple retitled 一 in the form", "zh", "date", "apple", "cherry", "banana")

	f, err := OpenTranslationsCSV(strings.NewReader("Type,Handle,Field,Locale,Value\n" +
		"product,banana,title,zh,七\nproduct,cherry,title,zh,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := s.ImportTranslations(ctx, Actor{}, f, []string{"zh"}); err != nil || res.Changed != 2 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	sorted("banana retitled 七 and cherry's title untranslated by CSV", "zh", "cherry", "date", "apple", "banana")

	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "date", Title: "Apricot", Vendor: "Orchard", Status: StatusActive,
		Variants: []VariantInput{{SKU: "Date", Price: 1000, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	sorted("date renamed Apricot by the product import", "zh", "date", "cherry", "apple", "banana")

	copyID, err := s.DuplicateProduct(ctx, staffActor, ids["apple"], "copy-apple")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetProductsStatus(ctx, staffActor, []int64{copyID}, StatusActive); err != nil {
		t.Fatal(err)
	}
	sorted("apple copied and the copy made live", "zh", "date", "cherry", "apple", "apple-copy", "banana")

	owner := addTestStaff(t, s, "owner@example.com", RoleOwner)
	st, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeContentLocale(ctx, Actor{StaffID: owner.ID, Email: owner.Email}, st.Version(SectionRegional), "zh"); err != nil {
		t.Fatal(err)
	}
	sorted("the content language changed to Chinese", "en", "apple", "apple-copy", "date", "banana", "cherry")
	sorted("the content language changed to Chinese", "zh", "date", "cherry", "apple", "apple-copy", "banana")

	// A translation written over in place (putTranslation's upsert, which
	// the content language's swap uses).
	if err := s.tx(ctx, func(tx *sql.Tx) error {
		return putTranslation(ctx, tx, EntityProductText, ids["banana"], FieldTitle, "en", "Zucchini")
	}); err != nil {
		t.Fatal(err)
	}
	s.bumpCatalog() // as every writer does, for the memo
	sorted("banana's English title written over", "en", "apple", "apple-copy", "date", "cherry", "banana")

	// A shop from before migration 0049 has its sort titles filled by it.
	for _, obj := range textRows(t, s, `SELECT type, name FROM sqlite_schema
		WHERE name LIKE 'product_sort_titles%' AND type IN ('table', 'trigger') ORDER BY type <> 'trigger'`) {
		typ, name, _ := strings.Cut(obj, "|")
		if _, err := s.write.Exec(`DROP ` + typ + ` ` + name); err != nil {
			t.Fatal(err)
		}
	}
	runMigration(t, s, "0049_product_sort_titles.sql")
	s.bumpCatalog()
	sorted("the sort titles made by their migration", "en", "apple", "apple-copy", "date", "cherry", "banana")
}

// checkSortTitles checks that every product's sort title in each language
// is its title as a shopper reading that language reads it (Product.In).
func checkSortTitles(t *testing.T, s *Store, when string) {
	t.Helper()
	ctx := context.Background()
	rows, err := s.query(ctx, `SELECT p.id, st.locale, st.title FROM products p
		JOIN product_sort_titles st ON st.product_id = p.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		var l, title string
		if err := rows.Scan(&id, &l, &title); err != nil {
			t.Fatal(err)
		}
		p, err := s.ProductByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if read := p.In(l).Title; title != read {
			t.Errorf("%s, %s sorts in %s as %q, reads %q", when, p.Handle, l, title, read)
		}
		n++
	}
	var products int
	if err := s.queryRow(ctx, `SELECT count(*) FROM products`).Scan(&products); err != nil || n != 2*products {
		t.Errorf("%s, %d sort titles for %d products in two languages (%v)", when, n, products, err)
	}
}
