package shopifycsv

import (
	"encoding/csv"
	"html"
	"io"
	"strconv"
	"strings"

	"storefront/store"
)

// exportHeader is Shopify's classic product CSV header, in its order, as far
// as the shop has the data. Every name the parser reads maps back to its
// column through aliases (columns.go); the inventory, shipping and tax
// columns carry Shopify's defaults so that Shopify itself imports the file
// with stock tracked. Collection is not Shopify's: it is how this shop's
// importer keeps collections, one handle per row.
var exportHeader = []string{
	"Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published",
	"Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
	"Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty",
	"Variant Inventory Policy", "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price",
	"Variant Requires Shipping", "Variant Taxable", "Variant Barcode",
	"Image Src", "Image Position", "Image Alt Text", "Gift Card", "SEO Title", "SEO Description",
	"Variant Image", "Variant Weight Unit", "Status", "Collection",
}

// col finds a header's index once, so rows are filled by name.
var col = func() map[string]int {
	m := make(map[string]int, len(exportHeader))
	for i, h := range exportHeader {
		m[h] = i
	}
	return m
}()

// Writer writes products, one at a time, as a Shopify product CSV that
// Parse reads back to the same products. A cell that a spreadsheet would
// run as a formula is written behind a quote (store.EscapeCSVFormula).
// Like Shopify's export, a product's first row carries its own fields with
// its first variant and image; each further row adds the next variant,
// image and collection, whichever remain.
type Writer struct {
	cw       *csv.Writer
	exponent int
	imageURL func(store.Image) string
}

// NewWriter starts the file on w with its header. exponent is the
// currency's minor-unit exponent; imageURL gives the absolute URL at which
// an image can be fetched.
func NewWriter(w io.Writer, exponent int, imageURL func(store.Image) string) (*Writer, error) {
	cw := csv.NewWriter(w)
	return &Writer{cw: cw, exponent: exponent, imageURL: imageURL}, cw.Write(exportHeader)
}

// Write writes p's rows.
func (w *Writer) Write(p *store.Product) error {
	for _, rec := range productRecords(p, w.exponent, w.imageURL) {
		// Staff type the titles and texts; Parse takes the quote off again.
		if err := w.cw.Write(store.EscapeCSVRecord(rec)); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes out what is buffered; call it after the last product.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}

// productRecords lays one product out over as many rows as its longest
// list needs.
func productRecords(p *store.Product, exponent int, imageURL func(store.Image) string) [][]string {
	n := max(len(p.Variants), len(p.Images), len(p.Collections), 1)
	recs := make([][]string, n)
	for i := range recs {
		rec := make([]string, len(exportHeader))
		set := func(name, v string) { rec[col[name]] = v }
		set("Handle", p.Handle)
		if i == 0 {
			productFields(p, set)
		}
		if i < len(p.Variants) {
			variantFields(p, p.Variants[i], exponent, imageURL, set)
		}
		if i < len(p.Images) {
			im := p.Images[i]
			set("Image Src", imageURL(im))
			set("Image Position", strconv.Itoa(i+1))
			set("Image Alt Text", im.Alt)
		}
		if i < len(p.Collections) {
			set("Collection", p.Collections[i].Handle)
		}
		recs[i] = rec
	}
	return recs
}

// productFields fills the first row's product-wide columns.
func productFields(p *store.Product, set func(name, v string)) {
	set("Title", p.Title)
	set("Body (HTML)", bodyHTML(p.Description))
	set("Vendor", p.Vendor)
	set("Type", p.ProductType)
	set("Tags", strings.Join(p.Tags, ", "))
	set("Published", strings.ToUpper(strconv.FormatBool(p.Status == store.StatusActive)))
	set("Gift Card", "FALSE")
	set("SEO Title", p.SEOTitle)
	set("SEO Description", p.SEODescription)
	set("Status", p.Status)
	names := p.OptionNames
	if len(names) == 0 {
		// Shopify's way of saying "no options": one variant called Default Title.
		names = []string{"Title"}
	}
	for k, name := range names {
		set("Option"+strconv.Itoa(k+1)+" Name", name)
	}
}

// variantFields fills a row's variant columns.
func variantFields(p *store.Product, v store.Variant, exponent int, imageURL func(store.Image) string, set func(name, v string)) {
	if len(p.OptionNames) == 0 {
		set("Option1 Value", "Default Title")
	} else {
		for k := range p.OptionNames {
			set("Option"+strconv.Itoa(k+1)+" Value", v.Options[k])
		}
	}
	set("Variant SKU", v.SKU)
	set("Variant Grams", strconv.FormatInt(v.WeightGrams, 10))
	set("Variant Inventory Tracker", "shopify")
	set("Variant Inventory Qty", strconv.FormatInt(v.Stock, 10))
	set("Variant Inventory Policy", "deny")
	set("Variant Fulfillment Service", "manual")
	set("Variant Price", store.FormatDecimal(v.Price, exponent))
	if v.CompareAtPrice > 0 {
		set("Variant Compare At Price", store.FormatDecimal(v.CompareAtPrice, exponent))
	}
	set("Variant Requires Shipping", strings.ToUpper(strconv.FormatBool(!v.NoShipping)))
	set("Variant Taxable", "TRUE")
	set("Variant Barcode", v.Barcode)
	set("Variant Weight Unit", "g")
	if v.ImageID != 0 {
		for _, im := range p.Images {
			if im.ID == v.ImageID {
				set("Variant Image", imageURL(im))
				break
			}
		}
	}
}

// bodyHTML turns a plain-text description into the HTML Shopify keeps:
// paragraphs (split at blank lines) in <p>, single line breaks as <br>,
// everything else escaped. plainText reads it back to the same text.
func bodyHTML(text string) string {
	text = strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n")
	if text == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.Trim(para, "\n")
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}
