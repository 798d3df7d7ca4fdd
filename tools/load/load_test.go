package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"storefront/store"
	"storefront/store/pricing"
	"storefront/web/webtest"
)

func TestReferenceRendersSortedEscapedFortunes(t *testing.T) {
	ref, err := openReference(context.Background(), filepath.Join(t.TempDir(), "fortunes.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	srv := httptest.NewServer(ref)
	defer srv.Close()
	page, err := newBrowser(http.DefaultTransport, srv.URL).get("/fortunes")
	if err != nil {
		t.Fatal(err)
	}
	messages := between(page, "</td><td>", "</td></tr>")
	if got, want := len(messages), 13; got != want {
		t.Fatalf("%d fortunes, want %d:\n%s", got, want, page)
	}
	if !slices.IsSorted(messages) {
		t.Errorf("fortunes not sorted by message: %q", messages)
	}
	for _, want := range []string{
		`&lt;script&gt;alert(&#34;This should not be displayed in a browser alert box.&#34;);&lt;/script&gt;`,
		"フレームワークのベンチマーク",
		"Additional fortune added at request time.",
	} {
		if !slices.Contains(messages, want) {
			t.Errorf("no fortune %q in %q", want, messages)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Error("the <script> fortune is not escaped")
	}
}

func TestPurchasePlacesOrders(t *testing.T) {
	shop := webtest.New(t)
	shop.Store.Now = time.Now
	shop.SeedFixture()
	shop.AddShipping()
	f := shelfFlags{target: shop.Server.URL, c: 3}
	res, products, err := purchase(context.Background(), f, 0, 6, newSteps())
	if err != nil {
		t.Fatal(err)
	}
	if products != 2 || res.failed != 0 || len(res.lat) != 6 {
		t.Fatalf("bought %d times from %d products, %d failed (%v); want 6 from 2, none failed", len(res.lat), products, res.failed, res.errs)
	}
	orders, err := shop.Store.ListOrders(context.Background(), store.OrderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := orders.Total, 6; got != want {
		t.Errorf("%d orders in the store, want %d", got, want)
	}
	buyers := map[string]bool{}
	for _, o := range orders.Rows {
		buyers[o.Email] = true
		if o.PaymentMethod != store.PayBankTransfer {
			t.Errorf("order %s: paid by %q, want bank transfer", o.Number, o.PaymentMethod)
		}
	}
	if len(buyers) != 6 {
		t.Errorf("orders from %d buyers, want each from its own: %v", len(buyers), buyers)
	}
}

// TestCheckoutCartsHoldTwoProducts: checkout's shoppers each fill a cart
// of two products, also when drawing by popularity, where the same best
// seller comes up twice in a row most of the time.
func TestCheckoutCartsHoldTwoProducts(t *testing.T) {
	shop := webtest.New(t)
	shop.Store.Now = time.Now
	shop.AddShipping()
	ctx := context.Background()
	for _, handle := range []string{"clay-teapot", "tea-cups"} {
		if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: handle, Title: handle, Status: store.StatusActive,
			Variants: []store.VariantInput{{SKU: handle, Price: 6400, Stock: 10}}}); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	if err := run(ctx, []string{"checkout", "--target", shop.Server.URL, "-c", "2", "-n", "3", "-popular", "3"}, &out); err != nil {
		t.Fatal(err)
	}
	orders, err := shop.Store.ListOrders(ctx, store.OrderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if orders.Total != 3 {
		t.Fatalf("%d orders placed, want 3:\n%s", orders.Total, out.String())
	}
	for _, row := range orders.Rows {
		o, err := shop.Store.OrderByNumber(ctx, row.Number)
		if err != nil {
			t.Fatal(err)
		}
		var products []string
		for _, l := range o.Lines {
			products = append(products, l.ProductHandle)
		}
		if len(products) != 2 || products[0] == products[1] {
			t.Errorf("order %s holds %v, want two products", o.Number, products)
		}
	}
}

// TestCheckoutWithEverythingSoldOutIsAnError: when no shopper can fill a
// cart, checkout says so instead of measuring nothing (or failing on an
// empty list of shoppers).
func TestCheckoutWithEverythingSoldOutIsAnError(t *testing.T) {
	shop := webtest.New(t)
	shop.AddShipping()
	ctx := context.Background()
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "last-teapot", Title: "Last Teapot", Status: store.StatusActive,
		Variants: []store.VariantInput{{SKU: "POT-0", Price: 6400, Stock: 0}}}); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	err := run(ctx, []string{"checkout", "--target", shop.Server.URL, "-c", "2", "-n", "3"}, &out)
	if err == nil || !strings.Contains(err.Error(), "no shopper could fill a cart") {
		t.Errorf("checkout with everything sold out: %v, want that no shopper could fill a cart\n%s", err, out.String())
	}
}

// TestPopularShelfFavoursTheFirstProducts: with -popular the shelf draws
// the sitemap's first products most often, falling off with rank, and
// never a product past the end; in turn it takes each product once a round.
func TestPopularShelfFavoursTheFirstProducts(t *testing.T) {
	handles := make([]string, 100)
	for i := range handles {
		handles[i] = strconv.Itoa(i)
	}
	sh, err := newShelf(handles, 1.1)
	if err != nil {
		t.Fatal(err)
	}
	drawn := make([]int, len(handles))
	for range 20000 {
		drawn[sh.pick()]++
	}
	// 1/k^1.1 over 100 ranks: about 23% of draws for the first, 11% for the
	// second, 1.9% for the tenth, 0.15% for the last.
	if drawn[0] < 4000 || 10*drawn[0] < 17*drawn[1] || drawn[1] < 4*drawn[9] || drawn[9] < 2*drawn[99] {
		t.Errorf("draws by rank 1, 2, 10, 100 = %d, %d, %d, %d of 20,000; want each well above the next",
			drawn[0], drawn[1], drawn[9], drawn[99])
	}

	turn, err := newShelf(handles, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for range len(handles) {
		seen[turn.pick()] = true
	}
	if len(seen) != len(handles) {
		t.Errorf("in turn, a round of %d picks took %d products, want each once", len(handles), len(seen))
	}

	for _, s := range []float64{1, 0.5, -2} {
		if _, err := newShelf(handles, s); err == nil {
			t.Errorf("popularity exponent %v accepted; rand.Zipf needs one above 1", s)
		}
	}
}

// TestShoppersHaveSeenTheirCarts: pages's shoppers fill their carts
// through the product page's form and see the cart page it leads to, as a
// browser does, so that the measured views find no one-time message
// waiting (which made each first view a render and a session write).
func TestShoppersHaveSeenTheirCarts(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	cookies, err := shoppers(http.DefaultTransport, shop.Server.URL, "linen-shirt", 3)
	if err != nil {
		t.Fatal(err)
	}
	for i, cookie := range cookies {
		page := shop.OtherBrowser().Get("/cart", "Cookie", cookie).Body
		shown, waiting := strings.Contains(page, "Linen Shirt"), strings.Contains(page, "to your cart.")
		if !shown || waiting {
			t.Errorf("shopper %d's cart: the shirt shown %v, the message about adding it still waiting %v", i, shown, waiting)
		}
	}
}

// TestWeighCountsTheGzippedPageAndItsHTML: pages's sizes are the bytes the
// shop sent, gzipped, and the HTML they unpack to.
func TestWeighCountsTheGzippedPageAndItsHTML(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	sent, size, err := weigh(http.DefaultClient, shop.Server.URL+"/products/linen-shirt", "")
	if err != nil {
		t.Fatal(err)
	}
	html := shop.Get("/products/linen-shirt").Body
	if size != int64(len(html)) || sent <= 0 || sent >= size {
		t.Errorf("weighed %d bytes sent for %d of HTML; the page is %d bytes of HTML", sent, size, len(html))
	}
}

// TestReadPageRefusesABrokenGzip: a page cut off mid-way (a shop that
// crashed while sending it) or not gzipped at all despite its header is an
// error, not a shorter page, and the readers kept for reuse still unpack
// the next page whole.
func TestReadPageRefusesABrokenGzip(t *testing.T) {
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	page := strings.Repeat("<p>Linen Shirt</p>", 1000)
	zw.Write([]byte(page))
	zw.Close()
	for name, body := range map[string][]byte{
		"cut off":     zipped.Bytes()[:zipped.Len()/2],
		"not gzipped": []byte(page),
	} {
		if got, err := readPage("gzip", bytes.NewReader(body)); err == nil {
			t.Errorf("%s: read %d bytes without an error", name, len(got))
		}
	}
	for range 2 {
		if got, err := readPage("gzip", bytes.NewReader(zipped.Bytes())); err != nil || got != page {
			t.Errorf("whole page after broken ones: %d bytes, %v", len(got), err)
		}
	}
}

// TestBuyerPlacesAgainWhenTheOrderChanged: two buyers see a free gift of
// which one is left; the second to place is told it went (409), looks at
// the checkout again and places the order without it, as a shopper would,
// and the load counts no failure.
func TestBuyerPlacesAgainWhenTheOrderChanged(t *testing.T) {
	shop := webtest.New(t)
	shop.Store.Now = time.Now
	shop.SeedFixture()
	shop.AddShipping()
	ctx := context.Background()
	if _, _, err := shop.Store.SaveProduct(ctx, store.ProductInput{Handle: "tea-cup", Title: "Tea Cup",
		Status: store.StatusActive, Variants: []store.VariantInput{{SKU: "CUP-1", Price: 1500, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	cup, _ := shop.Store.ProductByHandle(ctx, "tea-cup", false)
	shop.AddPromotion(webtest.Promotion{Name: "Free cup", Type: pricing.TypeGift,
		Rules: map[string]int64{"gift_variant": cup.Variants[0].ID}})
	var forms []url.Values
	var buyers []*browser
	for i := range 2 {
		b := newBrowser(http.DefaultTransport, shop.Server.URL)
		if err := b.addToCart("dragon-well-tea"); err != nil {
			t.Fatal(err)
		}
		form, err := b.openCheckout(fmt.Sprintf("buyer%d@example.com", i))
		if err != nil {
			t.Fatal(err)
		}
		buyers, forms = append(buyers, b), append(forms, form)
	}
	for i, b := range buyers {
		if err := b.placeOrder(forms[i]); err != nil {
			t.Fatalf("buyer %d: %v", i, err)
		}
	}
	orders, _ := shop.Store.ListOrders(ctx, store.OrderFilter{})
	if orders.Total != 2 {
		t.Errorf("%d orders, want both buyers'", orders.Total)
	}
}
