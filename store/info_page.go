package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// The information pages a shopper reads before paying: who the shop is,
// how it ships, its terms and its privacy notice. There are exactly these
// four, at /pages/{slug}.
const (
	InfoPageAbout    = "about"
	InfoPageShipping = "shipping"
	InfoPageTerms    = "terms"
	InfoPagePrivacy  = "privacy"
)

// InfoPageSlugs are the pages in the order the admin and the footer list
// them.
var InfoPageSlugs = []string{InfoPageAbout, InfoPageShipping, InfoPageTerms, InfoPagePrivacy}

// InfoPage is one information page in every language. Like the return
// texts, its title and body are merchant texts kept as settings (the
// default language) and the settings' translations (the others).
type InfoPage struct {
	Slug    string
	Title   Text  // "" until the owner writes one: the catalog's name of the page shows
	Body    Text  // plain text, paragraphs separated by blank lines
	Version int64 // what the page's form was opened at (Settings.Version)
}

// Published reports whether shoppers can read the page: it has a body in
// the default language, which every other language falls back to. A page
// without one does not exist for them (a 404, out of the footer and the
// sitemap) rather than showing an empty page.
func (p InfoPage) Published() bool { return p.Body.Default != "" }

const (
	maxInfoPageTitle = 120
	maxInfoPageBody  = 20000
)

// infoPageKey is the setting (and the translations' field) of one of a
// page's texts: "page.about.title", "page.about.body".
func infoPageKey(slug, field string) string { return "page." + slug + "." + field }

// infoPageSection is the settings section of one page's form: each page
// is saved, and versioned, on its own.
func infoPageSection(slug string) string { return "page." + slug }

// infoPageKeys are every page's title and body keys, Texts in the
// settings' snapshot like the translatable settings (settingText).
var infoPageKeys = func() map[string]bool {
	keys := map[string]bool{}
	for _, slug := range InfoPageSlugs {
		keys[infoPageKey(slug, "title")], keys[infoPageKey(slug, "body")] = true, true
	}
	return keys
}()

// InfoPages reads the four pages, from the settings' cache: the footer
// lists the published ones on every page, so they cost no query until
// one is saved.
func (s *Store) InfoPages(ctx context.Context) ([]InfoPage, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]InfoPage, len(InfoPageSlugs))
	for i, slug := range InfoPageSlugs {
		out[i] = InfoPage{Slug: slug, Title: st.Text(infoPageKey(slug, "title")), Body: st.Text(infoPageKey(slug, "body")),
			Version: st.Version(infoPageSection(slug))}
	}
	return out, nil
}

// InfoPageBySlug is one page, ErrNotFound for a slug that is none of them.
func (s *Store) InfoPageBySlug(ctx context.Context, slug string) (InfoPage, error) {
	pages, err := s.InfoPages(ctx)
	if err != nil {
		return InfoPage{}, err
	}
	if i := slices.Index(InfoPageSlugs, slug); i >= 0 {
		return pages[i], nil
	}
	return InfoPage{}, fmt.Errorf("info page %q: %w", slug, ErrNotFound)
}

// SaveInfoPage saves one page's title and body in every language; a
// language left out loses its translation. A problem belongs to the form
// field of the value ("title", "body_zh"). A body translated with none in
// the default language is refused: shoppers of the default language would
// find no page while the others read one. A save from a version (0:
// unchecked, see saveSectionVersion) saved over since is ErrConflict.
func (s *Store) SaveInfoPage(ctx context.Context, actor Actor, slug string, version int64, title, body Text) error {
	if !slices.Contains(InfoPageSlugs, slug) {
		return fmt.Errorf("save info page %q: %w", slug, ErrNotFound)
	}
	v := &ValidationError{}
	title = tidyInfoText(v, "title", title, maxInfoPageTitle)
	body = tidyInfoText(v, "body", body, maxInfoPageBody)
	if body.Default == "" && len(body.Tr) > 0 {
		v.Add("body", "pages.error.body_default")
	}
	if err := v.Err(); err != nil {
		return err
	}
	texts := map[string]Text{infoPageKey(slug, "title"): title, infoPageKey(slug, "body"): body}
	audited := map[string]string{infoPageKey(slug, "title"): "title", infoPageKey(slug, "body"): "body"}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := saveSectionVersion(ctx, tx, infoPageSection(slug), version); err != nil {
			return err
		}
		before, err := settingTextsAudit(ctx, tx, audited)
		if err != nil {
			return err
		}
		for key, t := range texts {
			if err := writeSetting(ctx, tx, key, t.Default); err != nil {
				return err
			}
		}
		if err := saveTranslations(ctx, tx, EntitySettingText, 0, texts); err != nil {
			return err
		}
		after, err := settingTextsAudit(ctx, tx, audited)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: "pages.save", Entity: "info_page", EntityID: slug,
			Before: before, After: after})
	})
	if err != nil {
		return fmt.Errorf("save info page %s: %w", slug, err)
	}
	// The footer of every cached page lists the published pages.
	s.invalidateSettings()
	return nil
}

// tidyInfoText trims each of t's values (a textarea posts CRLF line ends)
// and checks its length, adding a problem to the form field of the value.
func tidyInfoText(v *ValidationError, field string, t Text, limit int) Text {
	tidy := func(s string) string { return TrimText(strings.ReplaceAll(s, "\r\n", "\n")) }
	out := Plain(tidy(t.Default))
	if utf8.RuneCountInString(out.Default) > limit {
		v.Add(field, "error.too_long")
	}
	for locale, value := range t.Tr {
		if msg := checkLocale(locale); msg != "" {
			v.Add(field+"_"+locale, msg)
		} else if value = tidy(value); utf8.RuneCountInString(value) > limit {
			v.Add(field+"_"+locale, "error.too_long")
		}
		out = out.With(locale, value)
	}
	return out
}
