package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// translatedShop is a shop with a collection and a product, translated
// (tr true) or only in the default language.
func translatedShop(t *testing.T, tr bool) *Store {
	t.Helper()
	ctx := context.Background()
	s := newTestStore(t)
	col := CollectionInput{Handle: "green-tea", Title: "Green Tea", Description: "Fresh and grassy."}
	p := teaInput()
	p.Tags = []string{"gift"}
	p.SEOTitle = "Longjing"
	if tr {
		col.Tr = Texts{}.Set(FieldTitle, "zh", "绿茶").Set(FieldSEODescription, "zh", "=SUM(A1) 不是公式")
		p.Tr = p.Tr.Set(OptionValueField(0, "100 g"), "zh", "-100 克").
			Set(TagField("gift"), "zh", "礼品").
			Set(FieldSEOTitle, "zh", "'@龙井").
			Set(FieldDescription, "zh", "第一行\n第二行，含 \"引号\", 逗号")
	} else {
		p.Tr = nil
	}
	if _, err := s.SaveCollection(ctx, col); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SaveProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	return s
}

func exportTranslations(t *testing.T, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.TranslationsCSV(context.Background(), []string{"zh"}, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importTranslations(t *testing.T, s *Store, file string) TranslationImport {
	t.Helper()
	f, err := OpenTranslationsCSV(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportTranslations(context.Background(), Actor{}, f, []string{"zh"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestTranslationsCSVRoundTrip(t *testing.T) {
	ctx := context.Background()
	from := translatedShop(t, true)
	file := exportTranslations(t, from)
	for _, want := range []string{"Type,Handle,Field,Locale,Default,Value\n",
		"product,longjing,title,zh,Pre-Qingming Longjing,明前龙井\n",
		"product,longjing,option1:100 g,zh,100 g,'-100 克\n", // a formula to a spreadsheet: neutralised
		"product,longjing,seo_title,zh,Longjing,''@龙井\n",
		"collection,green-tea,seo_description,zh,,'=SUM(A1) 不是公式\n",
		"collection,green-tea,description,zh,Fresh and grassy.,\n", // still to translate
	} {
		if !bytes.Contains(file, []byte(want)) {
			t.Errorf("export lacks %q:\n%s", want, file)
		}
	}

	to := translatedShop(t, false)
	res := importTranslations(t, to, string(file))
	if res.Products != 1 || res.Collections != 1 || res.Changed != 9 || len(res.Skipped) != 0 {
		t.Errorf("import = %+v", res)
	}
	if got := exportTranslations(t, to); !bytes.Equal(got, file) {
		t.Errorf("re-export differs:\n%s\nwant:\n%s", got, file)
	}
	want, _ := from.ProductByHandle(ctx, "longjing", true)
	got, _ := to.ProductByHandle(ctx, "longjing", true)
	if !reflect.DeepEqual(got.Tr, want.Tr) {
		t.Errorf("product translations = %v, want %v", got.Tr, want.Tr)
	}
	if zh := got.In("zh"); zh.Variants[1].Title() != "-100 克" || zh.SEOTitle != "'@龙井" {
		t.Errorf("zh variant %q, SEO title %q", zh.Variants[1].Title(), zh.SEOTitle)
	}
	// The shop's search finds the product by what was imported, its title
	// and its description, at once.
	for _, q := range []string{"明前", "明前龙井", "第二行"} {
		if res, err := to.Search(ctx, q, 1, 10); err != nil || res.Total != 1 {
			t.Errorf("search %q after the import: %d hits, %v", q, res.Total, err)
		}
	}
	wc, _ := from.CollectionByHandle(ctx, "green-tea")
	gc, _ := to.CollectionByHandle(ctx, "green-tea")
	if !reflect.DeepEqual(gc.Tr, wc.Tr) {
		t.Errorf("collection translations = %v, want %v", gc.Tr, wc.Tr)
	}
	// The same file again changes nothing.
	if again := importTranslations(t, to, string(file)); again.Changed != 0 || again.Products != 0 {
		t.Errorf("second import = %+v", again)
	}
}

func TestTranslationsCSVSkipsRowsByLine(t *testing.T) {
	ctx := context.Background()
	s := translatedShop(t, true)
	file := "Handle,Type,Locale,Field,Value\n" + // columns in another order, no Default
		"longjing,product,zh,title,龙井茶\n" + // 2: applied
		"longjing,variant,zh,title,x\n" + // 3: type
		"no-such-tea,product,zh,title,x\n" + // 4: handle
		"longjing,product,zh,option4,x\n" + // 5: field
		"longjing,product,zh,option1:200 g,x\n" + // 6: no variant has the value
		"longjing,product,en,title,x\n" + // 7: the default language
		"longjing,product,fr,title,x\n" + // 8: not offered
		"longjing,product,zh,seo_title," + strings.Repeat("长", MaxSEOTitleLen+1) + "\n" + // 9: too long
		"longjing,product,zh,title,又一个\n" + // 10: twice
		"longjing,product,zh,tag:gift,\n" + // 11: applied: removes the translation
		"green-tea,collection,zh,title,绿茶叶\n" // 12: applied
	res := importTranslations(t, s, file)
	var got []string
	for _, p := range res.Skipped {
		got = append(got, p.String())
	}
	want := []string{
		`line 3 (longjing): unknown type "variant" (product or collection)`,
		`line 4 (no-such-tea): no such handle`,
		`line 5 (longjing): unknown field "option4"`,
		`line 6 (longjing): unknown field "option1:200 g"`,
		`line 7 (longjing): locale "en" is not a translation language of this shop`,
		`line 8 (longjing): locale "fr" is not a translation language of this shop`,
		`line 9 (longjing): the seo_title translation is too long`,
		`line 10 (longjing): title zh appears twice; the first is kept`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Products != 1 || res.Collections != 1 || res.Changed != 3 {
		t.Errorf("import = %+v", res)
	}
	p, _ := s.ProductByHandle(ctx, "longjing", true)
	// Fields the file does not mention keep their translations.
	if zh := p.In("zh"); zh.Title != "龙井茶" || zh.OptionNames[0] != "规格" || zh.Variants[0].Title() != "50 克" ||
		zh.SEOTitle != "'@龙井" || p.Tr[TagField("gift")] != nil {
		t.Errorf("zh product = %q %q %q %q, tag %v", zh.Title, zh.OptionNames, zh.Variants[0].Title(), zh.SEOTitle, p.Tr[TagField("gift")])
	}
}

func TestTranslationsCSVImportIsWholePerProduct(t *testing.T) {
	ctx := context.Background()
	s := translatedShop(t, true)
	// The database refuses one of the product's values, as a full disk
	// or a constraint would, after its description was already written
	// (fields are written in name order).
	if _, err := s.write.ExecContext(ctx, `CREATE TRIGGER refuse_boom BEFORE INSERT ON translations
		WHEN NEW.value = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	file := "Type,Handle,Field,Locale,Value\n" +
		"product,longjing,description,zh,新描述\n" +
		"product,longjing,title,zh,boom\n" +
		"collection,green-tea,title,zh,绿茶叶\n"
	res := importTranslations(t, s, file)
	if len(res.Skipped) != 2 || res.Skipped[0].Line != 2 || res.Skipped[1].Line != 3 ||
		res.Skipped[0].Reason != SkipNotSaved || res.Products != 0 || res.Collections != 1 {
		t.Fatalf("import = %+v", res)
	}
	if !strings.Contains(res.Skipped[0].String(), "refused") {
		t.Errorf("problem = %s", res.Skipped[0])
	}
	p, _ := s.ProductByHandle(ctx, "longjing", true)
	if zh := p.In("zh"); zh.Title != "明前龙井" || zh.Description != "第一行\n第二行，含 \"引号\", 逗号" {
		t.Errorf("the product was half-imported: %q %q", zh.Title, zh.Description)
	}
	c, _ := s.CollectionByHandle(ctx, "green-tea")
	if got := c.In("zh").Title; got != "绿茶叶" {
		t.Errorf("collection = %q", got)
	}
}

func TestTranslationsCSVRefusesOtherFiles(t *testing.T) {
	for name, tc := range map[string]struct {
		file string
		want string
	}{
		"empty":          {"", "the file is empty"},
		"product CSV":    {"Handle,Title,Body (HTML)\na,A,\n", "no Type column"},
		"broken quoting": {"Type,Handle,Field,Locale,Value\nproduct,a,title,zh,\"open\n", "line 2"},
	} {
		_, err := OpenTranslationsCSV(strings.NewReader(tc.file))
		var fe *TranslationsFileError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want a file error with %q", name, err, tc.want)
		}
	}
}

// TestTranslationsCSVInBatches: read a few products at a time, the file is
// the same as read in one go, each product's rows with its own options,
// tags and translations.
func TestTranslationsCSVInBatches(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for i := range 5 {
		in := teaInput()
		in.Handle, in.Title = fmt.Sprintf("tea-%d", i), fmt.Sprintf("Tea %d", i)
		in.Tags = []string{fmt.Sprintf("tag-%d", i)}
		in.Tr = in.Tr.Set(FieldTitle, "zh", fmt.Sprintf("茶 %d", i))
		for k := range in.Variants {
			in.Variants[k].SKU = fmt.Sprintf("T%d-%d", i, k)
		}
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	whole := exportTranslations(t, s)
	defer func(n int) { exportBatch = n }(exportBatch)
	exportBatch = 2
	if got := exportTranslations(t, s); !bytes.Equal(got, whole) {
		t.Errorf("in batches of 2:\n%s\nin one:\n%s", got, whole)
	}
	if !bytes.Contains(whole, []byte("product,tea-4,title,zh,Tea 4,茶 4\n")) || !bytes.Contains(whole, []byte("product,tea-3,tag:tag-3,zh,tag-3,\n")) {
		t.Errorf("file lacks the last products' rows:\n%s", whole)
	}
}

// TestTranslationsCSVIsOneMoment: a translation saved while the file is
// read, between its batches, is not in it: the file is the catalog as it
// was when the export began.
func TestTranslationsCSVIsOneMoment(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	defer func(n int) { exportBatch = n }(exportBatch)
	exportBatch = 1
	for i := range 3 {
		in := teaInput()
		in.Handle, in.Title, in.Tr = fmt.Sprintf("tea-%d", i), fmt.Sprintf("Tea %d", i), nil
		for k := range in.Variants {
			in.Variants[k].SKU = fmt.Sprintf("T%d-%d", i, k)
		}
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	var titles []string
	err := s.translationRows(ctx, []string{"zh"}, func(r TranslationRow) error {
		if r.Type != TranslationTypeProduct || r.Field != FieldTitle {
			return nil
		}
		if len(titles) == 0 {
			importTranslations(t, s, "Type,Handle,Field,Locale,Value\nproduct,tea-2,title,zh,茶 2\n")
		}
		titles = append(titles, r.Handle+"="+r.Value)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"tea-0=", "tea-1=", "tea-2="}; !slices.Equal(titles, want) {
		t.Errorf("titles %v, want %v", titles, want)
	}
}
