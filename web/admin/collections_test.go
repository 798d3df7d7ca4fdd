package admin_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// collectionForm is a complete collection form as the page would submit it.
func collectionForm(title, handle, version string) url.Values {
	return url.Values{"title": {title}, "handle": {handle}, "description": {"Warm things."},
		"seo_title": {""}, "seo_description": {""}, "position": {"2"}, "version": {version}}
}

func TestCollectionCreateEditAndStaleSave(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)

	list := shop.Get("/admin/collections")
	if list.Status != http.StatusOK {
		t.Fatalf("list = %d", list.Status)
	}
	if got := list.Doc(t).Find(`tr[data-collection=summer] [data-product-count]`).AttrOr("data-product-count", ""); got != "2" {
		t.Errorf("summer's product count = %q, want 2", got)
	}

	bad := shop.Post("/admin/collections", collectionForm("", "Not a handle", "0"))
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid create = %d", bad.Status)
	}
	doc := bad.Doc(t)
	if doc.Find("#title-error").Length() != 1 || doc.Find("#handle-error").Length() != 1 ||
		doc.Find(`textarea[name=description]`).Text() != "Warm things." {
		t.Errorf("invalid create does not show the messages and keep the values:\n%s", bad.Body)
	}

	res := shop.Post("/admin/collections", collectionForm("Winter Warmers", "", "0"))
	if res.Status != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "?saved=1") {
		t.Fatalf("create = %d → %q", res.Status, res.Header.Get("Location"))
	}
	path := strings.TrimSuffix(res.Header.Get("Location"), "?saved=1")
	doc = shop.Get(res.Header.Get("Location")).Doc(t)
	if got := doc.Find(`input[name=handle]`).AttrOr("value", ""); got != "winter-warmers" {
		t.Errorf("handle made from the title = %q", got)
	}
	if doc.Find(".notice-success").Length() != 1 {
		t.Error("no saved notice")
	}
	version := doc.Find(`input[name=version]`).AttrOr("value", "")

	// Two people open the form; the first saves, the second's save is stale.
	if res := shop.Post(path, collectionForm("Winter Warmers", "winter", version)); res.Status != http.StatusSeeOther {
		t.Fatalf("first save = %d\n%s", res.Status, res.Body)
	}
	stale := shop.Post(path, collectionForm("Cosy Winter", "winter-warmers", version))
	if stale.Status != http.StatusConflict {
		t.Fatalf("stale save = %d, want 409", stale.Status)
	}
	doc = stale.Doc(t)
	if doc.Find("[data-conflict]").Length() != 1 || doc.Find(`input[name=title]`).AttrOr("value", "") != "Cosy Winter" {
		t.Errorf("409 page does not explain or lost the user's title:\n%s", stale.Body)
	}
	if !strings.Contains(doc.Find(".conflict-hint").Text(), "winter") {
		t.Errorf("409 page does not show the stored handle: %q", doc.Find(".conflict-hint").Text())
	}
	fresh := doc.Find(`input[name=version]`).AttrOr("value", "")
	if fresh == version {
		t.Error("409 form still carries the stale version")
	}
	// Saving again from the 409 page is a deliberate overwrite.
	if res := shop.Post(path, collectionForm("Cosy Winter", "winter-warmers", fresh)); res.Status != http.StatusSeeOther {
		t.Fatalf("save after conflict = %d", res.Status)
	}
	c, err := shop.Store.CollectionByHandle(context.Background(), "winter-warmers")
	if err != nil || c.Title != "Cosy Winter" {
		t.Errorf("stored = %+v, %v", c, err)
	}
	log, _ := shop.Store.AuditLog(context.Background(), store.AuditFilter{Entity: store.EntityCollection})
	if log.Total != 3 {
		t.Errorf("audit has %d collection entries, want 3 (create, two saves)", log.Total)
	}
	if res := shop.Post(path, url.Values{"title": {"X"}, "version": {fresh}, "position": {"soon"}}); res.Status != http.StatusUnprocessableEntity {
		t.Errorf("bad position = %d, want 422", res.Status)
	}
}

// memberIDs reads a collection page's products in order.
func memberIDs(t *testing.T, res webtest.Response) []string {
	t.Helper()
	return res.Doc(t).Find("li[data-product-id]").Map(func(_ int, s *goquery.Selection) string {
		return s.AttrOr("data-product-id", "")
	})
}

// shopOrder is the storefront's collection page as an anonymous shopper
// sees it (through the page cache): the product handles in order.
func shopOrder(t *testing.T, shop *webtest.Shop, slug string) []string {
	t.Helper()
	res, err := http.Get(shop.Server.URL + "/collections/" + slug)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return doc.Find("a.product-card-link").Map(func(_ int, s *goquery.Selection) string {
		return strings.TrimPrefix(s.AttrOr("href", ""), "/products/")
	})
}

func TestCollectionOrdering(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	before := shopOrder(t, shop, "summer") // fills the page cache
	if !slices.Equal(before, []string{"linen-shirt", "dragon-well-tea"}) {
		t.Fatalf("shop order = %v", before)
	}
	shop.LoginAs(store.RoleManager)
	const page = "/admin/collections/1"
	if got := memberIDs(t, shop.Get(page)); !slices.Equal(got, []string{"1", "2"}) {
		t.Fatalf("members = %v", got)
	}

	search := shop.Get(page + "?q=secret").Doc(t)
	if got := search.Find("[data-candidate-id]").AttrOr("data-candidate-id", ""); got != "3" {
		t.Fatalf("search for the draft found %q", got)
	}
	steps := []struct {
		path string
		form url.Values
		want []string
	}{
		{page + "/products", url.Values{"product_id": {"3"}, "q": {"secret"}}, []string{"1", "2", "3"}},
		{page + "/products/3/move", url.Values{"move": {"top"}}, []string{"3", "1", "2"}},
		{page + "/products/1/move", url.Values{"move": {"down"}}, []string{"3", "2", "1"}},
		{page + "/products/1/move", url.Values{"move": {"up"}}, []string{"3", "1", "2"}},
		{page + "/products/3/remove", nil, []string{"1", "2"}},
		{page + "/products/2/move", url.Values{"move": {"up"}}, []string{"2", "1"}},
	}
	for _, st := range steps {
		res := shop.Post(st.path, st.form)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("POST %s %v = %d\n%s", st.path, st.form, res.Status, res.Body)
		}
		loc := res.Header.Get("Location")
		if !strings.HasPrefix(loc, page) || !strings.HasSuffix(loc, "#collection-products") {
			t.Errorf("POST %s → %q", st.path, loc)
		}
		if got := memberIDs(t, shop.Get(strings.TrimSuffix(loc, "#collection-products"))); !slices.Equal(got, st.want) {
			t.Fatalf("after POST %s %v: %v, want %v", st.path, st.form, got, st.want)
		}
	}
	if res := shop.Post(page+"/products", url.Values{"product_id": {"3"}, "q": {"secret"}}); res.Header.Get("Location") != page+"?q=secret#collection-products" {
		t.Errorf("add keeps the search: %q", res.Header.Get("Location"))
	}
	// The cached storefront page follows the new order at once.
	if got := shopOrder(t, shop, "summer"); !slices.Equal(got, []string{"dragon-well-tea", "linen-shirt"}) {
		t.Errorf("shop order after moves = %v", got)
	}
	for _, bad := range []struct {
		path string
		form url.Values
		want int
	}{
		{page + "/products/1/move", url.Values{"move": {"sideways"}}, http.StatusUnprocessableEntity},
		{page + "/products/999/remove", nil, http.StatusNotFound},
		{page + "/products", url.Values{"product_id": {"abc"}}, http.StatusUnprocessableEntity},
		{page + "/products", url.Values{"product_id": {"999"}}, http.StatusUnprocessableEntity},
		{"/admin/collections/999/products/1/move", url.Values{"move": {"up"}}, http.StatusNotFound},
		{"/admin/collections/abc", collectionForm("X", "", "1"), http.StatusNotFound},
	} {
		if res := shop.Post(bad.path, bad.form); res.Status != bad.want {
			t.Errorf("POST %s %v = %d, want %d", bad.path, bad.form, res.Status, bad.want)
		}
	}
	if res := shop.Get(page + "?page=0"); res.Status != http.StatusBadRequest {
		t.Errorf("?page=0 = %d", res.Status)
	}
	// The products search is held to the lists' 200 bytes: SQLite refuses
	// a LIKE pattern past 50,000, which was a 500.
	if res := shop.Get(page + "?q=" + strings.Repeat("_", 200)); res.Status != http.StatusOK {
		t.Errorf("a 200-byte search = %d", res.Status)
	}
	for _, n := range []int{201, 40_000} {
		if res := shop.Get(page + "?q=" + strings.Repeat("_", n)); res.Status != http.StatusBadRequest {
			t.Errorf("a %d-byte search = %d, want 400", n, res.Status)
		}
	}
	long := shop.Post(page+"/products", url.Values{"product_id": {"3"}, "q": {strings.Repeat("x", 201)}})
	if loc := long.Header.Get("Location"); loc != page+"#collection-products" {
		t.Errorf("adding with a search too long to keep leads to %.80q", loc)
	}
}

func TestCollectionPageIsReadOnlyForSupport(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleSupport)
	doc := shop.Get("/admin/collections/1").Doc(t)
	if doc.Find(`fieldset[disabled]`).Length() != 1 || doc.Find(`form[action$="/move"]`).Length() != 0 ||
		doc.Find(`button[type=submit]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
			return s.Closest("form.admin-logout").Length() == 0
		}).Length() != 0 {
		t.Error("support sees editing controls on a collection")
	}
	if shop.Get("/admin/collections").Doc(t).Find(`a[href="/admin/collections/new"]`).Length() != 0 {
		t.Error("support is offered a new collection")
	}
}

// TestBrowserCollectionReorder moves a product down in a real browser: htmx
// swaps the list in place (the page is not reloaded) and the new order is
// stored.
func TestBrowserCollectionReorder(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	st := shop.AddStaff(store.RoleManager)
	order := `Array.from(document.querySelectorAll('li[data-product-id]')).map(e => e.dataset.productId).join(',')`
	err := chromedp.Do(ctx,
		chromedp.Navigate(shop.Server.URL+"/admin/login?next=/admin/collections/1"),
		chromedp.SendKeys(`input[name=email]`, st.Email),
		chromedp.SendKeys(`input[name=password]`, webtest.Password),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`#collection-products`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// A reload would lose this marker; an htmx swap keeps it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.sfMarker = 42`)); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`li[data-product-id="1"] form[action$="/1/move"]:nth-of-type(2) button`),
		chromedp.Poll[chromedp.Void](order+` === '2,1'`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("moving down did not update the list: %v", err)
	}
	if marker, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.sfMarker || 0`)); err != nil || marker != 42 {
		t.Errorf("the page reloaded (marker %d, %v); htmx should swap the list in place", marker, err)
	}
	members, err := shop.Store.CollectionProducts(context.Background(), 1, 1, 0)
	if err != nil || len(members.Products) != 2 || members.Products[0].ProductID != 2 {
		t.Errorf("stored order = %+v, %v", members.Products, err)
	}
}

// TestCollectionDelete deletes a collection the way a merchant would:
// held back while a promotion or the home page's button still leads to
// it, refused without the tick, then gone from every shop page while its
// products stay.
func TestCollectionDelete(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ctx := context.Background()
	// Filled in the page cache before the delete.
	for _, path := range []string{"/", "/collections", "/collections/summer", "/sitemap.xml"} {
		if res := visitor(t, shop, path); res.Status != http.StatusOK || !strings.Contains(res.Body, "/collections/summer") {
			t.Fatalf("%s before = %d, without the collection", path, res.Status)
		}
	}
	shop.LoginAs(store.RoleManager)
	const page, action = "/admin/collections/1", "/admin/collections/1/delete"

	promo := shop.AddPromotion(webtest.Promotion{Name: "All but summer", Type: "percent", Value: 1000,
		Rules: map[string]any{"exclude_collections": []int64{1}}})
	if err := shop.Store.SaveHero(ctx, store.Actor{}, 1, store.HeroInput{CTALabel: "Shop summer", CTAURL: "/collections/summer"}); err != nil {
		t.Fatal(err)
	}
	doc := shop.Get(page).Doc(t)
	if doc.Find(`[data-collection-in-use] [data-promotion-id="`+itoa(promo)+`"] a`).AttrOr("href", "") != "/admin/promotions/"+itoa(promo) ||
		doc.Find(`[data-collection-in-use] [data-hero-link]`).Length() != 1 || doc.Find(`form[action^="`+action+`"]`).Length() != 0 {
		t.Errorf("a collection in use offers the delete, or does not say what uses it:\n%s", doc.Find("#collection-delete").Text())
	}
	// Sent anyway (from a page opened before the promotion): refused, saying why.
	res := shop.Post(action, url.Values{"confirm": {"1"}})
	if res.Status != http.StatusConflict || res.Doc(t).Find(`[data-collection-in-use] [data-promotion-id]`).Length() != 1 {
		t.Fatalf("delete while in use = %d\n%s", res.Status, res.Body)
	}
	if err := shop.Store.ArchivePromotion(ctx, store.Actor{}, promo); err != nil {
		t.Fatal(err)
	}
	if err := shop.Store.SaveHero(ctx, store.Actor{}, 2, store.HeroInput{}); err != nil {
		t.Fatal(err)
	}

	form := shop.Get(page).Doc(t).Find(`#collection-delete form`)
	if form.AttrOr("action", "") != action+"#collection-delete" || form.Find(`input[type=checkbox][name=confirm]`).Length() != 1 {
		t.Fatalf("no delete form with a confirmation box: %q", form.AttrOr("action", ""))
	}
	res = shop.Post(action, nil)
	if res.Status != http.StatusUnprocessableEntity || res.Doc(t).Find("#confirm-error").Length() != 1 {
		t.Fatalf("delete without the tick = %d\n%s", res.Status, res.Body)
	}
	support := shop.OtherBrowser()
	support.LoginAs(store.RoleSupport)
	if res := support.Post(action, url.Values{"confirm": {"1"}}); res.Status != http.StatusForbidden {
		t.Errorf("support's delete = %d, want 403", res.Status)
	}
	if _, err := shop.Store.CollectionByID(ctx, 1); err != nil {
		t.Fatalf("the collection went before it was confirmed: %v", err)
	}

	res = shop.Post(action, url.Values{"confirm": {"1"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/collections" {
		t.Fatalf("delete = %d → %q\n%s", res.Status, res.Header.Get("Location"), res.Body)
	}
	list := shop.Get("/admin/collections").Doc(t)
	if !strings.Contains(list.Find("[data-deleted]").Text(), "Summer") || list.Find(`tr[data-collection=summer]`).Length() != 0 {
		t.Errorf("the list does not confirm the delete or still shows it")
	}
	if res := shop.Get(page); res.Status != http.StatusNotFound {
		t.Errorf("the deleted collection's admin page = %d", res.Status)
	}
	// A second click finds it gone, which is what was asked for.
	if res := shop.Post(action, url.Values{"confirm": {"1"}}); res.Status != http.StatusSeeOther {
		t.Errorf("deleting again = %d", res.Status)
	}

	if res := visitor(t, shop, "/collections/summer"); res.Status != http.StatusNotFound {
		t.Errorf("the shop's page of the deleted collection = %d, want 404", res.Status)
	}
	for _, path := range []string{"/", "/collections", "/sitemap.xml", "/products/linen-shirt"} {
		if res := visitor(t, shop, path); res.Status != http.StatusOK || strings.Contains(res.Body, "/collections/summer") {
			t.Errorf("%s after = %d, still leading to the deleted collection", path, res.Status)
		}
	}
	log, _ := shop.Store.AuditLog(ctx, store.AuditFilter{Entity: store.EntityCollection, Action: store.ActionCollectionDelete})
	if log.Total != 1 || log.Records[0].EntityID != "1" || log.Records[0].StaffEmail == "" {
		t.Errorf("audit = %+v", log.Records)
	}
}
