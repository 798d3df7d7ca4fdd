package admin

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
)

// maxWholeNumber bounds weights and starting stock typed in the product form.
const maxWholeNumber = 1_000_000_000

// newProductForm is the form for a new product: a draft with one empty
// variant row.
func newProductForm() adminviews.ProductForm {
	return adminviews.ProductForm{Status: store.StatusDraft, Collections: map[string]bool{},
		Variants: []adminviews.VariantRow{{}}, CreateToken: store.NewCreateToken()}
}

// productFormOf fills the form from a stored product, prices written as
// decimals in the store's currency.
func productFormOf(p *store.Product, exponent int) adminviews.ProductForm {
	f := adminviews.ProductForm{
		Version: strconv.FormatInt(p.Version, 10), Title: p.Title, Handle: p.Handle, Description: p.Description,
		Vendor: p.Vendor, ProductType: p.ProductType, Status: p.Status, SEOTitle: p.SEOTitle,
		SEODescription: p.SEODescription, Tags: strings.Join(p.Tags, ", "), Collections: map[string]bool{},
		Tr: p.Tr,
	}
	copy(f.OptionNames[:], p.OptionNames)
	for _, c := range p.Collections {
		f.Collections[c.Handle] = true
	}
	for _, v := range p.Variants {
		row := adminviews.VariantRow{
			ID: strconv.FormatInt(v.ID, 10), Options: v.Options, SKU: v.SKU, Barcode: v.Barcode,
			Price: store.FormatDecimal(v.Price, exponent), CurrentStock: v.Stock, NoShipping: v.NoShipping,
		}
		if v.CompareAtPrice > 0 {
			row.CompareAt = store.FormatDecimal(v.CompareAtPrice, exponent)
		}
		if v.WeightGrams > 0 {
			row.Weight = strconv.FormatInt(v.WeightGrams, 10)
		}
		if v.ImageID > 0 {
			row.ImageID = strconv.FormatInt(v.ImageID, 10)
		}
		f.Variants = append(f.Variants, row)
	}
	return f
}

// productFormFrom reads the posted product form as typed. False means the
// row count is one no form would send.
func productFormFrom(r *http.Request) (adminviews.ProductForm, bool) {
	get := func(name string) string { return r.PostFormValue(name) }
	f := adminviews.ProductForm{
		Version: get("version"), Title: get("title"), Handle: get("handle"), Description: get("description"),
		Vendor: get("vendor"), ProductType: get("product_type"), Status: get("status"), SEOTitle: get("seo_title"),
		SEODescription: get("seo_description"), Tags: get("tags"), Collections: map[string]bool{},
		Tr: postedTexts(r), CreateToken: postedCreateToken(r),
	}
	for _, h := range r.PostForm["collections"] {
		f.Collections[h] = true
	}
	for i := range f.OptionNames {
		f.OptionNames[i] = get("option" + strconv.Itoa(i+1) + "_name")
	}
	rows, err := strconv.Atoi(get("variant_rows"))
	if err != nil || rows < 0 || rows > store.MaxVariants {
		return f, false
	}
	for i := range rows {
		field := func(name string) string { return get(adminviews.Field(i, name)) }
		row := adminviews.VariantRow{
			ID: field("id"), SKU: field("sku"), Barcode: field("barcode"), Price: field("price"),
			CompareAt: field("compare_at"), Weight: field("weight"), Stock: field("stock"), ImageID: field("image"),
			Remove: field("remove") != "", NoShipping: field("no_shipping") != "",
		}
		for j := range row.Options {
			row.Options[j] = field("option" + strconv.Itoa(j+1))
		}
		f.Variants = append(f.Variants, row)
	}
	return f, true
}

// productInputOf turns the typed form into the store's input. Amounts and
// numbers it cannot read are messages beside their fields; false means a
// hidden field or a select holds a value no form would send.
func productInputOf(f adminviews.ProductForm, exponent int) (store.ProductInput, map[string]string, bool) {
	in := store.ProductInput{
		Title: f.Title, Handle: f.Handle, Description: f.Description, Vendor: strings.TrimSpace(f.Vendor),
		ProductType: strings.TrimSpace(f.ProductType), Status: f.Status, SEOTitle: strings.TrimSpace(f.SEOTitle),
		SEODescription: strings.TrimSpace(f.SEODescription), Tags: adminviews.SplitTags(f.Tags), OptionNames: f.OptionNames[:],
		Collections: []string{}, CreateToken: f.CreateToken,
	}
	for h := range f.Collections {
		in.Collections = append(in.Collections, h)
	}
	slices.Sort(in.Collections)
	errs := map[string]string{}
	named := f.NamedOptions()
	for i, row := range f.Variants {
		if row.Remove || (row.ID == "" && blankRow(row)) {
			continue
		}
		v, ok := variantInputOf(row, i, named, exponent, errs)
		if !ok {
			return in, nil, false
		}
		in.Variants = append(in.Variants, v)
	}
	return in, errs, true
}

func variantInputOf(row adminviews.VariantRow, i, named, exponent int, errs map[string]string) (store.VariantInput, bool) {
	v := store.VariantInput{SKU: row.SKU, Barcode: row.Barcode}
	// Values of options without a name are not shown, so they cannot be kept.
	copy(v.Options[:named], row.Options[:named])
	for _, id := range []struct {
		raw string
		dst *int64
	}{{row.ID, &v.ID}, {row.ImageID, &v.ImageID}} {
		if id.raw == "" {
			continue
		}
		n, err := strconv.ParseInt(id.raw, 10, 64)
		if err != nil || n <= 0 {
			return v, false
		}
		*id.dst = n
	}
	if strings.TrimSpace(row.Price) == "" {
		errs[adminviews.Field(i, "price")] = "error.required"
	} else if n, err := store.ParseMoney(row.Price, exponent); err != nil {
		errs[adminviews.Field(i, "price")] = store.AmountMessage("error.product_price", exponent)
	} else {
		v.Price = n
	}
	if strings.TrimSpace(row.CompareAt) != "" {
		n, err := store.ParseMoney(row.CompareAt, exponent)
		if err != nil {
			errs[adminviews.Field(i, "compare_at")] = store.AmountMessage("error.product_price", exponent)
		}
		v.CompareAtPrice = n
	}
	// The store refuses this too, for the whole table; here the message
	// goes beside the row's own field, and the refused amount is left out
	// of the input so that the store's check of the rest does not repeat it.
	if !v.CompareAtShown() {
		errs[adminviews.Field(i, "compare_at")] = "error.product_compare_at"
		v.CompareAtPrice = 0
	}
	v.WeightGrams = wholeNumber(row.Weight, adminviews.Field(i, "weight"), errs)
	v.NoShipping = row.NoShipping
	if row.ID == "" {
		v.Stock = wholeNumber(row.Stock, adminviews.Field(i, "stock"), errs)
	}
	return v, true
}

// wholeNumber reads an optional count such as grams or units; a bad one
// is a message for field.
func wholeNumber(raw, field string, errs map[string]string) int64 {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	switch {
	case n > maxWholeNumber: // ParseInt gives a number too long for int64 as the largest one
		errs[field] = "error.product_number_too_large"
	case err != nil || n < 0:
		errs[field] = "error.product_whole_number"
	default:
		return n
	}
	return 0
}

// blankRow reports whether a variant row was left empty, like the row
// "add a variant" adds: such a row is ignored rather than refused.
func blankRow(row adminviews.VariantRow) bool {
	for _, s := range append(row.Options[:], row.SKU, row.Barcode, row.Price, row.CompareAt, row.Weight, row.Stock) {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// placeRemoveErrors moves the store's refusals to remove a stored variant
// (store.VariantRemoveField) in errs to the remove box of the variant's
// row in f. Such a message names the order that holds the variant, and
// the page shows messages without arguments, so it is written out here.
func placeRemoveErrors(ctx context.Context, f adminviews.ProductForm, verr *store.ValidationError, errs map[string]string) {
	for i, row := range f.Variants {
		id, err := strconv.ParseInt(row.ID, 10, 64)
		if err != nil {
			continue
		}
		field := store.VariantRemoveField(id)
		if msg, ok := errs[field]; ok {
			delete(errs, field)
			errs[adminviews.Field(i, "remove")] = i18n.T(ctx, msg, verr.Args[field]...)
		}
	}
}
