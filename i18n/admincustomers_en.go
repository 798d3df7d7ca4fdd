package i18n

// enAdminCustomers is the admin's customer list and the notes, tags and
// addresses of an account's page (views/admin/customers.templ,
// views/admin/customer.templ).
var enAdminCustomers = map[string]string{
	"admin.customers.col.tier":          "Tier",
	"admin.customers.col.points":        "Points",
	"admin.customers.col.spend12":       "Spend, 12 months",
	"admin.customers.col.tags":          "Tag",
	"admin.customers.guest":             "Guest",
	"admin.customers.guests":            "Guests (no account)",
	"admin.customer.tags":               "Tags",
	"admin.customer.expiring":           "%d expire on %s",
	"admin.customer.notes_heading":      "Notes and tags",
	"admin.customer.notes":              "Notes (only staff see them)",
	"admin.customer.tags_field":         "Tags, separated by commas",
	"admin.customer.tags_hint":          "For example: VIP, wholesale. The customer list can be filtered by tag.",
	"admin.customer.notes_submit":       "Save notes and tags",
	"admin.customer.notes_saved":        "Notes and tags saved.",
	"admin.customer.error.notes_long":   "Notes can be at most 5000 characters.",
	"admin.customer.error.tags_many":    "At most 20 tags.",
	"admin.customer.error.tag_long":     "A tag can be at most 40 characters.",
	"admin.customer.addresses":          "Address book",
	"admin.customer.addresses_none":     "No saved addresses.",
	"admin.customer.address_default":    "Default",
	"admin.customers.min_spend":         "Spent in 12 months, at least",
	"admin.customers.min_points":        "Points, at least",
	"admin.customers.ordered":           "Ordered",
	"admin.customers.ordered_days":      "in the last %d days",
	"admin.audit.action.customer.notes": "Changed a customer’s notes or tags",
}
