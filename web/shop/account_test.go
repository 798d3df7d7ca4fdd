package shop_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

const accountPassword = "correct horse battery"

// newCustomer registers email through the store, as the form would.
func newCustomer(t *testing.T, shop *webtest.Shop, email string) *store.Customer {
	t.Helper()
	c, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: email, Password: accountPassword, Name: "Ana Lima", Locale: "en"})
	if err != nil || c == nil {
		t.Fatalf("register %s: %v, %v", email, c, err)
	}
	return c
}

func signIn(t *testing.T, shop *webtest.Shop, email string) {
	t.Helper()
	res := shop.Post("/account/login", url.Values{"email": {email}, "password": {accountPassword}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/account" {
		t.Fatalf("sign in as %s = %d %s:\n%s", email, res.Status, res.Header.Get("Location"), res.Body)
	}
}

func TestAccountRegisterLoginLogout(t *testing.T) {
	shop := webtest.New(t)
	if got := shop.Get("/account"); got.Status != http.StatusSeeOther || got.Header.Get("Location") != "/account/login" {
		t.Fatalf("anonymous /account = %d %s", got.Status, got.Header.Get("Location"))
	}
	form := shop.Get("/account/register").Doc(t).Find(`form[action="/account/register"]`)
	for _, name := range []string{"email", "password", "name", "birthday"} {
		if form.Find(`[name="`+name+`"]`).Length() != 1 {
			t.Errorf("register form has no %s field", name)
		}
	}
	bad := shop.Post("/account/register", url.Values{"email": {"ana@"}, "password": {"short"}, "name": {"Ana"}, "birthday": {"31/05/1990"}})
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad registration = %d", bad.Status)
	}
	doc := bad.Doc(t)
	for _, name := range []string{"email", "password", "birthday"} {
		if doc.Find("#account-"+name+"-error").Length() != 1 {
			t.Errorf("no message beside %s", name)
		}
	}
	if v := doc.Find(`input[name=name]`).AttrOr("value", ""); v != "Ana" {
		t.Errorf("the name typed is lost: %q", v)
	}

	res := shop.Post("/account/register", url.Values{"email": {"ana@example.com"}, "password": {accountPassword},
		"name": {"Ana Lima"}, "birthday": {"1990-05-31"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/account/registered" {
		t.Fatalf("register = %d %s:\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	if shop.Email("ana@example.com", store.EmailAccountConfirm).Link == "" {
		t.Error("no confirmation link")
	}

	wrong := shop.Post("/account/login", url.Values{"email": {"ana@example.com"}, "password": {"not the password"}})
	if wrong.Status != http.StatusUnauthorized || !strings.Contains(wrong.Body, "do not match") {
		t.Errorf("wrong password = %d", wrong.Status)
	}
	shop.Get("/") // a guest session
	before := shop.SessionCookie()
	signIn(t, shop, "ana@example.com")
	if after := shop.SessionCookie(); after == "" || after == before {
		t.Errorf("the session token was not renewed at sign-in (%q → %q)", before, after)
	}
	page := shop.Get("/account")
	if page.Status != http.StatusOK || !strings.Contains(page.Body, "Ana Lima") || !strings.Contains(page.Body, "ana@example.com") {
		t.Fatalf("account page = %d:\n%s", page.Status, page.Body)
	}
	pdoc := page.Doc(t)
	if pdoc.Find("[data-points-balance]").Length() != 1 || pdoc.Find("[data-member-tier]").Length() != 1 {
		t.Error("account page lacks the contract's data-points-balance / data-member-tier hooks")
	}
	if pdoc.Find(`.header-inner > a.account-link[href="/account"]`).Length() != 1 {
		t.Error("the header does not link to the account")
	}

	signedIn := shop.SessionCookie()
	if out := shop.Post("/account/logout", nil); out.Status != http.StatusSeeOther {
		t.Fatalf("logout = %d", out.Status)
	}
	if shop.SessionCookie() == signedIn {
		t.Error("the session token was not renewed at sign-out")
	}
	if got := shop.Get("/account"); got.Status != http.StatusSeeOther {
		t.Errorf("/account after sign-out = %d", got.Status)
	}
	if shop.Get("/account/login").Doc(t).Find(`.header-inner > a.account-link[href="/account/login"]`).Length() != 1 {
		t.Error("the header does not offer to sign in")
	}
}

// TestAccountLoginReturnsToThePageAsked: a signed-out shopper who opens an
// account page (the points page a points email links to) signs in and
// lands on it, in their language, rather than on the account's overview;
// a next outside the account is ignored.
func TestAccountLoginReturnsToThePageAsked(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "ana@example.com")
	res := shop.Get("/zh-cn/account/points")
	if got := res.Header.Get("Location"); res.Status != http.StatusSeeOther || got != "/zh-cn/account/login?next=%2Faccount%2Fpoints" {
		t.Fatalf("signed out, the points page = %d to %q", res.Status, got)
	}
	action := shop.Get(res.Header.Get("Location")).Doc(t).Find(`form[action^="/zh-cn/account/login"]`).AttrOr("action", "")
	in := shop.Post(action, url.Values{"email": {"ana@example.com"}, "password": {accountPassword}})
	if got := in.Header.Get("Location"); in.Status != http.StatusSeeOther || got != "/zh-cn/account/points" {
		t.Fatalf("signing in through %q = %d to %q, want the points page", action, in.Status, got)
	}
	if got := shop.Get("/account/login?next=%2Faccount%2Forders").Header.Get("Location"); got != "/account/orders" {
		t.Errorf("signed in, the login page with a next went to %q", got)
	}
	for _, next := range []string{"//evil.example/account", "/admin", "https://evil.example/account"} {
		shop.Post("/account/logout", nil)
		out := shop.Post("/account/login?next="+url.QueryEscape(next), url.Values{"email": {"ana@example.com"}, "password": {accountPassword}})
		if got := out.Header.Get("Location"); got != "/account" {
			t.Errorf("next %q: signed in to %q, want /account", next, got)
		}
	}
}

func TestAccountLoginThrottle(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "ana@example.com")
	guesser := shop.From("127.0.0.2")
	for i := 0; i < store.LoginFreeTries; i++ {
		if res := guesser.Post("/account/login", url.Values{"email": {"ana@example.com"}, "password": {"guess number " + itoa(int64(i))}}); res.Status != http.StatusUnauthorized {
			t.Fatalf("guess %d = %d", i, res.Status)
		}
	}
	res := guesser.Post("/account/login", url.Values{"email": {"ana@example.com"}, "password": {accountPassword}})
	if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("after %d failures = %d, want 429 with Retry-After, even with the right password", store.LoginFreeTries, res.Status)
	}
	// The owner, from their own address, is not locked out by the stranger.
	signIn(t, shop.From("127.0.0.3"), "ana@example.com")
}

func TestAccountRegisterAndResetDoNotRevealEmails(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "ana@example.com")
	answer := func(path string, form url.Values) (int, string, string) {
		b := shop.OtherBrowser()
		res := b.Post(path, form)
		next := b.Get(res.Header.Get("Location"))
		return res.Status, res.Header.Get("Location"), next.Doc(t).Find("main").Text()
	}
	for _, path := range []string{"/account/register", "/account/forgot"} {
		form := func(email string) url.Values {
			return url.Values{"email": {email}, "password": {"another long secret"}, "name": {"Eve"}}
		}
		s1, l1, b1 := answer(path, form("ana@example.com"))
		s2, l2, b2 := answer(path, form("nobody@example.com"))
		if s1 != s2 || l1 != l2 || b1 != b2 || s1 != http.StatusSeeOther {
			t.Errorf("%s answers a known email %d %s and an unknown one %d %s", path, s1, l1, s2, l2)
		}
	}
	if shop.Email("ana@example.com", store.EmailAccountExists).CustomerID == 0 {
		t.Error("the account's owner was not told of the second registration")
	}
}

func TestAccountResetLink(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "ana@example.com")
	shop.Post("/account/forgot", url.Values{"email": {"ana@example.com"}})
	e := shop.Email("ana@example.com", store.EmailAccountReset)
	link := "/account/reset/" + e.Link
	msg, err := shop.Emails.Render(context.Background(), e)
	if err != nil || !strings.Contains(msg.Text, link) || !strings.Contains(msg.HTML, link) || msg.Subject == "" {
		t.Fatalf("reset email = %+v, %v; want the link %s", msg, err, link)
	}
	if page := shop.Get(link); page.Status != http.StatusOK || page.Doc(t).Find(`input[name=password]`).Length() != 1 {
		t.Fatalf("reset page = %d", page.Status)
	}
	if res := shop.Post(link, url.Values{"password": {"short"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("short new password = %d", res.Status)
	}
	if res := shop.Post(link, url.Values{"password": {"a brand new secret"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("reset = %d", res.Status)
	}
	if got := shop.Get("/account"); got.Status != http.StatusOK {
		t.Errorf("not signed in after the reset: %d", got.Status)
	}
	other := shop.OtherBrowser()
	if res := other.Post(link, url.Values{"password": {"yet another secret"}}); res.Status != http.StatusNotFound {
		t.Errorf("second use of the link = %d, want 404", res.Status)
	}
	if res := other.Post("/account/login", url.Values{"email": {"ana@example.com"}, "password": {"a brand new secret"}}); res.Status != http.StatusSeeOther {
		t.Errorf("sign in with the new password = %d", res.Status)
	}

	shop.Post("/account/forgot", url.Values{"email": {"ana@example.com"}})
	late := "/account/reset/" + shop.Email("ana@example.com", store.EmailAccountReset).Link
	shop.Clock.Advance(store.CustomerResetLifetime + 1)
	if page := shop.Get(late); page.Status != http.StatusNotFound {
		t.Errorf("expired link = %d, want 404", page.Status)
	}
}

func TestAccountCartMergesAtLogin(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	newCustomer(t, shop, "ana@example.com")
	v := shop.Variants()
	// An earlier visit left a tea in the account's cart.
	earlier := shop.OtherBrowser()
	signIn(t, earlier, "ana@example.com")
	earlier.AddToCart("dragon-well-tea", v.Tea, "1")
	// Today, as a guest on another browser: a tea and two shirts.
	shop.AddToCart("dragon-well-tea", v.Tea, "1")
	shop.AddToCart("linen-shirt", v.ShirtL, "2")
	signIn(t, shop, "ana@example.com")
	doc := shop.Get("/cart").Doc(t)
	if got := doc.Find(".cart-count").First().Text(); got != "4" {
		t.Errorf("cart count after sign-in = %q, want 4 (2 teas and 2 shirts)", got)
	}
	// The other browser sees the merged cart at its next sign-in.
	earlier.Post("/account/logout", nil)
	signIn(t, earlier, "ana@example.com")
	if got := earlier.Get("/cart").Doc(t).Find(".cart-count").First().Text(); got != "4" {
		t.Errorf("the account's cart elsewhere = %q, want 4", got)
	}
}

func TestAccountOrdersCheckoutAndIsolation(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	newCustomer(t, shop, "ana@example.com")
	newCustomer(t, shop, "bob@example.com")
	signIn(t, shop, "ana@example.com")
	res := shop.Post("/account/addresses/new", url.Values{"name": {"Ana Lima"}, "address_line1": {"Rua Augusta 1"},
		"city": {"Lisboa"}, "postal_code": {"1100-048"}, "country": {"PT"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("save address = %d:\n%s", res.Status, res.Body)
	}
	if res := shop.Post("/account/addresses/new", url.Values{"name": {"Ana"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("address without a street = %d", res.Status)
	}
	// Hong Kong has no postal codes: the form does not ask the browser to
	// insist on one, and the address is kept without it.
	if form := shop.Get("/account/addresses/new").Doc(t); form.Find(`input[name=postal_code][required]`).Length() != 0 {
		t.Error("the address form makes the browser require a postal code")
	}
	if res := shop.Post("/account/addresses/new", url.Values{"name": {"Ana Lima"}, "address_line1": {"88 Queensway"},
		"city": {"Admiralty"}, "country": {"HK"}}); res.Status != http.StatusSeeOther {
		t.Errorf("a Hong Kong address without a postal code = %d", res.Status)
	}
	if res := shop.Post("/account/addresses/new", url.Values{"name": {"Ana Lima"}, "address_line1": {"1 Main St"},
		"city": {"Springfield"}, "postal_code": {"!!!"}, "country": {"US"}}); res.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "Check the postal code") {
		t.Errorf("a US address with postal code !!! = %d", res.Status)
	}
	shop.AddToCart("dragon-well-tea", shop.Variants().Tea, "1")
	page := shop.Get("/checkout")
	doc := page.Doc(t)
	for name, want := range map[string]string{"email": "ana@example.com", "name": "Ana Lima", "address_line1": "Rua Augusta 1", "city": "Lisboa"} {
		if got := doc.Find(`form.checkout input[name=`+name+`]`).AttrOr("value", ""); got != want {
			t.Errorf("checkout %s prefilled %q, want %q", name, got, want)
		}
	}
	placed := shop.Post("/checkout", checkoutForm(t, page, map[string]string{"payment_method": "bank_transfer"}))
	o := placedOrder(t, shop, placed)

	list := shop.Get("/account/orders")
	if !strings.Contains(list.Body, o.Number) {
		t.Fatalf("the order is not in the account's list:\n%s", list.Body)
	}
	mine := shop.Get("/account/orders/" + o.Number)
	if mine.Status != http.StatusOK || mine.Doc(t).Find("[data-order-number]").AttrOr("data-order-number", "") != o.Number {
		t.Errorf("own order page = %d", mine.Status)
	}
	addrs, _ := shop.Store.CustomerAddresses(context.Background(), mustCustomerID(t, shop, "ana@example.com"))

	bob := shop.OtherBrowser()
	signIn(t, bob, "bob@example.com")
	if got := bob.Get("/account/orders/" + o.Number); got.Status != http.StatusNotFound {
		t.Errorf("bob opens ana's order: %d", got.Status)
	}
	if strings.Contains(bob.Get("/account/orders").Body, o.Number) {
		t.Error("ana's order is in bob's list")
	}
	id := itoa(addrs[0].ID)
	if got := bob.Get("/account/addresses/" + id); got.Status != http.StatusNotFound {
		t.Errorf("bob opens ana's address: %d", got.Status)
	}
	if got := bob.Post("/account/addresses/"+id+"/delete", nil); got.Status != http.StatusNotFound {
		t.Errorf("bob deletes ana's address: %d", got.Status)
	}
}

func mustCustomerID(t *testing.T, shop *webtest.Shop, email string) int64 {
	t.Helper()
	c, err := shop.Store.AuthenticateCustomer(context.Background(), email, accountPassword)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func TestAccountDataDownloadAndDelete(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	c := newCustomer(t, shop, "ana@example.com")
	// A guest order with the same email joins once the email is confirmed.
	o := shop.PlaceOrder("en", store.PayBankTransfer, flat)
	signIn(t, shop, "ana@example.com")
	confirm := "/account/confirm/" + shop.Email("ana@example.com", store.EmailAccountConfirm).Link
	if page := shop.Get(confirm); page.Status != http.StatusOK {
		t.Fatalf("confirm page = %d", page.Status)
	}
	if res := shop.Post(confirm, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("confirm = %d", res.Status)
	}

	res := shop.Get("/account/data")
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("data download = %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	var data struct {
		Account struct{ Email string }
		Orders  []struct{ Number string }
	}
	if err := json.Unmarshal([]byte(res.Body), &data); err != nil {
		t.Fatal(err)
	}
	if data.Account.Email != "ana@example.com" || len(data.Orders) != 1 || data.Orders[0].Number != o.Number {
		t.Errorf("downloaded %+v", data)
	}

	if res := shop.Post("/account/delete", url.Values{"current_password": {"wrong"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("delete with a wrong password = %d", res.Status)
	}
	// An order under way holds the deletion back (TestAccountDeleteWaitsForOrdersUnderWay).
	if err := shop.Store.CancelOrder(context.Background(), store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if res := shop.Post("/account/delete", url.Values{"current_password": {accountPassword}}); res.Status != http.StatusSeeOther {
		t.Fatalf("delete = %d", res.Status)
	}
	if got := shop.Get("/account"); got.Status != http.StatusSeeOther {
		t.Errorf("/account after deletion = %d", got.Status)
	}
	kept := shop.Order(o.Number)
	if kept.Email != "" || kept.Name != "" || kept.AddressLine1 != "" || kept.Total != o.Total {
		t.Errorf("order after deletion: %q %q %q %d", kept.Email, kept.Name, kept.AddressLine1, kept.Total)
	}
	if _, err := shop.Store.CustomerSession(context.Background(), c.ID, c.SessionEpoch); err == nil {
		t.Error("the deleted account still has a session")
	}
	// The wiped order is no one's in the admin's customer list: it showed
	// as a customer with neither a name nor an email.
	shop.LoginAs(store.RoleSupport)
	if rows := shop.Get("/admin/customers").Doc(t).Find("tr[data-customer]"); rows.Length() != 0 {
		t.Errorf("customers after the only one was deleted: %d rows, %q", rows.Length(), rows.Text())
	}
}

func TestAccountPasswordAndEmailChange(t *testing.T) {
	shop := webtest.New(t)
	newCustomer(t, shop, "ana@example.com")
	newCustomer(t, shop, "bob@example.com")
	phone := shop.OtherBrowser()
	signIn(t, shop, "ana@example.com")
	signIn(t, phone, "ana@example.com")
	if res := shop.Post("/account/password", url.Values{"current_password": {"wrong"}, "password": {"a brand new secret"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("wrong current password = %d", res.Status)
	}
	if res := shop.Post("/account/password", url.Values{"current_password": {accountPassword}, "password": {"1234567890"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("a common password = %d", res.Status)
	}
	if res := shop.Post("/account/password", url.Values{"current_password": {accountPassword}, "password": {"a brand new secret"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("change password = %d", res.Status)
	}
	if got := shop.Get("/account"); got.Status != http.StatusOK {
		t.Errorf("this browser was signed out by its own change: %d", got.Status)
	}
	if got := phone.Get("/account"); got.Status != http.StatusSeeOther {
		t.Errorf("the other browser is still signed in: %d", got.Status)
	}

	// A taken address gets no link, and the same answer.
	taken := shop.Post("/account/email", url.Values{"email": {"bob@example.com"}, "current_password": {"a brand new secret"}})
	shop.Clock.Advance(6 * time.Minute) // a request counts against the limits, taken or not
	res := shop.Post("/account/email", url.Values{"email": {"ana.new@example.com"}, "current_password": {"a brand new secret"}})
	if res.Status != http.StatusSeeOther || taken.Status != res.Status || taken.Header.Get("Location") != res.Header.Get("Location") {
		t.Fatalf("change email = %d, taken email = %d", res.Status, taken.Status)
	}
	if !strings.Contains(shop.Get("/account").Body, "ana@example.com") {
		t.Error("the email changed before it was confirmed")
	}
	link := "/account/confirm/" + shop.Email("ana.new@example.com", store.EmailAccountEmailChange).Link
	if res := shop.Post(link, nil); res.Status != http.StatusSeeOther {
		t.Fatalf("confirm = %d", res.Status)
	}
	if !strings.Contains(shop.Get("/account").Body, "ana.new@example.com") {
		t.Error("the confirmed email is not the account's")
	}
	if res := shop.Post(link, nil); res.Status != http.StatusNotFound {
		t.Errorf("second use of the link = %d", res.Status)
	}
}

// TestShopperPagesShowShopTimeZone: with the shop in another zone than
// the server, every shopper page that shows a time shows it in the shop's
// zone, in either language: the account's order list and order page (the
// list showed "06:45 UTC" beside the order page's "15:45 JST"), and a
// flash sale's end on the product page and in the cart.
func TestShopperPagesShowShopTimeZone(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	flat, _ := shop.AddShipping()
	zone := "Asia/Tokyo"
	if _, off := time.Now().Zone(); off == 9*60*60 {
		zone = "America/New_York"
	}
	if err := shop.Store.SetSetting(context.Background(), store.SettingTimeZone, zone); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(zone)
	ana := newCustomer(t, shop, "ana@example.com")
	v := shop.Variants()
	ctx := context.Background()
	cart, err := shop.Store.AddToCart(ctx, "", v.Tea, 1)
	if err != nil {
		t.Fatal(err)
	}
	o, _, err := shop.Store.PlaceOrder(ctx, store.CheckoutInput{CartToken: cart.Token, CheckoutToken: store.NewCheckoutToken(),
		CustomerID: ana.ID, Address: store.Address{Email: ana.Email, Name: "Ana Lima", AddressLine1: "Rua Augusta 1",
			City: "Lisboa", PostalCode: "1100-048", Country: "PT"}, ShippingMethodID: flat, PaymentMethod: store.PayBankTransfer, Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	ends := shop.Clock.Now().Add(3 * time.Hour).Truncate(time.Minute)
	shop.AddPromotion(webtest.Promotion{Name: "Flash", Type: pricing.TypeFlash, Value: 5000,
		StartsAt: shop.Clock.Now().Add(-time.Hour), EndsAt: ends, Rules: pricing.Rules{Variants: []int64{v.ShirtL}}})
	signIn(t, shop, ana.Email)
	shop.AddToCart("linen-shirt", v.ShirtL, "1")

	for _, lang := range []string{"en", "zh"} {
		prefix := map[string]string{"en": "", "zh": "/zh-cn"}[lang]
		placed := i18n.FormatTime(lang, o.CreatedAt.In(loc), i18n.TL(lang, "order.time_format"))
		saleEnds := i18n.TL(lang, "promo.sale_ends", i18n.FormatTime(lang, ends.In(loc), i18n.TL(lang, "order.time_format")))
		for path, want := range map[string]string{
			"/account/orders":                                 placed,
			"/account/orders/" + o.Number:                     placed,
			"/products/linen-shirt?variant=" + itoa(v.ShirtL): saleEnds,
			"/cart": saleEnds,
		} {
			if res := shop.Get(prefix + path); !strings.Contains(res.Body, want) {
				t.Errorf("%s%s = %d, lacks %q (the shop's zone)", prefix, path, res.Status, want)
			}
		}
	}
}
