package shop_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestCheckoutShippingCostRow: the summary's shipping row is the cost
// (运费, "Shipping"), not the shipping method section's title (配送方式).
func TestCheckoutShippingCostRow(t *testing.T) {
	shop := teaInCart(t)
	for _, tt := range []struct{ prefix, row, section string }{{"/zh-cn", "运费", "配送方式"}, {"", "Shipping", "Shipping"}} {
		doc := shop.Get(tt.prefix + "/checkout").Doc(t)
		rows := doc.Find(".cart-totals dt").Map(func(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) })
		if !slices.Contains(rows, tt.row) || (tt.row != tt.section && slices.Contains(rows, tt.section)) {
			t.Errorf("%q: the summary's rows are %q, want the cost as %q", tt.prefix, rows, tt.row)
		}
		if got := strings.TrimSpace(doc.Find("fieldset legend").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.TrimSpace(s.Text()) == tt.section
		}).Text()); got != tt.section {
			t.Errorf("%q: no section titled %q", tt.prefix, tt.section)
		}
	}
}
