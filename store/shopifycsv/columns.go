package shopifycsv

import (
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
