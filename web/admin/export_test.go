package admin

// What the HTTP tests (package admin_test) need from inside the package,
// so that they follow the real values rather than copies.

// SecurityURL is the signed-in staff member's two-factor page.
const SecurityURL = securityURL

// NavItemKeys are the catalog keys of the admin menu's items, in order.
func NavItemKeys() []string {
	keys := make([]string, len(adminNavItems))
	for i, item := range adminNavItems {
		keys[i] = item.key
	}
	return keys
}
