package admin

import (
	"net/url"
	"strconv"

	"storefront/store"
)

// StaffListPage is /admin/staff: the team, pending invitations and the
// invite form. InviteLink is set only right after an invitation was made:
// the link is shown once and never stored.
type StaffListPage struct {
	Shell       Shell
	Staff       []store.Staff
	Invites     []store.StaffInvite
	Form        InviteForm
	Errors      map[string]string // field → catalog key
	InviteLink  string
	InviteHours int
	Notice      string // catalog key of a done message
	// MailEnabled says whether the invitation's email goes out now or
	// waits for a mail server, which the message beside the link tells.
	MailEnabled bool
}

// linkMadeKey is the message beside a one-time link just made (key): the
// link was emailed, or waits in the outbox for a mail server.
func linkMadeKey(key string, mailEnabled bool) string {
	if mailEnabled {
		return key
	}
	return key + "_no_mail"
}

// InviteForm echoes the invite form's values.
type InviteForm struct {
	Email string
	Role  string
}

// StaffMemberPage is /admin/staff/{id}: one account's role, status,
// password reset and sessions, for the owner.
type StaffMemberPage struct {
	Shell    Shell
	Member   store.Staff
	Role     string // the role form's value: the user's after a refused save
	Version  int64
	Stale    bool              // someone changed the account since the form was loaded
	Errors   map[string]string // field ("role", "disabled", "reset") → catalog key
	IsSelf   bool
	Sessions []store.StaffSession
	// CurrentSession is the viewer's own session, when the page is theirs.
	CurrentSession int64
	ResetLink      string // a new reset link, shown once
	ResetHours     int
	Notice         string
	MailEnabled    bool // as StaffListPage's
}

// InvitePage is the public form behind an invitation link.
type InvitePage struct {
	Shell  Shell
	Token  string
	Invite store.StaffInvite
	Name   string
	Errors map[string]string
}

// ResetPage is the public form behind a password reset link.
type ResetPage struct {
	Shell  Shell
	Token  string
	Email  string
	Errors map[string]string
}

// StaffURL is where the owner manages one staff member.
func StaffURL(id int64) string { return "/admin/staff/" + strconv.FormatInt(id, 10) }

// InviteURL is an invitation link's path; ResetURL a reset link's.
func InviteURL(token string) string { return "/admin/invite/" + url.PathEscape(token) }

// ResetURL is a password reset link's path.
func ResetURL(token string) string { return "/admin/reset/" + url.PathEscape(token) }
