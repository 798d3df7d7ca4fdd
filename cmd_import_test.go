package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"storefront/store"
	"storefront/views"
	"storefront/web/webtest"
)

// tinyPNG is a 4×3 PNG image.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for x := range 4 {
		img.Set(x, 1, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportProducts(t *testing.T) {
	ctx := context.Background()
	pngData := tinyPNG(t)
	var shirtFetches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/shirt.png":
			shirtFetches.Add(1)
			w.Header().Set("Content-Type", "image/png")
			w.Write(pngData)
		case "/page.html":
			w.Write([]byte("<!doctype html><p>not an image</p>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	dir := t.TempDir()
	csvPath := filepath.Join(dir, "products.csv")
	dbPath := filepath.Join(dir, "shop.db")
	csv := "Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Image Src,Image Position,Variant Image\n" +
		"tee,Cotton Tee,\"<p>Soft.</p>\n<p>Organic.</p>\",Size,S,TEE-S,19.90,3," + srv.URL + "/shirt.png,1,\n" +
		"tee,,,,M,TEE-M,19.90,-2," + srv.URL + "/missing.png,2," + srv.URL + "/shirt.png\n" +
		"tee,,,,L,TEE-L,abc,1,,,\n" +
		"mug,Mug,,Title,Default Title,MUG-1,8,5," + srv.URL + "/page.html,1,\n"
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	noEnv := func(string) string { return "" }

	var out bytes.Buffer
	if err := cmdImport(ctx, []string{"products", csvPath, "--db", dbPath}, noEnv, &out); err != nil {
		t.Fatalf("import: %v\n%s", err, out.String())
	}
	t.Log(out.String())
	for _, want := range []string{
		"[1/2] tee created",
		"[2/2] mug created",
		srv.URL + "/missing.png",
		"404",
		srv.URL + "/page.html",
		"line 5 (tee)", // the L row: the description spans lines 2-3
		"imported 2 products (2 created, 0 updated), 3 variants, 1 images; 1 skipped rows; 2 image warnings",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tee, err := st.ProductByHandle(ctx, "tee", true)
	if err != nil {
		t.Fatal(err)
	}
	if tee.Title != "Cotton Tee" || tee.Description != "Soft.\n\nOrganic." || !reflect.DeepEqual(tee.OptionNames, []string{"Size"}) {
		t.Errorf("tee = %q %q %q", tee.Title, tee.Description, tee.OptionNames)
	}
	if len(tee.Variants) != 2 || tee.Variants[0].SKU != "TEE-S" || tee.Variants[0].Price != 1990 || tee.Variants[1].Stock != 0 {
		t.Fatalf("tee variants = %+v", tee.Variants)
	}
	if len(tee.Images) != 1 || tee.Images[0].SourceURL != srv.URL+"/shirt.png" || tee.Images[0].Width != 4 {
		t.Fatalf("tee images = %+v", tee.Images)
	}
	if tee.Variants[1].ImageID != tee.Images[0].ID {
		t.Errorf("TEE-M image = %d, want %d", tee.Variants[1].ImageID, tee.Images[0].ID)
	}
	mug, err := st.ProductByHandle(ctx, "mug", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(mug.Variants) != 1 || len(mug.Images) != 0 || mug.OptionNames != nil {
		t.Errorf("mug = %+v", mug)
	}
	st.Close()

	// Again, flags first this time: the same products are updated in place,
	// keep their variant ids and do not download stored images again.
	out.Reset()
	if err := cmdImport(ctx, []string{"--db", dbPath, "products", csvPath}, noEnv, &out); err != nil {
		t.Fatalf("second import: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "imported 2 products (0 created, 2 updated)") {
		t.Errorf("second import output:\n%s", out.String())
	}
	if got := shirtFetches.Load(); got != 1 {
		t.Errorf("shirt.png fetched %d times, want 1", got)
	}
	st, err = store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tee2, err := st.ProductByHandle(ctx, "tee", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(tee2.Variants) != 2 || tee2.Variants[0].ID != tee.Variants[0].ID || tee2.Variants[1].ID != tee.Variants[1].ID {
		t.Errorf("variants after re-import = %+v, want ids %d and %d", tee2.Variants, tee.Variants[0].ID, tee.Variants[1].ID)
	}
	if len(tee2.Images) != 1 || tee2.Images[0].ID != tee.Images[0].ID || tee2.Variants[1].ImageID != tee.Images[0].ID {
		t.Errorf("images after re-import = %+v", tee2.Images)
	}
}

func TestImportErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	noEnv := func(string) string { return "" }
	db := filepath.Join(dir, "shop.db")
	notCSV := filepath.Join(dir, "orders.csv")
	os.WriteFile(notCSV, []byte("Name,Email\n#1001,a@example.com\n"), 0o644)
	for name, args := range map[string][]string{
		"no arguments":   {},
		"not products":   {"customers", notCSV, "--db", db},
		"missing file":   {"products", filepath.Join(dir, "nope.csv"), "--db", db},
		"no Handle":      {"products", notCSV, "--db", db},
		"unknown flag":   {"products", notCSV, "--nope"},
		"two files":      {"products", notCSV, notCSV, "--db", db},
		"db in a folder": {"products", notCSV, "--db", filepath.Join(dir, "no", "such", "dir", "x.db")},
	} {
		var out bytes.Buffer
		if err := cmdImport(ctx, args, noEnv, &out); err == nil {
			t.Errorf("%s: no error\n%s", name, out.String())
		}
	}
}

func TestImportFlagsAnywhere(t *testing.T) {
	tests := []struct {
		args []string
		pos  []string
		db   string
	}{
		{[]string{"products", "a.csv", "--db", "x.db"}, []string{"products", "a.csv"}, "x.db"},
		{[]string{"--db=x.db", "products", "a.csv"}, []string{"products", "a.csv"}, "x.db"},
		{[]string{"products", "-db", "x.db", "a.csv"}, []string{"products", "a.csv"}, "x.db"},
		{[]string{"products", "--", "--db"}, []string{"products", "--db"}, "default"},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		db := fs.String("db", "default", "")
		pos, err := parseInterleaved(fs, tt.args)
		if err != nil || !reflect.DeepEqual(pos, tt.pos) || *db != tt.db {
			t.Errorf("parseInterleaved(%q) = %q, db %q, %v; want %q, %q", tt.args, pos, *db, err, tt.pos, tt.db)
		}
	}
}

// Ctrl-C while a product's images download: that product is not saved
// (it would lack its images) and the import stops there.
// TestImportInterrupted: an import stopped while it downloads the second
// product's image (the first saved meanwhile) saves nothing more.
func TestImportInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out lockedBuffer
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for deadline := time.Now().Add(5 * time.Second); !strings.Contains(out.String(), "first created") && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		cancel()
		<-r.Context().Done()
	}))
	defer srv.Close()

	dir := t.TempDir()
	csvPath := filepath.Join(dir, "products.csv")
	dbPath := filepath.Join(dir, "shop.db")
	csv := "Handle,Title,Variant Price,Image Src\n" +
		"first,First,1,\n" +
		"second,Second,1," + srv.URL + "/slow.png\n" +
		"third,Third,1,\n"
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	err := cmdImport(ctx, []string{"products", csvPath, "--db", dbPath}, func(string) string { return "" }, &out)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("err = %v, want interrupted\n%s", err, out.String())
	}
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for handle, want := range map[string]bool{"first": true, "second": false, "third": false} {
		_, err := st.ProductByHandle(context.Background(), handle, true)
		if got := err == nil; got != want {
			t.Errorf("%s imported = %v, want %v\n%s", handle, got, want, out.String())
		}
	}
}

// lockedBuffer is a bytes.Buffer that one goroutine may write while
// another reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestImportDownloadsAhead: while one product is saved, the next ones'
// images download, each product with one image here, so several downloads
// are under way at once; the products are still saved in the file's order.
func TestImportDownloadsAhead(t *testing.T) {
	for _, jobs := range []string{"1", "2"} {
		t.Run("jobs "+jobs, func(t *testing.T) { importsAhead(t, jobs) })
	}
	var out bytes.Buffer
	if err := cmdImport(context.Background(), []string{"products", "products.csv", "--jobs", "-1"},
		func(string) string { return "" }, &out); err == nil || !strings.Contains(err.Error(), "--jobs") {
		t.Errorf("--jobs -1: %v, want it refused", err)
	}
}

// TestImportJobsFollowTheShop: without --jobs, an import scales one photo
// at a time while a shop serves the file, and one a core (up to four)
// when none does.
func TestImportJobsFollowTheShop(t *testing.T) {
	dir := t.TempDir()
	db, csvPath := filepath.Join(dir, "shop.db"), filepath.Join(dir, "products.csv")
	if err := os.WriteFile(csvPath, []byte("Handle,Title,Variant Price\nvase,Vase,10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	scaling := func() string {
		t.Helper()
		var out bytes.Buffer
		if err := cmdImport(context.Background(), []string{"products", csvPath, "--db", db}, func(string) string { return "" }, &out); err != nil {
			t.Fatalf("import: %v\n%s", err, out.String())
		}
		line, _, _ := strings.Cut(out.String(), "\n")
		return line
	}
	if got, want := scaling(), fmt.Sprintf("photos scaled at a time: %d (one a core, as no shop serves this database; --jobs N decides instead)", min(runtime.NumCPU(), 4)); got != want {
		t.Errorf("no shop running: %q, want %q", got, want)
	}
	release, err := store.LockDatabase(db) // as serve does
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if got, want := scaling(), "photos scaled at a time: 1 (a shop serves this database; --jobs N decides instead)"; got != want {
		t.Errorf("a shop running: %q, want %q", got, want)
	}
}

// TestImportGivesWayToAShopOpenedMeanwhile: an import that scales
// several photos at once, as no shop held the file when it started,
// scales them one at a time as each product is saved once a shop opens
// the file, and says so.
func TestImportGivesWayToAShopOpenedMeanwhile(t *testing.T) {
	if runtime.NumCPU() == 1 {
		t.Skip("one CPU: the import scales one photo at a time from the start")
	}
	defer func(d time.Duration) { shopCheckEvery = d }(shopCheckEvery)
	shopCheckEvery = 0
	var mu sync.Mutex
	prepared := map[string]bool{}
	defer func(f func(context.Context, *store.ProductInput) error) { prepareImages = f }(prepareImages)
	prepareImages = func(ctx context.Context, in *store.ProductInput) error {
		mu.Lock()
		prepared[in.Handle] = true
		mu.Unlock()
		return store.PrepareImages(ctx, in)
	}

	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	pngData := tinyPNG(t)
	var opened sync.Once
	var release func()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/p3.png" {
			opened.Do(func() {
				var err error
				if release, err = store.LockDatabase(db); err != nil { // as serve does
					t.Error(err)
				}
			})
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngData)
	}))
	defer srv.Close()
	const n = 12
	csv := "Handle,Title,Variant Price,Image Src\n"
	for i := range n {
		csv += fmt.Sprintf("p%d,Product %d,1,%s/p%d.png\n", i, i, srv.URL, i)
	}
	csvPath := filepath.Join(dir, "products.csv")
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := cmdImport(context.Background(), []string{"products", csvPath, "--db", db}, func(string) string { return "" }, &out)
	if release != nil {
		defer release()
	}
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out.String())
	}
	got := out.String()
	if !strings.Contains(got, fmt.Sprintf("imported %d products (%d created, 0 updated), %d variants, %d images", n, n, n, n)) {
		t.Errorf("not every product imported:\n%s", got)
	}
	const gaveWay = "a shop opened the file: photos scaled one at a time from here"
	if strings.Count(got, gaveWay) != 1 {
		t.Fatalf("the import did not say once that it gave way:\n%s", got)
	}
	// p3's image is downloaded before p3 is saved, and the import looks
	// again before saving each product; the downloads of at most
	// importAhead+1 products are under way then.
	if at, p3 := strings.Index(got, gaveWay), strings.Index(got, "[4/12] p3 created"); at > p3 {
		t.Errorf("gave way only after saving p3:\n%s", got)
	}
	if !prepared["p0"] {
		t.Error("p0's photo was not scaled ahead: the import began as if a shop served the file")
	}
	for i := 3 + importAhead + 2; i < n; i++ {
		if prepared[fmt.Sprint("p", i)] {
			t.Errorf("p%d's photo was scaled ahead, after the shop opened the file", i)
		}
	}
}

// importsAhead is TestImportDownloadsAhead with --jobs jobs: with more
// than one, the images are also scaled ahead, and the products are still
// saved in the file's order.
func importsAhead(t *testing.T, jobs string) {
	pngData := tinyPNG(t)
	var now, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := now.Add(1)
		defer now.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(50 * time.Millisecond) // the network's round trip
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngData)
	}))
	defer srv.Close()

	dir := t.TempDir()
	csv := "Handle,Title,Variant Price,Image Src\n"
	var want []string
	for i := range 6 {
		csv += fmt.Sprintf("p%d,Product %d,1,%s/p%d.png\n", i, i, srv.URL, i)
		want = append(want, fmt.Sprintf("[%d/6] p%d created", i+1, i))
	}
	csvPath := filepath.Join(dir, "products.csv")
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := cmdImport(context.Background(), []string{"products", csvPath, "--db", filepath.Join(dir, "shop.db"), "--jobs", jobs},
		func(string) string { return "" }, &out); err != nil {
		t.Fatalf("import: %v\n%s", err, out.String())
	}
	var got []string
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "[") {
			got = append(got, line)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("saved in the order\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m := most.Load(); m < 2 {
		t.Errorf("at most %d download at once: the next products' images wait for each save", m)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range 6 {
		if p, err := st.ProductByHandle(context.Background(), fmt.Sprint("p", i), true); err != nil || len(p.Images) != 1 || p.Images[0].Width == 0 {
			t.Errorf("p%d = %+v, %v; want its image, scaled", i, p, err)
		}
	}
}

// TestImportLeavesOutAnImageBrokenPastItsHeader: a download whose header
// passes the check but whose pixels do not decode is left out with a
// warning, and its product saved with its other image, whether the
// photos are scaled ahead (--jobs 2) or as each product is saved.
func TestImportLeavesOutAnImageBrokenPastItsHeader(t *testing.T) {
	good := tinyPNG(t)
	var big bytes.Buffer
	if err := png.Encode(&big, image.NewRGBA(image.Rect(0, 0, 64, 64))); err != nil {
		t.Fatal(err)
	}
	srv := imageHost(t, "/broken.png", big.Bytes()[:len(big.Bytes())/2], good)
	for _, jobs := range []string{"1", "2"} {
		t.Run("jobs "+jobs, func(t *testing.T) {
			out, vase := importVase(t, srv.URL+"/broken.png", srv.URL+"/good.png", "--jobs", jobs)
			if !strings.Contains(out, "broken.png left out") || !strings.Contains(out, "vase created") {
				t.Errorf("no warning about broken.png, or vase not created:\n%s", out)
			}
			if len(vase.Images) != 1 || vase.Images[0].SourceURL != srv.URL+"/good.png" {
				t.Errorf("vase = %+v; want the good image alone", vase)
			}
		})
	}
}

// imageHost serves odd at path and good at every other path, as PNG
// images, until the test ends.
func imageHost(t *testing.T, path string, odd, good []byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		if r.URL.Path == path {
			w.Write(odd)
			return
		}
		w.Write(good)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// importVase imports a product "vase" with the images at first and second,
// with flags, and returns the import's output and the product as saved.
func importVase(t *testing.T, first, second string, flags ...string) (string, *store.Product) {
	t.Helper()
	dir := t.TempDir()
	csvPath, dbPath := filepath.Join(dir, "products.csv"), filepath.Join(dir, "shop.db")
	csv := "Handle,Title,Variant Price,Image Src,Image Position\n" +
		"vase,Vase,10," + first + ",1\n" +
		"vase,,," + second + ",2\n"
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := cmdImport(context.Background(), append([]string{"products", csvPath, "--db", dbPath}, flags...),
		func(string) string { return "" }, &out); err != nil {
		t.Fatalf("import: %v\n%s", err, out.String())
	}
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.ProductByHandle(context.Background(), "vase", true)
	if err != nil {
		t.Fatalf("vase: %v\n%s", err, out.String())
	}
	return out.String(), p
}

// TestImportOwnExportKeepsImages: the owner downloads the products CSV
// and imports it back with `storefront import products`, first while the
// shop runs, then with the shop stopped (its image links refuse the
// connection). Every product, the draft too, keeps the very images it
// had, with their alt texts in both languages, and nothing is downloaded
// again. Then a link in the file that cannot be downloaded leaves the
// product's images as they were, and the warning says so.
func TestImportOwnExportKeepsImages(t *testing.T) {
	shop := webtest.New(t)
	shop.SeedFixture()
	shop.LoginAs(store.RoleManager)
	ctx := context.Background()
	draft, err := shop.Store.ProductByHandle(ctx, "secret-draft", true)
	if err != nil {
		t.Fatal(err)
	}
	shirt, _ := shop.Store.ProductByHandle(ctx, "linen-shirt", true)
	for id, alt := range map[int64]store.Text{
		draft.ID: {Default: "The draft, boxed", Tr: map[string]string{"zh": "盒装草稿商品"}},
		shirt.ID: {Default: "The shirt's collar", Tr: map[string]string{"zh": "衬衫领口"}},
	} {
		if _, err := shop.Store.AddProductImage(ctx, store.Actor{}, id, bytes.NewReader(tinyPNG(t)), alt); err != nil {
			t.Fatal(err)
		}
	}
	galleries := func() map[string][]store.Image {
		t.Helper()
		st, err := store.Open(ctx, dbPath(t, shop))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		out := map[string][]store.Image{}
		for _, h := range []string{"linen-shirt", "secret-draft"} {
			p, err := st.ProductByHandle(ctx, h, true)
			if err != nil {
				t.Fatal(err)
			}
			for i := range p.Images {
				p.Images[i].Position = i // the order is what the gallery shows
			}
			out[h] = p.Images
		}
		return out
	}
	before := galleries()
	if len(before["linen-shirt"]) != 2 || len(before["secret-draft"]) != 1 {
		t.Fatalf("galleries before: %+v", before)
	}
	res := shop.Get("/admin/products.csv")
	if res.Status != http.StatusOK {
		t.Fatalf("export = %d", res.Status)
	}
	csvPath := filepath.Join(t.TempDir(), "prod.csv")
	if err := os.WriteFile(csvPath, []byte(res.Body), 0o644); err != nil {
		t.Fatal(err)
	}
	importFile := func(path string) string {
		t.Helper()
		var out bytes.Buffer
		if err := cmdImport(ctx, []string{"products", path, "--db", dbPath(t, shop)}, func(string) string { return "" }, &out); err != nil {
			t.Fatalf("import: %v\n%s", err, out.String())
		}
		return out.String()
	}

	for _, when := range []string{"while the shop runs", "with the shop stopped"} {
		if when == "with the shop stopped" {
			shop.Server.Close()
		}
		out := importFile(csvPath)
		if !strings.Contains(out, "0 image warnings") {
			t.Errorf("import %s:\n%s", when, out)
		}
		if after := galleries(); !reflect.DeepEqual(after, before) {
			t.Errorf("galleries after the import %s:\n%+v\nwant\n%+v", when, after, before)
		}
	}

	gone := "http://127.0.0.1:1/elsewhere.png"
	edited := strings.Replace(res.Body, views.ImageURL(before["linen-shirt"][1].ID, false), "/elsewhere", 1)
	edited = regexp.MustCompile(`https?://[^,]*/elsewhere`).ReplaceAllString(edited, gone)
	if !strings.Contains(edited, gone) {
		t.Fatal("no image link to replace in the export")
	}
	editedPath := filepath.Join(t.TempDir(), "edited.csv")
	if err := os.WriteFile(editedPath, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out := importFile(editedPath)
	if !strings.Contains(out, "image "+gone+" left out") || !strings.Contains(out, "keeps its current images") {
		t.Errorf("import with a link that fails:\n%s", out)
	}
	if after := galleries(); len(after["linen-shirt"]) != 2 || after["linen-shirt"][1].ID != before["linen-shirt"][1].ID {
		t.Errorf("the shirt's gallery after a failed download: %+v", after["linen-shirt"])
	}
}

// dbPath is the file shop's database is in.
func dbPath(t *testing.T, shop *webtest.Shop) string {
	t.Helper()
	path, err := shop.Store.Path(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReimportKeepsVariantImagesItCouldNotFetch: a product's file read
// again with links to a host that is down keeps the product's images, and each
// variant keeps the photo it shows, where every variant lost its photo
// and picking a colour no longer changed the picture.
func TestReimportKeepsVariantImagesItCouldNotFetch(t *testing.T) {
	ctx := context.Background()
	white, indigo := tinyPNG(t), webtest.PNG(t, color.RGBA{R: 40, G: 50, B: 120, A: 255})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		if r.URL.Path == "/indigo.png" {
			w.Write(indigo)
			return
		}
		w.Write(white)
	}))
	dir := t.TempDir()
	csvPath, db := filepath.Join(dir, "products.csv"), filepath.Join(dir, "shop.db")
	csv := "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Image Src,Image Position,Variant Image\n" +
		"shirt,Shirt,Colour,White,SH-W,40,3," + srv.URL + "/white.png,1," + srv.URL + "/white.png\n" +
		"shirt,,,Indigo,SH-I,40,3," + srv.URL + "/indigo.png,2," + srv.URL + "/indigo.png\n"
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	importFile := func() string {
		t.Helper()
		var out bytes.Buffer
		if err := cmdImport(ctx, []string{"products", csvPath, "--db", db}, func(string) string { return "" }, &out); err != nil {
			t.Fatalf("import: %v\n%s", err, out.String())
		}
		return out.String()
	}
	shown := func() map[string]int64 {
		t.Helper()
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		p, err := st.ProductByHandle(ctx, "shirt", true)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int64{}
		for _, v := range p.Variants {
			out[v.SKU] = v.ImageID
		}
		return out
	}
	importFile()
	before := shown()
	if before["SH-W"] == 0 || before["SH-I"] == 0 || before["SH-W"] == before["SH-I"] {
		t.Fatalf("variants' images after the first import: %v", before)
	}
	srv.Close()
	// The file as the merchant's old shop exports it: links to a host
	// that is down.
	if err := os.WriteFile(csvPath, []byte(strings.ReplaceAll(csv, srv.URL, "http://127.0.0.1:1")), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := importFile(); !strings.Contains(out, "keeps its current images") {
		t.Errorf("second import:\n%s", out)
	}
	if after := shown(); !reflect.DeepEqual(after, before) {
		t.Errorf("variants' images after an import that could not fetch them: %v, want %v", after, before)
	}

	// A refusal names the variant and says why in words, not keys.
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, _ := st.ProductByHandle(ctx, "shirt", true)
	verr := &store.ValidationError{}
	field := store.VariantRemoveField(p.Variants[1].ID)
	verr.Add(field, "error.product_variant_exchange")
	verr.AddArgs(field, "6FDA-XVPT")
	imp := &importer{st: st}
	got := imp.refusal(ctx, "shirt", fmt.Errorf("save product shirt: %w", verr))
	if want := "variant SH-I: A return for order 6FDA-XVPT is waiting"; !strings.HasPrefix(got, want) {
		t.Errorf("refusal = %q, want it to start %q", got, want)
	}
}

// TestImportFewColumnsKeepsTheRest is QA's file: a spreadsheet of a few
// columns repricing one size of a product. It emptied the product's
// description, vendor, tags and SEO texts, deleted its other sizes and
// left the repriced one sold out, without weight or compare-at price.
func TestImportFewColumnsKeepsTheRest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	csvPath, db := filepath.Join(dir, "products.csv"), filepath.Join(dir, "shop.db")
	importFile := func(csv string) string {
		t.Helper()
		if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := cmdImport(ctx, []string{"products", csvPath, "--db", db}, func(string) string { return "" }, &out); err != nil {
			t.Fatalf("import: %v\n%s", err, out.String())
		}
		return out.String()
	}
	importFile("Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Variant Compare At Price,SEO Title,SEO Description\n" +
		"tee,Tee,<p>Soft cotton.</p>,Field,Shirts,\"cotton, basics\",Size,S,TEE-S,180,4,20.00,25.00,The tee,A soft tee.\n" +
		"tee,,,,,,,M,TEE-M,180,5,20.00,25.00,,\n" +
		"tee,,,,,,,L,TEE-L,180,6,20.00,25.00,,\n")
	product := func() *store.Product {
		t.Helper()
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		p, err := st.ProductByHandle(ctx, "tee", true)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	before := product()
	if len(before.Tags) != 2 || len(before.Variants) != 3 {
		t.Fatalf("tee before the repricing = %+v", before)
	}

	out := importFile("Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\ntee,Tee,Size,M,TEE-M,22.00\n")
	for _, want := range []string{"tee updated; 2 variants the file does not list kept", "imported 1 products (0 created, 1 updated), 1 variants"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	after := product()
	if after.Description != "Soft cotton." || after.Vendor != "Field" || after.ProductType != "Shirts" ||
		after.SEOTitle != "The tee" || after.SEODescription != "A soft tee." || !reflect.DeepEqual(after.Tags, before.Tags) {
		t.Errorf("product after the repricing = %+v", after)
	}
	if len(after.Variants) != 3 {
		t.Fatalf("variants after the repricing = %+v", after.Variants)
	}
	for i, v := range after.Variants {
		wantPrice := int64(2000)
		if v.SKU == "TEE-M" {
			wantPrice = 2200
		}
		b := before.Variants[i]
		if v.ID != b.ID || v.SKU != b.SKU || v.Price != wantPrice || v.CompareAtPrice != 2500 || v.Stock != b.Stock || v.WeightGrams != 180 {
			t.Errorf("variant %d = %+v, was %+v", i, v, b)
		}
	}
}

// TestImportReportsWhatItCannotUse: a compare-at price not above the
// price, which the admin's form would then refuse to save, skips its row,
// and a column the import does not know is named, not silently ignored.
func TestImportReportsWhatItCannotUse(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	csvPath, db := filepath.Join(dir, "products.csv"), filepath.Join(dir, "shop.db")
	csv := "Handle,Title,Option1 Name,Option1 Value,Variant Price,Variant Compare At Price,Varient Price\n" +
		"tee,Tee,Size,S,20.00,25.00,30\n" +
		"tee,,,M,20.00,20.00,30\n"
	if err := os.WriteFile(csvPath, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := cmdImport(ctx, []string{"products", csvPath, "--db", db}, func(string) string { return "" }, &out); err != nil {
		t.Fatalf("import: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		`warning: columns the import does not know, ignored: "Varient Price"`,
		"1 variants, 0 images; 1 skipped rows",
		"line 3 (tee): row skipped: compare-at price 20.00 is not above the price 20.00",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
