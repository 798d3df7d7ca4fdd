package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
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
	flashSignInEmail   = "admin.login.email"            // who is to sign in with the code, after a reset
)

// Staff is /admin/staff: the team, pending invitations, and the
// invite form (with the new link after an invitation).
func (h *Handler) Staff(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	h.renderStaffList(w, r, http.StatusOK, adminviews.StaffListPage{
		Form:       adminviews.InviteForm{Role: store.RoleSupport},
		InviteLink: h.Sessions.PopString(ctx, flashInviteLink),
		Notice:     h.Sessions.PopString(ctx, flashNotice),
	})
}

func (h *Handler) renderStaffList(w http.ResponseWriter, r *http.Request, status int, page adminviews.StaffListPage) {
	ctx := r.Context()
	var err error
	if page.Staff, err = h.Store.ListStaff(ctx); err != nil {
		h.ServerError(w, r, err)
		return
	}
	if page.Invites, err = h.Store.PendingInvites(ctx); err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.InviteHours = int(store.InviteTTL / time.Hour)
	page.MailEnabled = h.Cfg.MailEnabled
	page.Shell = h.adminShell(r, "admin.staff.title")
	h.Render(w, r, status, adminviews.StaffList(page))
}

// StaffInvite creates an invitation and shows its link once, on the
// staff page, for the owner to pass on.
func (h *Handler) StaffInvite(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form := adminviews.InviteForm{Email: strings.TrimSpace(r.PostFormValue("email")), Role: r.PostFormValue("role")}
	token, _, err := h.Store.InviteStaff(ctx, h.actor(r), form.Email, form.Role)
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		h.renderStaffList(w, r, http.StatusUnprocessableEntity, adminviews.StaffListPage{Form: form, Errors: verr.Fields})
		return
	}
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Sessions.Put(ctx, flashInviteLink, h.AbsURL(r, adminviews.InviteURL(token)))
	http.Redirect(w, r, "/admin/staff", http.StatusSeeOther)
}

func (h *Handler) StaffInviteRevoke(w http.ResponseWriter, r *http.Request) {
	id, ok := kit.PathInt(r, "invite")
	if !ok {
		h.NotFound(w, r)
		return
	}
	if err := h.Store.RevokeInvite(r.Context(), h.actor(r), id); err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.doneRedirect(w, r, "/admin/staff", "admin.staff.invite_revoked")
}

// StaffMember is /admin/staff/{id}: one account's role, status,
// password reset link and sessions.
func (h *Handler) StaffMember(w http.ResponseWriter, r *http.Request) {
	m, ok := h.staffMember(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	page := adminviews.StaffMemberPage{Role: m.Role, Version: m.Version, Notice: h.Sessions.PopString(ctx, flashNotice)}
	if id, link, ok := strings.Cut(h.Sessions.PopString(ctx, flashResetLink), " "); ok && id == strconv.FormatInt(m.ID, 10) {
		page.ResetLink = link
	}
	h.renderStaffMember(w, r, http.StatusOK, m, page)
}

func (h *Handler) renderStaffMember(w http.ResponseWriter, r *http.Request, status int, m *store.Staff, page adminviews.StaffMemberPage) {
	ctx := r.Context()
	var err error
	if page.Sessions, err = h.Store.StaffSessions(ctx, m.ID); err != nil {
		h.ServerError(w, r, err)
		return
	}
	page.Member = *m
	if page.IsSelf = kit.CurrentStaff(ctx).ID == m.ID; page.IsSelf {
		page.CurrentSession = kit.CurrentStaffSession(ctx).ID
	}
	page.ResetHours = int(store.PasswordResetTTL / time.Hour)
	page.MailEnabled = h.Cfg.MailEnabled
	page.Shell = h.adminShell(r, "admin.staff.member_title")
	page.Shell.Title = adminviews.StaffTitle(m)
	h.Render(w, r, status, adminviews.StaffMember(page))
}

// StaffRole changes a member's role. The form carries the version it
// was loaded with: a stale one re-shows the page with the current account
// and the owner's choice still selected.
func (h *Handler) StaffRole(w http.ResponseWriter, r *http.Request) {
	m, ok := h.staffMember(w, r)
	if !ok {
		return
	}
	role := r.PostFormValue("role")
	version, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil {
		h.ClientError(w, r, http.StatusBadRequest)
		return
	}
	_, err = h.Store.ChangeStaffRole(r.Context(), h.actor(r), m.ID, version, role)
	var verr *store.ValidationError
	switch {
	case errors.As(err, &verr):
		h.renderStaffMember(w, r, http.StatusUnprocessableEntity, m,
			adminviews.StaffMemberPage{Role: role, Version: version, Errors: verr.Fields})
	case errors.Is(err, store.ErrConflict):
		h.renderStaffMember(w, r, http.StatusConflict, m, adminviews.StaffMemberPage{Role: role, Version: m.Version, Stale: true})
	case err != nil:
		h.StoreError(w, r, err)
	default:
		h.doneRedirect(w, r, adminviews.StaffURL(m.ID), "admin.staff.role_saved")
	}
}

func (h *Handler) StaffDisable(w http.ResponseWriter, r *http.Request) {
	h.setStaffDisabled(w, r, true)
}

func (h *Handler) StaffEnable(w http.ResponseWriter, r *http.Request) {
	h.setStaffDisabled(w, r, false)
}

// setStaffDisabled disables (signing the member out everywhere at once) or
// re-enables an account. The store refuses to disable oneself or the last
// active owner; that is a message on the member's page.
func (h *Handler) setStaffDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	m, ok := h.staffMember(w, r)
	if !ok {
		return
	}
	_, err := h.Store.SetStaffDisabled(r.Context(), h.actor(r), m.ID, disabled)
	if h.memberRefused(w, r, m, err) {
		return
	}
	notice := "admin.staff.enabled_done"
	if disabled {
		notice = "admin.staff.disabled_done"
	}
	h.doneRedirect(w, r, adminviews.StaffURL(m.ID), notice)
}

// StaffReset makes a one-time password reset link for a member and
// shows it once on their page. A link rather than a temporary password:
// the owner never knows anyone's password, and nothing usable is left
// lying around if the member never comes back for it.
func (h *Handler) StaffReset(w http.ResponseWriter, r *http.Request) {
	m, ok := h.staffMember(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	token, _, err := h.Store.CreatePasswordReset(ctx, h.actor(r), m.ID)
	if h.memberRefused(w, r, m, err) {
		return
	}
	h.Sessions.Put(ctx, flashResetLink, strconv.FormatInt(m.ID, 10)+" "+h.AbsURL(r, adminviews.ResetURL(token)))
	http.Redirect(w, r, adminviews.StaffURL(m.ID), http.StatusSeeOther)
}

// StaffSignOut ends every session of a member (except the owner's
// own current one, when it is their own page).
func (h *Handler) StaffSignOut(w http.ResponseWriter, r *http.Request) {
	m, ok := h.staffMember(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	var keep int64
	if m.ID == kit.CurrentStaff(ctx).ID {
		keep = kit.CurrentStaffSession(ctx).ID
	}
	if _, err := h.Store.SignOutStaff(ctx, h.actor(r), m.ID, keep); err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.doneRedirect(w, r, adminviews.StaffURL(m.ID), "admin.sessions.signed_out_all")
}

// StaffSessionRevoke ends one session of a member.
func (h *Handler) StaffSessionRevoke(w http.ResponseWriter, r *http.Request) {
	m, ok := h.staffMember(w, r)
	if !ok {
		return
	}
	sid, ok := kit.PathInt(r, "session")
	if !ok {
		h.NotFound(w, r)
		return
	}
	if err := h.Store.RevokeStaffSession(r.Context(), h.actor(r), m.ID, sid); err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.doneRedirect(w, r, adminviews.StaffURL(m.ID), "admin.sessions.revoked")
}

// staffMember loads the account named by the {id} path value, answering
// 404 itself when there is none.
func (h *Handler) staffMember(w http.ResponseWriter, r *http.Request) (*store.Staff, bool) {
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return nil, false
	}
	m, err := h.Store.StaffByID(r.Context(), id)
	if err != nil {
		h.StoreError(w, r, err)
		return nil, false
	}
	return m, true
}

// memberRefused answers a refused change to m: a rule's message on the
// member's page (422), or the error's status. It reports whether err was
// one.
func (h *Handler) memberRefused(w http.ResponseWriter, r *http.Request, m *store.Staff, err error) bool {
	var verr *store.ValidationError
	switch {
	case err == nil:
		return false
	case errors.As(err, &verr):
		h.renderStaffMember(w, r, http.StatusUnprocessableEntity, m,
			adminviews.StaffMemberPage{Role: m.Role, Version: m.Version, Errors: verr.Fields})
	default:
		h.StoreError(w, r, err)
	}
	return true
}

// doneRedirect ends a successful POST: a one-time notice for the page it
// sends the browser to.
func (h *Handler) doneRedirect(w http.ResponseWriter, r *http.Request, to, notice string) {
	h.Sessions.Put(r.Context(), flashNotice, notice)
	http.Redirect(w, r, to, http.StatusSeeOther)
}
