package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
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

// SaveLogo checks data (CheckImage), stores it as the shop's logo (an
// image with no product) and deletes the previous logo, all audited as a
// save of the logo section from version. It returns the new image's id.
func (s *Store) SaveLogo(ctx context.Context, actor Actor, version int64, data []byte) (int64, error) {
	full, thumb, err := processLogo(data)
	if err != nil {
		return 0, &ValidationError{Fields: map[string]string{"logo": "error.logo_image"}}
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

// processLogo checks an upload and makes the stored and header PNGs.
func processLogo(data []byte) (full, thumb logoImage, err error) {
	if err := CheckImage(data); err != nil {
		return full, thumb, err
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return full, thumb, ErrBadImage
	}
	if full, err = encodeLogo(src, logoEdge); err != nil {
		return full, thumb, err
	}
	thumb, err = encodeLogo(src, logoThumbEdge)
	return full, thumb, err
}

// encodeLogo scales src down (never up) to fit edge×edge, keeping its
// transparency, and encodes it as PNG.
func encodeLogo(src image.Image, edge int) (logoImage, error) {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > edge || h > edge {
		if w >= h {
			w, h = edge, max(1, h*edge/b.Dx())
		} else {
			w, h = max(1, w*edge/b.Dy()), edge
		}
	}
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst); err != nil {
		return logoImage{}, fmt.Errorf("encode logo: %w", err)
	}
	return logoImage{data: buf.Bytes(), width: w, height: h}, nil
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
