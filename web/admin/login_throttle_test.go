package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"storefront/i18n"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/webtest"
)

// tryLogin posts the login form and returns the status and, for a 429,
// the Retry-After in seconds.
func tryLogin(b *webtest.Shop, email, password string) (int, int) {
	b.T.Helper()
	res := b.Post("/admin/login", url.Values{"email": {email}, "password": {password}})
	retry, _ := strconv.Atoi(res.Header.Get("Retry-After"))
	return res.Status, retry
}

// TestLockoutSaysWhenInShopTime: the page that holds sign-ins back names
// the time to try again in the shop's zone, with its abbreviation as the
// admin shows times, in either language: the server's bare clock means
// nothing to an owner elsewhere.
func TestLockoutSaysWhenInShopTime(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	zone := "Asia/Tokyo"
	if _, off := time.Now().Zone(); off == 9*60*60 {
		zone = "America/New_York"
	}
	if err := shop.Store.SetSetting(t.Context(), store.SettingTimeZone, zone); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(zone)
	for i := range store.LoginFreeTries {
		tryLogin(shop, owner.Email, "guess "+strconv.Itoa(i))
	}
	for _, lang := range []string{"en", "zh"} {
		res := shop.Post("/admin/login", url.Values{"email": {owner.Email}, "password": {"one more"}}, "Accept-Language", lang)
		retry, _ := strconv.Atoi(res.Header.Get("Retry-After"))
		if res.Status != http.StatusTooManyRequests || retry <= 0 {
			t.Fatalf("%s: attempt after the free ones = %d, Retry-After %d", lang, res.Status, retry)
		}
		// Retry-After is the wait rounded up to a second.
		until, minutes := shop.Clock.Now().Add(time.Duration(retry)*time.Second), (retry+59)/60
		want := i18n.TL(lang, "admin.login.slowed_msg", minutes, adminviews.FormatTime(lang, until, loc))
		early := i18n.TL(lang, "admin.login.slowed_msg", minutes, adminviews.FormatTime(lang, until.Add(-time.Second), loc))
		if msg := res.Doc(t).Find(".admin-message p").Last().Text(); msg != want && msg != early {
			t.Errorf("%s: the lockout page says %q, want %q", lang, msg, want)
		}
	}
}

// TestStrangerCannotLockOwnerOut is the outside test's attack: one wrong
// password every three minutes kept the owner out for ever. Now a stranger
// failing from one address, or from thirty, slows down only themselves:
// the owner signs in from their own address at any moment, and after a
// typo during the attack waits a few minutes at most.
func TestStrangerCannotLockOwnerOut(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	stranger := shop.From("127.0.0.2")
	for minute := 0; minute < 90; minute += 3 {
		if status, _ := tryLogin(stranger, owner.Email, "guess "+strconv.Itoa(minute)); status != http.StatusUnauthorized && status != http.StatusTooManyRequests {
			t.Fatalf("stranger's attempt = %d", status)
		}
		if minute%30 == 0 {
			home := shop.From("127.0.0.3")
			if status, _ := tryLogin(home, owner.Email, webtest.Password); status != http.StatusSeeOther {
				t.Fatalf("minute %d: the owner's sign-in from home = %d, want 303", minute, status)
			}
		}
		shop.Clock.Advance(3 * time.Minute)
	}

	// Strangers at thirty addresses, each failing until slowed down.
	for i := range 30 {
		b := shop.From("127.0.1." + strconv.Itoa(i+1))
		for range store.LoginFreeTries + 1 {
			tryLogin(b, owner.Email, "wrong "+strconv.Itoa(i))
		}
	}
	office := shop.From("127.0.0.4")
	if status, _ := tryLogin(office, owner.Email, webtest.Password); status != http.StatusSeeOther {
		t.Fatalf("owner during a spread attack = %d, want 303", status)
	}
	travel := shop.From("127.0.0.5")
	if status, _ := tryLogin(travel, owner.Email, "typo"); status != http.StatusUnauthorized {
		t.Fatalf("owner's typo = %d, want 401", status)
	}
	status, retry := tryLogin(travel, owner.Email, webtest.Password)
	if status != http.StatusTooManyRequests || retry <= 0 || retry > 5*60 {
		t.Fatalf("after a typo during the attack = %d, Retry-After %d; want 429 within 5 minutes", status, retry)
	}
	shop.Clock.Advance(time.Duration(retry) * time.Second)
	if status, _ := tryLogin(travel, owner.Email, webtest.Password); status != http.StatusSeeOther {
		t.Errorf("owner after the wait = %d, want 303", status)
	}
}

// TestRepeatedFailuresAreSlowedDown: from one address, every failure past
// the free ones doubles the wait, up to a cap, for the account and, past
// more failures, for any account.
func TestRepeatedFailuresAreSlowedDown(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	guesser := shop.From("127.0.0.2")
	var waits []int
	for i := 0; len(waits) < 8; i++ {
		status, retry := tryLogin(guesser, owner.Email, "guess "+strconv.Itoa(i))
		switch status {
		case http.StatusUnauthorized:
		case http.StatusTooManyRequests:
			waits = append(waits, retry)
			shop.Clock.Advance(time.Duration(retry) * time.Second)
		default:
			t.Fatalf("attempt %d = %d", i, status)
		}
	}
	want := []int{30, 60, 120, 240, 480, 900, 900, 900}
	for i := range want {
		// The test clock runs on from real time: between two tries on a
		// loaded machine (each hashes a password) seconds may pass.
		if waits[i] < want[i]-10 || waits[i] > want[i] {
			t.Fatalf("waits = %v s, want about %v", waits, want)
		}
	}
	// One address trying many accounts is slowed down too.
	sprayer := shop.From("127.0.0.3")
	for i := range 20 {
		if status, _ := tryLogin(sprayer, "user"+strconv.Itoa(i)+"@example.com", "password"); status != http.StatusUnauthorized {
			t.Fatalf("spray %d = %d, want 401", i, status)
		}
	}
	if status, _ := tryLogin(sprayer, owner.Email, webtest.Password); status != http.StatusTooManyRequests {
		t.Errorf("21st account from one address = %d, want 429", status)
	}
}

// TestLoginThrottleSurvivesRestart: a redeploy does not hand a guesser a
// fresh allowance.
func TestLoginThrottleSurvivesRestart(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	for i := range store.LoginFreeTries {
		if status, _ := tryLogin(shop, owner.Email, "guess "+strconv.Itoa(i)); status != http.StatusUnauthorized {
			t.Fatalf("attempt %d = %d", i, status)
		}
	}
	shop.Restart()
	if status, _ := tryLogin(shop, owner.Email, "one more guess"); status != http.StatusTooManyRequests {
		t.Errorf("after a restart = %d, want 429", status)
	}
}

// TestLoginAttemptsAtOnce: guesses sent together cannot slip between the
// count and the check; exactly the free tries are checked.
func TestLoginAttemptsAtOnce(t *testing.T) {
	shop := webtest.New(t)
	owner := shop.AddStaff(store.RoleOwner)
	const n = 12
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		b := shop.From("127.0.0.2")
		wg.Go(func() { statuses[i], _ = tryLogin(b, owner.Email, "guess "+strconv.Itoa(i)) })
	}
	wg.Wait()
	checked := 0
	for _, st := range statuses {
		switch st {
		case http.StatusUnauthorized:
			checked++
		case http.StatusTooManyRequests:
		default:
			t.Errorf("status %d", st)
		}
	}
	if checked != store.LoginFreeTries {
		t.Errorf("%d of %d guesses at once were checked (%v), want %d", checked, n, statuses, store.LoginFreeTries)
	}
}

// TestAdminTimesInShopTime: the admin's pages show times in the shop's
// zone, as its order pages and emails do, where they showed the server's
// ("placed 00:30 UTC" beside an email saying 09:30 JST).
func TestAdminTimesInShopTime(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	zone := "Asia/Tokyo"
	if _, off := time.Now().Zone(); off == 9*60*60 {
		zone = "America/New_York"
	}
	if err := shop.Store.SetSetting(t.Context(), store.SettingTimeZone, zone); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(zone)
	o := shop.SeedOrder()
	shop.LoginAs(store.RoleOwner)
	want := adminviews.FormatTime("en", o.CreatedAt, loc)
	for _, path := range []string{"/admin/orders/" + strconv.FormatInt(o.ID, 10), "/admin/orders"} {
		if body := shop.Get(path).Body; !strings.Contains(body, want) {
			t.Errorf("%s does not show the order's time as %q", path, want)
		}
	}
}
