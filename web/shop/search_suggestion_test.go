package shop_test

import (
	"strings"
	"testing"

	"storefront/web/webtest"
)

// TestDidYouMeanAsksAQuestion: the suggestion for a misspelt search is a
// question in each language, its mark right after the suggested word.
func TestDidYouMeanAsksAQuestion(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	for path, want := range map[string]string{
		"/search?q=lnen":       "Did you mean linen?",
		"/zh-cn/search?q=lnen": "您是不是要找 linen？",
	} {
		got := strings.Join(strings.Fields(shop.Get(path).Doc(t).Find(".suggestion").Text()), " ")
		if got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}
