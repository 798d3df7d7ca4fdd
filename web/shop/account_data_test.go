package shop_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// placeFor places PlaceOrder's order of shirts and tea for the account
// customerID, paid by bank transfer.
func placeFor(t *testing.T, shop *webtest.Shop, customerID, shipping int64) *store.Order {
	t.Helper()
	ctx := context.Background()
	v := shop.Variants()
	cart, err := shop.Store.AddToCart(ctx, "", v.ShirtL, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shop.Store.AddToCart(ctx, cart.Token, v.Tea, 1); err != nil {
		t.Fatal(err)
	}
	o, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: "ana@example.com", Name: "Ana Lima", AddressLine1: "Rua Augusta 1", City: "Lisboa",
			PostalCode: "1100-048", Country: "PT"},
		ShippingMethodID: shipping, PaymentMethod: store.PayBankTransfer, Locale: "en", CustomerID: customerID})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// A member whose paid order has not shipped cannot delete the account:
// deleting wiped the address the parcel was to go to. The page says so
// before the password is asked, lists the order, and says beforehand
// what points and coupons go with the account.
func TestAccountDeleteWaitsForOrdersUnderWay(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	ctx := context.Background()
	ana := newCustomer(t, shop, "ana@example.com")
	owner := store.Actor{Email: "owner@example.com"}
	o := placeFor(t, shop, ana.ID, flat)
	if _, err := shop.Store.MarkPaid(ctx, owner, o.ID); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.AdjustPoints(ctx, owner, ana.ID, 556, "Welcome"); err != nil {
		t.Fatal(err)
	}
	st, err := shop.Store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	birthday := "1990-" + shop.Store.Now().In(st.Location()).Format("01") + "-15"
	if _, err := shop.Store.DB().Exec(`UPDATE customers SET birthday = ? WHERE id = ?`, birthday, ana.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := shop.Store.IssueBirthdayCoupons(ctx); err != nil || n != 1 {
		t.Fatalf("birthday coupons issued %d, %v", n, err)
	}
	points, err := shop.Store.PointsBalance(ctx, ana.ID)
	if err != nil || points.Available != 556 || points.Pending == 0 {
		t.Fatalf("points %+v, %v; want 556 and some pending", points, err)
	}
	signIn(t, shop, "ana@example.com")

	page := shop.Get("/account/delete")
	doc := page.Doc(t)
	for _, want := range []string{fmt.Sprintf("Your 556 points, and the %d points still pending, are lost", points.Pending),
		"Your 1 unused coupon is lost with it too.", "can't be deleted yet"} {
		if !strings.Contains(doc.Text(), want) {
			t.Errorf("the delete page does not say %q:\n%s", want, doc.Find("main").Text())
		}
	}
	if strings.Contains(doc.Text(), "%!") {
		t.Errorf("the delete page shows a formatting error:\n%s", doc.Find("main").Text())
	}
	if href := doc.Find("[data-open-orders] a").AttrOr("href", ""); href != "/account/orders/"+o.Number {
		t.Errorf("the open order links to %q", href)
	}
	if doc.Find("input[name=current_password]").Length() != 0 {
		t.Error("the page asks for the password of an account that cannot be deleted")
	}

	res := shop.Post("/account/delete", url.Values{"current_password": {accountPassword}})
	if res.Status != http.StatusConflict {
		t.Fatalf("delete with a paid order to ship = %d, want 409", res.Status)
	}
	if href := res.Doc(t).Find("[data-open-orders] a").AttrOr("href", ""); href != "/account/orders/"+o.Number {
		t.Errorf("the refusal links the open order to %q", href)
	}
	kept := shop.Order(o.Number)
	if kept.Email != "ana@example.com" || kept.Name != "Ana Lima" || kept.AddressLine1 != "Rua Augusta 1" {
		t.Errorf("the order to ship after a refused deletion: %q %q %q", kept.Email, kept.Name, kept.AddressLine1)
	}
	if e := shop.OrderEmail(o, store.EmailPaymentReceived); e.Status != store.EmailPending {
		t.Errorf("the payment email after a refused deletion: %q", e.Status)
	}
	if got := shop.Get("/account"); got.Status != http.StatusOK {
		t.Errorf("/account after a refused deletion = %d", got.Status)
	}
	if zh := shop.Get("/zh-cn/account/delete").Doc(t).Text(); !strings.Contains(zh, "暂时无法注销账户") ||
		!strings.Contains(zh, "您的 556 积分及") {
		t.Errorf("the Chinese delete page:\n%s", zh)
	}

	if _, err := shop.Store.FulfillOrder(ctx, owner, o.ID, nil, "", ""); err != nil {
		t.Fatal(err)
	}
	form := shop.Get("/account/delete").Doc(t)
	if form.Find("[data-open-orders]").Length() != 0 || form.Find("input[name=current_password]").Length() != 1 {
		t.Errorf("the delete page once the order has shipped:\n%s", form.Find("main").Text())
	}
	if res := shop.Post("/account/delete", url.Values{"current_password": {accountPassword}}); res.Status != http.StatusSeeOther {
		t.Fatalf("delete once the order has shipped = %d", res.Status)
	}
}

// The data download gave the customer the staff's private notes on an
// order and who on the staff did what.
func TestAccountDataLeavesOutTheShopsNotes(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	ana := newCustomer(t, shop, "ana@example.com")
	o := placeFor(t, shop, ana.ID, flat)
	staff := shop.OtherBrowser()
	owner := staff.LoginAs(store.RoleOwner)
	id := itoa(o.ID)
	if res := staff.Post("/admin/orders/"+id+"/notes", url.Values{"note": {"INTERNAL: suspected fraud, call the bank"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("staff note = %d", res.Status)
	}
	if _, err := shop.Store.MarkPaid(context.Background(), store.Actor{StaffID: owner.ID, Email: owner.Email}, o.ID); err != nil {
		t.Fatal(err)
	}
	signIn(t, shop, "ana@example.com")

	res := shop.Get("/account/data")
	if res.Status != http.StatusOK {
		t.Fatalf("data download = %d", res.Status)
	}
	for _, secret := range []string{"INTERNAL", owner.Email, "StaffEmail", o.AccessKey} {
		if strings.Contains(res.Body, secret) {
			t.Errorf("the download has %q:\n%s", secret, res.Body)
		}
	}
	// What it has of the timeline is what the order's page shows.
	page := shop.Get("/account/orders/" + o.Number).Body
	if strings.Contains(page, "INTERNAL") {
		t.Error("the order page shows the staff note")
	}
	for _, want := range []string{`"event": "placed"`, `"event": "paid"`, `"number": "` + o.Number + `"`} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("the download lacks %s:\n%s", want, res.Body)
		}
	}
}

// A member whose only orders were placed as a guest, before the account,
// was told points come with their first paid order.
func TestAccountPointsExplainOrdersBeforeTheAccount(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	newCustomer(t, shop, "ana@example.com")
	signIn(t, shop, "ana@example.com")
	if body := shop.Get("/account/points").Doc(t).Text(); !strings.Contains(body, "No points yet: they come with your first paid order.") {
		t.Error("a member without orders is not told points come with the first paid order")
	}
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	if _, err := shop.Store.MarkPaid(context.Background(), store.Actor{Email: "owner@example.com"}, o.ID); err != nil {
		t.Fatal(err)
	}
	confirm := "/account/confirm/" + shop.Email("ana@example.com", store.EmailAccountConfirm).Link
	if res := shop.Post(confirm, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("confirm = %d", res.Status)
	}
	if !strings.Contains(shop.Get("/account/orders").Body, o.Number) {
		t.Fatal("the guest order did not join the account")
	}
	for path, want := range map[string]string{
		"/account/points":       "orders placed before you had an account don't earn points",
		"/zh-cn/account/points": "注册账户之前下的订单不累积积分",
	} {
		body := shop.Get(path).Doc(t).Text()
		if !strings.Contains(body, want) || strings.Contains(body, "first paid order") {
			t.Errorf("%s does not explain the points of orders before the account", path)
		}
	}
}

// An order opened from the account leads back to the account's orders, in
// both languages; the guest page, opened by its key, does not.
func TestAccountOrderLeadsBackToOrders(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	ana := newCustomer(t, shop, "ana@example.com")
	o := placeFor(t, shop, ana.ID, flat)
	signIn(t, shop, "ana@example.com")
	for path, want := range map[string]string{"/account/orders/" + o.Number: "Back to your orders",
		"/zh-cn/account/orders/" + o.Number: "返回我的订单"} {
		back := shop.Get(path).Doc(t).Find("a[data-account-orders]")
		prefix := strings.TrimSuffix(path, "/account/orders/"+o.Number)
		if back.AttrOr("href", "") != prefix+"/account/orders" || strings.TrimSpace(back.Text()) != want {
			t.Errorf("%s: back link %q to %q", path, back.Text(), back.AttrOr("href", ""))
		}
	}
	if shop.Get("/orders/"+o.Number+"?key="+url.QueryEscape(o.AccessKey)).Doc(t).Find("a[data-account-orders]").Length() != 0 {
		t.Error("the guest order page links to the account")
	}
}

// TestBrowserAccountOrderBackLink: on a phone, the link back from an
// order fits the screen and leads to the account's orders.
func TestBrowserAccountOrderBackLink(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	ana := newCustomer(t, shop, "ana@example.com")
	o := placeFor(t, shop, ana.ID, flat)
	errs := consoleErrors(t, ctx)
	base := shop.Server.URL
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/zh-cn/account/login"),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.SendKeys(`input[name=email]`, "ana@example.com"),
		chromedp.SendKeys(`input[name=password]`, accountPassword),
		chromedp.Click(`form[action$="/account/login"] button[type=submit]`),
		chromedp.WaitVisible(`[data-points-balance]`),
		chromedp.Navigate(base+"/zh-cn/account/orders/"+o.Number),
		chromedp.WaitVisible(`a[data-account-orders]`),
	)
	if err != nil {
		t.Fatalf("order page on a phone: %v", err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const out = [], a = document.querySelector('a[data-account-orders]').getBoundingClientRect();
		if (a.left < 0 || a.right > document.documentElement.clientWidth) out.push('the link runs ' + a.left + ' to ' + a.right + ' px');
		if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('the page scrolls sideways');
		return out.join(', ');
	})()`))
	if err != nil || wide != "" {
		t.Errorf("at 390 px: %s %v", wide, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`a[data-account-orders]`), chromedp.WaitVisible(`.account-orders`)); err != nil {
		t.Fatalf("following the back link: %v", err)
	}
	if at, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.HasSuffix(at, "/zh-cn/account/orders") {
		t.Errorf("the back link led to %q, %v", at, err)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}
