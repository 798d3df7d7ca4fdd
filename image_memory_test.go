package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"storefront/store"
	"storefront/web/webtest"
)

// TestUploadsKeepServerUnder150MB is the outside test's memory attack on a
// real server process: four uploads at once of a 400 KB PNG holding
// 6300×6300 16-bit pixels took it from 40 MB to 2.9 GB. Now that file is
// refused from its header, images are decoded one at a time, and the
// largest images the shop accepts (at its decoding budget: 8- and 16-bit
// PNGs of one colour, the smallest files for their pixels, and a
// 24-megapixel photo), four at a time, keep the process's peak resident
// memory (VmHWM, from the kernel) under 150 MB.
func TestUploadsKeepServerUnder150MB(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and uploads large images")
	}
	if raceDetector {
		t.Skip("the race detector multiplies memory use; the ceiling is measured without it")
	}
	hwm := func(pid int) int {
		status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
		if err != nil {
			t.Skip("no /proc:", err)
		}
		for line := range strings.Lines(string(status)) {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
				return kb >> 10
			}
		}
		t.Fatal("no VmHWM in /proc/PID/status")
		return 0
	}
	db := filepath.Join(t.TempDir(), "shop.db")
	seedCrashShop(t, db, 1)
	addr := freeAddr(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"=--addr "+addr+" --db "+db)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	base := "http://" + addr
	waitForServer(t, base+"/healthz")
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if _, err := postForm(c, base+"/admin/login", url.Values{"email": {"owner@example.com"}, "password": {"owner password 123"}}); err != nil {
		t.Fatal(err)
	}
	t.Logf("idle: peak %d MB", hwm(cmd.Process.Pid))
	for _, tt := range []struct {
		name string
		data []byte
		want int
	}{
		{"6300×6300 16-bit PNG", webtest.SolidPNG(6300, 6300, true), http.StatusUnprocessableEntity},
		{"2800×2800 16-bit PNG", webtest.SolidPNG(2800, 2800, true), http.StatusSeeOther},
		{"4000×4000 8-bit PNG", webtest.SolidPNG(4000, 4000, false), http.StatusSeeOther},
		{"6000×4000 JPEG", photoJPEG(t, 6000, 4000), http.StatusSeeOther},
	} {
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if got, err := uploadImage(c, base+"/admin/products/1/images", tt.data); err != nil || got != tt.want {
					t.Errorf("%s: %d, %v; want %d", tt.name, got, err, tt.want)
				}
			})
		}
		wg.Wait()
		peak := hwm(cmd.Process.Pid)
		t.Logf("after four %s at once: peak %d MB", tt.name, peak)
		if peak >= 150 {
			t.Fatalf("peak resident memory %d MB after four %s, want under 150 MB", peak, tt.name)
		}
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if p, err := st.ProductByID(context.Background(), 1); err != nil || len(p.Images) != 12 {
		t.Errorf("product has %d images (%v), want the 12 accepted", len(p.Images), err)
	}
}

// photoJPEG is a w×h JPEG with enough detail to be megabytes, like a photo.
func photoJPEG(t *testing.T, w, h int) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i * 7 % 251)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// uploadImage posts data as the product page's upload form does.
func uploadImage(c *http.Client, u string, data []byte) (int, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("image", "upload")
	fw.Write(data)
	mw.Close()
	resp, err := c.Post(u, mw.FormDataContentType(), &body)
	if err != nil {
		return 0, fmt.Errorf("upload: %w", err)
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// TestImportLeavesOutHostileImage: the importer checks each downloaded
// image as an upload is checked, and leaves the hostile one out with a
// warning instead of decoding it.
func TestImportLeavesOutHostileImage(t *testing.T) {
	hostile, small := webtest.SolidPNG(6300, 6300, true), tinyPNG(t)
	srv := imageHost(t, "/huge.png", hostile, small)
	out, vase := importVase(t, srv.URL+"/huge.png", srv.URL+"/small.png")
	if !strings.Contains(out, "huge.png") || !strings.Contains(out, "too many pixels") {
		t.Errorf("no warning about huge.png:\n%s", out)
	}
	if len(vase.Images) != 1 || vase.Images[0].SourceURL != srv.URL+"/small.png" {
		t.Errorf("vase = %+v; want the small image alone", vase)
	}
}
