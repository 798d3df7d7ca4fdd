package kit

import "testing"

func TestLocalPath(t *testing.T) {
	for _, c := range []struct{ next, under, want string }{
		{"/products/linen-shirt?size=M", "/", "/products/linen-shirt?size=M"},
		{"/", "/", "/"},
		{"/collections/", "/", "/collections/"},
		{"/admin/orders?status=open", "/admin", "/admin/orders?status=open"},
		{"/admin", "/admin", "/admin"},
		{"/products/tea", "/products", "/products/tea"},
		// What a browser reads as another site: tab, line breaks and the
		// backslash vanish or become slashes before the URL is resolved.
		{"/\t/evil.example", "/", ""},
		{"/\n/evil.example", "/", ""},
		{"/\r/evil.example", "/", ""},
		{"\t//evil.example", "/", ""},
		{"/\\evil.example", "/", ""},
		{"/x\\..\\..\\evil", "/", ""},
		{"//evil.example", "/", ""},
		{"///evil.example", "/", ""},
		{"https://evil.example/", "/", ""},
		{"evil.example", "/", ""},
		{"javascript:alert(1)", "/", ""},
		{"", "/", ""},
		{"/\x00", "/", ""},
		{"/\x7f", "/", ""},
		// Dot segments could climb out of under.
		{"/admin/../evil", "/admin", ""},
		{"/admin/./x", "/admin", ""},
		{"/admin//x", "/admin", ""},
		{"/administrator", "/admin", ""},
		{"/products", "/admin", ""},
		{"/cart", "/products", ""},
		{"/admin\r\nSet-Cookie: x=1", "/admin", ""},
	} {
		if got := LocalPath(c.next, c.under); got != c.want {
			t.Errorf("LocalPath(%q, %q) = %q, want %q", c.next, c.under, got, c.want)
		}
	}
}
