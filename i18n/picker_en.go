package i18n

// enPicker is the English text of choosing a variant, savings and shipping labels.
var enPicker = map[string]string{
	"picker.apply":       "Update",
	"picker.chosen":      ": %s",
	"picker.unavailable": " (not available in this combination)",
	"picker.sold_out":    " (sold out)",
	"picker.option_n":    "Option %d",
	"picker.no_value":    "Standard",

	"picker.line_saving":  "You save %s",
	"picker.cart_savings": "You save",

	"picker.ship_free_from":    "Free on orders from %s",
	"picker.ship_free_missing": "Free from %s — add %s more",

	// session 5
	"picker.add_unavailable": "Sorry, that combination is not made. Choose other options; nothing was added to your cart.",
}
