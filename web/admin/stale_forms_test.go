package admin_test

import (
	"context"
	"maps"
	"net/http"
	"testing"

	"storefront/i18n"
	"storefront/store"
	"storefront/web/webtest"
)

// TestStaleSettingsFormsAreRefused: two owners open the same page. A
// saves one field; B then saves another from the page B opened before. B
// is refused (409) with a notice and B's values kept, and A's change
// stays. B's form comes back at the current version, so sending it again
// replaces A's save on purpose. A form without its version was not sent
// by the page (400).
func TestStaleSettingsFormsAreRefused(t *testing.T) {
	shop := webtest.New(t)
	a := shop
	a.LoginAs(store.RoleOwner)
	b := shop.OtherBrowser()
	b.LoginAs(store.RoleOwner)
	tiers, err := shop.Store.Tiers(context.Background())
	if err != nil || len(tiers) != 3 {
		t.Fatalf("tiers = %d, %v", len(tiers), err)
	}
	gold := itoa(tiers[2].ID)
	for _, c := range []struct {
		name, page, form, action string
		aField, aValue           string // what A changes and saves first
		bField, bValue           string // what B changes on the older page
	}{
		{"tier", "/admin/membership", `form[action^="/admin/membership/tiers/` + gold + `#"]`, "/admin/membership/tiers/" + gold,
			"threshold", "2500.00", "perks", "Free gift wrapping"},
		{"points rules", "/admin/membership", `form[action="/admin/membership/points"]`, "/admin/membership/points",
			"max_percent", "20", "expiry_months", "24"},
		{"return policy", "/admin/returns", `form[action="/admin/returns/policy"]`, "/admin/returns/policy",
			"window_days", "14", "fee", "5.00"},
		{"return texts", "/admin/returns", `form[action="/admin/returns/texts"]`, "/admin/returns/texts",
			"instructions", "Send to the new address", "policy_text", "New policy by B"},
		{"return reason", "/admin/returns", `form[data-reason="damaged"]`, "/admin/returns/reasons",
			"position", "9", "title", "Broken by B"},
		{"info page", "/admin/pages", `form[action="/admin/pages/about"]`, "/admin/pages/about",
			"title", "About us (A)", "body", "Body by B"},
	} {
		t.Run(c.name, func(t *testing.T) {
			formA, formB := formOf(t, a.Get(c.page), c.form), formOf(t, b.Get(c.page), c.form)
			was := formB.Get(c.bField)
			formA.Set(c.aField, c.aValue)
			if res := a.Post(c.action, formA); res.Status != http.StatusSeeOther {
				t.Fatalf("A's save = %d:\n%s", res.Status, res.Body)
			}

			formB.Set(c.bField, c.bValue)
			res := b.Post(c.action, formB)
			if res.Status != http.StatusConflict {
				t.Fatalf("B's save from the older page = %d, want 409", res.Status)
			}
			if got := res.Doc(t).Find("[data-conflict]").Text(); got != i18n.TL("en", "admin.form.stale") {
				t.Errorf("B is told %q", got)
			}
			typed := formOf(t, res, c.form)
			if got := typed.Get(c.bField); got != c.bValue {
				t.Errorf("B's %s kept as %q, want %q", c.bField, got, c.bValue)
			}
			stored := formOf(t, a.Get(c.page), c.form)
			if got := stored.Get(c.aField); got != c.aValue {
				t.Errorf("A's %s is now %q, want %q: B's save undid it", c.aField, got, c.aValue)
			}
			if got := stored.Get(c.bField); got != was {
				t.Errorf("B's refused %s was saved: %q", c.bField, got)
			}

			noVersion := maps.Clone(typed)
			noVersion.Del("version")
			if res := b.Post(c.action, noVersion); res.Status != http.StatusBadRequest {
				t.Errorf("a save without a version = %d, want 400", res.Status)
			}
			if res := b.Post(c.action, typed); res.Status != http.StatusSeeOther {
				t.Fatalf("B's save again from the refused form = %d:\n%s", res.Status, res.Body)
			}
			if got := formOf(t, a.Get(c.page), c.form).Get(c.bField); got != c.bValue {
				t.Errorf("B's deliberate save left %s as %q", c.bField, got)
			}
		})
	}
}
