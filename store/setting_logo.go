package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"strconv"

	"golang.org/x/image/draw"
)

// A logo is kept as PNG, unlike product photos (JPEG on white): logos are
// often drawn on a transparent background that must stay transparent on
// a dark theme. Re-encoding drops any metadata the upload carried.
const (
	logoEdge      = 800 // the stored logo, for packing slips and emails
	logoThumbEdge = 320 // the header's copy (shown at most 40px high)
)

// SaveLogo reads an uploaded image from r, checks it (CheckImage), stores
// it as the shop's logo (an image with no product) and deletes the
// previous logo, all audited as a save of the logo section from version.
// It returns the new image's id.
func (s *Store) SaveLogo(ctx context.Context, actor Actor, version int64, r io.Reader) (int64, error) {
	var full, thumb logoImage
	err := withImageSlot(ctx, func() error {
		data, err := readImage(r)
		if err != nil {
			return err
		}
		full, thumb, err = processLogo(data)
		return err
	})
	switch {
	case errors.Is(err, ErrImageTooBig):
		return 0, &ValidationError{Fields: map[string]string{"logo": "error.image_too_big"}}
	case errors.Is(err, ErrImageTooLarge):
		return 0, &ValidationError{Fields: map[string]string{"logo": "error.logo_too_large"}}
	case errors.Is(err, ErrBadImage):
		return 0, &ValidationError{Fields: map[string]string{"logo": "error.logo_image"}}
	case err != nil:
		return 0, err
	}
	var id int64
	err = s.updateSettings(ctx, actor, SectionLogo, version, func(tx *sql.Tx, m map[string]string) error {
		if id, err = s.insertLogo(ctx, tx, full, thumb); err != nil {
			return err
		}
		if err := deleteLogo(ctx, tx, m[SettingLogoImageID]); err != nil {
			return err
		}
		m[SettingLogoImageID] = strconv.FormatInt(id, 10)
		return nil
	})
	return id, err
}

// RemoveLogo takes the logo off the shop and deletes its image.
func (s *Store) RemoveLogo(ctx context.Context, actor Actor, version int64) error {
	return s.updateSettings(ctx, actor, SectionLogo, version, func(tx *sql.Tx, m map[string]string) error {
		if err := deleteLogo(ctx, tx, m[SettingLogoImageID]); err != nil {
			return err
		}
		m[SettingLogoImageID] = "0"
		return nil
	})
}

type logoImage struct {
	data          []byte
	width, height int
}

// processLogo checks an upload and makes the stored and header PNGs, the
// header's from the stored one. Callers hold the image slot.
func processLogo(data []byte) (full, thumb logoImage, err error) {
	if err := CheckImage(data); err != nil {
		return full, thumb, err
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return full, thumb, ErrBadImage
	}
	fullImg := keepAlpha(src, logoEdge)
	if full, err = encodeLogo(fullImg); err != nil {
		return full, thumb, err
	}
	thumb, err = encodeLogo(keepAlpha(fullImg, logoThumbEdge))
	return full, thumb, err
}

// keepAlpha scales src down (never up) to fit edge×edge, keeping its
// transparency.
func keepAlpha(src image.Image, edge int) *image.NRGBA {
	w, h := fitWithin(src.Bounds(), edge)
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	scaleInto(dst, src, draw.Src)
	return dst
}

func encodeLogo(img *image.NRGBA) (logoImage, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		return logoImage{}, fmt.Errorf("encode logo: %w", err)
	}
	return logoImage{data: buf.Bytes(), width: img.Rect.Dx(), height: img.Rect.Dy()}, nil
}

func (s *Store) insertLogo(ctx context.Context, tx *sql.Tx, full, thumb logoImage) (int64, error) {
	sum := sha256.Sum256(full.data)
	res, err := tx.ExecContext(ctx, `
		INSERT INTO images (product_id, alt, content_type, width, height, etag, data, thumb, created_at)
		VALUES (NULL, 'logo', 'image/png', ?, ?, ?, ?, ?, ?)`,
		full.width, full.height, hex.EncodeToString(sum[:12]), full.data, thumb.data, s.Now().Unix())
	if err != nil {
		return 0, fmt.Errorf("insert logo: %w", err)
	}
	return res.LastInsertId()
}

// deleteLogo deletes the logo image whose id is the setting's value, if
// any. The product_id test keeps a bad setting from deleting a product's photo.
func deleteLogo(ctx context.Context, tx *sql.Tx, idSetting string) error {
	id, _ := strconv.ParseInt(idSetting, 10, 64)
	if id == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM images WHERE id = ? AND product_id IS NULL`, id)
	return err
}
