package admin

import (
	"net/url"

	"storefront/store"
)

// BackupsPage is /admin/settings/backups: the backups in the folder, a
// button to take one now, and the schedule's form.
type BackupsPage struct {
	Shell   Shell
	Dir     string // the backups folder on the server
	Zone    string // the server's time zone, which the schedule's hour is in
	Backups []store.BackupRecord
	Health  store.BackupHealth
	// Taken is the backup just taken by "Back up now", for its notice.
	Taken string
	// Busy is set when "Back up now" found one taken that same second.
	Busy bool

	Schedule BackupScheduleForm
	Version  string
	Saved    bool
	Conflict bool
	Errors   map[string]string
}

// BackupScheduleForm echoes the schedule form.
type BackupScheduleForm struct {
	Enabled bool
	Hour    int
	Keep    string
}

// BackupURL downloads the backup called name.
func BackupURL(name string) string { return "/admin/settings/backups/" + url.PathEscape(name) }
