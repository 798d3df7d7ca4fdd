package admin

import (
	"fmt"
	"strings"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"

	adminviews "storefront/views/admin"
)

// qrQuietZone is the blank border, in modules, that QR readers need
// around a code (ISO/IEC 18004 asks for four).
const qrQuietZone = 4

// qrSVG encodes content (an otpauth:// URL) as a QR code, drawn by the
// view as one SVG path in a viewBox of Size×Size modules. The code is part
// of the page: no image file, no data: URL, no style attribute, so it
// passes the admin's Content-Security-Policy and works offline. Each run
// of dark modules in a row is one rectangle, which keeps the path short.
func qrSVG(content string) (adminviews.QRCode, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return adminviews.QRCode{}, fmt.Errorf("qr code: %w", err)
	}
	n := code.Bounds().Dx()
	var d strings.Builder
	for y := range n {
		for x := 0; x < n; {
			if !qrDark(code, x, y) {
				x++
				continue
			}
			run := 1
			for x+run < n && qrDark(code, x+run, y) {
				run++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", x+qrQuietZone, y+qrQuietZone, run, run)
			x += run
		}
	}
	return adminviews.QRCode{Size: n + 2*qrQuietZone, Path: d.String()}, nil
}

// qrDark reports whether the module at x, y is dark. boombuler's codes
// are one pixel per module, black or white.
func qrDark(code barcode.Barcode, x, y int) bool {
	r, _, _, _ := code.At(x, y).RGBA()
	return r == 0
}
