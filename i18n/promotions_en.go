package i18n

// enPromotions is the English text of the admin's promotion list.
var enPromotions = map[string]string{
	"admin.promotions.title":       "Promotions",
	"admin.promotions.count":       "%d promotions",
	"admin.promotions.search":      "Search",
	"admin.promotions.search_hint": "Name or code",
	"admin.promotions.status":      "State",
	"admin.promotions.empty": "No promotions yet. Coupons and automatic discounts you create will be listed here " +
		"with what they take off, when they run and how often they have been used.",
	"admin.promotions.none_match":       "No promotions match this filter.",
	"admin.promotions.show_all":         "Show all promotions",
	"admin.promotions.status.active":    "Active",
	"admin.promotions.status.scheduled": "Scheduled",
	"admin.promotions.status.expired":   "Expired",
	"admin.promotions.status.used_up":   "Used up",
	"admin.promotions.status.disabled":  "Paused",
	"admin.promotions.col.name":         "Promotion",
	"admin.promotions.col.discount":     "Discount",
	"admin.promotions.col.schedule":     "Runs",
	"admin.promotions.col.used":         "Used",
	"admin.promotions.automatic":        "Automatic",
	"admin.promotions.off":              "%s off",
	"admin.promotions.whole_order":      "Whole order",
	"admin.promotions.collection_only":  "%s only",
	"admin.promotions.min_subtotal":     "orders of %s or more",
	"admin.promotions.first_order":      "first order only",
	"admin.promotions.per_customer":     "%d per customer",
	"admin.promotions.always":           "No end date",
	"admin.promotions.from":             "From %s",
	"admin.promotions.until":            "Until %s",
	"admin.promotions.between":          "%s to %s",
}
