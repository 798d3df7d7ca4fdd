package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"storefront/mail"
	"storefront/store"
	adminviews "storefront/views/admin"
	"storefront/web/kit"
)

// launchForms fills the settings page's launch section and test email
// from the stored settings.
func (h *Handler) launchForms(ctx context.Context, st store.Settings, p *adminviews.SettingsPage) error {
	hasPassword, err := h.Store.HasShopPassword(ctx)
	if err != nil {
		return err
	}
	p.Launch = adminviews.LaunchForm{PublicURL: st.PublicURL, FixedURL: h.Cfg.BaseURL, Closed: st.ShopClosed, HasPassword: hasPassword}
	p.Versions[store.SectionLaunch] = strconv.FormatInt(st.Version(store.SectionLaunch), 10)
	p.Mail = adminviews.MailState{Enabled: h.emails.Enabled()}
	if me := kit.CurrentStaff(ctx); me != nil {
		p.Mail.To = me.Email
	}
	return nil
}

// SettingsLaunch saves the public address and whether the shop is closed
// behind its password.
func (h *Handler) SettingsLaunch(w http.ResponseWriter, r *http.Request) {
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	in := store.LaunchSettings{PublicURL: r.PostFormValue(store.SettingPublicURL),
		Closed: r.PostFormValue(store.SettingShopClosed) == "1", Password: r.PostFormValue(store.SettingShopPassword)}
	form := adminviews.LaunchForm{PublicURL: in.PublicURL, FixedURL: h.Cfg.BaseURL, Closed: in.Closed, Password: in.Password}
	if err := h.Store.SaveLaunchSettings(r.Context(), h.actor(r), version, in); err != nil {
		h.settingsFailed(w, r, store.SectionLaunch, strconv.FormatInt(version, 10), err, func(p *adminviews.SettingsPage) {
			form.HasPassword = p.Launch.HasPassword
			p.Launch = form
		})
		return
	}
	settingsSaved(w, r, store.SectionLaunch)
}

// SettingsTestEmail sends a test email to the signed-in owner at once,
// through the configured mail server, and says how it went: the server's
// own answer when it refused (502), or plainly that there is no mail
// server (409). A success ticks the setup guide's email step.
func (h *Handler) SettingsTestEmail(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	me := kit.CurrentStaff(ctx)
	err := h.emails.SendTest(ctx, me.Email)
	if err == nil {
		if err := h.Store.RecordTestEmail(ctx); err != nil {
			h.ServerError(w, r, err)
			return
		}
		http.Redirect(w, r, "/admin/settings?saved=test-email#test-email", http.StatusSeeOther)
		return
	}
	h.Log.Warn("test email not sent", "id", kit.RequestID(ctx), "to", me.Email, "err", err)
	status := http.StatusBadGateway
	if errors.Is(err, mail.ErrNoMailServer) {
		status = http.StatusConflict
	}
	page, perr := h.settingsPage(r)
	if perr != nil {
		h.ServerError(w, r, perr)
		return
	}
	if status == http.StatusBadGateway {
		page.Mail.Error = err.Error()
	}
	h.Render(w, r, status, adminviews.Settings(page))
}

// SetupGuideHide hides the admin home's setup guide for good.
func (h *Handler) SetupGuideHide(w http.ResponseWriter, r *http.Request) {
	if err := h.Store.HideSetupGuide(r.Context()); err != nil {
		h.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}
