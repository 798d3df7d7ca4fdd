package kit

import "net/http"

// StaffSignedIn reports whether r comes from a browser signed in to the
// admin (its staff session is live), outside the admin's routes too. It
// reads the session from the cookie itself, so that routes outside the
// session middleware (product images) and error pages rendered before it
// can ask; every caller asks only on a rare path (a preview, an unpublished
// image, a closed shop), so no visitor pays for the extra read.
func (d *Deps) StaffSignedIn(r *http.Request) bool {
	if CurrentStaff(r.Context()) != nil {
		return true
	}
	c, err := r.Cookie(d.Sessions.Cookie.Name)
	if err != nil {
		return false
	}
	ctx, err := d.Sessions.Load(r.Context(), c.Value)
	if err != nil {
		return false
	}
	_, _, err = d.Store.StaffSessionValid(ctx, d.Sessions.GetString(ctx, SessionStaffToken))
	return err == nil
}
