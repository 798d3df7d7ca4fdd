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
	"io"
	"net/http"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // registers WebP decoding
)

// Image limits. Uploads beyond them are refused rather than resized, so a
// hostile file cannot make the server decode a gigapixel image; decoding
// memory has its own bound, maxDecodeBytes (image_budget.go).
const (
	MaxImageBytes  = 10 << 20
	maxImagePixels = 40_000_000
	fullImageEdge  = 1600
	thumbImageEdge = 480
)

var (
	// ErrBadImage means the bytes are not an image the shop accepts.
	ErrBadImage = errors.New("not a JPEG, PNG, WebP or GIF image")
	// ErrImageTooBig is an ErrBadImage whose header is fine but whose
	// pixels would take more memory to decode than the shop allows.
	ErrImageTooBig = fmt.Errorf("%w: too many pixels to process", ErrBadImage)
	// ErrImageTooLarge means the file has more than MaxImageBytes.
	ErrImageTooLarge = fmt.Errorf("larger than %d MB", MaxImageBytes>>20)
)

// imageSlot lets one image at a time be read, decoded and scaled in this
// process. Decoding takes memory in proportion to the pixels, up to
// maxDecodeBytes; four uploads at once would take four times that. The
// slot is the process's, not a Store's, because memory is.
var imageSlot = make(chan struct{}, 1)

// SetImageSlots lets n images be processed at once in this process, each
// with up to maxDecodeBytes of its own, for a command that may have more
// of the machine than a running shop (import products --jobs). Call it
// while no other goroutine is starting on an image; an image already
// being processed gives its slot back to the set it took it from.
func SetImageSlots(n int) { imageSlot = make(chan struct{}, max(1, n)) }

// withImageSlot runs fn once an image slot is free (no other image is
// being processed, unless SetImageSlots allowed more), or gives up with
// ctx's error. It collects garbage first: the previous image's
// buffers are garbage by then, and collecting them before the next decode
// keeps the heap from growing by one image's worth on every upload until
// the collector's next natural cycle. When that leaves more than
// keepFreeBytes free, as a large image does, the memory goes back to the
// system too: the runtime keeps freed pages for reuse, but the next decode
// can only reuse them if nothing has been placed among them since, and
// otherwise a second image's worth becomes resident beside them (a CI run
// of TestUploadsKeepServerUnder150MB once saw 163 MB where it sees 120).
func withImageSlot(ctx context.Context, fn func() error) error {
	// The slot is given back to the set it was taken from, should
	// SetImageSlots replace the set meanwhile.
	slots := imageSlot
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("wait to process an image: %w", ctx.Err())
	}
	defer func() { <-slots }()
	runtime.GC()
	if heapFreeBytes() > keepFreeBytes {
		debug.FreeOSMemory()
	}
	return fn()
}

// keepFreeBytes is how much freed memory withImageSlot leaves the runtime
// to reuse. Returning memory costs a second collection and the next
// image's page faults: 10% of a 1200×1200 photo's time, so below this,
// which such a photo stays under, the memory is kept.
const keepFreeBytes = maxDecodeBytes / 4

// heapFreeBytes is the memory the runtime holds free and could return.
func heapFreeBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// readImage reads an upload of at most MaxImageBytes.
func readImage(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	if len(data) > MaxImageBytes {
		return nil, ErrImageTooLarge
	}
	return data, nil
}

type processedImage struct {
	full, thumb   []byte
	width, height int
	etag          string
}

// CheckImage reads just an image's header and tells whether the store will
// accept it: a JPEG, PNG, WebP or GIF by content (not by name), within the
// size limits, and small enough once decoded (ErrImageTooBig).
func CheckImage(data []byte) error {
	if len(data) > MaxImageBytes {
		return fmt.Errorf("%w: %w", ErrBadImage, ErrImageTooLarge)
	}
	switch http.DetectContentType(data) {
	case "image/jpeg", "image/png", "image/gif", "image/webp":
	default:
		return ErrBadImage
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return ErrBadImage
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return fmt.Errorf("%w: more than %d megapixels", ErrImageTooBig, maxImagePixels/1_000_000)
	}
	if n := decodeBytes(data, cfg, format); n > maxDecodeBytes {
		return fmt.Errorf("%w: %d×%d %s needs %d MB to decode, more than %d MB",
			ErrImageTooBig, cfg.Width, cfg.Height, format, n>>20, maxDecodeBytes>>20)
	}
	return nil
}

// processImage checks an image, re-encodes it (dropping any metadata such
// as GPS tags) and makes a thumbnail. Callers hold the image slot.
func processImage(data []byte) (*processedImage, error) {
	if err := CheckImage(data); err != nil {
		return nil, err
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrBadImage
	}
	full := onWhite(src, fullImageEdge)
	// The thumbnail is made from the full copy: far fewer pixels to read
	// than the original, and the same picture.
	thumb := onWhite(full, thumbImageEdge)
	fullJPEG, err := encodeJPEG(full)
	if err != nil {
		return nil, err
	}
	thumbJPEG, err := encodeJPEG(thumb)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(fullJPEG)
	b := full.Bounds()
	return &processedImage{full: fullJPEG, thumb: thumbJPEG, width: b.Dx(), height: b.Dy(), etag: hex.EncodeToString(sum[:12])}, nil
}

// onWhite scales src to fit within edge×edge on a white background (so
// transparent PNGs look right).
func onWhite(src image.Image, edge int) *image.RGBA {
	w, h := fitWithin(src.Bounds(), edge)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	scaleInto(dst, src, draw.Over)
	return dst
}

func encodeJPEG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 82}); err != nil {
		return nil, fmt.Errorf("encode image: %w", err)
	}
	return buf.Bytes(), nil
}

// fitWithin is the size of b scaled down (never up) to fit edge×edge.
func fitWithin(b image.Rectangle, edge int) (w, h int) {
	w, h = b.Dx(), b.Dy()
	if w <= edge && h <= edge {
		return w, h
	}
	if w >= h {
		return edge, max(1, h*edge/w)
	}
	return max(1, w*edge/h), edge
}

// scaleInto draws src scaled to dst's bounds with op. It does not use a
// kernel scaler (Catmull-Rom and the like): those keep a float64 buffer of
// 32 bytes per destination column and source row, 320 MB for a 6300-pixel
// tall photo scaled to 1600 wide. Instead a large reduction first averages
// whole blocks of k×k pixels (boxShrink), which needs one strip of rows,
// and bilinear sampling does the rest, a factor under two where it loses
// little.
func scaleInto(dst draw.Image, src image.Image, op draw.Op) {
	db, sb := dst.Bounds(), src.Bounds()
	if db.Size() == sb.Size() {
		draw.Draw(dst, db, src, sb.Min, op)
		return
	}
	if k := min(sb.Dx()/db.Dx(), sb.Dy()/db.Dy()); k >= 2 {
		src = boxShrink(src, k)
		sb = src.Bounds()
	}
	draw.ApproxBiLinear.Scale(dst, db, src, sb, op, nil)
}

// boxShrink averages each k×k block of src into one pixel (blocks cut by
// the right or bottom edge average the pixels they have). It converts k
// rows at a time to premultiplied RGBA, where averaging is exact for
// transparent pixels too.
func boxShrink(src image.Image, k int) *image.RGBA {
	sb := src.Bounds()
	sw := sb.Dx()
	dst := image.NewRGBA(image.Rect(0, 0, (sw+k-1)/k, (sb.Dy()+k-1)/k))
	strip := image.NewRGBA(image.Rect(0, 0, sw, k))
	sums := make([]uint32, 4*dst.Rect.Dx())
	for y := range dst.Rect.Dy() {
		rows := min(k, sb.Dy()-y*k)
		draw.Draw(strip, image.Rect(0, 0, sw, rows), src, image.Pt(sb.Min.X, sb.Min.Y+y*k), draw.Src)
		clear(sums)
		for r := range rows {
			row := strip.Pix[r*strip.Stride:]
			for x := range sw {
				s, p := sums[4*(x/k):], row[4*x:]
				s[0] += uint32(p[0])
				s[1] += uint32(p[1])
				s[2] += uint32(p[2])
				s[3] += uint32(p[3])
			}
		}
		out := dst.Pix[y*dst.Stride:]
		for x := range dst.Rect.Dx() {
			n := uint32(rows * min(k, sw-x*k))
			for c := range 4 {
				out[4*x+c] = uint8((sums[4*x+c] + n/2) / n)
			}
		}
	}
	return dst
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
	// Public is set for what anyone may see: the images of an active
	// product, and the shop's logo (an image of no product). A draft's or an
	// archived product's images are for staff only.
	Public bool
}

// ImageData returns image id, its thumbnail when thumb is set.
func (s *Store) ImageData(ctx context.Context, id int64, thumb bool) (*ImageBytes, error) {
	col := "data"
	if thumb {
		col = "thumb"
	}
	im := &ImageBytes{}
	err := s.queryRow(ctx, `SELECT i.content_type, i.etag, i.`+col+`, i.product_id IS NULL OR p.status = ?
		FROM images i LEFT JOIN products p ON p.id = i.product_id WHERE i.id = ?`, StatusActive, id).
		Scan(&im.ContentType, &im.ETag, &im.Data, &im.Public)
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
