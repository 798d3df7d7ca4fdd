package main

import (
	"net/http"
	"slices"

	"storefront/store"
)

// permission is something a staff member may do in the admin. Every admin
// route names the one it needs (adminRoutes in routes.go); requireStaff
// checks it against this file's table and nothing else does.
type permission string

const (
	permDashboard    permission = "dashboard"     // the admin home; every role
	permCatalogRead  permission = "catalog.read"  // see products, collections, stock
	permCatalogWrite permission = "catalog.write" // change them
	permOrders       permission = "orders"
	permCustomers    permission = "customers"
	permPromotions   permission = "promotions"
	permReturns      permission = "returns"
	permSettings     permission = "settings"
	permStaff        permission = "staff"
	permAudit        permission = "audit"
	permAccount      permission = "account" // one's own two-factor and sessions; every role
)

// rolePermissions is the one permission table: what each role may do.
var rolePermissions = map[string][]permission{
	store.RoleOwner: {
		permDashboard, permCatalogRead, permCatalogWrite, permOrders, permCustomers,
		permPromotions, permReturns, permSettings, permStaff, permAudit, permAccount,
	},
	store.RoleManager: {
		permDashboard, permCatalogRead, permCatalogWrite, permOrders, permCustomers, permPromotions, permReturns,
		permAccount,
	},
	store.RoleSupport: {
		permDashboard, permCatalogRead, permOrders, permCustomers, permReturns, permAccount,
	},
}

// can reports whether role grants perm. An unknown role grants nothing.
func can(role string, perm permission) bool {
	return slices.Contains(rolePermissions[role], perm)
}

// adminRoute is one signed-in admin URL: its ServeMux pattern, the
// permission it needs and its handler.
type adminRoute struct {
	pattern string
	perm    permission
	handler http.HandlerFunc
}
