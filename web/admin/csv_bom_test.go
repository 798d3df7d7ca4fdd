package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"storefront/store"
	"storefront/store/shopifycsv"
	"storefront/web/webtest"
)

// TestCSVDownloadsStartWithByteOrderMark: every CSV download starts with
// one UTF-8 byte order mark, so that Excel reads Chinese names as
// Chinese; the files the shop reads back (products, translations) are
// still taken with it.
func TestCSVDownloadsStartWithByteOrderMark(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.SeedOrder()
	shop.LoginAs(store.RoleOwner)
	files := map[string]string{}
	for _, path := range []string{"/admin/orders.csv", "/admin/customers.csv", "/admin/products.csv",
		"/admin/products/translations.csv"} {
		res := shop.Get(path)
		if res.Status != http.StatusOK {
			t.Fatalf("%s = %d", path, res.Status)
		}
		rest, ok := strings.CutPrefix(res.Body, "\uFEFF")
		if !ok || strings.HasPrefix(rest, "\uFEFF") {
			t.Errorf("%s starts %q, want one byte order mark", path, res.Body[:min(len(res.Body), 8)])
		}
		files[path] = res.Body
	}

	products, problems, err := shopifycsv.Parse(strings.NewReader(files["/admin/products.csv"]), 2)
	if err != nil || len(problems) > 0 || len(products) == 0 {
		t.Errorf("products CSV read back: %d products, %v %v", len(products), problems, err)
	}
	tr := strings.Replace(files["/admin/products/translations.csv"], "product,linen-shirt,title,zh,Linen Shirt,\n",
		"product,linen-shirt,title,zh,Linen Shirt,亚麻衬衫\n", 1)
	if res := uploadTranslations(shop, tr); res.Status != http.StatusOK {
		t.Errorf("translations upload with a byte order mark = %d\n%s", res.Status, res.Body)
	}
	if p, _ := shop.Store.ProductByHandle(t.Context(), "linen-shirt", true); p.Tr["title"]["zh"] != "亚麻衬衫" {
		t.Errorf("translation not imported: %v", p.Tr)
	}
}
