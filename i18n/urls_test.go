package i18n

import (
	"context"
	"testing"
)

func TestLanguagePaths(t *testing.T) {
	for _, c := range []struct {
		path, locale, rest string
		ok                 bool
	}{
		{"/zh-cn/products/x", "zh", "/products/x", true},
		{"/zh-cn/", "zh", "/", true},
		{"/zh-cn", "zh", "/", true},
		{"/en/cart", "en", "/cart", true},
		{"/zh-cnx/products", "", "/zh-cnx/products", false},
		{"/ZH-CN/products", "", "/ZH-CN/products", false},
		{"/zh/products", "", "/zh/products", false},
		{"/products/zh-cn", "", "/products/zh-cn", false},
	} {
		loc, rest, ok := SplitPath(c.path)
		if loc != c.locale || rest != c.rest || ok != c.ok {
			t.Errorf("SplitPath(%q) = %q, %q, %v; want %q, %q, %v", c.path, loc, rest, ok, c.locale, c.rest, c.ok)
		}
	}
	for _, c := range []struct{ locale, def, path, want string }{
		{"en", "en", "/products/x?variant=2", "/products/x?variant=2"},
		{"zh", "en", "/products/x?variant=2", "/zh-cn/products/x?variant=2"},
		{"zh", "en", "/", "/zh-cn/"},
		{"en", "zh", "/", "/en/"},
		{"zh", "zh", "/cart", "/cart"},
	} {
		if got := LocalePath(c.locale, c.def, c.path); got != c.want {
			t.Errorf("LocalePath(%q, %q, %q) = %q, want %q", c.locale, c.def, c.path, got, c.want)
		}
	}
	// Without the shop's default language (an email, a test) links are left alone.
	ctx := WithLocale(context.Background(), "zh", "USD")
	if got := Path(ctx, "/cart"); got != "/cart" {
		t.Errorf("Path without a default = %q", got)
	}
	if got := Path(WithDefault(ctx, "en"), "/cart"); got != "/zh-cn/cart" {
		t.Errorf("Path in Chinese = %q", got)
	}
	if HrefLang("zh") != "zh-Hans" || HrefLang("en") != "en" || URLTag("zh") != "zh-cn" {
		t.Error("language tags changed: they are in every search engine's index")
	}
}
