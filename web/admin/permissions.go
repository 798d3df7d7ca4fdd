package admin

import (
	"slices"

	"storefront/store"
)

// Permission is something a staff member may do in the admin. Every admin
// route names the one it needs (web/routes.go); RequireStaff checks it
// against this file's table and nothing else does.
type Permission string

const (
	PermDashboard    Permission = "dashboard"     // the admin home; every role
	PermCatalogRead  Permission = "catalog.read"  // see products, collections, stock
	PermCatalogWrite Permission = "catalog.write" // change them
	PermOrders       Permission = "orders"
	PermCustomers    Permission = "customers"
	// PermPoints is giving or taking a customer's points by hand: points
	// pay at checkout, so it is money, not the support desk's.
	PermPoints     Permission = "points"
	PermPromotions Permission = "promotions"
	PermReturns    Permission = "returns"
	PermSettings   Permission = "settings"
	PermStaff      Permission = "staff"
	PermAudit      Permission = "audit"
	PermAccount    Permission = "account" // one's own two-factor and sessions; every role
	// PermBackups is the backups page: downloading one takes away every
	// customer's data and every staff password hash, so it is the owner's
	// alone, apart from PermSettings should managers ever get that.
	PermBackups Permission = "backups"
)

// rolePermissions is the one Permission table: what each role may do.
var rolePermissions = map[string][]Permission{
	store.RoleOwner: {
		PermDashboard, PermCatalogRead, PermCatalogWrite, PermOrders, PermCustomers, PermPoints,
		PermPromotions, PermReturns, PermSettings, PermStaff, PermAudit, PermAccount, PermBackups,
	},
	store.RoleManager: {
		PermDashboard, PermCatalogRead, PermCatalogWrite, PermOrders, PermCustomers, PermPoints, PermPromotions, PermReturns,
		PermAccount,
	},
	store.RoleSupport: {
		PermDashboard, PermCatalogRead, PermOrders, PermCustomers, PermReturns, PermAccount,
	},
}

// Can reports whether role grants perm. An unknown role grants nothing.
func Can(role string, perm Permission) bool {
	return slices.Contains(rolePermissions[role], perm)
}
