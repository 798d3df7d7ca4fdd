package store

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var staffActor = Actor{Email: "manager@example.com", IP: "127.0.0.1"}

// formProduct is what the admin form sends for a shirt with two sizes.
func formProduct() ProductInput {
	return ProductInput{
		Title: "Linen Shirt", Status: StatusActive, Vendor: "Acme", OptionNames: []string{"Size"},
		Tags: []string{"linen", "summer"},
		Variants: []VariantInput{
			{SKU: "LS-S", Options: [3]string{"S"}, Price: 4900, Stock: 3},
			{SKU: "LS-M", Options: [3]string{"M"}, Price: 5200, Stock: 7},
		},
	}
}

func auditActions(t *testing.T, s *Store, entityID string) []string {
	t.Helper()
	log, err := s.AuditLog(context.Background(), AuditFilter{Entity: EntityProduct, EntityID: entityID, PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range log.Records {
		out = append(out, r.Action)
	}
	return out
}

func TestCreateProductFromForm(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.SaveCollection(ctx, CollectionInput{Handle: "shirts", Title: "Shirts"}); err != nil {
		t.Fatal(err)
	}
	in := formProduct()
	in.Collections = []string{"shirts"}
	id, err := s.CreateProduct(ctx, staffActor, in)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.ProductByHandle(ctx, "linen-shirt", false)
	if err != nil {
		t.Fatalf("the handle is made from the title: %v", err)
	}
	if p.ID != id || len(p.Variants) != 2 || p.Variants[1].Stock != 7 || p.PriceMin != 4900 || p.PriceMax != 5200 {
		t.Errorf("product = %+v", p)
	}
	if len(p.Collections) != 1 || p.Collections[0].Handle != "shirts" || strings.Join(p.Tags, ",") != "linen,summer" {
		t.Errorf("collections %v, tags %v", p.Collections, p.Tags)
	}
	if res, _ := s.Search(ctx, "linen", 1, 10); res.Total != 1 {
		t.Errorf("search finds %d", res.Total)
	}
	if got := auditActions(t, s, itoa(id)); len(got) != 1 || got[0] != ActionProductCreate {
		t.Errorf("audit = %v", got)
	}

	// The same title again gets the next free handle; a typed handle that
	// is taken is a message beside the field.
	in.OptionNames, in.Variants = nil, []VariantInput{{Price: 100}}
	id2, err := s.CreateProduct(ctx, staffActor, in)
	if err != nil {
		t.Fatal(err)
	}
	if p2, _ := s.ProductByID(ctx, id2); p2 == nil || p2.Handle != "linen-shirt-2" {
		t.Errorf("second handle = %+v", p2)
	}
	in.Handle = "linen-shirt"
	_, err = s.CreateProduct(ctx, staffActor, in)
	if fieldError(err, "handle") != "error.product_handle_taken" {
		t.Errorf("taken handle: %v", err)
	}
}

func fieldError(err error, field string) string {
	var verr *ValidationError
	if errors.As(err, &verr) {
		return verr.Fields[field]
	}
	return ""
}

func TestCreateProductValidates(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.CreateProduct(ctx, staffActor, formProduct()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(*ProductInput)
		field string
		want  string
	}{
		{"sku of another product", func(in *ProductInput) { in.Variants[0].SKU = "LS-M" }, "variants", "error.product_sku_taken"},
		{"unknown collection", func(in *ProductInput) { in.Collections = []string{"nope"} }, "collections", "error.product_collection_unknown"},
		{"missing option value", func(in *ProductInput) { in.Variants[1].Options = [3]string{} }, "variants", "error.product_option_values"},
		{"value without option", func(in *ProductInput) { in.Variants[1].Options[1] = "Red" }, "variants", "error.product_option_values"},
		{"option gap", func(in *ProductInput) { in.OptionNames = []string{"", "Colour"} }, "options", "error.product_option_gap"},
		{"long seo title", func(in *ProductInput) { in.SEOTitle = strings.Repeat("x", MaxSEOTitleLen+1) }, "seo_title", "error.too_long"},
		{"bad handle", func(in *ProductInput) { in.Handle = "Not A Handle" }, "handle", "error.handle"},
		{"no title", func(in *ProductInput) { in.Title = " " }, "title", "error.required"},
		{"compare-at below the price", func(in *ProductInput) { in.Variants[0].CompareAtPrice = 100 }, "variants", "error.product_compare_at"},
		{"compare-at equal to the price", func(in *ProductInput) { in.Variants[1].CompareAtPrice = 5200 }, "variants", "error.product_compare_at"},
	}
	for _, tt := range tests {
		in := formProduct()
		in.Title, in.Variants[0].SKU, in.Variants[1].SKU = "Other", "O-1", "O-2"
		tt.edit(&in)
		_, err := s.CreateProduct(ctx, staffActor, in)
		if got := fieldError(err, tt.field); got != tt.want {
			t.Errorf("%s: %s = %q (%v), want %q", tt.name, tt.field, got, err, tt.want)
		}
	}
}

// TestSaveRefusesAHiddenCompareAtPrice: a compare-at price at or below the
// price would be saved and then never shown to shoppers, so saving the
// form refuses it; above the price, or none, is saved.
func TestSaveRefusesAHiddenCompareAtPrice(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, err := s.CreateProduct(ctx, staffActor, formProduct())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.ProductByID(ctx, id)
	in := formProduct()
	in.Variants[0].ID, in.Variants[1].ID = p.Variants[0].ID, p.Variants[1].ID
	in.Variants[0].CompareAtPrice = 100
	if err := s.UpdateProduct(ctx, staffActor, id, p.Version, in); fieldError(err, "variants") != "error.product_compare_at" {
		t.Fatalf("compare-at 1.00 beside 49.00: %v", err)
	}
	if after, _ := s.ProductByID(ctx, id); after.Version != p.Version || after.Variants[0].CompareAtPrice != 0 {
		t.Errorf("a refused save changed the product: %+v", after.Variants[0])
	}
	in.Variants[0].CompareAtPrice, in.Variants[1].CompareAtPrice = 5900, 0
	if err := s.UpdateProduct(ctx, staffActor, id, p.Version, in); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.ProductByID(ctx, id); after.Variants[0].CompareAtPrice != 5900 {
		t.Errorf("compare-at = %d, want 5900", after.Variants[0].CompareAtPrice)
	}
}

func TestUpdateProductKeepsStockAndChecksVersion(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, err := s.CreateProduct(ctx, staffActor, formProduct())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.ProductByID(ctx, id)
	in := formProduct()
	in.Handle = "linen-shirt-classic"
	in.Title = "Classic Linen Shirt"
	// Row 1 edits M (its stock in the form is ignored), row 2 is new, S is removed.
	in.Variants = []VariantInput{
		{ID: p.Variants[1].ID, SKU: "LS-M", Options: [3]string{"M"}, Price: 5500, Stock: 99},
		{SKU: "LS-L", Options: [3]string{"L"}, Price: 5800, Stock: 4},
	}
	if err := s.UpdateProduct(ctx, staffActor, id, p.Version, in); err != nil {
		t.Fatal(err)
	}
	got, _ := s.ProductByID(ctx, id)
	if got.Handle != "linen-shirt-classic" || got.Version != p.Version+1 || len(got.Variants) != 2 {
		t.Fatalf("after update = %+v", got)
	}
	if v := got.Variants[0]; v.ID != p.Variants[1].ID || v.Price != 5500 || v.Stock != 7 {
		t.Errorf("edited variant = %+v, want its id and stock 7 kept", v)
	}
	if v := got.Variants[1]; v.SKU != "LS-L" || v.Stock != 4 {
		t.Errorf("new variant = %+v", v)
	}

	// A second save from the form opened at the old version changes nothing.
	stale := in
	stale.Title = "Overwritten"
	err = s.UpdateProduct(ctx, staffActor, id, p.Version, stale)
	if !errors.Is(err, ErrProductChanged) || !errors.Is(err, ErrConflict) {
		t.Fatalf("stale save: %v", err)
	}
	if again, _ := s.ProductByID(ctx, id); again.Title != "Classic Linen Shirt" || again.Version != got.Version {
		t.Errorf("stale save wrote: %+v", again)
	}
	if acts := auditActions(t, s, itoa(id)); len(acts) != 2 || acts[0] != ActionProductUpdate {
		t.Errorf("audit = %v", acts)
	}
	// A row naming another product's variant is refused.
	other, _ := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Other", Status: StatusDraft, Variants: []VariantInput{{Price: 1}}})
	op, _ := s.ProductByID(ctx, other)
	in.Variants = []VariantInput{{ID: op.Variants[0].ID, Price: 1, Options: [3]string{"X"}}}
	if err := s.UpdateProduct(ctx, staffActor, id, got.Version, in); fieldError(err, "variants") != "error.product_variant_unknown" {
		t.Errorf("foreign variant: %v", err)
	}
	if err := s.UpdateProduct(ctx, staffActor, 9999, 1, in); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing product: %v", err)
	}
}

// TestConcurrentSavesOneWins: two people save the form they opened at the
// same version at once; exactly one save lands.
func TestConcurrentSavesOneWins(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, err := s.CreateProduct(ctx, staffActor, formProduct())
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.ProductByID(ctx, id)
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			in := formProduct()
			in.Title = "Title " + itoa(int64(i))
			in.Variants[0].ID, in.Variants[1].ID = p.Variants[0].ID, p.Variants[1].ID
			errs[i] = s.UpdateProduct(ctx, staffActor, id, p.Version, in)
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrProductChanged):
			t.Errorf("save: %v", err)
		}
	}
	if got, _ := s.ProductByID(ctx, id); ok != 1 || got.Version != p.Version+1 {
		t.Errorf("%d saves landed, version %d", ok, got.Version)
	}
}

func TestDuplicateProduct(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	_, _, err := s.SaveProduct(ctx, ProductInput{
		Handle: "mug", Title: "Mug", Status: StatusActive, Tags: []string{"kitchen"}, Collections: []string{"home"},
		OptionNames: []string{"Colour"},
		Images:      []ImageInput{{SourceURL: "a", Data: testPNG(t, color.White)}, {SourceURL: "b", Data: testPNG(t, color.Black)}},
		Variants: []VariantInput{
			{SKU: "MUG-W", Barcode: "123", Options: [3]string{"White"}, Price: 1200, Stock: 5, ImageIndex: 1},
			{SKU: "MUG-B", Options: [3]string{"Black"}, Price: 1300, Stock: 2, ImageIndex: 2},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := s.ProductByHandle(ctx, "mug", false)
	copyID, err := s.DuplicateProduct(ctx, staffActor, src.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.ProductByID(ctx, copyID)
	if c.Handle != "mug-copy" || c.Status != StatusDraft || c.Title != "Mug" || strings.Join(c.Tags, ",") != "kitchen" ||
		len(c.Collections) != 1 || len(c.Images) != 2 || len(c.Variants) != 2 || c.StockTotal != 0 {
		t.Fatalf("copy = %+v", c)
	}
	for i, v := range c.Variants {
		if v.SKU != "" || v.Barcode != "" || v.Stock != 0 || v.Price != src.Variants[i].Price {
			t.Errorf("copied variant %d = %+v", i, v)
		}
		if v.ImageID != c.Images[i].ID {
			t.Errorf("copied variant %d shows image %d, want the copy's %d", i, v.ImageID, c.Images[i].ID)
		}
	}
	if c.CoverImageID != c.Images[0].ID {
		t.Errorf("cover = %d", c.CoverImageID)
	}
	again, _ := s.DuplicateProduct(ctx, staffActor, src.ID, "")
	if c2, _ := s.ProductByID(ctx, again); c2.Handle != "mug-copy-2" {
		t.Errorf("second copy handle = %q", c2.Handle)
	}
	if got := auditActions(t, s, itoa(copyID)); len(got) != 1 || got[0] != ActionProductDuplicate {
		t.Errorf("audit = %v", got)
	}
	if _, err := s.DuplicateProduct(ctx, staffActor, 9999, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing product: %v", err)
	}
}

func testPNG(t testing.TB, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
