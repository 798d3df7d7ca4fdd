package main

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"storefront/store"
	adminviews "storefront/views/admin"
)

// One-time values a form's POST hands to the page it redirects to. They
// wait in the session and are taken out (Pop) by the page that shows them,
// so a secret link or recovery code shows once and a reload does not
// repeat an action.
const (
	flashNotice        = "admin.staff.notice"           // catalog key of a done message
	flashInviteLink    = "admin.staff.invite_link"      // a new invitation's URL
	flashResetLink     = "admin.staff.reset_link"       // "staffID URL": only that member's page shows it
	flashRecoveryCodes = "admin.account.recovery_codes" // newline-separated
)

// adminStaff is /admin/staff: the team, pending invitations, and the
// invite form (with the new link after an invitation).
func (a *app) adminStaff(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a.renderStaffList(w, r, http.StatusOK, adminviews.StaffListPage{
		Form:       adminviews.InviteForm{Role: store.RoleSupport},
		InviteLink: a.sessions.PopString(ctx, flashInviteLink),
		Notice:     a.sessions.PopString(ctx, flashNotice),
	})
}

func (a *app) renderStaffList(w http.ResponseWriter, r *http.Request, status int, page adminviews.StaffListPage) {
	ctx := r.Context()
	var err error
	if page.Staff, err = a.store.ListStaff(ctx); err != nil {
		a.serverError(w, r, err)
		return
	}
	if page.Invites, err = a.store.PendingInvites(ctx); err != nil {
		a.serverError(w, r, err)
		return
	}
	page.InviteHours = int(store.InviteTTL / time.Hour)
	page.Shell = a.adminShell(r, "admin.staff.title")
	a.render(w, r, status, adminviews.StaffList(page))
}

// adminStaffInvite creates an invitation and shows its link once, on the
// staff page, for the owner to pass on.
func (a *app) adminStaffInvite(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form := adminviews.InviteForm{Email: strings.TrimSpace(r.PostFormValue("email")), Role: r.PostFormValue("role")}
	token, _, err := a.store.InviteStaff(ctx, a.actor(r), form.Email, form.Role)
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		a.renderStaffList(w, r, http.StatusUnprocessableEntity, adminviews.StaffListPage{Form: form, Errors: verr.Fields})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.sessions.Put(ctx, flashInviteLink, a.absURL(r, adminviews.InviteURL(token)))
	http.Redirect(w, r, "/admin/staff", http.StatusSeeOther)
}

func (a *app) adminStaffInviteRevoke(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r, "invite")
	if !ok {
		a.notFound(w, r)
		return
	}
	if err := a.store.RevokeInvite(r.Context(), a.actor(r), id); err != nil {
		a.storeError(w, r, err)
		return
	}
	a.doneRedirect(w, r, "/admin/staff", "admin.staff.invite_revoked")
}

// adminStaffMember is /admin/staff/{id}: one account's role, status,
// password reset link and sessions.
func (a *app) adminStaffMember(w http.ResponseWriter, r *http.Request) {
	m, ok := a.staffMember(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	page := adminviews.StaffMemberPage{Role: m.Role, Version: m.Version, Notice: a.sessions.PopString(ctx, flashNotice)}
	if id, link, ok := strings.Cut(a.sessions.PopString(ctx, flashResetLink), " "); ok && id == strconv.FormatInt(m.ID, 10) {
		page.ResetLink = link
	}
	a.renderStaffMember(w, r, http.StatusOK, m, page)
}

func (a *app) renderStaffMember(w http.ResponseWriter, r *http.Request, status int, m *store.Staff, page adminviews.StaffMemberPage) {
	ctx := r.Context()
	var err error
	if page.Sessions, err = a.store.StaffSessions(ctx, m.ID); err != nil {
		a.serverError(w, r, err)
		return
	}
	page.Member = *m
	if page.IsSelf = currentStaff(ctx).ID == m.ID; page.IsSelf {
		page.CurrentSession = currentStaffSession(ctx).ID
	}
	page.ResetHours = int(store.PasswordResetTTL / time.Hour)
	page.Shell = a.adminShell(r, "admin.staff.member_title")
	a.render(w, r, status, adminviews.StaffMember(page))
}

// adminStaffRole changes a member's role. The form carries the version it
// was loaded with: a stale one re-shows the page with the current account
// and the owner's choice still selected.
func (a *app) adminStaffRole(w http.ResponseWriter, r *http.Request) {
	m, ok := a.staffMember(w, r)
	if !ok {
		return
	}
	role := r.PostFormValue("role")
	version, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil {
		a.clientError(w, r, http.StatusBadRequest)
		return
	}
	_, err = a.store.ChangeStaffRole(r.Context(), a.actor(r), m.ID, version, role)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		a.renderStaffMember(w, r, http.StatusUnprocessableEntity, m,
			adminviews.StaffMemberPage{Role: role, Version: version, Errors: verr.Fields})
	case errors.Is(err, store.ErrConflict):
		a.renderStaffMember(w, r, http.StatusConflict, m, adminviews.StaffMemberPage{Role: role, Version: m.Version, Stale: true})
	case err != nil:
		a.storeError(w, r, err)
	default:
		a.doneRedirect(w, r, adminviews.StaffURL(m.ID), "admin.staff.role_saved")
	}
}

func (a *app) adminStaffDisable(w http.ResponseWriter, r *http.Request) {
	a.setStaffDisabled(w, r, true)
}

func (a *app) adminStaffEnable(w http.ResponseWriter, r *http.Request) {
	a.setStaffDisabled(w, r, false)
}

// setStaffDisabled disables (signing the member out everywhere at once) or
// re-enables an account. The store refuses to disable oneself or the last
// active owner; that is a message on the member's page.
func (a *app) setStaffDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	m, ok := a.staffMember(w, r)
	if !ok {
		return
	}
	_, err := a.store.SetStaffDisabled(r.Context(), a.actor(r), m.ID, disabled)
	if a.memberRefused(w, r, m, err) {
		return
	}
	notice := "admin.staff.enabled_done"
	if disabled {
		notice = "admin.staff.disabled_done"
	}
	a.doneRedirect(w, r, adminviews.StaffURL(m.ID), notice)
}

// adminStaffReset makes a one-time password reset link for a member and
// shows it once on their page. A link rather than a temporary password:
// the owner never knows anyone's password, and nothing usable is left
// lying around if the member never comes back for it.
func (a *app) adminStaffReset(w http.ResponseWriter, r *http.Request) {
	m, ok := a.staffMember(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	token, _, err := a.store.CreatePasswordReset(ctx, a.actor(r), m.ID)
	if a.memberRefused(w, r, m, err) {
		return
	}
	a.sessions.Put(ctx, flashResetLink, strconv.FormatInt(m.ID, 10)+" "+a.absURL(r, adminviews.ResetURL(token)))
	http.Redirect(w, r, adminviews.StaffURL(m.ID), http.StatusSeeOther)
}

// adminStaffSignOut ends every session of a member (except the owner's
// own current one, when it is their own page).
func (a *app) adminStaffSignOut(w http.ResponseWriter, r *http.Request) {
	m, ok := a.staffMember(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	var keep int64
	if m.ID == currentStaff(ctx).ID {
		keep = currentStaffSession(ctx).ID
	}
	if _, err := a.store.SignOutStaff(ctx, a.actor(r), m.ID, keep); err != nil {
		a.storeError(w, r, err)
		return
	}
	a.doneRedirect(w, r, adminviews.StaffURL(m.ID), "admin.sessions.signed_out_all")
}

// adminStaffSessionRevoke ends one session of a member.
func (a *app) adminStaffSessionRevoke(w http.ResponseWriter, r *http.Request) {
	m, ok := a.staffMember(w, r)
	if !ok {
		return
	}
	sid, ok := pathInt(r, "session")
	if !ok {
		a.notFound(w, r)
		return
	}
	if err := a.store.RevokeStaffSession(r.Context(), a.actor(r), m.ID, sid); err != nil {
		a.storeError(w, r, err)
		return
	}
	a.doneRedirect(w, r, adminviews.StaffURL(m.ID), "admin.sessions.revoked")
}

// staffMember loads the account named by the {id} path value, answering
// 404 itself when there is none.
func (a *app) staffMember(w http.ResponseWriter, r *http.Request) (*store.Staff, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		a.notFound(w, r)
		return nil, false
	}
	m, err := a.store.StaffByID(r.Context(), id)
	if err != nil {
		a.storeError(w, r, err)
		return nil, false
	}
	return m, true
}

// memberRefused answers a refused change to m: a rule's message on the
// member's page (422), or the error's status. It reports whether err was
// one.
func (a *app) memberRefused(w http.ResponseWriter, r *http.Request, m *store.Staff, err error) bool {
	var verr *store.ValidationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &verr):
		a.renderStaffMember(w, r, http.StatusUnprocessableEntity, m,
			adminviews.StaffMemberPage{Role: m.Role, Version: m.Version, Errors: verr.Fields})
	default:
		a.storeError(w, r, err)
	}
	return true
}

// doneRedirect ends a successful POST: a one-time notice for the page it
// sends the browser to.
func (a *app) doneRedirect(w http.ResponseWriter, r *http.Request, to, notice string) {
	a.sessions.Put(r.Context(), flashNotice, notice)
	http.Redirect(w, r, to, http.StatusSeeOther)
}
