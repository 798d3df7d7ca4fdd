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
	"image/color"
	_ "image/gif" // registers GIF decoding
	"image/jpeg"
	_ "image/png" // registers PNG decoding
	"net/http"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // registers WebP decoding
)

// Image limits. Uploads beyond them are refused rather than resized, so a
// hostile file cannot make the server decode a gigapixel image.
const (
	MaxImageBytes  = 10 << 20
	maxImagePixels = 40_000_000
	fullImageEdge  = 1600
	thumbImageEdge = 480
)

// ErrBadImage means the bytes are not an image the shop accepts.
var ErrBadImage = errors.New("not a JPEG, PNG, WebP or GIF image")

type processedImage struct {
	full, thumb   []byte
	width, height int
	etag          string
}

// CheckImage reads just an image's header and tells whether the store will
// accept it: a JPEG, PNG, WebP or GIF by content (not by name), within the
// size limits.
func CheckImage(data []byte) error {
	if len(data) > MaxImageBytes {
		return fmt.Errorf("%w: larger than %d MB", ErrBadImage, MaxImageBytes>>20)
	}
	switch http.DetectContentType(data) {
	case "image/jpeg", "image/png", "image/gif", "image/webp":
	default:
		return ErrBadImage
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return ErrBadImage
	}
	if cfg.Width*cfg.Height > maxImagePixels {
		return fmt.Errorf("%w: more than %d megapixels", ErrBadImage, maxImagePixels/1_000_000)
	}
	return nil
}

// processImage checks an image, re-encodes it (dropping any metadata such
// as GPS tags) and makes a thumbnail.
func processImage(data []byte) (*processedImage, error) {
	if err := CheckImage(data); err != nil {
		return nil, err
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrBadImage
	}
	full, w, h, err := encodeJPEG(src, fullImageEdge)
	if err != nil {
		return nil, err
	}
	thumb, _, _, err := encodeJPEG(src, thumbImageEdge)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(full)
	return &processedImage{full: full, thumb: thumb, width: w, height: h, etag: hex.EncodeToString(sum[:12])}, nil
}

// encodeJPEG scales src to fit within edge×edge on a white background (so
// transparent PNGs look right) and encodes it as JPEG.
func encodeJPEG(src image.Image, edge int) ([]byte, int, int, error) {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > edge || h > edge {
		if w >= h {
			w, h = edge, max(1, h*edge/b.Dx())
		} else {
			w, h = max(1, w*edge/b.Dy()), edge
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Over)
	} else {
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82}); err != nil {
		return nil, 0, 0, fmt.Errorf("encode image: %w", err)
	}
	return buf.Bytes(), w, h, nil
}

func (s *Store) insertImage(ctx context.Context, tx *sql.Tx, productID int64, sourceURL, alt string, p *processedImage) (int64, error) {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO images (product_id, alt, source_url, content_type, width, height, etag, data, thumb, created_at)
		VALUES (?, ?, ?, 'image/jpeg', ?, ?, ?, ?, ?, ?)`,
		productID, alt, sourceURL, p.width, p.height, p.etag, p.full, p.thumb, s.Now().Unix())
	if err != nil {
		return 0, fmt.Errorf("insert image: %w", err)
	}
	return res.LastInsertId()
}

// ImageBytes is a stored image ready to serve.
type ImageBytes struct {
	ContentType string
	ETag        string
	Data        []byte
}

// ImageData returns image id, its thumbnail when thumb is set.
func (s *Store) ImageData(ctx context.Context, id int64, thumb bool) (*ImageBytes, error) {
	col := "data"
	if thumb {
		col = "thumb"
	}
	im := &ImageBytes{}
	err := s.queryRow(ctx, `SELECT content_type, etag, `+col+` FROM images WHERE id = ?`, id).
		Scan(&im.ContentType, &im.ETag, &im.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("image %d: %w", id, err)
	}
	if thumb {
		im.ETag += "-t"
	}
	return im, nil
}
