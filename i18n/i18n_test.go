package i18n

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	for key := range en {
		// A singular (N) is the English plural's alone.
		if _, ok := zh[key]; !ok && !strings.HasSuffix(key, "_one") {
			t.Errorf("zh lacks %q", key)
		}
	}
	for key := range zh {
		if _, ok := en[key]; !ok {
			t.Errorf("en lacks %q (zh has it)", key)
		}
	}
}

// TestEveryUsedKeyExists scans the code for literal keys passed to T so a
// typo shows up here rather than as a raw key on a page.
func TestEveryUsedKeyExists(t *testing.T) {
	re := regexp.MustCompile(`(?:i18n\.)?[TN]L?\((?:ctx|locale|r\.Context\(\)), "([a-z_.\-]+)"`)
	storeKey := regexp.MustCompile(`"(error\.[a-z_]+)"`)
	// Every action the audit log records has a label (the log showed
	// "returns.texts" where a label was missing).
	auditAction := regexp.MustCompile(`(?:Action[A-Za-z]* *= *|Action: *)"([a-z_]+\.[a-z_]+)"`)
	auditEntity := regexp.MustCompile(`Entity: *"([a-z_]+)"`)
	for f, b := range sources(t, "../*.go", "../views/*.templ", "../views/*.go", "../views/*/*.templ", "../store/*.go") {
		for _, m := range re.FindAllSubmatch(b, -1) {
			if key := string(m[1]); !strings.HasSuffix(key, ".") && !Has(key) {
				t.Errorf("%s uses missing key %q", f, key)
			}
		}
		if strings.Contains(f, "store") {
			for _, m := range storeKey.FindAllSubmatch(b, -1) {
				if !Has(string(m[1])) {
					t.Errorf("%s uses missing key %q", f, m[1])
				}
			}
			for _, m := range auditAction.FindAllSubmatch(b, -1) {
				if key := "admin.audit.action." + string(m[1]); !Has(key) {
					t.Errorf("%s records audit action %q, which has no label (%s)", f, m[1], key)
				}
			}
			for _, m := range auditEntity.FindAllSubmatch(b, -1) {
				if key := "admin.audit.entity." + string(m[1]); !Has(key) {
					t.Errorf("%s records audit entity %q, which has no label (%s)", f, m[1], key)
				}
			}
		}
	}
}

// TestAmountMessagesHaveWholeTwins: every message store.AmountMessage
// picks from has its "_whole" twin, the example for a currency without
// decimals, so a yen shop never shows a raw key.
func TestAmountMessagesHaveWholeTwins(t *testing.T) {
	re := regexp.MustCompile(`AmountMessage\("([a-z_.]+)"`)
	var files []string
	for _, glob := range []string{"../store/*.go", "../web/*/*.go", "../views/*/*.templ"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	found := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			found++
			for _, key := range []string{string(m[1]), string(m[1]) + "_whole"} {
				if _, ok := en[key]; !ok {
					t.Errorf("%s: en lacks %q", f, key)
				}
			}
		}
	}
	if found == 0 {
		t.Error("found no AmountMessage call: the scan is broken")
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		locale, currency string
		amount           int64
		want             string
	}{
		{"en", "USD", 129900, "$1,299.00"},
		{"zh", "USD", 5, "US$0.05"},
		{"zh", "CNY", 29900, "¥299.00"},
		{"en", "JPY", 1500000, "¥1,500,000"},
		{"en", "EUR", -250, "-€2.50"},
	}
	for _, tt := range tests {
		if got := MoneyIn(tt.locale, tt.currency, tt.amount); got != tt.want {
			t.Errorf("MoneyIn(%s, %s, %d) = %q, want %q", tt.locale, tt.currency, tt.amount, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]string{
		"zh-CN,zh;q=0.9,en;q=0.8": "zh",
		"en-GB,en;q=0.9":          "en",
		"zh-TW":                   "zh",
		"fr-FR":                   "",
		"":                        "",
		"garbage;;;q=x":           "",
	} {
		if got := Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
	ctx := WithLocale(context.Background(), "zh", "CNY")
	if got := T(ctx, "nav.page_n", 3); got != "第 3 页" {
		t.Errorf("T = %q", got)
	}
}

// TestNSaysOneInTheSingular: "1 result", not "1 results"; Chinese has no
// plural and says the same for any number.
func TestNSaysOneInTheSingular(t *testing.T) {
	en, zh := WithLocale(context.Background(), "en", "USD"), WithLocale(context.Background(), "zh", "USD")
	for _, tt := range []struct {
		ctx  context.Context
		n    int
		want string
	}{
		{en, 1, "1 result for “tea”"},
		{en, 2, "2 results for “tea”"},
		{en, 0, "0 results for “tea”"},
		{zh, 1, TL("zh", "search.count", 1, "tea")},
	} {
		if got := N(tt.ctx, "search.count", tt.n, tt.n, "tea"); got != tt.want {
			t.Errorf("N(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// countedNoun is a count before a plural noun ("%d orders", "%[2]d more
// items"), which reads wrong when the count is 1.
var countedNoun = regexp.MustCompile(`%(\[\d\])?d (\w+ )?\w+s\b`)

// neverOne are the messages whose count is fixed and never 1, so they
// need no singular.
var neverOne = map[string]bool{
	// store.MaxSEOTitleLen, store.MaxSEODescriptionLen characters.
	"admin.product.field.seo_title":       true,
	"admin.product.field.seo_description": true,
	// store.InviteTTL (72) and store.PasswordResetTTL (24) hours.
	"admin.staff.invite_made": true, "admin.staff.invite_made_no_mail": true, "admin.staff.invite_note": true,
	"admin.staff.reset_made": true, "admin.staff.reset_made_no_mail": true, "admin.staff.reset_note": true,
	"email.staff_invite.expires": true, "email.staff_reset.expires": true,
	// store.MaxReturnPhotos (3) photos.
	"returns.photos_hint": true, "returns.error.photos_count": true,
	// The store's search cap (1000) results.
	"search.count_more": true,
	// Days the admin pages look back: adminviews.OrderedWithin (30, 90,
	// 365), the promotion replay's 30, the returns summary's 90.
	"admin.customers.ordered_days": true, "admin.promotions.preview.replay": true,
	"admin.promotions.preview.replay_none": true, "admin.returns.stats": true,
	// A bundle has two products at least (the store refuses fewer).
	"admin.promotions.bundle_for": true,
}

// TestCountedNounsHaveSingulars: a message that counts things has a
// "_one" form for N ("1 order", not "1 orders"), or its count is never 1.
func TestCountedNounsHaveSingulars(t *testing.T) {
	for _, key := range slices.Sorted(maps.Keys(en)) {
		if _, plural := en[strings.TrimSuffix(key, "_one")]; plural && strings.HasSuffix(key, "_one") {
			continue
		}
		_, hasOne := en[key+"_one"]
		if counts := countedNoun.MatchString(en[key]); counts && !hasOne && !neverOne[key] {
			t.Errorf("%q says %q: add %q for a count of 1 and use i18n.N, or reword", key, en[key], key+"_one")
		} else if neverOne[key] && (!counts || hasOne) {
			t.Errorf("%q is in neverOne but counts no plural noun without a singular: take it out", key)
		}
	}
}

// TestPickupFormsHaveTheirKey: an order collected from the shop reads a
// key's "_pickup" form (views.PickupText), so such a form is named after
// the key it replaces, and a literal key passed to PickupText has one;
// otherwise the pickup silently reads as a delivery.
func TestPickupFormsHaveTheirKey(t *testing.T) {
	for key := range en {
		if base, ok := strings.CutSuffix(key, "_pickup"); ok && !Has(base) {
			t.Errorf("%q is the pickup form of %q, which does not exist", key, base)
		}
	}
	re := regexp.MustCompile(`PickupText\([^,()]+, "([a-z_.\-]+)"\)`)
	found := 0
	for f, b := range sources(t, "../views/*.go", "../views/*.templ", "../views/*/*.go", "../views/*/*.templ", "../mail/*.go", "../web/*/*.go") {
		for _, m := range re.FindAllSubmatch(b, -1) {
			found++
			if key := string(m[1]); !Has(key) || !Has(key+"_pickup") {
				t.Errorf("%s: PickupText(%q) wants the key and its pickup form %q", f, key, key+"_pickup")
			}
		}
	}
	if found == 0 {
		t.Error("found no PickupText call: the scan is broken")
	}
}

// sources is the hand-written code the globs match (not generated templ
// code, not tests), by file.
func sources(t *testing.T, globs ...string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, glob := range globs {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if strings.HasSuffix(f, "_templ.go") || strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[f] = b
		}
	}
	return out
}
