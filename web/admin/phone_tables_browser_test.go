package admin_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserAdminListsFitAPhone signs the owner in on a 390 px wide
// Chromium and opens every admin list, in English and in Chinese: no page
// is wider than the screen, no table scrolls sideways inside its frame,
// and the cell that says what a row is (the order number, the action, the
// product…) of the first row is on screen.
func TestBrowserAdminListsFitAPhone(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	owner, v := seedEveryList(t, shop)

	pages := []struct{ path, key string }{
		{"/admin", ".low-stock tbody tr:first-child .col-key"},
		{"/admin", ".admin-order-table tbody tr:first-child .col-number"},
		{"/admin/orders", ".admin-order-table tbody tr:first-child .col-number"},
		{"/admin/orders/" + itoa(v.orderID), ".admin-order-lines tbody tr:first-child .col-title"},
		{"/admin/products", ".product-table tbody tr:first-child .product-title-cell"},
		{"/admin/products/" + itoa(v.productID), `.variant-table tbody tr:first-child input[name="v0_sku"]`},
		{"/admin/collections", ".collections-list tbody tr:first-child .col-key"},
		{"/admin/inventory/low-stock", ".low-stock-list tbody tr:first-child .col-key"},
		{"/admin/variants/" + itoa(v.variantID) + "/stock", ".stock-history tbody tr:first-child .col-key"},
		{"/admin/returns", ".return-table tbody tr:first-child .col-key"},
		{"/admin/emails", ".email-list tbody tr:first-child .col-key"},
		{"/admin/audit", ".audit-log tbody tr:first-child .col-key"},
		{"/admin/staff", ".staff-table tbody tr:first-child .col-key"},
		{"/admin/staff", ".invite-table tbody tr:first-child .col-key"},
		{"/admin/account/sessions", ".sessions-table tbody tr:first-child .col-key"},
		{"/admin/settings/backups", "table[data-backups] tbody tr:first-child .col-key"},
	}
	// Headless Chromium keeps its window at least 500 px wide, so the
	// phone's width is emulated.
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(shop.Server.URL+"/admin/login"),
		chromedp.WaitVisible(`#login-email`),
		chromedp.SendKeys(`#login-email`, owner.Email),
		chromedp.SendKeys(`#login-password`, webtest.Password),
		chromedp.Click(`form[action="/admin/login"] button[type=submit]`),
		chromedp.WaitVisible(`.admin-menu-toggle`),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	for _, lang := range []string{"en", "zh"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(shop.Server.URL+"/lang/"+lang+"?next=%2Fadmin")); err != nil {
			t.Fatalf("switch to %s: %v", lang, err)
		}
		for _, p := range pages {
			err := chromedp.Do(ctx, chromedp.Navigate(shop.Server.URL+p.path), chromedp.WaitReady(p.key))
			if err != nil {
				t.Errorf("%s %s: no %s: %v", lang, p.path, p.key, err)
				continue
			}
			problem, err := chromedp.Run(ctx, chromedp.Evaluate[string](fitsAPhone(p.key)))
			if err != nil || problem != "" {
				t.Errorf("%s %s: %s (%v)", lang, p.path, problem, err)
			}
		}
	}
}

// fitsAPhone is a script that returns "" when the page fits 390 px and the
// cell key is on screen, or else what is wrong.
func fitsAPhone(key string) string {
	return `(() => {
		const cell = document.querySelector(` + "`" + key + "`" + `);
		const r = cell.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || r.left < 0 || r.right > 390) {
			return 'the key cell is hidden or cut: ' + JSON.stringify(r);
		}
		const page = document.documentElement.scrollWidth;
		if (page > 390) {
			return 'the page is ' + page + ' px wide';
		}
		for (const c of document.querySelectorAll('.admin-table-cards td')) {
			if (c.scrollWidth > c.clientWidth + 1) {
				return 'a cell is cut: ' + c.innerText;
			}
		}
		for (const w of document.querySelectorAll('.admin-table-wrap')) {
			if (w.scrollWidth > w.clientWidth) {
				return 'table ' + w.querySelector('table').className + ' scrolls sideways: ' + w.scrollWidth + ' > ' + w.clientWidth;
			}
		}
		return '';
	})()`
}

type seeded struct{ productID, variantID, orderID int64 }

// seedEveryList gives every admin list at least one row: the catalog and
// an order (with its emails), a stock change with a note, a return, a
// second staff member and a pending invitation, a backup and a second
// session of the owner's. It returns the owner.
func seedEveryList(t *testing.T, shop *webtest.Shop) (*store.Staff, seeded) {
	t.Helper()
	ctx := context.Background()
	shop.SeedFixture()
	o := shop.SeedOrder()
	v := shop.Variants()
	if _, err := shop.Store.MarkPaid(ctx, store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.FulfillOrder(ctx, store.Actor{}, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	o = shop.Order(o.Number)
	if _, err := shop.Store.RequestReturn(ctx, o, 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
		Reason: "damaged", Note: "The left sleeve came torn at the seam", Resolution: store.ResolutionRefund}); err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.AdjustStock(ctx, store.Actor{}, store.StockAdjustmentInput{VariantID: v.ShirtL, Delta: 12,
		Reason: store.StockReceived, Note: "Spring delivery from the weaver in Guimarães"}); err != nil {
		t.Fatal(err)
	}
	shop.AddStaff(store.RoleSupport)
	owner := shop.AddStaff(store.RoleOwner)
	if _, _, err := shop.Store.InviteStaff(ctx, store.Actor{StaffID: owner.ID, Email: owner.Email},
		"a.very.long.address.for.a.new.colleague@example.com", store.RoleSupport); err != nil {
		t.Fatal(err)
	}
	shop.Login(owner.Email, webtest.Password)
	if res := shop.Post("/admin/settings/backups/run", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("back up now = %d\n%s", res.Status, res.Body)
	}
	shirt, err := shop.Store.ProductByHandle(ctx, "linen-shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	return owner, seeded{productID: shirt.ID, variantID: v.ShirtL, orderID: o.ID}
}
