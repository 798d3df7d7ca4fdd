package admin

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// Backups is /admin/settings/backups: the backups kept, "Back up now" and
// the daily schedule. ?taken=NAME, ?busy and ?saved are where its forms
// redirect, for their notices.
func (h *Handler) Backups(w http.ResponseWriter, r *http.Request) {
	page, err := h.backupsPage(r)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	q := r.URL.Query()
	page.Taken, page.Busy, page.Saved = q.Get("taken"), q.Has("busy"), q.Has("saved")
	w.Header().Set("Cache-Control", "no-store")
	h.Render(w, r, http.StatusOK, adminviews.Backups(page))
}

// backupsPage builds the backups page from the folder and the settings.
func (h *Handler) backupsPage(r *http.Request) (adminviews.BackupsPage, error) {
	ctx := r.Context()
	list, err := h.Store.Backups(ctx)
	if err != nil {
		return adminviews.BackupsPage{}, err
	}
	health, err := h.Store.BackupHealth(ctx)
	if err != nil {
		return adminviews.BackupsPage{}, err
	}
	sched, err := h.Store.BackupSchedule(ctx)
	if err != nil {
		return adminviews.BackupsPage{}, err
	}
	settings, err := h.Store.Settings(ctx)
	if err != nil {
		return adminviews.BackupsPage{}, err
	}
	dir, _, err := h.Store.BackupDir(ctx)
	if err != nil {
		return adminviews.BackupsPage{}, err
	}
	return adminviews.BackupsPage{
		Shell:    h.adminShell(r, "backup.title"),
		Dir:      dir,
		Zone:     time.Now().Format("MST -07:00"),
		Backups:  list,
		Health:   health,
		Schedule: adminviews.BackupScheduleForm{Enabled: sched.Enabled, Hour: sched.Hour, Keep: strconv.Itoa(sched.Keep)},
		Version:  strconv.FormatInt(settings.Version(store.SectionBackups), 10),
	}, nil
}

// BackupsSchedule saves the daily schedule (POST /admin/settings/backups).
func (h *Handler) BackupsSchedule(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	form := adminviews.BackupScheduleForm{Enabled: r.PostFormValue("enabled") != "", Keep: strings.TrimSpace(r.PostFormValue("keep"))}
	in := &store.BackupSettings{Enabled: form.Enabled}
	parseErrs := map[string]string{}
	if hour, err := strconv.Atoi(r.PostFormValue("hour")); err != nil {
		parseErrs["hour"] = "error.backup_hour"
	} else {
		in.Hour, form.Hour = hour, hour
	}
	if keep, err := strconv.Atoi(form.Keep); err != nil {
		parseErrs["keep"] = "error.backup_keep"
	} else {
		in.Keep = keep
	}
	var err error
	if len(parseErrs) > 0 {
		err = withParseErrors(in.Validate(), parseErrs)
	} else {
		err = h.Store.SaveSettings(r.Context(), h.actor(r), version, in)
	}
	var verr *store.ValidationError
	switch {
	case err == nil:
		http.Redirect(w, r, "/admin/settings/backups?saved=1#schedule", http.StatusSeeOther)
	case errors.As(err, &verr):
		h.backupsProblem(w, r, http.StatusUnprocessableEntity, func(p *adminviews.BackupsPage) {
			p.Schedule, p.Errors, p.Version = form, verr.Fields, strconv.FormatInt(version, 10)
		})
	case errors.Is(err, store.ErrConflict):
		// The form now carries the current version, so saving again overwrites.
		h.backupsProblem(w, r, http.StatusConflict, func(p *adminviews.BackupsPage) { p.Schedule, p.Conflict = form, true })
	default:
		h.StoreError(w, r, err)
	}
}

// backupsProblem re-shows the backups page with the schedule form as the
// owner filled it in.
func (h *Handler) backupsProblem(w http.ResponseWriter, r *http.Request, status int, keep func(*adminviews.BackupsPage)) {
	page, err := h.backupsPage(r)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	keep(&page)
	h.Render(w, r, status, adminviews.Backups(page))
}

// BackupRun takes a backup now (POST /admin/settings/backups/run). A
// failure is not the owner's mistake and not a page error: the backups
// page and the admin home show it (store.BackupHealth), and it is logged.
func (h *Handler) BackupRun(w http.ResponseWriter, r *http.Request) {
	rec, err := h.Store.TakeBackup(r.Context(), h.actor(r), true)
	target := "/admin/settings/backups"
	switch {
	case errors.Is(err, store.ErrBackupExists):
		target += "?busy=1"
	case err != nil:
		if r.Context().Err() != nil {
			return
		}
		h.Log.Error("backup failed", "err", err)
	default:
		target += "?taken=" + url.QueryEscape(rec.Name)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// BackupDownload sends one backup as a file
// (GET /admin/settings/backups/{backup}); the download is audited.
func (h *Handler) BackupDownload(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("backup")
	path, err := h.Store.BackupFile(r.Context(), h.actor(r), name)
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		h.NotFound(w, r) // deleted by the schedule's clean-up just now
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	// A large shop's copy takes longer than the server's write timeout on a
	// slow line; the download may take its time.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "application/vnd.sqlite3")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, name, info.ModTime(), f)
}
