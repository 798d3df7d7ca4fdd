package i18n

// enReturns is the English text of the admin's return list and the admin
// home's returns to review.
var enReturns = map[string]string{
	"admin.returns.title":       "Returns",
	"admin.returns.count":       "%d returns",
	"admin.returns.search":      "Search",
	"admin.returns.search_hint": "Order number, email or name",
	"admin.returns.status":      "Status",
	"admin.returns.empty": "No returns yet. When a customer asks to send something back from their order page, " +
		"the request will be listed here for you to review.",
	"admin.returns.none_match":          "No returns match this filter.",
	"admin.returns.show_all":            "Show all returns",
	"admin.returns.status.requested":    "To review",
	"admin.returns.status.approved":     "Approved",
	"admin.returns.status.rejected":     "Rejected",
	"admin.returns.status.received":     "Received",
	"admin.returns.status.refunded":     "Refunded",
	"admin.returns.status.closed":       "Closed",
	"admin.returns.resolution.refund":   "Refund",
	"admin.returns.resolution.exchange": "Exchange",
	"admin.returns.col.requested":       "Requested",
	"admin.returns.col.order":           "Order",
	"admin.returns.col.customer":        "Customer",
	"admin.returns.col.items":           "Items",
	"admin.returns.col.wants":           "Wants",
	"admin.returns.col.reason":          "Reason",
	"admin.returns.col.refunded":        "Refunded",
	"admin.returns.to_review":           "%d waiting for a decision",
	"admin.returns.none_to_review":      "No return requests are waiting.",
	"admin.returns.review":              "Review returns",
	"returns.error.quantity":            "Choose no more than you have left to return.",
	"returns.error.nothing":             "Choose at least one item to return.",
}
