package webtest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
)

// SolidPNG is a w×h PNG of one colour with 16 bits per channel (deep) or
// 8, and an alpha channel: the file an attacker uploads to make the server
// decode far more than it received (6300×6300 at 16 bits is about 400 KB
// of file and 300 MB of pixels). It is written row by row, each row
// filtered as "same as the row above", so that building it never holds
// the pixels either.
func SolidPNG(w, h int, deep bool) []byte {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		buf.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
		buf.WriteString(typ)
		buf.Write(data)
		buf.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(append([]byte(typ), data...))))
	}
	pixel := []byte{0x20, 0x80, 0xc0, 0xff}
	if deep {
		pixel = []byte{0x20, 0x21, 0x80, 0x81, 0xc0, 0xc1, 0xff, 0xff}
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, byte(len(pixel)*2), 6, 0, 0, 0) // bit depth, RGBA, deflate, no filter method, no interlace
	chunk("IHDR", ihdr)

	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := append([]byte{0}, bytes.Repeat(pixel, w)...) // filter "none"
	z.Write(row)
	same := make([]byte, len(row))
	same[0] = 2 // filter "up": every byte as in the row above
	for range h - 1 {
		z.Write(same)
	}
	z.Close()
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return buf.Bytes()
}
