package admin_test

import (
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestPointsPreviewListsTiersInChinese: the preview lists what each tier
// earns with the Chinese enumeration comma 、, not ", ".
func TestPointsPreviewListsTiersInChinese(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	got := shop.Get("/admin/membership", "Accept-Language", "zh").Doc(t).Find("[data-rules-preview]").Text()
	if strings.Contains(got, ", ") || strings.Count(got, "、") < 2 {
		t.Errorf("the Chinese preview = %q, want its tiers listed with 、", got)
	}
	if got := shop.Get("/admin/membership", "Accept-Language", "en").Doc(t).Find("[data-rules-preview]").Text(); !strings.Contains(got, ", ") {
		t.Errorf("the English preview = %q, want its tiers listed with \", \"", got)
	}
}
