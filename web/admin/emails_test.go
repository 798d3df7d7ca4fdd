package admin_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"storefront/store"
	"storefront/web/webtest"
)

func TestAdminEmailsListAndFilter(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "en", "zh")
	en, zh := orders[0], orders[1]
	ctx := context.Background()
	due, err := shop.Store.DueEmails(ctx, shop.Store.Now(), 1)
	if err != nil || len(due) != 1 {
		t.Fatalf("DueEmails = %v, %v", due, err)
	}
	if _, err := shop.Store.MarkEmailFailed(ctx, due[0].ID, "451 4.3.0 mailbox busy", false); err != nil {
		t.Fatal(err)
	}

	shop.AddStaff(store.RoleOwner) // so that anonymous visitors go to login, not setup
	if res := shop.Get("/admin/emails"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Fatalf("anonymous /admin/emails = %d %q", res.Status, res.Header.Get("Location"))
	}
	shop.LoginAs(store.RoleSupport)
	res := shop.Get("/admin/emails")
	if res.Status != http.StatusOK {
		t.Fatalf("/admin/emails = %d\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	if doc.Find("[data-smtp-off]").Length() != 1 {
		t.Error("no notice that sending is off without a mail server")
	}
	rows := doc.Find("tr[data-email-id]")
	if rows.Length() != 2 {
		t.Fatalf("rows = %d, want 2", rows.Length())
	}
	for _, o := range []*store.Order{en, zh} {
		link := doc.Find(`a[href="/admin/orders/` + itoa(o.ID) + `"]`)
		if link.Length() != 1 || link.Text() != o.Number {
			t.Errorf("no link to order %s in the list", o.Number)
		}
	}
	failedRow := doc.Find(`tr[data-email-id="` + itoa(due[0].ID) + `"]`)
	if !strings.Contains(failedRow.Text(), "451 4.3.0 mailbox busy") || failedRow.Find("td.num").Text() != "1" ||
		failedRow.AttrOr("data-email-status", "") != store.EmailPending {
		t.Errorf("retried row = %q", failedRow.Text())
	}
	if menu := doc.Find(".admin-nav a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") }); !slices.Contains(menu, "/admin/emails") {
		t.Errorf("menu = %v, want /admin/emails", menu)
	}

	if n := shop.Get("/admin/emails?status=sent").Doc(t).Find("tr[data-email-id]").Length(); n != 0 {
		t.Errorf("sent emails = %d, want 0", n)
	}
	if n := shop.Get("/admin/emails?status=pending").Doc(t).Find("tr[data-email-id]").Length(); n != 2 {
		t.Errorf("pending emails = %d, want 2", n)
	}
	for path, want := range map[string]int{
		"/admin/emails?status=bogus": http.StatusBadRequest,
		"/admin/emails?page=0":       http.StatusBadRequest,
		"/admin/emails?page=2":       http.StatusNotFound,
		"/admin/emails/999":          http.StatusNotFound,
		"/admin/emails/abc":          http.StatusNotFound,
		"/admin/emails/999/html":     http.StatusNotFound,
	} {
		if got := shop.Get(path).Status; got != want {
			t.Errorf("%s = %d, want %d", path, got, want)
		}
	}
}

func TestAdminEmailPreview(t *testing.T) {
	shop, _, orders := webtest.NewWithOrders(t, store.PayBankTransfer, "zh")
	o := orders[0]
	e := shop.OrderEmail(o, store.EmailOrderConfirmation)
	shop.LoginAs(store.RoleOwner)

	res := shop.Get("/admin/emails/" + itoa(e.ID))
	if res.Status != http.StatusOK {
		t.Fatalf("email page = %d\n%s", res.Status, res.Body)
	}
	doc := res.Doc(t)
	if got, want := doc.Find("[data-email-subject]").Text(), "订单 "+o.Number+" 已确认"; got != want {
		t.Errorf("subject = %q, want %q", got, want)
	}
	frame := doc.Find("iframe.email-preview")
	if _, sandboxed := frame.Attr("sandbox"); !sandboxed || frame.AttrOr("src", "") != "/admin/emails/"+itoa(e.ID)+"/html" {
		t.Errorf("preview frame = sandbox %v, src %q", sandboxed, frame.AttrOr("src", ""))
	}
	if text := doc.Find("[data-email-text]").Text(); !strings.Contains(text, o.Number) || !strings.Contains(text, "合计") {
		t.Errorf("plain-text part = %q", text)
	}
	if link := doc.Find(`a[href="/admin/orders/` + itoa(o.ID) + `"]`); link.Length() == 0 {
		t.Error("no link to the order")
	}

	html := shop.Get("/admin/emails/" + itoa(e.ID) + "/html")
	csp := html.Header.Get("Content-Security-Policy")
	if html.Status != http.StatusOK || !strings.HasPrefix(csp, "sandbox") || strings.Contains(csp, "script-src") {
		t.Errorf("HTML part = %d, CSP %q", html.Status, csp)
	}
	if ct := html.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" || !strings.Contains(html.Body, o.Number) {
		t.Errorf("HTML part: %q, body %.80q", ct, html.Body)
	}

	// Cancelled before it went, the confirmation will not go, and the page
	// says so in the admin's language.
	if err := shop.Store.CancelOrder(context.Background(), store.Actor{}, o.ID); err != nil {
		t.Fatal(err)
	}
	if got := shop.Get("/admin/emails/"+itoa(e.ID), "Accept-Language", "zh-CN").Doc(t).Find(".notice-error").Text(); !strings.Contains(got, "不会发送") {
		t.Errorf("a cancelled order's confirmation = %q, want it will not be sent", got)
	}

	// An account email has no order: no order row, no order number after
	// its kind, and no word of an order.
	if _, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: "li@example.com", Password: "correct horse battery", Name: "Li"}); err != nil {
		t.Fatal(err)
	}
	account := shop.Get("/admin/emails/" + itoa(shop.Email("li@example.com", store.EmailAccountConfirm).ID)).Doc(t)
	if h1 := strings.TrimSpace(account.Find("h1").Text()); strings.HasSuffix(h1, "·") || account.Find(".email-facts dt").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Text() == "Order"
	}).Length() != 0 || strings.Contains(account.Find(".muted").Text(), "order") {
		t.Errorf("an account email's page speaks of an order: %q", h1)
	}
}
