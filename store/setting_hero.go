package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
)

const maxHeroLabelLen = 60

// HeroInput is the home page hero's form: its button, and a new picture
// (Image, nil to keep the current one) or none (RemoveImage). The hero's
// heading and text are the shop's name and description.
type HeroInput struct {
	CTALabel string
	// Translations are the button label in the other languages; nil keeps
	// the stored ones.
	Translations Texts
	CTAURL       string
	Image        io.Reader
	RemoveImage  bool
}

// SaveHero saves the hero's button and picture, audited as a save of the
// hero section from version. A new picture is checked and re-encoded like
// a product photo (CheckImage) before anything is written, and the one it
// replaces is deleted in the same transaction.
func (s *Store) SaveHero(ctx context.Context, actor Actor, version int64, in HeroInput) error {
	in.CTALabel, in.CTAURL = TrimText(in.CTALabel), strings.TrimSpace(in.CTAURL)
	v := &ValidationError{}
	validateFields(v, map[string]string{SettingHeroCTALabel: in.CTALabel, SettingHeroCTAURL: in.CTAURL})
	validateSettingTexts(v, in.Translations, SettingHeroCTALabel)
	if in.CTALabel != "" && in.CTAURL == "" {
		v.Add("hero_cta_url", "chrome.error.hero_cta_url")
	}
	var img *processedImage
	if in.Image != nil && !in.RemoveImage {
		err := withImageSlot(ctx, func() error {
			data, err := readImage(in.Image)
			if err == nil {
				img, err = processImage(data)
			}
			return err
		})
		switch {
		case errors.Is(err, ErrImageTooBig):
			v.Add("hero_image", "error.image_too_big")
		case errors.Is(err, ErrImageTooLarge):
			v.Add("hero_image", "error.logo_too_large")
		case errors.Is(err, ErrBadImage):
			v.Add("hero_image", "error.logo_image")
		case err != nil:
			return err
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.updateSettings(ctx, actor, SectionHero, version, func(tx *sql.Tx, m map[string]string) error {
		m[SettingHeroCTALabel], m[SettingHeroCTAURL] = in.CTALabel, in.CTAURL
		applySettingTexts(m, in.Translations, SettingHeroCTALabel)
		if img == nil && !in.RemoveImage {
			return nil
		}
		// deleteLogo deletes any image of no product by id: the old hero too.
		if err := deleteLogo(ctx, tx, m[SettingHeroImageID]); err != nil {
			return err
		}
		m[SettingHeroImageID] = "0"
		if img != nil {
			id, err := s.insertHeroImage(ctx, tx, img)
			if err != nil {
				return err
			}
			m[SettingHeroImageID] = strconv.FormatInt(id, 10)
		}
		return nil
	})
}

// insertHeroImage stores the hero's picture as an image of no product,
// public like the logo (ImageData).
func (s *Store) insertHeroImage(ctx context.Context, tx *sql.Tx, p *processedImage) (int64, error) {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO images (product_id, alt, content_type, width, height, etag, data, thumb, created_at)
		VALUES (NULL, 'hero', 'image/jpeg', ?, ?, ?, ?, ?, ?)`,
		p.width, p.height, p.etag, p.full, p.thumb, s.Now().Unix())
	if err != nil {
		return 0, fmt.Errorf("insert hero image: %w", err)
	}
	return res.LastInsertId()
}

// checkHeroURL accepts where the hero button may go: a path on the shop
// ("/collections/tea") or an http(s) address; never a javascript: or
// protocol-relative ("//evil.example") link.
func checkHeroURL(v string) string {
	if v == "" {
		return ""
	}
	if len(v) > 500 {
		return "chrome.error.hero_cta_url"
	}
	if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") && !strings.HasPrefix(v, "/\\") {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "chrome.error.hero_cta_url"
	}
	return ""
}
