package admin

import (
	"strconv"

	"storefront/store"
	"storefront/views"
)

// CollectionsPage is the list of collections.
type CollectionsPage struct {
	Shell       Shell
	Collections []store.AdminCollection
	CanWrite    bool
	Deleted     string // the title of the collection just deleted, for the notice
}

// CollectionPage is a collection's edit form (ID 0 for a new one) and, once
// it exists, its products in order with the "add products" search.
type CollectionPage struct {
	Shell    Shell
	ID       int64
	Form     CollectionForm
	Errors   map[string]string // field name → catalog key
	Saved    bool
	Conflict bool
	// Current is the collection as stored: after a conflict, what the other
	// person saved, shown beside the fields that differ.
	Current    *store.AdminCollection
	CanWrite   bool
	Members    store.CollectionMembers
	MembersNav views.PageNav
	Query      string // the "add products" search
	Candidates []store.CollectionMember
	Locale     string   // the shop's default language
	Others     []string // its other languages, edited beside the default
	// Uses is what still leads to the stored collection and holds back
	// its deletion (read for those who may delete it).
	Uses store.CollectionUses
}

// CollectionForm echoes the collection form's values.
type CollectionForm struct {
	Title          string
	Handle         string
	Description    string
	SEOTitle       string
	SEODescription string
	Featured       bool
	Position       string
	Version        int64
	Tr             store.Texts // translations, as stored or as typed
	CreateToken    string      // the new collection form's one-time token
}

// CollectionFormOf fills the form from a stored collection.
func CollectionFormOf(c *store.AdminCollection) CollectionForm {
	return CollectionForm{Title: c.Title, Handle: c.Handle, Description: c.Description, Tr: c.Tr,
		SEOTitle: c.SEOTitle, SEODescription: c.SEODescription, Featured: c.Featured,
		Position: strconv.Itoa(c.Position), Version: c.Version}
}

// value is a field of the form by its name, as the form shows it (a
// checkbox as "true" or "false"), for comparing it with what is stored.
func (f CollectionForm) value(name string) string {
	switch name {
	case "title":
		return f.Title
	case "handle":
		return f.Handle
	case "description":
		return f.Description
	case "seo_title":
		return f.SEOTitle
	case "seo_description":
		return f.SEODescription
	case "featured":
		return strconv.FormatBool(f.Featured)
	case "position":
		return f.Position
	}
	return ""
}

// CollectionURL is where the admin edits a collection.
func CollectionURL(id int64) string {
	return "/admin/collections/" + strconv.FormatInt(id, 10)
}

// memberURL is the address of an action on a product of a collection.
func memberURL(collectionID, productID int64, action string) string {
	return CollectionURL(collectionID) + "/products/" + strconv.FormatInt(productID, 10) + "/" + action
}

// VariantStockPage is a variant's stock: the adjustment form, its
// low-stock threshold and its history.
type VariantStockPage struct {
	Shell     Shell
	Item      store.VariantStock
	History   store.StockHistory
	Nav       views.PageNav
	Form      StockForm
	Threshold ThresholdForm
	Errors    map[string]string // field name → catalog key, for both forms
	Saved     bool
	Conflict  string // catalog key: why a save was stale, "" when it was not
	CanWrite  bool
}

// StockForm echoes the adjustment form's values.
type StockForm struct {
	Delta    string
	SetTo    string
	Reason   string
	Note     string
	StockWas int64 // the stock the form was shown with
}

// ThresholdForm echoes the low-stock threshold form's values.
type ThresholdForm struct {
	Threshold string
	Was       int64
}

// StockURL is a variant's stock page.
func StockURL(variantID int64) string {
	return "/admin/variants/" + strconv.FormatInt(variantID, 10) + "/stock"
}

// LowStockPage lists every variant at or below its threshold.
type LowStockPage struct {
	Shell Shell
	Stock store.LowStockPage
	Nav   views.PageNav
}
