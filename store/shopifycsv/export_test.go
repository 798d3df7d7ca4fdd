package shopifycsv

import (
	"bytes"
	"context"
	"encoding/csv"
	goimage "image"
	"image/color"
	"image/png"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"storefront/store"
)

func testImageURL(im store.Image) string {
	return "https://shop.example/images/" + strconv.FormatInt(im.ID, 10) + "/full"
}

// roundTripInputs are products that exercise what the format can carry:
// options, compare-at prices, weights, barcodes, drafts and archived
// products, tags, collections beyond the number of rows, a product with no
// options and text full of CSV and HTML specials.
func roundTripInputs(t *testing.T) []store.ProductInput {
	return []store.ProductInput{
		{
			Handle: "linen-shirt", Title: "Linen Shirt, \"Classic\"", Status: store.StatusActive,
			Description: "A breathable shirt.\nWashed linen, <b>not</b> silk & co.\n\nMachine wash.",
			Vendor:      "Acme, Inc.", ProductType: "Shirts", SEOTitle: "Linen shirt", SEODescription: "Cool in summer.",
			OptionNames: []string{"Size", "Colour"}, Tags: []string{"linen", "summer sale"},
			Collections: []string{"summer", "shirts", "best-sellers", "new"},
			Images: []store.ImageInput{
				{SourceURL: "test:white", Alt: "White, front", Data: pngData(t, color.White)},
				{SourceURL: "test:blue", Alt: "Blue \"indigo\"", Data: pngData(t, color.RGBA{B: 200, A: 255})},
			},
			Variants: []store.VariantInput{
				{SKU: "LS-S-W", Barcode: "0123456789012", Options: [3]string{"S", "White"}, Price: 4900, CompareAtPrice: 5900, WeightGrams: 250, Stock: 3, ImageIndex: 1},
				{SKU: "LS-M-B", Options: [3]string{"M", "Blue"}, Price: 5200, Stock: 0, ImageIndex: 2},
				{SKU: "LS-L-B", Options: [3]string{"L", "Blue"}, Price: 5200, Stock: 12},
			},
		},
		{
			Handle: "dragon-well-tea", Title: "龙井绿茶 Dragon Well Tea", Status: store.StatusDraft,
			Description: "Spring-picked.", Tags: []string{"茶"},
			Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2800, Stock: 20, WeightGrams: 100}},
		},
		{
			Handle: "old-mug", Title: "Old Mug", Status: store.StatusArchived, OptionNames: []string{"Colour"},
			Variants: []store.VariantInput{{Options: [3]string{"Red"}, Price: 900}, {Options: [3]string{"Green"}, Price: 950, NoShipping: true}},
		},
		{
			// Text a spreadsheet would run as a formula goes out behind a
			// quote and comes back without it; numbers and quotes of the
			// shop's own come back as they were.
			Handle: "formula-cells", Title: `=HYPERLINK("http://evil.example","Click")`, Status: store.StatusActive,
			Vendor: "+Acme", ProductType: "@Shirts", SEOTitle: "-Sale-", SEODescription: "'=quoted already",
			OptionNames: []string{"-Size"}, Tags: []string{"'quoted", "=tag"},
			Images: []store.ImageInput{{SourceURL: "test:red", Alt: "@alt", Data: pngData(t, color.RGBA{R: 200, A: 255})}},
			Variants: []store.VariantInput{
				{SKU: "-SKU-1", Barcode: "-123", Options: [3]string{"-5"}, Price: 100, Stock: 1},
				{SKU: "@SKU-2", Options: [3]string{"=1+1"}, Price: 200, Stock: 2},
			},
		},
	}
}

func pngData(t *testing.T, c color.Color) []byte {
	t.Helper()
	img := goimage.NewRGBA(goimage.Rect(0, 0, 8, 8))
	for y := 0; y < 8; y++ {
		for x := 0; x < 8; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeOne is the file of p alone.
func writeOne(t *testing.T, p *store.Product) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, 2, testImageURL)
	if err == nil {
		err = w.Write(p)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func exportStore(t *testing.T, s *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, 2, testImageURL)
	if err == nil {
		err = s.AllProducts(context.Background(), w.Write)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestExportRoundTrip saves products, exports them, parses the file and
// checks that every field comes back; then imports the parsed products into
// a second shop and checks that its export is the same file but for the
// image URLs, which name the second shop's images.
func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	inputs := roundTripInputs(t)
	for _, in := range inputs {
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	file := exportStore(t, s)
	parsed, problems, err := Parse(bytes.NewReader(file), 2)
	if err != nil || len(problems) > 0 {
		t.Fatalf("parse: %v %v\n%s", err, problems, file)
	}
	if len(parsed) != len(inputs) {
		t.Fatalf("parsed %d products, want %d", len(parsed), len(inputs))
	}
	for i, p := range parsed {
		want := inputs[i]
		got := p.Input
		// Images come back as URLs of the exporting shop, without data.
		if len(got.Images) != len(want.Images) {
			t.Errorf("%s: %d images, want %d", want.Handle, len(got.Images), len(want.Images))
		}
		for k := range got.Images {
			if got.Images[k].Alt != want.Images[k].Alt || !strings.HasPrefix(got.Images[k].SourceURL, "https://shop.example/images/") {
				t.Errorf("%s image %d = %+v", want.Handle, k, got.Images[k])
			}
		}
		got.Images, want.Images = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip of %s:\n got %+v\nwant %+v", want.Handle, got, want)
		}
	}

	other := openStore(t)
	for _, p := range parsed {
		in := p.Input
		for k, u := range p.ImageURLs {
			in.Images[k] = store.ImageInput{SourceURL: u, Alt: p.ImageAlts[k], Data: pngData(t, color.Black)}
		}
		if _, _, err := other.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	if a, b := stripImageIDs(string(file)), stripImageIDs(string(exportStore(t, other))); a != b {
		t.Errorf("import → export changed the file:\n%s\n---\n%s", a, b)
	}
}

// stripImageIDs hides the image ids in a file's URLs.
func stripImageIDs(file string) string {
	return imageURLRE.ReplaceAllString(file, "IMAGE")
}

var imageURLRE = regexp.MustCompile(`https://shop\.example/images/\d+/full`)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestExportNeutralisesFormulas: a cell a spreadsheet would run as a
// formula (OWASP's CSV injection) is written behind a single quote, and
// Parse reads it back without.
func TestExportNeutralisesFormulas(t *testing.T) {
	p := &store.Product{Handle: "x", Title: "=cmd|' /C calc'!A0", Vendor: "@SUM(A1)", ProductType: "-2+3",
		Status: store.StatusActive, Variants: []store.Variant{{SKU: "+1", Price: 100, Stock: 5}},
		Images: []store.Image{{ID: 7, Alt: "\t=1"}}}
	file := writeOne(t, p)
	recs, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("read back: %v, %d records", err, len(recs))
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	for col, want := range map[string]string{"Title": "'=cmd|' /C calc'!A0", "Vendor": "'@SUM(A1)", "Type": "'-2+3",
		"Image Alt Text": "'\t=1", "Variant SKU": "+1", "Variant Inventory Qty": "5", "Variant Price": "1.00"} {
		if row[col] != want {
			t.Errorf("%s = %q, want %q", col, row[col], want)
		}
	}
	parsed, problems, err := Parse(bytes.NewReader(file), 2)
	if err != nil || len(problems) > 0 || len(parsed) != 1 {
		t.Fatalf("parse: %v %v %d", err, problems, len(parsed))
	}
	if got := parsed[0].Input; got.Title != p.Title || got.Vendor != p.Vendor || got.ProductType != p.ProductType {
		t.Errorf("parsed title %q vendor %q type %q", got.Title, got.Vendor, got.ProductType)
	}
}

// TestExportQuoting: commas, quotes, line breaks and leading spaces survive
// the CSV writer and come back from Parse unchanged.
func TestExportQuoting(t *testing.T) {
	tests := []struct {
		name, title, vendor, alt string
	}{
		{"comma", "Shirt, blue", "A, B and C", "front, left"},
		{"quotes", `The "Best" Shirt`, `"Quoted"`, `a "b" c`},
		{"newline in alt", "Plain", "Plain", "line one\nline two"},
		{"carriage return", "Plain", "Plain", "one\r\ntwo"},
		{"leading hash", "#1 = best", "Acme #2", "#alt"},
		{"unicode", "龙井, 绿茶", "杭州 \"西湖\"", "茶叶"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &store.Product{Handle: "x", Title: tt.title, Vendor: tt.vendor, Status: store.StatusActive,
				Variants: []store.Variant{{Price: 100}},
				Images:   []store.Image{{ID: 7, Alt: tt.alt}}}
			file := writeOne(t, p)
			recs, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
			if err != nil {
				t.Fatalf("written file does not read back: %v\n%s", err, file)
			}
			if len(recs) != 2 {
				t.Fatalf("%d records, want header and one row", len(recs))
			}
			row := map[string]string{}
			for i, h := range recs[0] {
				row[h] = recs[1][i]
			}
			// encoding/csv reads \r\n inside a quoted field as \n, as spreadsheets do.
			wantAlt := strings.ReplaceAll(tt.alt, "\r\n", "\n")
			if row["Title"] != tt.title || row["Vendor"] != tt.vendor || row["Image Alt Text"] != wantAlt {
				t.Errorf("fields = %q, %q, %q", row["Title"], row["Vendor"], row["Image Alt Text"])
			}
			parsed, problems, err := Parse(bytes.NewReader(file), 2)
			if err != nil || len(problems) > 0 || len(parsed) != 1 {
				t.Fatalf("parse: %v %v %d", err, problems, len(parsed))
			}
			if got := parsed[0].Input; got.Title != tt.title || got.Vendor != tt.vendor {
				t.Errorf("parsed title %q vendor %q", got.Title, got.Vendor)
			}
		})
	}
}

func TestBodyHTML(t *testing.T) {
	for in, want := range map[string]string{
		"":                            "",
		"One line":                    "<p>One line</p>",
		"a < b & c > d":               "<p>a &lt; b &amp; c &gt; d</p>",
		"Line one\nLine two":          "<p>Line one<br>Line two</p>",
		"Para one\n\nPara two":        "<p>Para one</p><p>Para two</p>",
		"Windows\r\nbreaks":           "<p>Windows<br>breaks</p>",
		`<script>alert("x")</script>`: "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</p>",
	} {
		got := bodyHTML(in)
		if got != want {
			t.Errorf("bodyHTML(%q) = %q, want %q", in, got, want)
		}
		if back := plainText(got); back != strings.ReplaceAll(in, "\r\n", "\n") {
			t.Errorf("plainText(bodyHTML(%q)) = %q", in, back)
		}
	}
}
