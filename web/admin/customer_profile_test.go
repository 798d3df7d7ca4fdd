package admin_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// TestStaffCorrectACustomersBirthday: a customer cannot change a saved
// birthday; the support desk can, from the account's page: a date that is
// not one is the page again (422) with what was typed and the message
// beside it, in words about the customer; a good one is saved (303, a done
// message) and audited; a second click changes nothing more; a form older
// than the saved profile is refused (409) with the typed values kept, and
// saving it again is then deliberate.
func TestStaffCorrectACustomersBirthday(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ana, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: "ana@example.com",
		Password: "correct horse battery", Name: "Ana Lima", Birthday: "1990-06-21", Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleSupport)
	page := adminviews.CustomerURL(ana.ID)

	doc := shop.Get(page).Doc(t)
	form := doc.Find(`form[action="` + page + `/profile"]`)
	if form.Find("#customer-name").AttrOr("value", "") != "Ana Lima" || form.Find("#customer-birthday").AttrOr("value", "") != "1990-06-21" ||
		form.Find(`[name=was_birthday]`).AttrOr("value", "") != "1990-06-21" {
		t.Fatalf("the form does not show the saved profile: %q", form.Text())
	}
	post := func(name, birthday, wasName, wasBirthday string) webtest.Response {
		t.Helper()
		return shop.Post(page+"/profile", url.Values{"name": {name}, "birthday": {birthday},
			"was_name": {wasName}, "was_birthday": {wasBirthday}})
	}

	for birthday, want := range map[string]string{
		"1990-02-30": "Enter a date such as 1990-05-31.",
		"21/07/1990": "Enter a date such as 1990-05-31.",
		"2999-07-21": "A birthday cannot be in the future.",
	} {
		res := post("Ana Lima Souza", birthday, "Ana Lima", "1990-06-21")
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("birthday %s = %d, want 422", birthday, res.Status)
		}
		doc := res.Doc(t)
		if got := doc.Find("#birthday-error").Text(); got != want {
			t.Errorf("birthday %s: message %q, want %q", birthday, got, want)
		}
		if doc.Find("#customer-birthday").AttrOr("value", "") != birthday || doc.Find("#customer-name").AttrOr("value", "") != "Ana Lima Souza" {
			t.Errorf("birthday %s: the form lost what was typed", birthday)
		}
	}

	res := post("Ana Lima Souza", "1990-07-21", "Ana Lima", "1990-06-21")
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != page+"?done=profile" {
		t.Fatalf("save = %d → %q", res.Status, res.Header.Get("Location"))
	}
	doc = shop.Get(page + "?done=profile").Doc(t)
	if got := doc.Find("[data-notice]").Text(); got != "Name and birthday saved." {
		t.Errorf("notice = %q", got)
	}
	if doc.Find("h1").Text() != "Ana Lima Souza" || !strings.Contains(doc.Find(".admin-facts").Text(), "1990-07-21") {
		t.Errorf("the page does not show the corrected profile: %q", doc.Find(".admin-facts").Text())
	}
	if res := post("Ana Lima Souza", "1990-07-21", "Ana Lima", "1990-06-21"); res.Status != http.StatusSeeOther {
		t.Errorf("a second click = %d, want 303", res.Status)
	}

	// A colleague's form, opened before the save, sets another date.
	res = post("Ana Lima", "1990-08-21", "Ana Lima", "1990-06-21")
	if res.Status != http.StatusConflict {
		t.Fatalf("a stale form = %d, want 409", res.Status)
	}
	doc = res.Doc(t)
	if doc.Find("[data-conflict]").Length() != 1 || doc.Find("#customer-birthday").AttrOr("value", "") != "1990-08-21" ||
		doc.Find("[name=was_birthday]").AttrOr("value", "") != "1990-07-21" || doc.Find("[name=was_name]").AttrOr("value", "") != "Ana Lima Souza" {
		t.Errorf("the refused form: conflict %d, birthday %q, was %q",
			doc.Find("[data-conflict]").Length(), doc.Find("#customer-birthday").AttrOr("value", ""), doc.Find("[name=was_birthday]").AttrOr("value", ""))
	}
	if res := post("Ana Lima", "1990-08-21", "Ana Lima Souza", "1990-07-21"); res.Status != http.StatusSeeOther {
		t.Errorf("saving again after the conflict = %d, want 303", res.Status)
	}

	log, err := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: "customer.profile"})
	if err != nil || log.Total != 2 {
		t.Fatalf("audit = %d entries, %v; want 2", log.Total, err)
	}
	if r := log.Records[1]; r.BeforeJSON != `{"birthday":"1990-06-21","name":"Ana Lima"}` ||
		r.AfterJSON != `{"birthday":"1990-07-21","name":"Ana Lima Souza"}` || r.EntityID != strconv.FormatInt(ana.ID, 10) {
		t.Errorf("audit of the first correction: %s → %s", r.BeforeJSON, r.AfterJSON)
	}
	if res := shop.Post(adminviews.CustomerURL(ana.ID+100)+"/profile", url.Values{"name": {"X"}}); res.Status != http.StatusNotFound {
		t.Errorf("unknown account = %d", res.Status)
	}

	shop.Get("/lang/zh?next=" + page)
	doc = shop.Get(page).Doc(t)
	if got := doc.Find("[data-profile] h2").Text(); got != "姓名和生日" {
		t.Errorf("the Chinese heading = %q", got)
	}
}

// TestTwoStaffCorrectABirthdayAtOnce: two staff who opened the same form
// save different dates at the same moment: one is saved, the other is
// told (409), and the audit has the one change.
func TestTwoStaffCorrectABirthdayAtOnce(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	ana, err := shop.Store.Register(context.Background(), store.RegisterInput{Email: "ana@example.com",
		Password: "correct horse battery", Name: "Ana Lima", Birthday: "1990-06-21", Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}
	shop.LoginAs(store.RoleOwner)
	other := shop.OtherBrowser()
	other.LoginAs(store.RoleSupport)
	path := adminviews.CustomerURL(ana.ID) + "/profile"
	dates := []string{"1990-07-21", "1990-08-21"}
	statuses := make([]int, 2)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, b := range []*webtest.Shop{shop, other} {
		form := url.Values{"name": {"Ana Lima"}, "birthday": {dates[i]}, "was_name": {"Ana Lima"}, "was_birthday": {"1990-06-21"}}
		req, _ := http.NewRequest(http.MethodPost, b.Server.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		wg.Go(func() {
			<-start
			// The client, not b.Post: a test may not stop from another goroutine.
			res, err := b.Client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	close(start)
	wg.Wait()
	won := -1
	for i, st := range statuses {
		if st == http.StatusSeeOther {
			won = i
		} else if st != http.StatusConflict {
			t.Errorf("post %d = %d", i, st)
		}
	}
	if won < 0 || statuses[1-won] != http.StatusConflict {
		t.Fatalf("statuses = %v, want one 303 and one 409", statuses)
	}
	a, _ := shop.Store.CustomerAccountByID(context.Background(), ana.ID)
	if a.Customer.Birthday != dates[won] {
		t.Errorf("birthday = %s, want the saved %s", a.Customer.Birthday, dates[won])
	}
	if log, _ := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: "customer.profile"}); log.Total != 1 {
		t.Errorf("audit has %d corrections, want 1", log.Total)
	}
}
