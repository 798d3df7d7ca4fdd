package admin

import (
	"net/http"
	"strconv"

	"storefront/store"
	"storefront/views"
	adminviews "storefront/views/admin"
)

// heroForm is the hero section's form as saved.
func heroForm(st store.Settings) adminviews.HeroForm {
	f := adminviews.HeroForm{CTALabel: st.HeroCTALabel, CTAURL: st.HeroCTAURL,
		Translations: settingTexts(st, store.SettingHeroCTALabel)}
	if st.HeroImageID != 0 {
		f.ImageURL = views.ImageURL(st.HeroImageID, true)
	}
	return f
}

// SettingsHero saves the home page hero: its button and its picture, from
// one multipart form (the picture may be left empty to keep the current).
func (h *Handler) SettingsHero(w http.ResponseWriter, r *http.Request) {
	defer removeUploads(r)
	if !h.readImageForm(w, r, store.SectionHero, "hero_image") {
		return
	}
	version, ok := h.formVersion(w, r)
	if !ok {
		return
	}
	_, others := h.shopLocales(r.Context())
	in := store.HeroInput{CTALabel: r.PostFormValue("hero_cta_label"), CTAURL: r.PostFormValue("hero_cta_url"),
		Translations: postedFormTexts(r, others, store.SettingHeroCTALabel),
		RemoveImage:  r.PostFormValue("hero_image_remove") != ""}
	if file, _, err := r.FormFile("hero_image"); err == nil {
		defer file.Close()
		in.Image = file
	}
	if err := h.Store.SaveHero(r.Context(), h.actor(r), version, in); err != nil {
		h.settingsFailed(w, r, store.SectionHero, strconv.FormatInt(version, 10), err, func(p *adminviews.SettingsPage) {
			p.Hero.CTALabel, p.Hero.CTAURL, p.Hero.Translations = in.CTALabel, in.CTAURL, in.Translations
		})
		return
	}
	settingsSaved(w, r, store.SectionHero)
}
