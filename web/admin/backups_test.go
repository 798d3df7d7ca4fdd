package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"storefront/store"
	"storefront/web/webtest"
)

// TestBackupsPageStory: the owner takes a backup now, sees it listed as
// verified, downloads it (a sound copy of the shop, audited), and changes
// the schedule; support staff and anonymous visitors get none of it.
func TestBackupsPageStory(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleOwner)

	page := shop.Get("/admin/settings/backups")
	if page.Status != http.StatusOK || page.Doc(t).Find(`[data-backups="0"]`).Length() != 1 {
		t.Fatalf("backups page before any = %d\n%s", page.Status, page.Body)
	}
	res := shop.Post("/admin/settings/backups/run", nil)
	loc := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/settings/backups?taken=") {
		t.Fatalf("back up now = %d → %q", res.Status, loc)
	}
	page = shop.Get(loc)
	doc := page.Doc(t)
	name, _ := doc.Find("[data-backup-taken]").Attr("data-backup-taken")
	row := doc.Find(`tr[data-backup="` + name + `"]`)
	if name == "" || row.Find(`[data-verified="ok"]`).Length() != 1 {
		t.Fatalf("the backup just taken is not listed as verified\n%s", page.Body)
	}
	href, _ := row.Find("a[download]").Attr("href")
	if href != "/admin/settings/backups/"+url.PathEscape(name) {
		t.Errorf("download link = %q", href)
	}

	// The download is a sound storefront database with the shop in it.
	dl := shop.Get(href)
	if dl.Status != http.StatusOK || dl.Header.Get("Content-Type") != "application/vnd.sqlite3" ||
		!strings.Contains(dl.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download = %d %v", dl.Status, dl.Header)
	}
	file := t.TempDir() + "/downloaded.db"
	if err := os.WriteFile(file, []byte(dl.Body), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CheckDatabaseFile(context.Background(), file); err != nil {
		t.Errorf("downloaded backup: %v", err)
	}
	log, err := shop.Store.AuditLog(context.Background(), store.AuditFilter{Action: store.ActionBackupDownload})
	if err != nil || log.Total != 1 {
		t.Errorf("download audit entries = %d, %v; want 1", log.Total, err)
	}
	for _, bad := range []string{"nope.db", "..%2Fshop.db", url.PathEscape(name) + ".json"} {
		if res := shop.Get("/admin/settings/backups/" + bad); res.Status != http.StatusNotFound {
			t.Errorf("download %s = %d, want 404", bad, res.Status)
		}
	}

	// The schedule: a bad value re-shows the form with it (422); a good
	// one is saved.
	version, _ := doc.Find(`form[action="/admin/settings/backups"] input[name=version]`).Attr("value")
	res = shop.Post("/admin/settings/backups", url.Values{"version": {version}, "enabled": {"1"}, "hour": {"25"}, "keep": {"0"}})
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad schedule = %d", res.Status)
	}
	bad := res.Doc(t)
	if v, _ := bad.Find("#backup-keep").Attr("value"); v != "0" || bad.Find("#keep-error").Length() != 1 || bad.Find("#hour-error").Length() != 1 {
		t.Errorf("the bad form does not show the values and both errors\n%s", res.Body)
	}
	res = shop.Post("/admin/settings/backups", url.Values{"version": {version}, "hour": {"4"}, "keep": {"30"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("save schedule = %d\n%s", res.Status, res.Body)
	}
	if sched, _ := shop.Store.BackupSchedule(context.Background()); sched != (store.BackupSettings{Enabled: false, Hour: 4, Keep: 30}) {
		t.Errorf("schedule = %+v", sched)
	}
	// The same old version again: someone else saved in between.
	if res := shop.Post("/admin/settings/backups", url.Values{"version": {version}, "hour": {"5"}, "keep": {"7"}}); res.Status != http.StatusConflict {
		t.Errorf("stale schedule save = %d, want 409", res.Status)
	}

	// Support staff may not see, take or download backups.
	shop.LoginAs(store.RoleSupport)
	for _, req := range []struct{ method, path string }{
		{"GET", "/admin/settings/backups"}, {"POST", "/admin/settings/backups/run"}, {"GET", href},
	} {
		var res webtest.Response
		if req.method == "GET" {
			res = shop.Get(req.path)
		} else {
			res = shop.Post(req.path, nil)
		}
		if res.Status != http.StatusForbidden {
			t.Errorf("support %s %s = %d, want 403", req.method, req.path, res.Status)
		}
	}
	shop.ForgetCookies()
	if res := shop.Get(href); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("anonymous download = %d → %q, want 303 to login", res.Status, res.Header.Get("Location"))
	}
}

// TestFailedBackupShowsOnTheHome: when a backup cannot be written, the
// owner hears of it on the admin home and the backups page; support staff
// do not see the card.
func TestFailedBackupShowsOnTheHome(t *testing.T) {
	shop := webtest.New(t)
	shop.LoginAs(store.RoleOwner)
	dir, _, err := shop.Store.BackupDir(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("a file where the folder should be"), 0o600); err != nil {
		t.Fatal(err)
	}
	res := shop.Post("/admin/settings/backups/run", nil)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/settings/backups" {
		t.Fatalf("failed backup now = %d → %q", res.Status, res.Header.Get("Location"))
	}
	for _, path := range []string{"/admin", "/admin/settings/backups"} {
		page := shop.Get(path)
		if page.Status != http.StatusOK || page.Doc(t).Find("[data-backup-failed]").Length() != 1 {
			t.Errorf("%s = %d, without the failed backup\n%s", path, page.Status, page.Body)
		}
	}
	shop.LoginAs(store.RoleSupport)
	if home := shop.Get("/admin"); home.Doc(t).Find("#attention-backups").Length() != 0 {
		t.Error("support staff see the backups card")
	}
}
