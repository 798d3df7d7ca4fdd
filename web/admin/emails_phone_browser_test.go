package admin_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserEmailListCardsKeepTheirCellsApart: on a 390 px phone each
// email is a card; its time ("2026-12-07 21:08 CST", in Chinese with
// 北京时间) and its order number ran into each other
// ("…21:08 CST2ZG3-MZW7"). No cell of a card may overlap another or spill
// out of its own box, in English or in Chinese.
func TestBrowserEmailListCardsKeepTheirCellsApart(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.SeedOrder()
	if err := shop.Store.SetSetting(context.Background(), store.SettingTimeZone, "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	owner := shop.AddStaff(store.RoleOwner)
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
		err := chromedp.Do(ctx,
			chromedp.Navigate(shop.Server.URL+"/lang/"+lang+"?next=%2Fadmin%2Femails"),
			chromedp.WaitReady(`.email-list tbody tr`),
		)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](cellsApart(".email-list tbody tr")))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", lang, p)
		}
	}
}

// cellsApart is a script listing, for each row matching rows, the cells
// whose text spills out of them and the pairs of cells that overlap.
func cellsApart(rows string) string {
	return `(() => {
		const out = [];
		const text = el => JSON.stringify(el.textContent.trim());
		for (const tr of document.querySelectorAll(` + "`" + rows + "`" + `)) {
			const cells = [...tr.children].filter(td => td.getClientRects().length > 0 && td.textContent.trim() !== '');
			for (const td of cells) {
				const box = td.getBoundingClientRect(), range = document.createRange();
				range.selectNodeContents(td);
				const content = range.getBoundingClientRect();
				if (content.right > box.right + 0.5 || content.left < box.left - 0.5) {
					out.push('the text ' + text(td) + ' spills out of its cell');
				}
			}
			for (let i = 0; i < cells.length; i++) {
				for (let j = i + 1; j < cells.length; j++) {
					const a = cells[i].getBoundingClientRect(), b = cells[j].getBoundingClientRect();
					if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
						out.push(text(cells[i]) + ' overlaps ' + text(cells[j]));
					}
				}
			}
		}
		return out;
	})()`
}
