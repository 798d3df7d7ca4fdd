package shop_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// removeShirtM has the owner remove the linen shirt in M, as the
// product's form does: its cart lines go, each open cart keeping a note.
func removeShirtM(t *testing.T, shop *webtest.Shop) {
	t.Helper()
	_, _, err := shop.Store.SaveProduct(context.Background(), store.ProductInput{
		Handle: "linen-shirt", Title: "Linen Shirt", Status: store.StatusActive, OptionNames: []string{"Size"},
		Variants: []store.VariantInput{
			{SKU: "LS-S", Options: [3]string{"S"}, Price: 4900, CompareAtPrice: 5900, Stock: 0},
			{SKU: "LS-L", Options: [3]string{"L"}, Price: 5200, Stock: 10},
		}})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCheckoutRefusesAnOrderMissingARemovedItem: the owner removes the
// shirt in M while a guest has it at checkout beside a tea. Placing the
// order from the page that showed both is refused, in the guest's
// language, naming the shirt; the page then shows the tea alone, and
// placing it from there orders the tea. A guest who opens the checkout
// after the removal is told there, once, and can order at once.
func TestCheckoutRefusesAnOrderMissingARemovedItem(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	v := shop.Variants()
	type guest struct {
		b            *webtest.Shop
		prefix, lang string
		page         webtest.Response
	}
	var guests []*guest
	for _, g := range []*guest{{prefix: "", lang: "en"}, {prefix: "/zh-cn", lang: "zh"}, {prefix: "", lang: "en"}} {
		g.b = shop.OtherBrowser()
		g.b.AddToCart("linen-shirt", v.ShirtM, "1")
		g.b.AddToCart("dragon-well-tea", v.Tea, "1")
		guests = append(guests, g)
	}
	stale, chinese, late := guests[0], guests[1], guests[2]
	for _, g := range []*guest{stale, chinese} {
		g.page = g.b.Get(g.prefix + "/checkout")
		if n := g.page.Doc(t).Find(".checkout-line").Length(); n != 2 {
			t.Fatalf("%s checkout shows %d lines, want the shirt and the tea", g.lang, n)
		}
	}
	removeShirtM(t, shop)

	for _, g := range []*guest{stale, chinese} {
		res := g.b.Post(g.prefix+"/checkout", checkoutForm(t, g.page, nil))
		if res.Status != http.StatusConflict {
			t.Fatalf("%s: placing the page that showed the shirt = %d, want 409", g.lang, res.Status)
		}
		name := "Linen Shirt (M)"
		if g.lang == "zh" {
			name = i18n.TL("zh", "cart.item_name", "Linen Shirt", "M")
		}
		want := i18n.TL(g.lang, "checkout.items_removed", i18n.TL(g.lang, "cart.gone_one", name))
		doc := res.Doc(t)
		if got := strings.TrimSpace(doc.Find(".notice-error").Text()); got != want {
			t.Errorf("%s: notice %q, want %q", g.lang, got, want)
		}
		if n := doc.Find(".checkout-line").Length(); n != 1 {
			t.Errorf("%s: the refused checkout shows %d lines, want the tea alone", g.lang, n)
		}
		if got := doc.Find(`input[name=email]`).AttrOr("value", ""); got != shopper["email"] {
			t.Errorf("%s: email kept as %q", g.lang, got)
		}
		if n := orderCount(t, shop.Store); n != 0 {
			t.Fatalf("%s: orders = %d, want none without the shirt the shopper saw", g.lang, n)
		}
		g.page = res
	}

	// Told, the guest places the page the refusal showed: the tea alone.
	o := placedOrder(t, stale.b, stale.b.Post("/checkout", checkoutForm(t, stale.page, nil)))
	if len(o.Lines) != 1 || o.Lines[0].SKU != "TEA-1" || o.Total != 2800+1000 {
		t.Errorf("order after the notice = %d lines, total %d; want the tea and shipping", len(o.Lines), o.Total)
	}

	// Opened after the removal, the checkout says so once, and the order
	// from it goes through.
	page := late.b.Get("/checkout")
	want := i18n.TL("en", "cart.gone_one", "Linen Shirt (M)")
	if got := strings.TrimSpace(page.Doc(t).Find(".notice").Text()); got != want {
		t.Errorf("checkout opened after the removal says %q, want %q", got, want)
	}
	if again := late.b.Get("/checkout"); strings.Contains(again.Body, want) {
		t.Error("the checkout names the removed shirt again on the next visit")
	}
	placedOrder(t, late.b, late.b.Post("/checkout", checkoutForm(t, page, nil)))
}

// TestCheckoutOfAnItemRemovedAlone: the removed shirt was all the cart
// held. Placing the order sends the guest to the cart, which names it,
// rather than saying only that there is nothing to check out.
func TestCheckoutOfAnItemRemovedAlone(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.AddShipping()
	shop.AddToCart("linen-shirt", shop.Variants().ShirtM, "1")
	shop.Get("/cart") // where adding it leads
	page := shop.Get("/checkout")
	removeShirtM(t, shop)

	res := shop.Post("/checkout", checkoutForm(t, page, nil))
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/cart" {
		t.Fatalf("placing the removed shirt alone = %d %q, want 303 /cart", res.Status, res.Header.Get("Location"))
	}
	want := i18n.TL("en", "cart.gone_one", "Linen Shirt (M)")
	if got := strings.TrimSpace(shop.Get("/cart").Doc(t).Find(".notice").Text()); got != want {
		t.Errorf("the cart says %q, want %q", got, want)
	}
	if n := orderCount(t, shop.Store); n != 0 {
		t.Errorf("orders = %d, want none", n)
	}
}

// TestCheckoutRaceWithARemoval: shoppers with the scarf in red and in
// blue at checkout place their orders while the owner removes the red.
// Each order holds both scarves, or is refused naming the red one: none
// is placed for the blue alone. A shopper who places after the removal is
// refused too.
func TestCheckoutRaceWithARemoval(t *testing.T) {
	shop := webtest.New(t)
	shop.AddShipping()
	ctx := context.Background()
	scarf := func(variants ...store.VariantInput) {
		t.Helper()
		if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "scarf", Title: "Scarf",
			Status: store.StatusActive, OptionNames: []string{"Colour"}, Variants: variants}); err != nil {
			t.Fatal(err)
		}
	}
	red := store.VariantInput{SKU: "SC-RED", Options: [3]string{"Red"}, Price: 2000, Stock: 1000}
	blue := store.VariantInput{SKU: "SC-BLUE", Options: [3]string{"Blue"}, Price: 2500, Stock: 1000}
	scarf(red, blue)
	p, err := shop.Store.ProductByHandle(ctx, "scarf", false)
	if err != nil {
		t.Fatal(err)
	}

	const n = 16
	forms := make([]url.Values, n+1)
	browsers := make([]*webtest.Shop, n+1)
	for i := range browsers {
		browsers[i] = shop.OtherBrowser()
		for _, v := range p.Variants {
			browsers[i].AddToCart("scarf", v.ID, "1")
		}
		forms[i] = checkoutForm(t, browsers[i].Get("/checkout"), map[string]string{"payment_method": "cod"})
	}
	type answer struct {
		status   int
		location string
		body     string
	}
	answers := make([]answer, n+1)
	place := func(i int) {
		req, _ := http.NewRequest(http.MethodPost, shop.Server.URL+"/checkout", strings.NewReader(forms[i].Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := browsers[i].Client.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		answers[i] = answer{res.StatusCode, res.Header.Get("Location"), string(body)}
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { <-start; place(i) })
	}
	wg.Go(func() {
		<-start
		// Once some are placed, so that others are still on their way.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			var orders int
			if err := shop.Store.DB().QueryRow(`SELECT count(*) FROM orders`).Scan(&orders); err != nil || orders >= n/4 {
				break
			}
		}
		if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "scarf", Title: "Scarf",
			Status: store.StatusActive, OptionNames: []string{"Colour"}, Variants: []store.VariantInput{blue}}); err != nil {
			t.Error(err)
		}
	})
	close(start)
	wg.Wait()
	place(n) // after the removal

	refusal := i18n.TL("en", "checkout.items_removed", i18n.TL("en", "cart.gone_one", "Scarf (Red)"))
	placed := 0
	for i, a := range answers {
		switch {
		case a.status == http.StatusSeeOther && strings.HasPrefix(a.location, "/orders/"):
			u, _ := url.Parse(a.location)
			o, err := shop.Store.OrderByNumber(ctx, strings.TrimPrefix(u.Path, "/orders/"))
			if err != nil {
				t.Fatal(err)
			}
			var skus []string
			for _, l := range o.Lines {
				skus = append(skus, l.SKU)
			}
			if len(skus) != 2 {
				t.Errorf("shopper %d: order %s holds %v, want both scarves they saw", i, o.Number, skus)
			}
			placed++
		case a.status == http.StatusConflict:
			if !strings.Contains(a.body, refusal) {
				t.Errorf("shopper %d: refused without naming the red scarf: %q", i, noticeOf(a.body))
			}
		default:
			t.Errorf("shopper %d: checkout = %d %q", i, a.status, a.location)
		}
	}
	if answers[n].status != http.StatusConflict {
		t.Errorf("placing after the removal = %d, want 409", answers[n].status)
	}
	if got := orderCount(t, shop.Store); got != placed {
		t.Errorf("orders = %d, want the %d answered with one", got, placed)
	}
	t.Logf("%d of %d orders placed (the last one after the removal)", placed, n+1)
}

// noticeOf is the text of the notices in an HTML page, for a test's
// message.
func noticeOf(body string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return err.Error()
	}
	return strings.TrimSpace(doc.Find(".notice").Text())
}
