package store

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestImageAltInEachLanguage: an image's alt text is saved in both
// languages, read back exactly, shown in the reader's language on the
// product, its card and a cart line, and falls back to the default where
// it has no translation.
func TestImageAltInEachLanguage(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, err := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Vase", Handle: "vase", Status: StatusActive,
		Variants: []VariantInput{{Price: 100, Stock: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	img, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(testPNG(t, color.White)), Plain("A white vase"))
	if err != nil {
		t.Fatal(err)
	}
	alt := Plain(" A white vase ").With("zh", " 白色花瓶 ")
	if err := s.SetProductImageAlt(ctx, staffActor, id, img, alt); err != nil {
		t.Fatal(err)
	}
	p, err := s.ProductByHandle(ctx, "vase", false)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Images[0].AltText(); got.Default != "A white vase" || got.Tr["zh"] != "白色花瓶" || len(got.Tr) != 1 {
		t.Fatalf("alt = %+v", got)
	}
	if zh, en := p.In("zh").Images[0].Alt, p.In("en").Images[0].Alt; zh != "白色花瓶" || en != "A white vase" {
		t.Errorf("alt in zh = %q, in en = %q", zh, en)
	}
	if p.Images[0].Alt != "A white vase" {
		t.Errorf("Product.In changed the shared product: %q", p.Images[0].Alt)
	}

	page, err := s.Products(ctx, ProductQuery{PerPage: 10, Page: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Products) != 1 || page.In("zh").Products[0].CoverAlt != "白色花瓶" || page.In("en").Products[0].CoverAlt != "A white vase" {
		t.Errorf("cards = %+v", page.Products)
	}

	// An upload can carry its translations.
	second, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(testPNG(t, color.Black)), Plain(" A black vase ").With("zh", " 黑色花瓶 "))
	if err != nil {
		t.Fatal(err)
	}
	p, _ = s.ProductByID(ctx, id)
	if got := p.Images[1]; got.ID != second || got.Alt != "A black vase" || got.AltTr["zh"] != "黑色花瓶" {
		t.Errorf("uploaded with a translation: %+v", got)
	}
	if err := s.DeleteProductImage(ctx, staffActor, id, second); err != nil {
		t.Fatal(err)
	}
	_, err = s.AddProductImage(ctx, staffActor, id, bytes.NewReader(testPNG(t, color.Black)), Plain("A").With("zh", strings.Repeat("长", MaxImageAltLen+1)))
	if fieldError(err, "alt_zh") != "error.too_long" {
		t.Errorf("an upload with a too long translation: %v", err)
	}

	// A form without translation fields (nil Tr) keeps them; an empty
	// translation removes it, and the default shows again.
	if err := s.SetProductImageAlt(ctx, staffActor, id, img, Plain("A vase")); err != nil {
		t.Fatal(err)
	}
	p, _ = s.ProductByID(ctx, id)
	if got := p.Images[0].AltText(); got.Default != "A vase" || got.Tr["zh"] != "白色花瓶" {
		t.Errorf("after a default-only edit: %+v", got)
	}
	if err := s.SetProductImageAlt(ctx, staffActor, id, img, Plain("A vase").With("zh", "")); err != nil {
		t.Fatal(err)
	}
	p, _ = s.ProductByID(ctx, id)
	if got := p.In("zh").Images[0].Alt; got != "A vase" || len(p.Images[0].AltTr) != 0 {
		t.Errorf("after removing the translation: zh alt %q, tr %v", got, p.Images[0].AltTr)
	}

	// Too long in a translation is refused on that language's field, and
	// nothing changes.
	err = s.SetProductImageAlt(ctx, staffActor, id, img, Plain("B").With("zh", strings.Repeat("长", MaxImageAltLen+1)))
	if fieldError(err, "alt_zh") != "error.too_long" {
		t.Errorf("a too long translation: %v", err)
	}
	if p, _ = s.ProductByID(ctx, id); p.Images[0].Alt != "A vase" {
		t.Errorf("a refused edit changed the alt to %q", p.Images[0].Alt)
	}

	// A duplicated product's images keep their translations; a deleted
	// image takes its translations with it.
	if err := s.SetProductImageAlt(ctx, staffActor, id, img, Plain("A vase").With("zh", "花瓶")); err != nil {
		t.Fatal(err)
	}
	copyID, err := s.DuplicateProduct(ctx, staffActor, id, "")
	if err != nil {
		t.Fatal(err)
	}
	cp, _ := s.ProductByID(ctx, copyID)
	if len(cp.Images) != 1 || cp.Images[0].ID == img || cp.In("zh").Images[0].Alt != "花瓶" {
		t.Errorf("copy's images = %+v", cp.Images)
	}
	if err := s.DeleteProductImage(ctx, staffActor, id, img); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM translations WHERE entity = ? AND entity_id = ?`, EntityImageText, img).Scan(&n); err != nil || n != 0 {
		t.Errorf("translations left of a deleted image: %d, %v", n, err)
	}
}

// TestSaveProductKeepsImageAltsInEachLanguage: an import (the demo) gives an
// image its alt in other languages with the product; saving the product
// again without them leaves them, and an empty set removes them.
func TestSaveProductKeepsImageAltsInEachLanguage(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	in := ProductInput{Title: "Vase", Handle: "vase", Status: StatusActive, Variants: []VariantInput{{Price: 100, Stock: 5}},
		Images: []ImageInput{{SourceURL: "demo:vase:1", Alt: "A white vase", AltTr: map[string]string{"zh": " 白色花瓶 "},
			Data: testPNG(t, color.White)}}}
	if _, _, err := s.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	zhAlt := func() string {
		t.Helper()
		p, err := s.ProductByHandle(ctx, "vase", false)
		if err != nil || len(p.Images) != 1 {
			t.Fatalf("product = %v, %v", p, err)
		}
		return p.In("zh").Images[0].Alt
	}
	if got := zhAlt(); got != "白色花瓶" {
		t.Fatalf("alt in zh = %q", got)
	}
	in.Images[0].AltTr, in.Images[0].Data = nil, nil
	if _, _, err := s.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	if got := zhAlt(); got != "白色花瓶" {
		t.Errorf("after a save without translations, alt in zh = %q", got)
	}
	in.Images[0].AltTr = map[string]string{}
	if _, _, err := s.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	if got := zhAlt(); got != "A white vase" {
		t.Errorf("after a save with none, alt in zh = %q, want the default", got)
	}

	// An alt is bounded as the image's own form bounds it, in each
	// language, in characters.
	long := strings.Repeat("瓶", MaxImageAltLen)
	in.Images[0].Alt, in.Images[0].AltTr = long, map[string]string{"zh": long}
	if _, _, err := s.SaveProduct(ctx, in); err != nil {
		t.Fatalf("alts of %d characters: %v", MaxImageAltLen, err)
	}
	for _, tooLong := range []ImageInput{
		{Alt: long + "瓶"},
		{Alt: "A white vase", AltTr: map[string]string{"zh": long + "瓶"}},
	} {
		in.Images[0].Alt, in.Images[0].AltTr = tooLong.Alt, tooLong.AltTr
		var verr *ValidationError
		if _, _, err := s.SaveProduct(ctx, in); !errors.As(err, &verr) || verr.Fields["images"] != "error.too_long" {
			t.Errorf("alt %d / %d characters: %v, want refused", utf8.RuneCountInString(tooLong.Alt), utf8.RuneCountInString(tooLong.AltTr["zh"]), err)
		}
	}
	if got := zhAlt(); got != long {
		t.Errorf("after refused saves, alt in zh = %d characters, want the last one saved", utf8.RuneCountInString(got))
	}
}
