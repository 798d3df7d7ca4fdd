package shopifycsv

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"storefront/store"
)

// storedTee is a product as the shop holds it: three sizes, a
// description, tags, a compare-at price, stock and weights.
func storedTee() *store.Product {
	v := func(id int64, sku, size string, stock int64) store.Variant {
		return store.Variant{ID: id, SKU: sku, Barcode: "B" + sku, Options: [3]string{size}, Price: 2000,
			CompareAtPrice: 2500, WeightGrams: 180, Stock: stock, ImageID: 7}
	}
	return &store.Product{Handle: "tee", Title: "Tee", Description: "Soft cotton.", Vendor: "Field",
		ProductType: "Shirts", Status: store.StatusActive, SEOTitle: "The tee", SEODescription: "A soft tee.",
		OptionNames: []string{"Size"}, Tags: []string{"cotton", "basics"},
		Variants: []store.Variant{v(1, "TEE-S", "S", 4), v(2, "TEE-M", "M", 5), v(3, "TEE-L", "L", 6)}}
}

// TestMergeKeepsWhatTheFileLeavesOut: a file of a few columns, repricing
// one size, changes that price only. It emptied the description, vendor,
// tags and SEO texts, deleted the other sizes and left the repriced one
// sold out, without weight or compare-at price.
func TestMergeKeepsWhatTheFileLeavesOut(t *testing.T) {
	products, problems := parseString(t, "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"+
		"tee,Tee,Size,M,TEE-M,22.00\n", 2)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	old := storedTee()
	in, m, err := products["tee"].Merge(old)
	if err != nil {
		t.Fatal(err)
	}
	if in.Description != old.Description || in.Vendor != old.Vendor || in.ProductType != old.ProductType ||
		in.SEOTitle != old.SEOTitle || in.SEODescription != old.SEODescription || in.Status != old.Status ||
		!reflect.DeepEqual(in.Tags, old.Tags) || !reflect.DeepEqual(in.OptionNames, old.OptionNames) {
		t.Errorf("product fields = %+v, want the stored ones", in)
	}
	if m.Kept != 2 || m.Removed != 0 {
		t.Errorf("merged = %+v, want 2 kept", m)
	}
	want := []store.VariantInput{
		{SKU: "TEE-S", Barcode: "BTEE-S", Options: [3]string{"S"}, Price: 2000, CompareAtPrice: 2500, WeightGrams: 180, Stock: 4, KeepStock: true, ImageID: 7},
		{SKU: "TEE-M", Barcode: "BTEE-M", Options: [3]string{"M"}, Price: 2200, CompareAtPrice: 2500, WeightGrams: 180, Stock: 5, KeepStock: true, ImageID: 7},
		{SKU: "TEE-L", Barcode: "BTEE-L", Options: [3]string{"L"}, Price: 2000, CompareAtPrice: 2500, WeightGrams: 180, Stock: 6, KeepStock: true, ImageID: 7},
	}
	if !reflect.DeepEqual(in.Variants, want) {
		t.Errorf("variants =\n%+v\nwant\n%+v", in.Variants, want)
	}
	if err := in.Validate(); err != nil {
		t.Error(err)
	}
}

// TestMergeEmptyCellsEmpty: a column the file has but leaves empty
// empties the value, as before.
func TestMergeEmptyCellsEmpty(t *testing.T) {
	products, _ := parseString(t, "Handle,Title,Body (HTML),Vendor,Tags,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Compare At Price,Variant Inventory Qty\n"+
		"tee,Tee,,,,Size,M,TEE-M,22.00,,\n", 2)
	in, _, err := products["tee"].Merge(storedTee())
	if err != nil {
		t.Fatal(err)
	}
	v := in.Variants[1]
	if in.Description != "" || in.Vendor != "" || in.Tags != nil || v.SKU != "TEE-M" || v.CompareAtPrice != 0 || v.Stock != 0 || v.KeepStock {
		t.Errorf("merged = %+v", in)
	}
}

// TestMergeOtherOptionsReplaceTheVariants: a file giving the product
// other options describes other variants: the stored ones it does not
// list go, and Merge counts them.
func TestMergeOtherOptionsReplaceTheVariants(t *testing.T) {
	products, _ := parseString(t, "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"+
		"tee,Tee,Colour,White,TEE-W,22.00\n", 2)
	in, m, err := products["tee"].Merge(storedTee())
	if err != nil {
		t.Fatal(err)
	}
	if m.Kept != 0 || m.Removed != 3 || len(in.Variants) != 1 {
		t.Errorf("merged = %+v, variants %+v", m, in.Variants)
	}
}

// TestMergeRefusesAKeptCompareAtAtThePrice: a new price at or above the
// compare-at price the variant keeps would be saved and refused by the
// admin's form ever after.
func TestMergeRefusesAKeptCompareAtAtThePrice(t *testing.T) {
	products, _ := parseString(t, "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"+
		"tee,Tee,Size,M,TEE-M,25.00\n", 2)
	_, _, err := products["tee"].Merge(storedTee())
	if err == nil || !strings.Contains(err.Error(), "TEE-M") || !strings.Contains(err.Error(), "25.00") {
		t.Errorf("err = %v, want one naming TEE-M and its compare-at price", err)
	}
}

// TestMergeNewProductNeedsAPrice: without a price column only stored
// variants can be updated.
func TestMergeNewProductNeedsAPrice(t *testing.T) {
	products, problems := parseString(t, "Handle,Title,Variant SKU,Variant Inventory Qty\nmug,Mug,MUG-1,3\n", 2)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if _, _, err := products["mug"].Merge(nil); err == nil || !strings.Contains(err.Error(), "price") {
		t.Errorf("new product without prices: err = %v", err)
	}
	old := &store.Product{Handle: "mug", Title: "Mug", Status: store.StatusActive,
		Variants: []store.Variant{{ID: 1, SKU: "MUG-1", Price: 800, Stock: 9}}}
	in, _, err := products["mug"].Merge(old)
	if err != nil {
		t.Fatal(err)
	}
	if v := in.Variants[0]; v.Price != 800 || v.Stock != 3 || v.KeepStock {
		t.Errorf("restocked mug = %+v", v)
	}
}

// TestMergeProductColumnsOnly: a file of new titles and descriptions
// leaves every variant as it is.
func TestMergeProductColumnsOnly(t *testing.T) {
	products, _ := parseString(t, "Handle,Title,Body (HTML)\ntee,Cotton Tee,<p>Softer.</p>\n", 2)
	old := storedTee()
	in, m, err := products["tee"].Merge(old)
	if err != nil {
		t.Fatal(err)
	}
	if in.Title != "Cotton Tee" || in.Description != "Softer." || m.Kept != 3 || len(in.Variants) != 3 ||
		in.Variants[2].SKU != "TEE-L" || in.Variants[2].Price != 2000 || !in.Variants[2].KeepStock {
		t.Errorf("merged = %+v, %+v", in, m)
	}
}

func TestParseCompareAtNotAbovePrice(t *testing.T) {
	products, problems := parseString(t, "Handle,Title,Option1 Name,Option1 Value,Variant Price,Variant Compare At Price\n"+
		"a,A,Size,S,10.00,12.00\na,,,M,10.00,10.00\na,,,L,10.00,9.00\nb,B,,,5.00,5.00\n", 2)
	if got := lines(problems); !reflect.DeepEqual(got, []int{3, 4, 5}) {
		t.Fatalf("problems on lines %v, want 3, 4 and 5: %v", got, problems)
	}
	if r := problems[0].Reason; !strings.Contains(r, "row skipped") || !strings.Contains(r, "compare-at price 10.00 is not above the price 10.00") {
		t.Errorf("reason = %q", r)
	}
	if !strings.Contains(problems[2].Reason, "product not imported") {
		t.Errorf("first row's reason = %q", problems[2].Reason)
	}
	if len(products) != 1 || len(products["a"].Input.Variants) != 1 {
		t.Errorf("products = %+v", products)
	}
}

func TestUnknownColumns(t *testing.T) {
	f, err := Open(strings.NewReader("Handle,Title,Varient Price,Variant Price,Variant Inventory Policy,Google Shopping / MPN,Price / International,"+
		"Color (product.metafields.shopify.color-pattern),Gift Card\na,A,1,2,deny,,,,FALSE\n"), 2)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.UnknownColumns(), []string{"Varient Price"}; !reflect.DeepEqual(got, want) {
		t.Errorf("unknown columns = %q, want %q", got, want)
	}
	for _, name := range []string{"classic.csv", "newer.csv"} {
		r, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Open(r, 2)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := f.UnknownColumns(); got != nil {
			t.Errorf("%s: unknown columns %q in Shopify's own export", name, got)
		}
	}
}
