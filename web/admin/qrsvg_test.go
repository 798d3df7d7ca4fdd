package admin

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
)

// qrRunRE is one rectangle of qrSVG's path: a run of dark modules in a row.
var qrRunRE = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// decodeQRPath turns qrSVG's path back into a grid of dark modules,
// failing on anything that is not a run rectangle inside the viewBox.
func decodeQRPath(t *testing.T, size int, path string) [][]bool {
	t.Helper()
	if rest := qrRunRE.ReplaceAllString(path, ""); rest != "" {
		t.Fatalf("path has more than runs of squares: %q", rest)
	}
	grid := make([][]bool, size)
	for i := range grid {
		grid[i] = make([]bool, size)
	}
	for _, m := range qrRunRE.FindAllStringSubmatch(path, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		if back, _ := strconv.Atoi(m[4]); back != w || w < 1 || y >= size || x+w > size {
			t.Fatalf("bad run %q in a %d-module code", m[0], size)
		}
		for i := range w {
			if grid[y][x+i] {
				t.Fatalf("module %d,%d drawn twice", x+i, y)
			}
			grid[y][x+i] = true
		}
	}
	return grid
}

func TestQRSVG(t *testing.T) {
	// "HELLO WORLD" at level M fits QR version 1: 21×21 modules, plus a
	// quiet zone of 4 on each side.
	code, err := qrSVG("HELLO WORLD")
	if err != nil {
		t.Fatal(err)
	}
	if code.Size != 29 {
		t.Fatalf("size = %d, want 29", code.Size)
	}
	grid := decodeQRPath(t, code.Size, code.Path)

	// The three finder patterns are fixed by the standard whatever the
	// content: a 7×7 dark ring, a light ring, a dark 3×3 centre.
	for _, corner := range [][2]int{{0, 0}, {14, 0}, {0, 14}} {
		for dy := range 7 {
			for dx := range 7 {
				ring := max(qrAbs(dx-3), qrAbs(dy-3))
				want := ring != 2
				if got := grid[4+corner[1]+dy][4+corner[0]+dx]; got != want {
					t.Fatalf("finder at %v: module %d,%d dark = %v, want %v", corner, dx, dy, got, want)
				}
			}
		}
	}
	// The quiet zone is blank.
	for y := range code.Size {
		for x := range code.Size {
			if (x < 4 || y < 4 || x >= 25 || y >= 25) && grid[y][x] {
				t.Fatalf("dark module %d,%d in the quiet zone", x, y)
			}
		}
	}

	// Every module matches the encoder's, for an otpauth URL too.
	for _, content := range []string{"HELLO WORLD", "otpauth://totp/Tea%20House:li@example.com?algorithm=SHA1&digits=6&issuer=Tea%20House&period=30&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"} {
		want, err := qr.Encode(content, qr.M, qr.Auto)
		if err != nil {
			t.Fatal(err)
		}
		code, err := qrSVG(content)
		if err != nil {
			t.Fatal(err)
		}
		n := want.Bounds().Dx()
		if code.Size != n+8 || (n-17)%4 != 0 {
			t.Fatalf("%q: size %d for %d modules", content, code.Size, n)
		}
		grid := decodeQRPath(t, code.Size, code.Path)
		dark := 0
		for y := range n {
			for x := range n {
				if grid[y+4][x+4] != qrDark(want, x, y) {
					t.Fatalf("%q: module %d,%d differs", content, x, y)
				}
				if grid[y+4][x+4] {
					dark++
				}
			}
		}
		if dark < n*n/4 || dark > n*n*3/4 {
			t.Errorf("%q: %d of %d modules dark", content, dark, n*n)
		}
	}
	if strings.ContainsAny(code.Path, "<>\"") {
		t.Error("path data needs escaping")
	}
}

func qrAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
