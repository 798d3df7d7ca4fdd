package shopifycsv

import (
	"errors"
	"fmt"
	"slices"

	"storefront/store"
)

// Merged is what Merge did with the stored variants the file does not
// list.
type Merged struct {
	Kept    int // left as they are, after the file's
	Removed int // gone, as SaveProduct removes a variant its input leaves out
}

// Merge is the product to save for p, given old, the product stored under
// its handle (nil when there is none). As in Shopify's overwriting import,
// "existing values will be used for any missing columns": a column the
// file does not have keeps the product's value, and each variant's, the
// stored variant being the one SaveProduct will update (by SKU, else by
// options); a column the file has but leaves empty empties the value.
//
// A stored variant the file does not list is kept, as a merchant
// repricing a few rows of a spreadsheet expects, unless the file gives
// the product other option names, or gives its options to another
// variant: the file then describes other variants, and the stored one
// goes (Merged counts both).
func (p Product) Merge(old *store.Product) (store.ProductInput, Merged, error) {
	in := p.Input
	in.Variants = slices.Clone(in.Variants)
	has := func(cols ...column) bool {
		return p.cols == nil || slices.ContainsFunc(cols, p.cols.has)
	}
	options := []column{colOpt1Value, colOpt2Value, colOpt3Value}
	if old == nil {
		if !has(colPrice) {
			return in, Merged{}, errors.New("the product is new and the file has no price column")
		}
		return in, Merged{}, nil
	}
	keep := func(c column, field *string, stored string) {
		if !has(c) {
			*field = stored
		}
	}
	keep(colBody, &in.Description, old.Description)
	keep(colVendor, &in.Vendor, old.Vendor)
	keep(colSEOTitle, &in.SEOTitle, old.SEOTitle)
	keep(colSEODesc, &in.SEODescription, old.SEODescription)
	if !has(colType, colCategory) {
		in.ProductType = old.ProductType
	}
	if !has(colStatus, colPublished) {
		in.Status = old.Status
	}
	if !has(colTags) {
		in.Tags = old.Tags
	}
	// Values without names are named "Option 1"... (options): the stored
	// names are better, when there are as many.
	if !has(options...) || (!has(colOpt1Name, colOpt2Name, colOpt3Name) && len(in.OptionNames) == len(old.OptionNames)) {
		in.OptionNames = old.OptionNames
	}

	if !has(variantColumns...) {
		// A file of product columns only, such as new titles: its rows
		// name no variant, and the stored ones stay as they are.
		in.Variants = nil
	}
	match := old.MatchVariants(in.Variants)
	listed := map[int]int{} // stored variant → the file's
	for i := range in.Variants {
		v := &in.Variants[i]
		j := match[i]
		if j < 0 {
			if !has(colPrice) {
				return in, Merged{}, fmt.Errorf("variant %s is new and the file has no price column", variantName(*v))
			}
			continue
		}
		listed[j] = i
		mergeVariant(v, old.Variants[j], has)
		if !v.CompareAtShown() {
			// Only a compare-at price kept from the store gets here: the
			// parser refused the file's own.
			return in, Merged{}, fmt.Errorf("variant %s keeps its compare-at price %s, which is not above the price %s; add a compare-at price column (empty for none)",
				variantName(*v), store.FormatDecimal(v.CompareAtPrice, p.exponent), store.FormatDecimal(v.Price, p.exponent))
		}
	}

	var m Merged
	taken := map[[3]string]bool{}
	for _, v := range in.Variants {
		taken[v.Options] = true
	}
	kept := map[int]store.VariantInput{} // stored variant → as it is
	for j, o := range old.Variants {
		if _, ok := listed[j]; ok {
			continue
		}
		if !slices.Equal(in.OptionNames, old.OptionNames) || taken[o.Options] {
			m.Removed++
			continue
		}
		kept[j] = store.VariantInput{SKU: o.SKU, Barcode: o.Barcode, Options: o.Options, Price: o.Price,
			CompareAtPrice: o.CompareAtPrice, WeightGrams: o.WeightGrams, Stock: o.Stock, KeepStock: true,
			NoShipping: o.NoShipping, ImageID: o.ImageID}
	}
	m.Kept = len(kept)
	if m.Kept > 0 {
		in.Variants = storedOrder(len(old.Variants), in.Variants, match, listed, kept)
	}
	return in, m, nil
}

// mergeVariant gives v, the file's variant, the stored variant o's value
// of each column the file does not have.
func mergeVariant(v *store.VariantInput, o store.Variant, has func(...column) bool) {
	if !has(colSKU) {
		v.SKU = o.SKU
	}
	if !has(colBarcode) {
		v.Barcode = o.Barcode
	}
	if !has(colOpt1Value, colOpt2Value, colOpt3Value) {
		v.Options = o.Options
	}
	if !has(colPrice) {
		v.Price = o.Price
	}
	if !has(colCompareAt) {
		v.CompareAtPrice = o.CompareAtPrice
	}
	if !has(colGrams, colWeight) {
		v.WeightGrams = o.WeightGrams
	}
	if !has(colStock) {
		v.Stock, v.KeepStock = o.Stock, true
	}
	if !has(colRequiresShipping) {
		v.NoShipping = o.NoShipping
	}
	if !has(colVariantImage) {
		v.ImageID = o.ImageID
	}
}

// storedOrder is the variants of a product some of whose stored variants
// the file leaves as they are: in the stored order, the file's in place
// of those they update, and its new ones after them, so that a few
// repriced sizes do not move to the front of the size picker.
func storedOrder(stored int, file []store.VariantInput, match []int, listed map[int]int, kept map[int]store.VariantInput) []store.VariantInput {
	out := make([]store.VariantInput, 0, len(file)+len(kept))
	for j := range stored {
		if i, ok := listed[j]; ok {
			out = append(out, file[i])
		} else if v, ok := kept[j]; ok {
			out = append(out, v)
		}
	}
	for i, v := range file {
		if match[i] < 0 {
			out = append(out, v)
		}
	}
	return out
}

// variantName names a variant in a message by its SKU, else its options,
// else as Shopify names a product's only variant.
func variantName(v store.VariantInput) string {
	if v.SKU != "" {
		return v.SKU
	}
	if t := (store.Variant{Options: v.Options}).Title(); t != "" {
		return t
	}
	return "Default Title"
}
