package store

import (
	"context"
	"testing"
)

// teaInput is a product written in English with its Chinese translations.
func teaInput() ProductInput {
	tr := Texts{}.
		Set(FieldTitle, "zh", "明前龙井").
		Set(FieldDescription, "zh", "清明前采摘的嫩芽。").
		Set(OptionNameField(0), "zh", "规格").
		Set(OptionValueField(0, "50 g"), "zh", "50 克")
	return ProductInput{Handle: "longjing", Title: "Pre-Qingming Longjing", Description: "Tender buds picked before Qingming.",
		Status: StatusActive, OptionNames: []string{"Size"}, Collections: []string{"green-tea"},
		Variants: []VariantInput{{SKU: "LJ-50", Options: [3]string{"50 g"}, Price: 8800, Stock: 5},
			{SKU: "LJ-100", Options: [3]string{"100 g"}, Price: 16800, Stock: 5}},
		Tr: tr}
}

func TestProductTranslationsSaveLoadAndFallBack(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.SaveCollection(ctx, CollectionInput{Handle: "green-tea", Title: "Green Tea",
		Tr: Texts{}.Set(FieldTitle, "zh", "绿茶")}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SaveProduct(ctx, teaInput()); err != nil {
		t.Fatal(err)
	}
	p, err := s.ProductByHandle(ctx, "longjing", false)
	if err != nil {
		t.Fatal(err)
	}
	zh := p.In("zh")
	if zh.Title != "明前龙井" || zh.Description != "清明前采摘的嫩芽。" || zh.OptionNames[0] != "规格" {
		t.Errorf("zh product = %q %q %q", zh.Title, zh.Description, zh.OptionNames)
	}
	// "100 g" has no translation: the default shows.
	if zh.Variants[0].Title() != "50 克" || zh.Variants[1].Title() != "100 g" {
		t.Errorf("zh variants = %q, %q", zh.Variants[0].Title(), zh.Variants[1].Title())
	}
	if zh.Collections[0].Title != "绿茶" {
		t.Errorf("zh collection ref = %q", zh.Collections[0].Title)
	}
	if en := p.In("en"); en.Title != "Pre-Qingming Longjing" || en.Variants[0].Title() != "50 g" {
		t.Errorf("en product = %q %q", en.Title, en.Variants[0].Title())
	}
	if p.Title != "Pre-Qingming Longjing" || p.Variants[0].Options[0] != "50 g" {
		t.Error("In changed the shared, memoized product")
	}
	if !p.MissingTranslation([]string{"zh"}) {
		t.Error("the untranslated option value should count as missing")
	}
	cs, _ := s.Collections(ctx, false)
	if got := CollectionsIn(cs, "zh")[0].Title; got != "绿茶" {
		t.Errorf("zh collection = %q", got)
	}
	page, _ := s.Products(ctx, ProductQuery{})
	if got := page.In("zh").Products[0].Title; got != "明前龙井" {
		t.Errorf("zh card = %q", got)
	}

	// An import that knows nothing of translations (Tr nil) keeps them.
	in := teaInput()
	in.Tr = nil
	in.Title = "Longjing"
	if _, _, err := s.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.ProductByHandle(ctx, "longjing", false); p.In("zh").Title != "明前龙井" || p.Title != "Longjing" {
		t.Errorf("after a plain re-import: %q / %q", p.Title, p.In("zh").Title)
	}
	// A save with translations replaces the whole set: the option value's goes.
	in.Tr = Texts{}.Set(FieldTitle, "zh", "龙井")
	if _, _, err := s.SaveProduct(ctx, in); err != nil {
		t.Fatal(err)
	}
	p, _ = s.ProductByHandle(ctx, "longjing", false)
	if zh := p.In("zh"); zh.Title != "龙井" || zh.Variants[0].Title() != "50 g" || zh.Description != in.Description {
		t.Errorf("after replacing: %q %q %q", zh.Title, zh.Variants[0].Title(), zh.Description)
	}
}

func TestDuplicateProductCopiesTranslations(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, _, err := s.SaveProduct(ctx, teaInput())
	if err != nil {
		t.Fatal(err)
	}
	copyID, err := s.DuplicateProduct(ctx, staffActor, id, "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.ProductByID(ctx, copyID)
	if err != nil {
		t.Fatal(err)
	}
	if c.In("zh").Title != "明前龙井" {
		t.Errorf("copy's zh title = %q", c.In("zh").Title)
	}
}

func TestSearchFindsEitherLanguage(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, _, err := s.SaveProduct(ctx, teaInput()); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Longjing", "龙井", "明前龙井", "嫩芽", "Qingming buds"} {
		res, err := s.Search(ctx, q, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 {
			t.Errorf("search %q found %d", q, res.Total)
			continue
		}
		// The shopper reads the hit in their language, the match marked.
		zh := res.In("zh").Hits[0]
		if zh.Title != "明前龙井" || segmentsText(zh.TitleSegments) != "明前龙井" {
			t.Errorf("search %q in zh: %q %v", q, zh.Title, zh.TitleSegments)
		}
		if en := res.In("en").Hits[0]; en.Title != "Pre-Qingming Longjing" {
			t.Errorf("search %q in en: %q", q, en.Title)
		}
		// So is the snippet under it, whichever language's text matched.
		if got := segmentsText(zh.SnippetSegments); got != "清明前采摘的嫩芽。" {
			t.Errorf("search %q in zh: snippet %q, want the Chinese description", q, got)
		}
		if got := segmentsText(res.In("en").Hits[0].SnippetSegments); got != "Tender buds picked before Qingming." {
			t.Errorf("search %q in en: snippet %q, want the English description", q, got)
		}
		// The memoized result keeps the snippets, not whole descriptions.
		if tr := res.Hits[0].Tr[FieldDescription]; tr != nil {
			t.Errorf("search %q keeps the hit's descriptions %v", q, tr)
		}
	}
	res, _ := s.Search(ctx, "龙井", 1, 10)
	if segs := res.In("zh").Hits[0].TitleSegments; len(segs) != 2 || !segs[1].Match || segs[1].Text != "龙井" {
		t.Errorf("zh title segments = %+v", segs)
	}
}

func segmentsText(segs []Segment) string {
	var out string
	for _, s := range segs {
		out += s.Text
	}
	return out
}

func TestCartAndOrderInShoppersLanguage(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	f.save(t, teaInput())
	p, _ := f.s.ProductByHandle(ctx, "longjing", false)
	ch := f.add(t, "", p.Variants[0].ID, 1)
	if zh := ch.In("zh"); zh.ProductTitle != "明前龙井" || zh.VariantTitle != "50 克" {
		t.Errorf("change in zh = %q %q", zh.ProductTitle, zh.VariantTitle)
	}
	v, err := f.s.CartView(ctx, ch.Token, "zh")
	if err != nil {
		t.Fatal(err)
	}
	if v.Lines[0].ProductTitle != "明前龙井" || v.Lines[0].VariantTitle != "50 克" {
		t.Errorf("cart in zh = %q %q", v.Lines[0].ProductTitle, v.Lines[0].VariantTitle)
	}
	if en := f.view(t, ch.Token); en.Lines[0].ProductTitle != "Pre-Qingming Longjing" || en.Lines[0].VariantTitle != "50 g" {
		t.Errorf("cart in en = %q %q", en.Lines[0].ProductTitle, en.Lines[0].VariantTitle)
	}
	in := checkoutFor(ch.Token, flatShipping(t, f.s))
	in.Locale = "zh"
	o, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	// The snapshot keeps the language the shopper bought in, whatever the
	// catalog says later.
	if o.Lines[0].ProductTitle != "明前龙井" || o.Lines[0].VariantTitle != "50 克" {
		t.Errorf("order line = %q %q", o.Lines[0].ProductTitle, o.Lines[0].VariantTitle)
	}
	// An English shopper's order is in English.
	ch = f.add(t, "", p.Variants[0].ID, 1)
	o, _, err = f.s.PlaceOrder(ctx, checkoutFor(ch.Token, flatShipping(t, f.s)))
	if err != nil {
		t.Fatal(err)
	}
	if o.Lines[0].ProductTitle != "Pre-Qingming Longjing" {
		t.Errorf("en order line = %q", o.Lines[0].ProductTitle)
	}
}

func TestCollectionTranslationsFromAdmin(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	in := CollectionInput{Title: "Gifts", Tr: Texts{}.Set(FieldTitle, "zh", " 礼品 ")}
	id, err := s.CreateCollection(ctx, staffActor, in)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CollectionByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Tr.Text(FieldTitle, c.Title).In("zh"); got != "礼品" {
		t.Errorf("zh title = %q", got)
	}
	// An update changes the translations it names, "" removing one.
	in.Tr = Texts{FieldTitle: {"zh": ""}, FieldDescription: {"zh": "送礼之选"}}
	if err := s.UpdateCollection(ctx, staffActor, id, c.Version, in); err != nil {
		t.Fatal(err)
	}
	cs, _ := s.Collections(ctx, false)
	if zh := cs[0].In("zh"); zh.Title != "Gifts" || zh.Description != "送礼之选" {
		t.Errorf("after update, zh = %q %q (the memo must see the write)", zh.Title, zh.Description)
	}
}

// TestCartNamesInAnotherLanguageFollowTheCatalog: a Chinese cart names a
// line from the product the store keeps for its page when there is one
// (the tea, whose page was just read), reads the others (the mug), and
// shows a translation changed since at once.
func TestCartNamesInAnotherLanguageFollowTheCatalog(t *testing.T) {
	ctx := context.Background()
	f := newCartFixture(t)
	tea := teaInput()
	f.save(t, tea)
	mug := f.mugProduct
	mug.Tr = Texts{}.Set(FieldTitle, "zh", "马克杯")
	f.save(t, mug)
	p, err := f.s.ProductByHandle(ctx, "longjing", false)
	if err != nil {
		t.Fatal(err)
	}
	token := f.add(t, "", p.Variants[0].ID, 1).Token
	f.add(t, token, f.mug, 1)
	titles := func() []string {
		t.Helper()
		v, err := f.s.CartView(ctx, token, "zh")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range v.Lines {
			out = append(out, l.ProductTitle+" "+l.VariantTitle)
		}
		return out
	}
	if got := titles(); len(got) != 2 || got[0] != "明前龙井 50 克" || got[1] != "马克杯 " {
		t.Errorf("cart in zh = %q, want the tea and the mug in Chinese", got)
	}
	tea.Tr = tea.Tr.Set(FieldTitle, "zh", "狮峰龙井")
	f.save(t, tea)
	if got := titles(); got[0] != "狮峰龙井 50 克" {
		t.Errorf("after the title changed, cart in zh = %q", got)
	}
	if _, err := f.s.ProductByHandle(ctx, "longjing", false); err != nil {
		t.Fatal(err)
	}
	if got := titles(); got[0] != "狮峰龙井 50 克" {
		t.Errorf("with the new page kept, cart in zh = %q", got)
	}
}
