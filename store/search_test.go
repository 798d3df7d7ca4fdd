package store

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// searchShop is a small bilingual catalog worded as the demo's is, for the
// queries shoppers type that its words do not match letter for letter.
func searchShop(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s := newTestStore(t)
	for _, p := range []struct{ handle, title, desc, zhTitle, zhDesc string }{
		{"linen-shirt", "Washed Linen Shirt", "A relaxed shirt in washed European linen.", "水洗亚麻衬衫", "欧洲水洗亚麻制成的宽松衬衫。"},
		{"linen-trousers", "Wide-Leg Linen Trousers", "High-waisted, in the same linen as our shirt.", "亚麻阔腿裤", "高腰阔腿裤，与我们的衬衫同为水洗亚麻。"},
		{"longjing", "Dragon Well Green Tea", "Flat green leaves, pan-fired by hand.", "西湖龙井", "西湖边山上手工炒制的扁平翠绿茶叶。"},
		{"oolong", "Tieguanyin Oolong", "A rolled oolong tea from Anxi.", "铁观音乌龙", "安溪的铁观音乌龙茶。"},
		{"tea-box", "Tea Discovery Box", "Six small tins of our teas.", "品茶礼盒", "六小罐好茶，从龙井到熟普洱。"},
		{"teapot", "Yixing Clay Teapot", "Unglazed clay, thrown by hand.", "宜兴紫砂壶", "紫砂多孔，建议一壶只泡一种茶。"},
		{"cup", "Blue and White Cup", "Hand-painted porcelain.", "青花瓷茶杯", "手绘的薄胎瓷杯。"},
		{"mug", "Stoneware Mug", "Glazed by hand.", "粗陶马克杯", "手工施釉。"},
		{"scarf", "Cashmere Scarf", "Brushed cashmere, wide and soft.", "羊绒围巾", "内蒙古羊绒织成的宽大围巾。"},
		{"tote", "Canvas Tote Bag", "Heavy cotton canvas.", "帆布托特包", "厚棉帆布托特包。"},
		{"hoodie", "Everyday Hoodie", "Organic cotton fleece.", "连帽卫衣", "有机棉抓绒。"},
		{"tee", "Organic Cotton Tee", "A crew neck in organic cotton.", "有机棉T恤", "圆领有机棉。"},
		{"goji", "Dried Goji Berries", "Sweet and chewy.", "宁夏枸杞", "甜而有嚼劲。"},
	} {
		if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: p.handle, Title: p.title, Description: p.desc,
			Status: StatusActive, Variants: []VariantInput{{Price: 100, Stock: 1}},
			Tr: Texts{}.Set(FieldTitle, "zh", p.zhTitle).Set(FieldDescription, "zh", p.zhDesc)}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestSearchFindsWhatShoppersType: plurals, punctuation, a Chinese
// keyboard's full-width letters and quotes, Latin joined to Han, and
// Chinese compounds the catalog words differently all find the products
// their plain words find.
func TestSearchFindsWhatShoppersType(t *testing.T) {
	ctx := context.Background()
	s := searchShop(t)
	teas := []string{"longjing", "oolong", "tea-box", "teapot"}
	tests := []struct {
		q    string
		want []string // handles, in any order
	}{
		// English plurals find the singular's products, and the reverse.
		{"shirts", []string{"linen-shirt", "linen-trousers"}},
		{"mugs", []string{"mug"}},
		{"hoodies", []string{"hoodie"}},
		{"scarves", []string{"scarf"}},
		{"teas", teas},
		{"tees", []string{"tee"}},
		{"berry", []string{"goji"}},
		// Punctuation separates words.
		{"Linen!", []string{"linen-shirt", "linen-trousers"}},
		{"tea?", teas},
		{"teapot.", []string{"teapot"}},
		{"linen, shirt", []string{"linen-shirt", "linen-trousers"}},
		{"washed,shirt", []string{"linen-shirt"}},
		{"'linen'", []string{"linen-shirt", "linen-trousers"}},
		// A Chinese keyboard: full-width letters, Chinese quotes, no space
		// between Latin and Han.
		{"ｌｉｎｅｎ", []string{"linen-shirt", "linen-trousers"}},
		{"ｔｅａ", teas},
		{"“茶”", []string{"cup", "longjing", "oolong", "tea-box", "teapot"}},
		{"「衬衫」", []string{"linen-shirt", "linen-trousers"}},
		{"linen衬衫", []string{"linen-shirt", "linen-trousers"}},
		{"茶tea", teas},
		{"T恤", []string{"tee"}}, // one letter stays with its ideograph
		// Chinese compounds that are not in the catalog verbatim.
		{"龙井茶", []string{"longjing", "tea-box"}},
		{"紫砂茶壶", []string{"teapot"}},
		{"亚麻裤", []string{"linen-trousers"}},
		{"真丝围巾", []string{"scarf"}}, // no silk: any scarf
		{"帆布包", []string{"tote"}},
		{"青花瓷杯", []string{"cup"}},
		{"龙井茶 green", []string{"longjing"}},
		// Still exact where the words are.
		{"亚麻衬衫", []string{"linen-shirt"}},
		{"Wide-Leg", []string{"linen-trousers"}},
		{"咖啡机", nil},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, tt.q, 1, 20)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.q, err)
			continue
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Handle)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) || res.Total != len(tt.want) {
			t.Errorf("Search(%q) = %v (total %d), want %v", tt.q, got, res.Total, tt.want)
		}
	}
}

// TestSearchLooseChineseRanksAndMarks: a compound found loosely ranks the
// product with more of its characters first, and marks them.
func TestSearchLooseChineseRanksAndMarks(t *testing.T) {
	ctx := context.Background()
	s := searchShop(t)
	res, err := s.Search(ctx, "亚麻长裤", 1, 20) // no product has 长
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[0].Handle != "linen-trousers" || res.Hits[1].Handle != "linen-shirt" {
		t.Fatalf("hits = %+v, want the trousers (亚麻阔腿裤) first, then the shirt (亚麻衬衫)", res.Hits)
	}
	zh := res.In("zh")
	if got := markedText(zh.Hits[0].TitleSegments); got != "亚麻裤" {
		t.Errorf("trousers' title marks %q, want 亚麻 and 裤", got)
	}
	res, _ = s.Search(ctx, "shirts", 1, 20)
	if got := markedText(res.Hits[0].TitleSegments); !strings.EqualFold(got, "shirt") {
		t.Errorf("shirts marks %q in %q, want the singular", got, res.Hits[0].Title)
	}
}

func markedText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Match {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// TestSearchSuggestsOnlyWhatFinds: "did you mean" offers a query only
// when it finds something, and counts two swapped letters as one edit.
func TestSearchSuggestsOnlyWhatFinds(t *testing.T) {
	ctx := context.Background()
	s := searchShop(t)
	for _, tt := range []struct{ q, want string }{
		{"green tae", "green tea"}, // not "green tee", which finds nothing
		{"tae", "tea"},             // a swap; tea is also the commoner word
		{"linen shrit", "linen shirt"},
		{"cotton tae", "cotton tee"}, // the same typo, another context
		{"lnen", "linen"},
		{"dragon zzzzzz", ""}, // nothing near enough
	} {
		res, err := s.Search(ctx, tt.q, 1, 20)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 || res.Suggestion != tt.want {
			t.Errorf("Search(%q) = %d found, suggestion %q; want none found and %q", tt.q, res.Total, res.Suggestion, tt.want)
			continue
		}
		if tt.want != "" {
			if found, _ := s.Search(ctx, tt.want, 1, 20); found.Total == 0 {
				t.Errorf("suggestion %q for %q finds nothing", tt.want, tt.q)
			}
		}
	}
}

func TestSearchTerms(t *testing.T) {
	for q, want := range map[string]string{
		"ｌｉｎｅｎ ＳＨＩＲＴ":       "linen|SHIRT",
		"“茶”、「绿茶」":          "茶|绿茶",
		"linen衬衫":           "linen|衬衫",
		"茶tea":              "茶|tea",
		"T恤 3D打印":           "T恤|3D|打印",
		"tea? Linen! (x)":   "tea|Linen|x",
		"linen,tea;silk":    "linen|tea|silk",
		"men's T-shirt 2.5": "men's|T-shirt|2.5",
		"-'tea'- .":         "tea",
		`"; DROP --`:        "DROP",
		"a b c d e f g h i": "a|b|c|d|e|f|g|h",
	} {
		var got []string
		for _, t := range searchTerms(q) {
			got = append(got, t.text)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("searchTerms(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestWordForms(t *testing.T) {
	for w, want := range map[string]string{
		"shirts": "shirt", "Mugs": "mug", "tees": "tee", "teas": "tea",
		"hoodies": "hoodie|hoody", "berries": "berrie|berry", "scarves": "scarve|scarf",
		"dishes": "dish", "boxes": "box", "glasses": "glass", "watches": "watch", "axes": "axe",
		"glass": "glass", "cactus": "cactus", "iris": "iris", "bus": "bus", "tea": "tea",
		"berry": "berry|berries", "tray": "tray", "scarf": "scarf|scarves", "knife": "knife|knives",
		"茶壶": "茶壶", "cafés": "cafés",
	} {
		if got := strings.Join(wordForms(w), "|"); got != want {
			t.Errorf("wordForms(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"tae", "tea", 3, 1}, {"tae", "tee", 3, 1}, {"shrit", "shirt", 3, 1}, {"lnen", "linen", 3, 1},
		{"abc", "abc", 3, 0}, {"ca", "abc", 5, 3}, {"kitten", "sitting", 5, 3}, {"kitten", "sitting", 2, 2},
		{"茶壶", "壶茶", 3, 1}, {"", "tea", 5, 3},
	} {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}
