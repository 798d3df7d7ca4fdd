package views

import (
	"context"
	"strconv"

	"storefront/i18n"
	"storefront/store"
)

// OptionParams are the query parameters the option picker submits, one per
// option slot; the product page resolves them to a variant.
var OptionParams = [3]string{"option1", "option2", "option3"}

func optionParam(i int) string { return OptionParams[i] }

// addFormID is the product page's add-to-cart form, which the option
// radios belong to.
const addFormID = "add-to-cart"

func optionInputID(g store.OptionGroup, j int) string {
	// Stable across swaps, so htmx puts the keyboard focus back on it.
	return "option" + strconv.Itoa(g.Index+1) + "-" + strconv.Itoa(j)
}

func productPath(p *store.Product) string { return "/products/" + p.Handle }

// optionName is the option's name, or "Option 2" when the product left it
// unnamed.
func optionName(ctx context.Context, g store.OptionGroup) string {
	if g.Name != "" {
		return g.Name
	}
	return i18n.T(ctx, "picker.option_n", g.Index+1)
}

// optionValueLabel is what a pill says: the value, or a dash for variants
// that leave this option empty.
func optionValueLabel(ctx context.Context, value string) string {
	if value == "" {
		return i18n.T(ctx, "picker.no_value")
	}
	return value
}

// chosenLabel follows the option's name in its legend (": M"), so the
// choice reads at a glance even where a pill's outline is subtle.
func chosenLabel(ctx context.Context, g store.OptionGroup) string {
	for _, c := range g.Choices {
		if c.Selected {
			return i18n.T(ctx, "picker.chosen", optionValueLabel(ctx, c.Label))
		}
	}
	return ""
}

// freeShippingHint says what a free-over method needs, so its name ("Free
// shipping over 299") never reads as a contradiction of its price: what is
// missing while the cart is below the threshold, the threshold once it is
// reached. Other kinds need no hint.
func freeShippingHint(ctx context.Context, o ShippingOption) string {
	if o.Method.Kind != store.ShippingFreeOver {
		return ""
	}
	threshold := i18n.Money(ctx, o.Method.Threshold)
	if o.FreeGap > 0 {
		return i18n.T(ctx, "picker.ship_free_missing", threshold, i18n.Money(ctx, o.FreeGap))
	}
	return i18n.T(ctx, "picker.ship_free_from", threshold)
}
