package shop_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBrowserReturn, on a phone: a guest opens their shipped order, asks
// to return a shirt, previews the refund, requests it; the owner approves,
// marks it received and records the refund; the guest's return page says
// refunded with the amount.
func TestBrowserReturn(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	errs := consoleErrors(t, ctx)
	base := shop.Server.URL
	shirt := o.Lines[0]
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/orders/"+o.Number+"?key="+url.QueryEscape(o.AccessKey)),
		chromedp.WaitVisible(`[data-return-link]`),
		chromedp.Click(`[data-return-link]`),
		chromedp.WaitVisible(`form.return-form`),
		chromedp.SetValue(`select[name="`+store.ReturnQtyField(shirt.ID)+`"]`, "1"),
		chromedp.SetValue(`#return-reason`, "too_small"),
		chromedp.Click(`button[name=preview]`),
		chromedp.WaitVisible(`.return-quote`),
	)
	if err != nil {
		t.Fatalf("the return form and its preview: %v", err)
	}
	js := func(expr string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return s
	}
	// The heading keeps the order number whole however narrow it gets
	// (narrowed here to three quarters of the number, so that the test
	// needs no particular font): broken at its hyphen, a number reads as
	// two.
	lines := js(`(() => {
		const n = document.querySelector('h1 .order-number-inline');
		n.parentElement.style.width = (n.getBoundingClientRect().width * 0.75) + 'px';
		return n.textContent + ' on ' + n.getClientRects().length + ' line(s)';
	})()`)
	if want := o.Number + " on 1 line(s)"; lines != want {
		t.Errorf("the return form's heading: %s, want %s", lines, want)
	}
	want := itoa(shirt.Paid / 2)
	if got := js(`document.querySelector('.return-quote').dataset.refundTotal`); got != want {
		t.Fatalf("preview = %s, want %s", got, want)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(`.return-actions .button-primary`),
		chromedp.WaitVisible(`[data-return-status="requested"]`),
	); err != nil {
		t.Fatalf("requesting: %v", err)
	}
	page := js(`location.pathname + location.search`)

	owner := shop.AddStaff(store.RoleOwner)
	list, err := shop.Store.ListReturns(context.Background(), store.ReturnFilter{}, 1, 10)
	if err != nil || len(list.Rows) != 1 {
		t.Fatalf("returns: %v, %v", list.Rows, err)
	}
	admin := "/admin/returns/" + itoa(list.Rows[0].ID)
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/login?next="+admin),
		chromedp.WaitVisible(`#login-email`),
		chromedp.SendKeys(`#login-email`, owner.Email),
		chromedp.SendKeys(`#login-password`, webtest.Password),
		chromedp.Click(`form[action^="/admin/login"] button[type=submit]`),
		chromedp.WaitVisible(`[data-action=approve]`),
		chromedp.SendKeys(`#return-instructions`, "Post it to 1 Rua Augusta, Lisboa"),
		chromedp.Click(`[data-action=approve]`),
		chromedp.WaitVisible(`[data-action=receive]`),
		chromedp.Click(`[data-action=receive]`),
		chromedp.WaitVisible(`[data-action=refund]`),
		chromedp.SendKeys(`#return-refund_reference`, "TX 7"),
		chromedp.Click(`[data-action=refund]`),
		chromedp.WaitVisible(`[data-return-status=refunded]`),
		chromedp.Navigate(base+page),
		chromedp.WaitVisible(`[data-return-status]`),
	)
	if err != nil {
		t.Fatalf("the owner's steps: %v", err)
	}
	if got := js(`document.querySelector('[data-return-status]').dataset.returnStatus + ' ' + document.querySelector('[data-return-status]').dataset.refundTotal`); got != "refunded "+want {
		t.Errorf("the shopper's return page says %q, want refunded %s", got, want)
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}

// TestBrowserReturnPageShowsWhatWasSent, on a phone and on a laptop: the
// return's page shows the shopper's note and, under their heading, their
// photos as pictures without list bullets, inside the page. The photo
// hung off a stray bullet with no heading.
func TestBrowserReturnPageShowsWhatWasSent(t *testing.T) {
	ctx := webtest.Browser(t)
	shop := webtest.New(t)
	shop.SeedFixture()
	o := shipped(t, shop)
	page := sendReturnWithNote(t, shop, o, "The seam came apart.\nIt was like that in the box.")
	for _, c := range []struct {
		width int64
		lang  string
	}{{390, "/zh-cn"}, {1366, "/zh-cn"}, {390, ""}, {1366, ""}} {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(c.width, 844),
			chromedp.Navigate(shop.Server.URL+c.lang+page),
			chromedp.WaitVisible(`.return-photos img`),
		); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const list = document.querySelector('.return-photos'), img = list.querySelector('img');
			const heading = list.parentElement.querySelector('h2'), note = document.querySelector('[data-return-note]');
			const out = [];
			if (getComputedStyle(list.querySelector('li')).display === 'list-item' && getComputedStyle(list).listStyleType !== 'none') out.push('bullets');
			if (!heading || heading.getBoundingClientRect().bottom > img.getBoundingClientRect().top) out.push('no heading above the photos');
			if (img.getBoundingClientRect().right > document.documentElement.clientWidth) out.push('a photo off the page');
			if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('the page scrolls sideways');
			if (!note || note.querySelectorAll('p').length !== 2 || !note.offsetParent) out.push('no note');
			return out.join(', ');
		})()`))
		if err != nil || got != "" {
			t.Errorf("%d px %s: %s %v", c.width, c.lang, got, err)
		}
	}
	screenshot(t, ctx, "return")
}
