package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/jpeg"
	"image/png"
	"runtime"
	"sync"
	"testing"
	"time"
)

// pngHeader is the start of a PNG, up to its header chunk: enough for
// image.DecodeConfig, and not one pixel to decode.
func pngHeader(w, h int, depth, colorType byte) []byte {
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, depth, colorType, 0, 0, 0)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, uint32(len(ihdr)-4))
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

// TestHostileImageRefusedFromItsHeader: the outside test's image, 6300×6300
// pixels of 16-bit RGBA (300 MB decoded), is refused from its header
// alone. This file has no pixel data at all, so the refusal cannot have
// come from decoding.
func TestHostileImageRefusedFromItsHeader(t *testing.T) {
	hostile := pngHeader(6300, 6300, 16, 6)
	if err := CheckImage(hostile); !errors.Is(err, ErrImageTooBig) || !errors.Is(err, ErrBadImage) {
		t.Fatalf("CheckImage = %v, want ErrImageTooBig", err)
	}
	s := newTestStore(t)
	ctx := context.Background()
	id, _ := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Vase", Status: StatusActive, Variants: []VariantInput{{Price: 100}}})
	if _, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(hostile), Plain("")); fieldError(err, "image") != "error.image_too_big" {
		t.Errorf("AddProductImage = %v, want error.image_too_big", err)
	}
	if _, err := s.SaveLogo(ctx, staffActor, 1, bytes.NewReader(hostile)); fieldError(err, "logo") != "error.image_too_big" {
		t.Errorf("SaveLogo = %v, want error.image_too_big", err)
	}
	// The same pixels at 8 bits per channel, or fewer pixels at 16, fit.
	for _, ok := range [][]byte{pngHeader(4000, 4000, 8, 6), pngHeader(2800, 2800, 16, 6)} {
		if err := CheckImage(ok); err != nil {
			t.Errorf("CheckImage = %v", err)
		}
	}
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// patchJPEGFrame rewrites a JPEG's frame header: its marker and its first
// component's sampling factors.
func patchJPEGFrame(t *testing.T, data []byte, marker, lumaSampling byte) []byte {
	t.Helper()
	data = bytes.Clone(data)
	i := bytes.Index(data, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no baseline frame header")
	}
	data[i+1] = marker
	data[i+11] = lumaSampling // FF C0, length (2), precision, height (2), width (2), count, id, sampling
	return data
}

// TestDecodeBytes checks the estimate against what Go's decoders allocate
// for each kind of image: measured with runtime.MemStats, a 6300×6300
// 16-bit PNG allocates 302 MB, a 4000×3000 progressive 4:2:0 JPEG 86 MB
// and a 2000×2000 progressive 4:4:4 one 57 MB, as estimated.
func TestDecodeBytes(t *testing.T) {
	r := image.Rect(0, 0, 100, 80)
	const px = 100 * 80
	var ycc bytes.Buffer
	if err := jpeg.Encode(&ycc, image.NewYCbCr(r, image.YCbCrSubsampleRatio420), nil); err != nil {
		t.Fatal(err)
	}
	var gray bytes.Buffer
	if err := jpeg.Encode(&gray, image.NewGray(r), nil); err != nil {
		t.Fatal(err)
	}
	interlaced := encodePNG(t, image.NewNRGBA64(r))
	interlaced[28] = 1
	for name, tt := range map[string]struct {
		data   []byte
		config []byte // the file DecodeConfig reads, when not data
		want   int64
	}{
		"8-bit gray PNG":         {data: encodePNG(t, image.NewGray(r)), want: px},
		"16-bit gray PNG":        {data: encodePNG(t, image.NewGray16(r)), want: 2 * px},
		"palette PNG":            {data: encodePNG(t, image.NewPaletted(r, palette.Plan9)), want: px},
		"RGBA PNG":               {data: encodePNG(t, image.NewNRGBA(r)), want: 4 * px},
		"16-bit RGBA PNG":        {data: encodePNG(t, image.NewNRGBA64(r)), want: 8 * px},
		"interlaced 16-bit PNG":  {data: interlaced, config: encodePNG(t, image.NewNRGBA64(r)), want: 12 * px},
		"gray JPEG":              {data: gray.Bytes(), want: px},
		"4:2:0 JPEG":             {data: ycc.Bytes(), want: 3 * px / 2},
		"4:4:4 JPEG":             {data: patchJPEGFrame(t, ycc.Bytes(), 0xC0, 0x11), config: ycc.Bytes(), want: 3 * px},
		"progressive 4:2:0 JPEG": {data: patchJPEGFrame(t, ycc.Bytes(), 0xC2, 0x22), config: ycc.Bytes(), want: 15 * px / 2},
		"progressive 4:4:4 JPEG": {data: patchJPEGFrame(t, ycc.Bytes(), 0xC2, 0x11), config: ycc.Bytes(), want: 15 * px},
		"unreadable JPEG":        {data: []byte{0xFF, 0xD8, 0x00}, config: ycc.Bytes(), want: 24 * px},
	} {
		src := tt.config
		if src == nil {
			src = tt.data
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := decodeBytes(tt.data, cfg, format); got != tt.want {
			t.Errorf("%s: %d bytes, want %d", name, got, tt.want)
		}
	}
	if got := bytesPerPixel(color.ModelFunc(func(c color.Color) color.Color { return c })); got != 8 {
		t.Errorf("an unknown colour model counts %d bytes a pixel, want 8", got)
	}
}

// TestImagesAreProcessedOneAtATime: while an image holds the slot, four
// more uploads at once wait their turn (here until their deadline) rather
// than decode beside it; once it is free, all four go through.
func TestImagesAreProcessedOneAtATime(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	id, _ := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Vase", Status: StatusActive, Variants: []VariantInput{{Price: 100}}})
	upload := func(ctx context.Context) error {
		_, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(testPNG(t, color.White)), Plain(""))
		return err
	}
	fourAtOnce := func(ctx context.Context) []error {
		errs := make([]error, 4)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() { errs[i] = upload(ctx) })
		}
		wg.Wait()
		return errs
	}

	imageSlot <- struct{}{} // another image is being processed
	waiting, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	errs := fourAtOnce(waiting)
	cancel()
	<-imageSlot
	for _, err := range errs {
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("upload while the slot was taken: %v, want to wait until the deadline", err)
		}
	}
	for _, err := range fourAtOnce(ctx) {
		if err != nil {
			t.Errorf("upload once free: %v", err)
		}
	}
	if p, _ := s.ProductByID(ctx, id); len(p.Images) != 4 {
		t.Errorf("gallery has %d images, want 4", len(p.Images))
	}
}

// TestImageSlotReturnsALargeImagesMemory: after a large image, the next
// one starts with its memory given back to the system, so that it cannot
// become resident beside the next; a product photo's memory is kept for
// reuse, as returning it would cost every photo a tenth more time.
func TestImageSlotReturnsALargeImagesMemory(t *testing.T) {
	ctx := context.Background()
	process := func(data []byte) {
		if err := withImageSlot(ctx, func() error { _, err := processImage(data); return err }); err != nil {
			t.Fatal(err)
		}
	}
	process(encodePNG(t, image.NewRGBA(image.Rect(0, 0, 4000, 3000)))) // 48 MB decoded
	var free uint64
	withImageSlot(ctx, func() error { free = heapFreeBytes(); return nil })
	if free > keepFreeBytes {
		t.Errorf("after a 4000×3000 image the next starts with %d MB free and kept, want at most %d", free>>20, keepFreeBytes>>20)
	}
	process(photoJPEG(1200, 1200))
	runtime.GC()
	if free := heapFreeBytes(); free > keepFreeBytes {
		t.Errorf("a 1200×1200 photo leaves %d MB free, over keepFreeBytes (%d MB): every photo would pay for returning it", free>>20, keepFreeBytes>>20)
	} else {
		t.Logf("a 1200×1200 photo leaves %d MB free", free>>20)
	}
}

// photoJPEG is a w×h JPEG with detail in every channel, as a photo has.
func photoJPEG(w, h int) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i * 7 % 251)
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = uint8(i*3%200), uint8(i*5%180)
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	return buf.Bytes()
}

// TestPreparedImagesAreSavedAsPrepared: images prepared ahead
// (PrepareImages, as the import does with --jobs) are saved without being
// processed again, so while every image slot is taken the product is
// saved all the same; with two slots, a second image is processed beside
// the first.
func TestPreparedImagesAreSavedAsPrepared(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	in := ProductInput{Title: "Vase", Handle: "vase", Status: StatusActive, Variants: []VariantInput{{Price: 100, Stock: 5}},
		Images: []ImageInput{{SourceURL: "https://cdn.example/vase.png", Data: testPNG(t, color.White)}}}
	if err := PrepareImages(ctx, &in); err != nil {
		t.Fatal(err)
	}
	imageSlot <- struct{}{} // another image is being processed
	busy, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	_, _, err := s.SaveProduct(busy, in)
	cancel()
	if err != nil {
		t.Errorf("saving a prepared product while the slot is taken: %v", err)
	}
	<-imageSlot
	if p, _ := s.ProductByHandle(ctx, "vase", true); p == nil || len(p.Images) != 1 || p.Images[0].Width == 0 {
		t.Errorf("saved product = %+v, want its image", p)
	}

	SetImageSlots(2)
	t.Cleanup(func() { SetImageSlots(1) })
	imageSlot <- struct{}{}
	defer func() { <-imageSlot }()
	in.Images[0].processed = nil
	busy, cancel = context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := PrepareImages(busy, &in); err != nil || in.Images[0].processed == nil {
		t.Errorf("with two slots and one taken: %v, want the image processed in the other", err)
	}
}

// TestImageSlotGoesBackWhereItCameFrom: an image being processed when
// SetImageSlots replaces the slots gives its slot back to the set it took
// it from; given to the new set, it waited for ever (the import sets one
// slot again as it ends).
func TestImageSlotGoesBackWhereItCameFrom(t *testing.T) {
	defer SetImageSlots(1)
	inside, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- withImageSlot(context.Background(), func() error {
			close(inside)
			<-release
			return nil
		})
	}()
	<-inside
	SetImageSlots(2)
	close(release)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the image's slot was never given back")
	}
	if err := withImageSlot(context.Background(), func() error { return nil }); err != nil {
		t.Fatal(err)
	}
}
