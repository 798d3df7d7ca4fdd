package store

import (
	"context"
	"strings"
	"testing"
)

// sizedShirt is a product with sizes S, M and L, none translated.
func sizedShirt(t *testing.T, s *Store) *Product {
	t.Helper()
	ctx := context.Background()
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "shirt", Title: "Shirt", Status: StatusActive,
		OptionNames: []string{"Size"}, Variants: []VariantInput{
			{SKU: "SH-S", Options: [3]string{"S"}, Price: 1000},
			{SKU: "SH-M", Options: [3]string{"M"}, Price: 1000},
			{SKU: "SH-L", Options: [3]string{"L"}, Price: 1000},
		}}); err != nil {
		t.Fatal(err)
	}
	p, err := s.ProductByHandle(ctx, "shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// shirtForm is the admin form of p, as shown, with tr as its translations.
func shirtForm(p *Product, tr Texts) ProductInput {
	in := ProductInput{Handle: p.Handle, Title: p.Title, Status: p.Status, OptionNames: p.OptionNames, Tr: tr}
	for _, v := range p.Variants {
		in.Variants = append(in.Variants, VariantInput{ID: v.ID, SKU: v.SKU, Options: v.Options, Price: v.Price})
	}
	return in
}

// TestProductFormRefusesOptionValuesReadingAlike: two sizes that read the
// same in Chinese could not be told apart by a Chinese shopper, so the form
// says so beside the translation instead of saving two "均码" buttons.
func TestProductFormRefusesOptionValuesReadingAlike(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	p := sizedShirt(t, s)
	const same = "error.product_option_value_same"
	S, M, L := OptionValueField(0, "S"), OptionValueField(0, "M"), OptionValueField(0, "L")

	for _, c := range []struct {
		name      string
		tr        Texts
		refused   []string // fields the error is shown beside
		untouched []string
	}{
		{"two values, one translation", Texts{}.Set(S, "zh", "均码").Set(M, "zh", " 均码 ").Set(L, "zh", "大"),
			[]string{S + "_zh", M + "_zh"}, []string{L + "_zh"}},
		{"a translation that is another, untranslated value", Texts{}.Set(S, "zh", "L"),
			[]string{S + "_zh"}, []string{L + "_zh", M + "_zh"}},
	} {
		err := s.UpdateProduct(ctx, Actor{}, p.ID, p.Version, shirtForm(p, c.tr))
		for _, f := range c.refused {
			if got := fieldError(err, f); got != same {
				t.Errorf("%s: error on %s = %q (%v), want %s", c.name, f, got, err, same)
			}
		}
		for _, f := range c.untouched {
			if got := fieldError(err, f); got != "" {
				t.Errorf("%s: error on %s = %q, want none", c.name, f, got)
			}
		}
	}
	got, _ := s.ProductByHandle(ctx, "shirt", false)
	if got.Version != p.Version || len(got.Tr) != 0 {
		t.Errorf("refused forms saved: version %d → %d, translations %v", p.Version, got.Version, got.Tr)
	}

	// Values trading places still read apart, as the content language's
	// swap allows too.
	if err := s.UpdateProduct(ctx, Actor{}, p.ID, p.Version, shirtForm(p, Texts{}.Set(S, "zh", "M").Set(M, "zh", "S"))); err != nil {
		t.Errorf("values trading places: %v", err)
	}
	// An import with translations keeps the rule too.
	in := shirtForm(p, Texts{}.Set(S, "zh", "均码").Set(M, "zh", "均码"))
	for i := range in.Variants {
		in.Variants[i].ID = 0
	}
	if _, _, err := s.SaveProduct(ctx, in); fieldError(err, M+"_zh") != same {
		t.Errorf("import with two values in one translation = %v, want %s", err, same)
	}
}

// TestImportTranslationsRefusesOptionValuesReadingAlike: a translations
// CSV that would make two sizes read the same skips those rows, saying
// why, and applies the product's other rows.
func TestImportTranslationsRefusesOptionValuesReadingAlike(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	sizedShirt(t, s)
	file := "Type,Handle,Field,Locale,Value\n" +
		"product,shirt,title,zh,衬衫\n" +
		"product,shirt,option1:S,zh,均码\n" +
		"product,shirt,option1:M,zh,均码\n" +
		"product,shirt,option1:L,zh,大\n"
	f, err := OpenTranslationsCSV(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportTranslations(ctx, Actor{}, f, []string{"zh"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != 2 || res.Skipped[0].Line != 3 || res.Skipped[1].Line != 4 ||
		res.Skipped[0].Reason != SkipSame || res.Skipped[0].Detail != "option1:S" {
		t.Errorf("skipped %+v, want lines 3 and 4 as %s", res.Skipped, SkipSame)
	}
	p, _ := s.ProductByHandle(ctx, "shirt", false)
	zh := p.In("zh")
	if zh.Title != "衬衫" || res.Changed != 2 {
		t.Errorf("title in zh %q, %d changed; want the other rows applied", zh.Title, res.Changed)
	}
	var sizes []string
	for _, v := range zh.Variants {
		sizes = append(sizes, v.Options[0])
	}
	if strings.Join(sizes, " ") != "S M 大" {
		t.Errorf("sizes in zh = %v", sizes)
	}
}
