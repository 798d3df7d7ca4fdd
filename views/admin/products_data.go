package admin

import (
	"strconv"

	"storefront/store"
	"storefront/views"
)

// ProductsPage is the admin's product table with its filter and bulk forms.
type ProductsPage struct {
	Shell       Shell
	List        store.AdminProductPage
	Filter      ProductFilter
	Collections []store.Collection // for the collection filter
	Sorts       []string
	Nav         views.PageNav
	CanWrite    bool   // show the checkboxes, bulk actions and "new product"
	Notice      string // translated one-time message after a bulk action
	Bulk        BulkForm
	BulkErrors  map[string]string // field → catalog key
	Return      string            // this page's path and query, for the bulk form to come back to
	// Untranslated marks the rows with a text not yet in every language.
	Untranslated map[int64]bool
}

// ProductFilter echoes the product table's filter form.
type ProductFilter struct {
	Status     string
	Collection string // collection id
	Q          string
	Stock      string // "", store.StockIn, store.StockOut
	Sort       string
}

// BulkForm echoes the bulk action form after an error.
type BulkForm struct {
	IDs       map[int64]bool // checked products
	Percent   string
	CompareAt bool
}

// ProductEditPage is the product form, for a new product (ID 0) or an
// existing one, with its image gallery.
type ProductEditPage struct {
	Shell       Shell
	ID          int64  // 0 while creating
	Handle      string // the stored handle, for the "view in shop" link
	Status      string // the stored status
	ReadOnly    bool   // support: every field disabled, no actions
	Form        ProductForm
	Errors      map[string]string // field → catalog key
	Stale       bool              // someone saved in between: a 409 with this notice
	Notice      string            // translated one-time message (saved, created…)
	Collections []store.Collection
	Images      []store.Image
	ImageErrors map[string]string // upload or alt field, or an image's delete box (ImageConfirmField) → catalog key
	UploadAlt   store.Text        // the upload form's alt text, kept after an error
	MaxVariants int
	Locale      string   // the shop's default language
	Others      []string // the shop's languages besides its default, edited beside it
	// Returns is the product's own return rules (a stored product only).
	Returns store.ProductReturnRules
	// DuplicateToken is the Duplicate button's one-time token
	// (store.NewCreateToken): a double click makes one copy.
	DuplicateToken string
}

// Action is where the product form posts.
func (p ProductEditPage) Action() string {
	if p.ID == 0 {
		return "/admin/products/new"
	}
	return ProductURL(p.ID)
}

// ProductForm holds the product form's values as typed, so that a form
// with an error comes back exactly as it was sent.
type ProductForm struct {
	Version        string
	Title          string
	Handle         string
	Description    string
	Vendor         string
	ProductType    string
	Status         string
	SEOTitle       string
	SEODescription string
	Tags           string // comma separated
	Collections    map[string]bool
	OptionNames    [3]string
	Variants       []VariantRow
	Tr             store.Texts // translations, as stored or as typed
	CreateToken    string      // the new product form's one-time token
}

// NamedOptions is how many option columns the variant rows show: up to
// the last named option.
func (f ProductForm) NamedOptions() int {
	n := 0
	for i, name := range f.OptionNames {
		if name != "" {
			n = i + 1
		}
	}
	return n
}

// VariantRow is one row of the variant table as typed. Stock is the
// starting stock of a new row; an existing row shows CurrentStock, read
// from the database, instead.
type VariantRow struct {
	ID           string
	Options      [3]string
	SKU          string
	Barcode      string
	Price        string
	CompareAt    string
	Weight       string
	Stock        string
	ImageID      string
	Remove       bool
	CurrentStock int64
	NoShipping   bool // nothing to ship: a digital item or a service
}

// VariantStockURL is where a variant's stock is adjusted, with a reason.
func VariantStockURL(id string) string {
	return "/admin/variants/" + id + "/stock"
}

// Field names a row's input: "v2_price".
func Field(row int, name string) string {
	return "v" + strconv.Itoa(row) + "_" + name
}
