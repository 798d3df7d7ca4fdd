package shopifycsv

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"storefront/store"
)

// parseFile parses a file under testdata with a two-decimal currency.
func parseFile(t *testing.T, name string) (map[string]Product, []Problem) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	products, problems, err := Parse(f, 2)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return byHandle(t, products), problems
}

func parseString(t *testing.T, csv string, exponent int) (map[string]Product, []Problem) {
	t.Helper()
	products, problems, err := Parse(strings.NewReader(csv), exponent)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return byHandle(t, products), problems
}

func byHandle(t *testing.T, products []Product) map[string]Product {
	t.Helper()
	m := map[string]Product{}
	for _, p := range products {
		if err := p.Input.Validate(); err != nil {
			t.Errorf("%s does not validate: %v", p.Input.Handle, err)
		}
		m[p.Input.Handle] = p
	}
	return m
}

func lines(problems []Problem) []int {
	var ls []int
	for _, p := range problems {
		ls = append(ls, p.Line)
	}
	return ls
}

func TestParseClassicExport(t *testing.T) {
	products, problems := parseFile(t, "classic.csv")
	if got, want := len(products), 5; got != want {
		t.Fatalf("products = %d, want %d", got, want)
	}
	// Line 17 is the beanie's "29,5": line numbers count the six physical
	// lines of the shirt's multi-line description.
	if len(problems) != 1 || problems[0].Line != 17 || problems[0].Handle != "wool-beanie" ||
		!strings.Contains(problems[0].Reason, "decimal comma") {
		t.Errorf("problems = %v, want one for line 17", problems)
	}

	shirt := products["linen-shirt"]
	in := shirt.Input
	if in.Title != "Linen Shirt" || in.Vendor != "Northwind Mills" || in.ProductType != "Shirts" || in.Status != store.StatusActive {
		t.Errorf("shirt = %q %q %q %q", in.Title, in.Vendor, in.ProductType, in.Status)
	}
	if in.SEOTitle != "Linen Shirt | Northwind" || in.SEODescription != "A breezy washed-linen shirt." {
		t.Errorf("shirt SEO = %q / %q", in.SEOTitle, in.SEODescription)
	}
	wantDesc := "A breezy shirt in washed linen.\n\n- 100% European flax\n- Mother-of-pearl buttons\n\nFits true to size & softens with every wash."
	if in.Description != wantDesc {
		t.Errorf("description = %q, want %q", in.Description, wantDesc)
	}
	if !reflect.DeepEqual(in.Tags, []string{"linen", "summer", "men"}) {
		t.Errorf("tags = %q", in.Tags)
	}
	if !reflect.DeepEqual(in.OptionNames, []string{"Size", "Colour"}) {
		t.Errorf("options = %q", in.OptionNames)
	}
	if !reflect.DeepEqual(in.Collections, []string{"summer-edit"}) {
		t.Errorf("collections = %q", in.Collections)
	}
	if shirt.FirstLine != 2 {
		t.Errorf("FirstLine = %d, want 2", shirt.FirstLine)
	}
	if got := len(in.Variants); got != 4 {
		t.Fatalf("shirt variants = %d, want 4", got)
	}
	v := in.Variants[0]
	if v.SKU != "LS-S-WHT" || v.Options != [3]string{"S", "White"} || v.Price != 4900 || v.CompareAtPrice != 5900 ||
		v.WeightGrams != 220 || v.Stock != 12 || v.Barcode != "4006381333931" || v.ImageIndex != 0 {
		t.Errorf("first variant = %+v", v)
	}
	// Image Position orders the gallery: white (1), blue (2, from the
	// image-only row and the variant images), detail (3).
	cdn := "https://cdn.shopify.com/s/files/1/0612/3456/7890/files/"
	wantURLs := []string{cdn + "linen-shirt-white.jpg?v=1700000001", cdn + "linen-shirt-blue.jpg?v=1700000003", cdn + "linen-shirt-detail.jpg?v=1700000002"}
	if !reflect.DeepEqual(shirt.ImageURLs, wantURLs) {
		t.Errorf("images = %q", shirt.ImageURLs)
	}
	if !reflect.DeepEqual(shirt.ImageAlts, []string{"Linen shirt in white", "Linen shirt in blue", "Collar detail"}) {
		t.Errorf("alts = %q", shirt.ImageAlts)
	}
	if len(in.Images) != 3 || in.Images[1].SourceURL != wantURLs[1] || in.Images[1].Alt != "Linen shirt in blue" || in.Images[1].Data != nil {
		t.Errorf("Input.Images = %+v", in.Images)
	}
	if in.Variants[2].ImageIndex != 2 || in.Variants[3].ImageIndex != 2 {
		t.Errorf("blue variants' ImageIndex = %d, %d, want 2", in.Variants[2].ImageIndex, in.Variants[3].ImageIndex)
	}

	tote := products["canvas-tote"].Input
	if tote.OptionNames != nil || len(tote.Variants) != 1 || tote.Variants[0].Options != [3]string{} {
		t.Errorf("Default Title tote = %q %+v", tote.OptionNames, tote.Variants)
	}
	if tote.Description != "Heavy 12 oz canvas.\nFits a laptop." || tote.Variants[0].Price != 2450 {
		t.Errorf("tote = %q %d", tote.Description, tote.Variants[0].Price)
	}
	if tote.Collections != nil {
		t.Errorf("tote collections = %q, want nil (keep manual membership)", tote.Collections)
	}
	if len(tote.Images) != 2 {
		t.Errorf("tote images = %d, want 2", len(tote.Images))
	}

	mug := products["ceramic-mug"].Input
	if mug.Status != store.StatusDraft || mug.Description != "Stoneware\n\nHolds 350 ml." || len(mug.Variants) != 2 {
		t.Errorf("mug = %q %q %d variants", mug.Status, mug.Description, len(mug.Variants))
	}

	beanie := products["wool-beanie"].Input
	if len(beanie.Variants) != 2 || beanie.Variants[0].Stock != 0 || beanie.Variants[1].SKU != "BEANIE-NVY" {
		t.Errorf("beanie variants = %+v", beanie.Variants)
	}

	beans := products["espresso-beans"].Input
	if beans.ProductType != "Coffee" || beans.Variants[0].WeightGrams != 250 || len(beans.Images) != 2 ||
		!reflect.DeepEqual(beans.Collections, []string{"coffee"}) {
		t.Errorf("beans = %q %d g %d images %q", beans.ProductType, beans.Variants[0].WeightGrams, len(beans.Images), beans.Collections)
	}
}

func TestParseNewerExport(t *testing.T) {
	products, problems := parseFile(t, "newer.csv")
	if got, want := len(products), 3; got != want {
		t.Fatalf("products = %d, want %d", got, want)
	}
	if !reflect.DeepEqual(lines(problems), []int{3}) || !strings.Contains(problems[0].Reason, "3.5") {
		t.Errorf("problems = %v, want the non-integer stock on line 3", problems)
	}

	// The tank's M row comes after two other products: it still joins the tank.
	tank := products["ribbed-tank"]
	in := tank.Input
	if in.Title != "Ribbed Tank" || in.ProductType != "Tank Tops" || in.Status != store.StatusActive {
		t.Errorf("tank = %q %q %q", in.Title, in.ProductType, in.Status)
	}
	if in.Description != "Organic cotton rib.\n\nCut long; tuck it or don't." {
		t.Errorf("description = %q", in.Description)
	}
	if len(in.Variants) != 2 || in.Variants[0].SKU != "TANK-XS" || in.Variants[1].SKU != "TANK-M" {
		t.Fatalf("tank variants = %+v", in.Variants)
	}
	// "Weight value (grams)" is grams; "oz" is only how Shopify displays it.
	if in.Variants[0].WeightGrams != 120 || in.Variants[1].Price != 3400 || in.Variants[1].Stock != 4 {
		t.Errorf("tank variants = %+v", in.Variants)
	}
	if len(tank.ImageURLs) != 2 || in.Variants[1].ImageIndex != 2 || !strings.HasSuffix(tank.ImageURLs[1], "tank-2.jpg") {
		t.Errorf("tank images = %q, M ImageIndex %d", tank.ImageURLs, in.Variants[1].ImageIndex)
	}
	if in.Collections != nil {
		t.Errorf("collections = %q, want nil without a Collection column", in.Collections)
	}

	bowls := products["stoneware-bowls"].Input
	if bowls.OptionNames != nil || bowls.Variants[0].Price != 124000 || bowls.Variants[0].CompareAtPrice != 130000 ||
		bowls.Variants[0].WeightGrams != 2300 {
		t.Errorf("bowls = %q %+v", bowls.OptionNames, bowls.Variants)
	}
	// Active in Shopify but kept off its online store: a draft here.
	if got := products["wholesale-crate"].Input.Status; got != store.StatusDraft {
		t.Errorf("crate status = %q, want draft", got)
	}
}

const hdr = "Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Image Src,Image Position\n"

func TestParseRows(t *testing.T) {
	tests := []struct {
		name      string
		csv       string
		exponent  int
		handles   []string // products, in file order
		variants  []int    // variants per product
		problems  []int    // lines of problems
		reasonHas string   // in the first problem
	}{
		{
			name:     "grouping non-adjacent rows",
			csv:      hdr + "a,A,,Size,S,A-S,1.00,1,,\nb,B,,,,B-1,2.00,1,,\na,,,,M,A-M,1.00,1,,\n",
			exponent: 2, handles: []string{"a", "b"}, variants: []int{2, 1},
		},
		{
			name:     "bad extra row skips only that row",
			csv:      hdr + "a,A,,Size,S,A-S,1.00,1,,\na,,,,M,A-M,abc,1,,\na,,,,L,A-L,1.00,1,,\n",
			exponent: 2, handles: []string{"a"}, variants: []int{2}, problems: []int{3}, reasonHas: "not an amount",
		},
		{
			name:     "bad first row skips the whole product",
			csv:      hdr + "a,A,,Size,S,A-S,free,1,,\na,,,,M,A-M,1.00,1,,\nb,B,,,,B-1,2.00,1,,\n",
			exponent: 2, handles: []string{"b"}, variants: []int{1}, problems: []int{2}, reasonHas: "product not imported",
		},
		{
			name:     "no title skips the product",
			csv:      hdr + "a,,,,,A-1,1.00,1,,\n",
			exponent: 2, problems: []int{2}, reasonHas: "no title",
		},
		{
			name:     "line numbers count multi-line fields",
			csv:      hdr + "a,A,\"<p>one</p>\n<p>two</p>\n<p>three</p>\",Size,S,A-S,1.00,1,,\na,,,,M,A-M,x,1,,\n",
			exponent: 2, handles: []string{"a"}, variants: []int{1}, problems: []int{5},
		},
		{
			name:     "negative stock is clamped, fractional stock is a problem",
			csv:      hdr + "a,A,,Size,S,A-S,1.00,-4,,\na,,,,M,A-M,1.00,2.5,,\n",
			exponent: 2, handles: []string{"a"}, variants: []int{1}, problems: []int{3}, reasonHas: "whole number",
		},
		{
			name:     "duplicate options and SKUs",
			csv:      hdr + "a,A,,Size,S,A-S,1.00,1,,\na,,,,S,A-S2,1.00,1,,\na,,,,M,A-S,1.00,1,,\nb,B,,,,A-S,1.00,1,,\n",
			exponent: 2, handles: []string{"a"}, variants: []int{1}, problems: []int{3, 4, 5}, reasonHas: "same options",
		},
		{
			name:     "zero-decimal currency",
			csv:      hdr + "a,A,,,,A-1,1200,1,,\nb,B,,,,B-1,12.50,1,,\n",
			exponent: 0, handles: []string{"a"}, variants: []int{1}, problems: []int{3},
		},
		{
			name:     "image-only rows add no variant",
			csv:      hdr + "a,A,,,,A-1,1.00,1,http://x/1.jpg,1\na,,,,,,,,http://x/2.jpg,2\n",
			exponent: 2, handles: []string{"a"}, variants: []int{1},
		},
		{
			name:     "handles are slugified",
			csv:      hdr + "Linen Shirt,A,,,,A-1,1.00,1,,\nlinen-shirt,,,,,,,,http://x/2.jpg,\n",
			exponent: 2, handles: []string{"linen-shirt"}, variants: []int{1},
		},
		{
			name:     "missing and empty handles",
			csv:      hdr + ",A,,,,A-1,1.00,1,,\n!!!,B,,,,B-1,1.00,1,,\n",
			exponent: 2, problems: []int{2, 3}, reasonHas: "no handle",
		},
		{
			name:     "short rows and blank rows",
			csv:      hdr + "a,A,,,,A-1,1.00\n,,,\n\nb,B,,,,B-1,3\n",
			exponent: 2, handles: []string{"a", "b"}, variants: []int{1, 1},
		},
		{
			name:     "malformed quotes",
			csv:      hdr + "a,A,,,,A-1,1.00,1,,\nb,\"B\"x,,,,B-1,1.00,1,,\nc,C,,,,C-1,1.00,1,,\n",
			exponent: 2, handles: []string{"a", "c"}, variants: []int{1, 1}, problems: []int{3}, reasonHas: "quotes",
		},
		{
			name:     "invalid UTF-8",
			csv:      hdr + "a,A,,Size,S,A-S,1.00,1,,\na,,,,M\xff,A-M,1.00,1,,\nb,B\xfe,,,,B-1,1.00,1,,\n",
			exponent: 2, handles: []string{"a"}, variants: []int{1}, problems: []int{3, 4}, reasonHas: "UTF-8",
		},
		{
			name:     "BOM and CRLF",
			csv:      "\uFEFF" + strings.ReplaceAll(hdr+"a,A,,,,A-1,1.00,1,,\n", "\n", "\r\n"),
			exponent: 2, handles: []string{"a"}, variants: []int{1},
		},
		{
			name:     "unknown status",
			csv:      "Handle,Title,Status,Variant Price\na,A,sold,1\n",
			exponent: 2, problems: []int{2}, reasonHas: "status",
		},
		{
			name:     "long handle cut inside a character",
			csv:      hdr + strings.Repeat("a", 198) + "-中,A,,,,A-1,1.00,1,,\n",
			exponent: 2, handles: []string{strings.Repeat("a", 198)}, variants: []int{1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			products, problems, err := Parse(strings.NewReader(tt.csv), tt.exponent)
			if err != nil {
				t.Fatal(err)
			}
			var handles []string
			var variants []int
			for _, p := range products {
				if err := p.Input.Validate(); err != nil {
					t.Errorf("%s: %v", p.Input.Handle, err)
				}
				handles = append(handles, p.Input.Handle)
				variants = append(variants, len(p.Input.Variants))
			}
			if !reflect.DeepEqual(handles, tt.handles) || !reflect.DeepEqual(variants, tt.variants) {
				t.Errorf("products = %q %v, want %q %v", handles, variants, tt.handles, tt.variants)
			}
			if !reflect.DeepEqual(lines(problems), tt.problems) {
				t.Errorf("problem lines = %v, want %v (%v)", lines(problems), tt.problems, problems)
			}
			if tt.reasonHas != "" && (len(problems) == 0 || !strings.Contains(problems[0].Reason, tt.reasonHas)) {
				t.Errorf("problems = %v, want the first to mention %q", problems, tt.reasonHas)
			}
		})
	}
}

func TestParseFileErrors(t *testing.T) {
	for name, csv := range map[string]string{
		"empty":           "",
		"no handle":       "Title,Variant Price\nA,1\n",
		"broken header":   "Handle,\"Title\n",
		"only a BOM":      "\uFEFF",
		"header is a BOM": "\uFEFF\n",
	} {
		if _, _, err := Parse(strings.NewReader(csv), 2); err == nil {
			t.Errorf("%s: Parse succeeded, want an error", name)
		}
	}
}

func TestParseDefaultTitle(t *testing.T) {
	tests := []struct {
		name, csv string
		options   []string
	}{
		{"Title option", "Handle,Title,Option1 Name,Option1 Value,Variant Price\na,A,Title,Default Title,1\n", nil},
		{"Default Title without a name", "Handle,Title,Option1 Name,Option1 Value,Variant Price\na,A,,Default Title,1\n", nil},
		{"real option", "Handle,Title,Option1 Name,Option1 Value,Variant Price\na,A,Size,One size,1\n", []string{"Size"}},
		{"unnamed second option", "Handle,Title,Option1 Name,Option1 Value,Option2 Value,Variant Price\na,A,Size,S,Red,1\n", []string{"Size", "Option 2"}},
		{"gap between options", "Handle,Title,Option1 Name,Option1 Value,Option3 Name,Option3 Value,Variant Price\na,A,Size,S,Fit,Slim,1\n", []string{"Size", "Fit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			products, _ := parseString(t, tt.csv, 2)
			in := products["a"].Input
			if !reflect.DeepEqual(in.OptionNames, tt.options) {
				t.Errorf("options = %q, want %q", in.OptionNames, tt.options)
			}
			if tt.options == nil && in.Variants[0].Options != [3]string{} {
				t.Errorf("values = %q, want none", in.Variants[0].Options)
			}
			if tt.name == "gap between options" && in.Variants[0].Options != [3]string{"S", "Slim"} {
				t.Errorf("values = %q, want compacted", in.Variants[0].Options)
			}
		})
	}
}

func TestParseWeights(t *testing.T) {
	tests := []struct {
		header, value, unit string
		grams               int64
		bad                 bool
	}{
		{"Variant Grams", "250", "kg", 250, false}, // grams whatever the display unit
		{"Variant Grams", "99.6", "", 100, false},
		{"Weight value (grams)", "1200", "lb", 1200, false},
		{"Variant Weight", "1.5", "kg", 1500, false},
		{"Variant Weight", "2", "lb", 907, false},
		{"Variant Weight", "8", "oz", 227, false},
		{"Variant Weight", "300", "g", 300, false},
		{"Variant Weight", "300", "", 300, false},
		{"Variant Weight", "3", "stone", 0, true},
		{"Variant Grams", "-5", "", 0, true},
		{"Variant Grams", "heavy", "", 0, true},
		{"Variant Grams", "NaN", "", 0, true},
		{"Variant Grams", "1e300", "", 0, true},
	}
	for _, tt := range tests {
		csv := "Handle,Title,Variant Price," + tt.header + ",Variant Weight Unit\na,A,1," + tt.value + "," + tt.unit + "\n"
		products, problems, err := Parse(strings.NewReader(csv), 2)
		if err != nil {
			t.Fatal(err)
		}
		if tt.bad {
			if len(products) != 0 || len(problems) != 1 {
				t.Errorf("%s %s %s: products %d problems %v, want the row refused", tt.header, tt.value, tt.unit, len(products), problems)
			}
			continue
		}
		if len(products) != 1 {
			t.Errorf("%s %s %s: problems %v", tt.header, tt.value, tt.unit, problems)
			continue
		}
		if got := products[0].Input.Variants[0].WeightGrams; got != tt.grams {
			t.Errorf("%s %s %s = %d g, want %d", tt.header, tt.value, tt.unit, got, tt.grams)
		}
	}
}

func TestParsePrices(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{"19.99", 1999, false},
		{"19", 1900, false},
		{"1,299.50", 129950, false},
		{"12,345,678", 1234567800, false},
		{"19,99", 0, true}, // a European decimal comma is not 1999.00
		{"1,2345", 0, true},
		{"19.995", 0, true},
		{"-3", 0, true},
		{"$5", 0, true},
	}
	for _, tt := range tests {
		csv := "Handle,Title,Variant Price\na,A,\"" + tt.in + "\"\n"
		products, problems, _ := Parse(strings.NewReader(csv), 2)
		if tt.bad {
			if len(products) != 0 || len(problems) != 1 {
				t.Errorf("price %q: products %d, problems %v; want refused", tt.in, len(products), problems)
			}
			continue
		}
		if len(products) != 1 || products[0].Input.Variants[0].Price != tt.want {
			t.Errorf("price %q: %v %v, want %d", tt.in, products, problems, tt.want)
		}
	}
}

func TestParseImages(t *testing.T) {
	csv := "Handle,Title,Variant Price,Option1 Name,Option1 Value,Image Src,Image Position,Image Alt Text,Variant Image\n" +
		"a,A,1,Colour,Red,http://x/3.jpg,3,three,http://x/red.jpg\n" +
		"a,,,,,http://x/1.jpg,1,one,\n" +
		"a,,1,,Blue,http://x/1.jpg,,,http://x/1.jpg\n" + // a repeat: not added twice
		"a,,,,,http://x/plain.jpg,,,\n" + // no position: after positioned ones
		"a,,,,,http://x/2.jpg,2,,\n"
	products, problems := parseString(t, csv, 2)
	if len(problems) != 0 {
		t.Fatalf("problems = %v", problems)
	}
	p := products["a"]
	want := []string{"http://x/1.jpg", "http://x/2.jpg", "http://x/3.jpg", "http://x/plain.jpg", "http://x/red.jpg"}
	if !reflect.DeepEqual(p.ImageURLs, want) {
		t.Errorf("images = %q, want %q", p.ImageURLs, want)
	}
	if !reflect.DeepEqual(p.ImageAlts, []string{"one", "", "three", "", ""}) {
		t.Errorf("alts = %q", p.ImageAlts)
	}
	if red, blue := p.Input.Variants[0].ImageIndex, p.Input.Variants[1].ImageIndex; red != 5 || blue != 1 {
		t.Errorf("ImageIndex red %d blue %d, want 5 and 1", red, blue)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Plain text\nkeeps   its lines", "Plain text\nkeeps its lines"},
		{"Fish &amp; chips", "Fish & chips"},
		{"<p>One</p><p>Two</p>", "One\n\nTwo"},
		{"<p>Line<br>break</p>", "Line\nbreak"},
		{"<p>  lots \n of\tspace </p>", "lots of space"},
		{"<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>", "- a\n- b"},
		{"<h2>Care</h2><p>Wash &lt;30&deg;C&nbsp;only</p>", "Care\n\nWash <30°C only"},
		{"<script>alert(1)</script><style>p{}</style>Hello", "Hello"},
		{"<p>unclosed <b>bold", "unclosed bold"},
		{"<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table>", "A B\nC"},
		{"a < b and c > d", "a < b and c > d"},
		{"<!-- note --><p>x</p>", "x"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("héllo", 2); got != "h" {
		t.Errorf("truncate = %q, want %q", got, "h")
	}
	if got := truncate("中文", 4); got != "中" {
		t.Errorf("truncate = %q, want %q", got, "中")
	}
	if got := truncate("abc", 5); got != "abc" {
		t.Errorf("truncate = %q", got)
	}
}

// TestParseRequiresShipping: only an explicit FALSE marks a variant with
// nothing to ship; a file without the column sells physical goods.
func TestParseRequiresShipping(t *testing.T) {
	for value, noShipping := range map[string]bool{"FALSE": true, "false": true, "TRUE": false, "": false} {
		csv := "Handle,Title,Variant Price,Variant Requires Shipping\na,A,1," + value + "\n"
		products, problems, err := Parse(strings.NewReader(csv), 2)
		if err != nil || len(products) != 1 {
			t.Fatalf("%q: %v %v", value, problems, err)
		}
		if got := products[0].Input.Variants[0].NoShipping; got != noShipping {
			t.Errorf("Variant Requires Shipping %q: NoShipping = %v", value, got)
		}
	}
	products, _, _ := Parse(strings.NewReader("Handle,Title,Variant Price\na,A,1\n"), 2)
	if len(products) != 1 || products[0].Input.Variants[0].NoShipping {
		t.Errorf("a file without the column: %+v", products)
	}
}
