package admin

import "testing"

func TestLocalAdminPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "/admin",
		"/admin":               "/admin",
		"/admin/orders?x=1":    "/admin/orders?x=1",
		"/administrator":       "/admin",
		"//admin":              "/admin",
		"http://x/admin":       "/admin",
		"/admin\r\nSet-Cookie": "/admin",
	} {
		if got := localAdminPath(in); got != want {
			t.Errorf("localAdminPath(%q) = %q, want %q", in, got, want)
		}
	}
}
