package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"storefront/assets"
	"storefront/store"
	"storefront/web/webtest"
)

// TestOrdersKeepTheirKeyColumnsOnAPhone: every order row marks its number,
// customer, total and status cells, and the phone rule of admin.css lays
// those out as a card while hiding only the others (date, items, method).
func TestOrdersKeepTheirKeyColumnsOnAPhone(t *testing.T) {
	shop, _, _ := webtest.NewWithOrders(t, store.PayBankTransfer, "en", "zh")
	shop.LoginAs(store.RoleOwner)
	doc := shop.Get("/admin/orders").Doc(t)
	table := doc.Find("table.admin-order-table.admin-table-cards")
	if table.Length() != 1 {
		t.Fatal("the orders table is not marked admin-table-cards")
	}
	rows := table.Find("tbody tr")
	if rows.Length() != 2 {
		t.Fatalf("%d rows, want 2", rows.Length())
	}
	rows.Each(func(i int, row *goquery.Selection) {
		for _, col := range []string{"col-number", "col-customer", "col-total", "col-status"} {
			if strings.TrimSpace(row.Find("td."+col).Text()) == "" {
				t.Errorf("row %d: no %s cell with text", i, col)
			}
		}
	})

	res := shop.Get(assets.Static.URL("admin.css"))
	phone := phoneRules(t, res.Body)
	hidden := phone[strings.Index(phone, ".admin-table-cards .col-date"):]
	hidden = hidden[:strings.Index(hidden, "}")]
	if !strings.Contains(hidden, "display:none") {
		t.Errorf("the phone rule does not hide the date: %q", hidden)
	}
	for _, col := range []string{"col-number", "col-customer", "col-total", "col-status"} {
		if strings.Contains(hidden, col) {
			t.Errorf("the phone rule hides %s: %q", col, hidden)
		}
		if !strings.Contains(phone, ".admin-order-table ."+col+"{grid-area:") {
			t.Errorf("the phone rule does not place %s on the card", col)
		}
	}
}

// phoneRules is the body of admin.css's block for screens under 640 px.
func phoneRules(t *testing.T, css string) string {
	t.Helper()
	const open = "@media (max-width: 639px){"
	i := strings.Index(css, open)
	if i < 0 {
		t.Fatalf("admin.css has no %q block", open)
	}
	return css[i+len(open):]
}

// TestUnpaidOrderLinesShowNoPaidAmount: until an order is paid its lines'
// last column is their total, not "Paid"; once paid, it is "Paid".
func TestUnpaidOrderLinesShowNoPaidAmount(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "en")
	o := orders[0]
	shop.LoginAs(store.RoleOwner)
	page := "/admin/orders/" + itoa(o.ID)
	head := func() string {
		t.Helper()
		doc := shop.Get(page).Doc(t)
		return strings.TrimSpace(doc.Find(".admin-order-lines thead th").Last().Text()) + "|" +
			doc.Find(".admin-order-lines tbody td").Last().AttrOr("data-label", "")
	}
	if got := head(); got != "After discounts|After discounts" {
		t.Errorf("unpaid order: last column and its card label = %q, want After discounts", got)
	}
	if res := shop.Post(page+"/paid", url.Values{}); res.Status != http.StatusOK && res.Status != http.StatusSeeOther {
		t.Fatalf("mark paid: %d", res.Status)
	}
	if got := head(); got != "Paid|Paid" {
		t.Errorf("paid order: last column = %q, want Paid", got)
	}
}

// TestBrowserAdminMenuFoldsOnAPhoneWithoutJavaScript: with scripts off, a
// phone shows the menu folded behind its summary, a tap opens it and its
// links work; nothing is wider than the screen. At 1366 px the menu is an
// open sidebar with no summary, and the product list's filters fit.
func TestBrowserAdminMenuFoldsOnAPhoneWithoutJavaScript(t *testing.T) {
	ctx := webtest.Browser(t)
	shop, _, _ := webtest.NewWithOrders(t, store.PayBankTransfer, "en")
	owner := shop.AddStaff(store.RoleOwner)
	visible := func(sel string) bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+sel+`').checkVisibility()`))
		if err != nil {
			t.Fatalf("visibility of %s: %v", sel, err)
		}
		return v
	}
	fits := func(width int) {
		t.Helper()
		w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil || w > width {
			t.Errorf("page is %d px wide at %d (%v)", w, width, err)
		}
	}
	products := `.admin-nav a[href="/admin/products"]`

	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(shop.Server.URL+"/admin/login?next=/admin/orders"),
		chromedp.SendKeys(`#login-email`, owner.Email),
		chromedp.SendKeys(`#login-password`, webtest.Password),
		chromedp.Submit(`#login-password`),
		chromedp.WaitVisible(`.admin-menu-toggle`),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	if visible(products) {
		t.Error("the phone menu is open before it is tapped")
	}
	fits(390)
	err = chromedp.Do(ctx,
		chromedp.Click(`.admin-menu-toggle`),
		chromedp.WaitVisible(products),
		chromedp.Click(products),
		chromedp.WaitVisible(`table.product-table`),
	)
	if err != nil {
		t.Fatalf("open the menu and follow it: %v", err)
	}
	fits(390)

	err = chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Reload(), chromedp.WaitVisible(`table.product-table`))
	if err != nil {
		t.Fatal(err)
	}
	if !visible(`.admin-nav a[href="/admin/orders"]`) || visible(`.admin-menu-toggle`) {
		t.Error("at 1366 px the menu is not an open sidebar without its summary")
	}
	fits(1366)
}
