package shopifycsv

import (
	"slices"
	"strings"

	"storefront/store"
)

// column is one field the importer understands, whatever the header calls it.
type column int

const (
	colHandle column = iota
	colTitle
	colBody
	colVendor
	colType
	colCategory
	colTags
	colPublished
	colStatus
	colOpt1Name
	colOpt1Value
	colOpt2Name
	colOpt2Value
	colOpt3Name
	colOpt3Value
	colSKU
	colGrams      // a weight in grams whatever the display unit
	colWeight     // a weight in colWeightUnit
	colWeightUnit // g, kg, lb or oz
	colStock
	colPrice
	colCompareAt
	colBarcode
	colImageSrc
	colImagePos
	colImageAlt
	colVariantImage
	colSEOTitle
	colSEODesc
	colCollection
	colRequiresShipping // TRUE, or FALSE for a digital item or a service
	numColumns
)

// aliases maps a normalised header (see normHeader) to its column: the
// classic export's names and the newer export's (2024 onwards) side by side.
var aliases = map[string]column{
	"handle":     colHandle,
	"url handle": colHandle,

	"title":            colTitle,
	"body (html)":      colBody,
	"body html":        colBody,
	"description":      colBody,
	"vendor":           colVendor,
	"type":             colType,
	"product type":     colType,
	"product category": colCategory,
	"tags":             colTags,
	"status":           colStatus,

	"published":                 colPublished,
	"published on online store": colPublished,

	"option1 name":  colOpt1Name,
	"option1 value": colOpt1Value,
	"option2 name":  colOpt2Name,
	"option2 value": colOpt2Value,
	"option3 name":  colOpt3Name,
	"option3 value": colOpt3Value,

	"variant sku": colSKU,
	"sku":         colSKU,

	// Both exports store the weight in grams and keep the unit for display
	// only, so these are grams whatever the unit column says.
	"variant grams":        colGrams,
	"weight value (grams)": colGrams,
	"grams":                colGrams,
	// Hand-made files often give a weight in its own unit instead.
	"variant weight":          colWeight,
	"weight":                  colWeight,
	"weight value":            colWeight,
	"variant weight unit":     colWeightUnit,
	"weight unit":             colWeightUnit,
	"weight unit for display": colWeightUnit,

	"variant inventory qty": colStock,
	"inventory quantity":    colStock,
	"inventory qty":         colStock,

	"variant price":            colPrice,
	"price":                    colPrice,
	"variant compare at price": colCompareAt,
	"compare-at price":         colCompareAt,
	"compare at price":         colCompareAt,
	"variant barcode":          colBarcode,
	"barcode":                  colBarcode,

	"image src":          colImageSrc,
	"product image url":  colImageSrc,
	"image position":     colImagePos,
	"image alt text":     colImageAlt,
	"variant image":      colVariantImage,
	"variant image url":  colVariantImage,
	"seo title":          colSEOTitle,
	"seo description":    colSEODesc,
	"collection":         colCollection,
	"custom collections": colCollection,

	"variant requires shipping": colRequiresShipping,
	"requires shipping":         colRequiresShipping,
}

// unused are the columns of Shopify's exports (classic and newer) that the
// shop has no use for: its own files carry them, so they are passed over
// without a word, where any other header is reported (unknownColumns).
var unused = map[string]bool{
	"option1 linked to": true, "option2 linked to": true, "option3 linked to": true,
	"variant inventory tracker": true, "inventory tracker": true,
	"variant inventory policy": true, "continue selling when out of stock": true,
	"variant fulfillment service": true, "fulfillment service": true,
	"variant taxable": true, "charge tax": true, "variant tax code": true, "tax code": true,
	"cost per item": true, "gift card": true,
	"unit price total measure": true, "unit price total measure unit": true,
	"unit price base measure": true, "unit price base measure unit": true,
}

// unusedPrefixes start the names of Shopify's per-market and Google
// Shopping columns, which an export names after the shop's markets.
var unusedPrefixes = []string{"google shopping / ", "included / ", "price / ", "compare at price / ",
	"compare-at price / "}

// unknownColumns is the header's names that are neither a column the
// import reads nor one of Shopify's it has no use for, as written: most
// likely a misspelling, whose values would otherwise be lost unseen.
func unknownColumns(header []string) []string {
	var out []string
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		n := normHeader(h)
		if _, ok := aliases[n]; ok || unused[n] || n == "" || strings.Contains(n, "(product.metafields.") ||
			strings.Contains(n, "(variant.metafields.") || slices.ContainsFunc(unusedPrefixes, func(p string) bool { return strings.HasPrefix(n, p) }) {
			continue
		}
		out = append(out, strings.TrimSpace(h))
	}
	return out
}

// normHeader lower-cases a header and collapses its spaces, so "  Variant
// SKU" and "variant  sku" both find the same column.
func normHeader(h string) string {
	return strings.ToLower(strings.Join(strings.Fields(h), " "))
}

// columnIndex maps each known column to its index in a record, -1 when the
// file does not have it. The first of two headers with the same meaning wins.
type columnIndex [numColumns]int

func newColumnIndex(header []string) columnIndex {
	var idx columnIndex
	for i := range idx {
		idx[i] = -1
	}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		if c, ok := aliases[normHeader(h)]; ok && idx[c] < 0 {
			idx[c] = i
		}
	}
	return idx
}

func (idx *columnIndex) has(c column) bool { return idx[c] >= 0 }

// get returns the trimmed field for c, "" when the column or the field is
// missing. The quote an export put before a formula-like cell comes off
// (store.UnescapeCSVFormula), so an exported file imports as it was.
func (idx *columnIndex) get(rec []string, c column) string {
	i := idx[c]
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(store.UnescapeCSVFormula(rec[i]))
}
