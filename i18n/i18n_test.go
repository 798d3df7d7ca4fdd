package i18n

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
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
	var files []string
	for _, glob := range []string{"../*.go", "../views/*.templ", "../views/*.go", "../views/*/*.templ", "../store/*.go"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_templ.go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
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
