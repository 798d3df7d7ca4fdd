package store

import (
	"encoding/binary"
	"image"
	"image/color"
)

// maxDecodeBytes bounds the memory one image may take to decode. A file's
// size says nothing about it: a 300 KB PNG of one colour can hold 6300×6300
// 16-bit pixels, 300 MB once decoded. With one image decoded at a time
// (withImageSlot), this bound plus the smaller copies scaling makes is
// what uploads can add to the process: measured on `serve`, four uploads
// at once of the largest images it accepts take it from about 40 MB to
// under 120 MB (TestUploadsKeepServerUnder150MB). It still takes any
// camera JPEG up to the 40-megapixel limit, a 16-megapixel PNG with
// transparency, an 8-megapixel 16-bit one, and a 2000×2000 progressive
// JPEG at full colour resolution, the costliest kind of JPEG (15 bytes a
// pixel while it decodes).
const maxDecodeBytes = 64 << 20

// decodeBytes estimates the memory Go's decoders take for data, whose
// header is cfg: the decoded pixels at the size of the colour model, plus
// what the format's decoder holds beside them while it works. An unknown
// model counts as the largest (16-bit RGBA), so a guess errs on refusing.
func decodeBytes(data []byte, cfg image.Config, format string) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	if format == "jpeg" {
		return jpegDecodeBytes(data, px)
	}
	n := px * bytesPerPixel(cfg.ColorModel)
	switch {
	case format == "png" && pngInterlaced(data):
		// Each of Adam7's passes is decoded into its own image first; the
		// largest is half the picture.
		n += n / 2
	case format == "webp" && cfg.ColorModel == color.NRGBAModel:
		// Lossless WebP decodes into a buffer of its own before the image.
		n *= 2
	}
	return n
}

func bytesPerPixel(m color.Model) int64 {
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3
	case color.RGBAModel, color.NRGBAModel, color.NYCbCrAModel, color.CMYKModel:
		return 4
	}
	return 8
}

// pngInterlaced reads the interlace byte of a PNG's header chunk, which
// must come first: 8 bytes of signature, the chunk's length and type,
// then width, height, bit depth, colour type, compression and filter.
func pngInterlaced(data []byte) bool {
	return len(data) > 28 && string(data[12:16]) == "IHDR" && data[28] != 0
}

// jpegDecodeBytes estimates decoding a JPEG of px pixels from its frame
// header. Each component is stored at its own resolution (chroma is often
// a quarter of the pixels); a four-component (CMYK) file is converted into
// a second, 4-byte-per-pixel image; and a progressive file keeps every
// coefficient (4 bytes per sample) until its last scan. A header this
// cannot read counts as the worst case.
func jpegDecodeBytes(data []byte, px int64) int64 {
	progressive, share, comps, ok := jpegFrame(data)
	if !ok {
		return px * 24
	}
	// share is the samples per pixel over all components, in 64ths.
	n := px * share / 64
	if comps == 4 {
		n += px * 4
	}
	if progressive {
		n += px * share * 4 / 64
	}
	return n
}

// jpegFrame finds the frame header (SOFn) by walking the segments before
// it, and returns whether the frame is progressive, the samples per pixel
// over all its components in 64ths (so 4:2:0 colour is 96, 1.5 samples),
// and the number of components.
func jpegFrame(data []byte) (progressive bool, share int64, comps int, ok bool) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return false, 0, 0, false
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return false, 0, 0, false
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		length := int(binary.BigEndian.Uint16(data[i+2:]))
		seg := data[i+4 : min(len(data), i+2+length)]
		if marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
			share, comps, ok = jpegComponents(seg)
			return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE, share, comps, ok
		}
		i += 2 + length
	}
	return false, 0, 0, false
}

// jpegComponents reads a frame header's components: precision, height,
// width, their count, then per component an id, its horizontal and
// vertical sampling factors (a nibble each) and a table number.
func jpegComponents(seg []byte) (share int64, comps int, ok bool) {
	if len(seg) < 6 {
		return 0, 0, false
	}
	comps = int(seg[5])
	if comps == 0 || len(seg) < 6+3*comps {
		return 0, 0, false
	}
	var hmax, vmax int64 = 1, 1
	for c := range comps {
		f := seg[6+3*c+1]
		hmax, vmax = max(hmax, int64(f>>4)), max(vmax, int64(f&15))
	}
	for c := range comps {
		f := seg[6+3*c+1]
		share += 64 * int64(f>>4) * int64(f&15) / (hmax * vmax)
	}
	return share, comps, true
}
