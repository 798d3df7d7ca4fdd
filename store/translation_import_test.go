package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// readWatcher calls each before every read of the file after the first.
type readWatcher struct {
	io.ReadSeeker
	reads int
	each  func()
}

func (w *readWatcher) Read(b []byte) (int, error) {
	if w.reads++; w.reads > 1 && w.each != nil {
		w.each()
	}
	return w.ReadSeeker.Read(b)
}

// filler is n lines for a handle the shop does not have, of about 100
// bytes each, so that what follows them is read in a later piece.
func filler(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "product,no-such-tea-%d,description,zh,%s\n", i, strings.Repeat("茶", 25))
	}
	return b.String()
}

// TestImportTranslationsAppliesEachAsItsLastLineIsRead: a collection whose
// one line is near the top is applied while the rest of the file is still
// being read; a product whose lines are far apart waits for its last line
// and is applied in one go, which still sees a field given twice.
func TestImportTranslationsAppliesEachAsItsLastLineIsRead(t *testing.T) {
	ctx := context.Background()
	s := translatedShop(t, true)
	file := "Type,Handle,Field,Locale,Value\n" +
		"product,longjing,title,zh,龙井茶\n" + // 2
		"collection,green-tea,title,zh,绿茶叶\n" + // 3
		filler(200) + // 4–203
		"product,longjing,title,zh,又一个\n" + // 204: twice
		"product,longjing,description,zh,新的描述\n" // 205

	w := &readWatcher{ReadSeeker: strings.NewReader(file)}
	f, err := OpenTranslationsCSV(w)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string // what a shopper would see at each read, from the second
	w.reads = 0
	w.each = func() {
		c, _ := s.CollectionByHandle(ctx, "green-tea")
		p, _ := s.ProductByHandle(ctx, "longjing", true)
		seen = append(seen, c.In("zh").Title+"/"+p.In("zh").Title)
	}
	res, err := s.ImportTranslations(ctx, Actor{}, f, []string{"zh"})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 || seen[0] != "绿茶叶/明前龙井" {
		t.Errorf("while the file was read: %v, want the collection's new title and the product's old one", seen)
	}
	p, _ := s.ProductByHandle(ctx, "longjing", true)
	if zh := p.In("zh"); zh.Title != "龙井茶" || zh.Description != "新的描述" {
		t.Errorf("product in zh: %q, %q", zh.Title, zh.Description)
	}
	if len(res.Skipped) != 201 || res.Skipped[200].Line != 204 || res.Skipped[200].Reason != SkipTwice {
		t.Errorf("skipped %d rows, the last %+v; want 200 unknown handles and line 204 twice", len(res.Skipped), res.Skipped[len(res.Skipped)-1])
	}
	if res.Products != 1 || res.Collections != 1 || res.Changed != 3 {
		t.Errorf("import = %+v", res)
	}
}

// TestImportTranslationsInterruptedShowsWhatItApplied: an import stopped
// half way keeps what it applied, and the shop's caches know it.
func TestImportTranslationsInterruptedShowsWhatItApplied(t *testing.T) {
	s := translatedShop(t, true)
	file := "Type,Handle,Field,Locale,Value\n" +
		"collection,green-tea,title,zh,绿茶叶\n" +
		filler(200) +
		"product,longjing,title,zh,龙井茶\n"
	w := &readWatcher{ReadSeeker: strings.NewReader(file)}
	f, err := OpenTranslationsCSV(w)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.reads, w.each = 0, cancel
	version := s.CatalogVersion()
	res, err := s.ImportTranslations(ctx, Actor{}, f, []string{"zh"})
	if !errors.Is(err, context.Canceled) || res.Collections != 1 || res.Products != 0 {
		t.Fatalf("import = %+v, %v; want the collection applied, then cancelled", res, err)
	}
	if s.CatalogVersion() == version {
		t.Error("the catalog's version did not change: pages cached before the import still show the old title")
	}
}

// TestImportTranslationsTellsTheCachesOnceASecond: the shop's caches hear
// of the first product applied at once, then at most once a second and
// at the end, not of every product: told of each, they would hold nothing
// while a big file is applied.
func TestImportTranslationsTellsTheCachesOnceASecond(t *testing.T) {
	ctx := context.Background()
	s := translatedShop(t, true)
	file := "Type,Handle,Field,Locale,Value\nproduct,longjing,title,zh,龙井茶\n" + filler(100)
	const n = 30
	for i := range n {
		p := teaInput()
		p.Handle, p.Variants[0].SKU, p.Variants[1].SKU = fmt.Sprint("tea-", i), fmt.Sprint("T-50-", i), fmt.Sprint("T-100-", i)
		if _, _, err := s.SaveProduct(ctx, p); err != nil {
			t.Fatal(err)
		}
		file += fmt.Sprintf("product,tea-%d,title,zh,茶 %d\n", i, i)
	}
	w := &readWatcher{ReadSeeker: strings.NewReader(file)}
	f, err := OpenTranslationsCSV(w)
	if err != nil {
		t.Fatal(err)
	}
	before := s.CatalogVersion()
	var whileRead []int64
	w.reads, w.each = 0, func() { whileRead = append(whileRead, s.CatalogVersion()-before) }
	start := time.Now()
	res, err := s.ImportTranslations(ctx, Actor{}, f, []string{"zh"})
	if err != nil || res.Products != n+1 {
		t.Fatalf("import = %+v, %v; want %d products changed", res, err, n+1)
	}
	if len(whileRead) == 0 || whileRead[0] != 1 {
		t.Errorf("the catalog's version while the file was read: %v; want it changed once the first product was applied", whileRead)
	}
	told := s.CatalogVersion() - before
	if most := 2 + int64(time.Since(start)/OthersEvery); told < 2 || told > most {
		t.Errorf("the caches were told %d times of %d products applied in %v; want at once, at the end, and at most once a second between", told, n+1, time.Since(start))
	}
}

// TestImportTranslationsTellsTheCachesWithinASecond: a product applied
// after the caches were last told is told of within a second while the
// file is still being read, not only when the next product is applied.
func TestImportTranslationsTellsTheCachesWithinASecond(t *testing.T) {
	s := translatedShop(t, true)
	// The collection is applied and told of at once, the product right
	// after it; then come lines in a language the shop does not have,
	// read slowly (a piece of about 4 KB every 150 ms, 1.8 s in all).
	file := "Type,Handle,Field,Locale,Value\ncollection,green-tea,title,zh,绿茶叶\nproduct,longjing,title,zh,龙井茶\n"
	for range 800 {
		file += "product,oolong,description,fr,Thé semi-oxydé.\n"
	}
	w := &readWatcher{ReadSeeker: strings.NewReader(file)}
	f, err := OpenTranslationsCSV(w)
	if err != nil {
		t.Fatal(err)
	}
	before := s.CatalogVersion()
	var told time.Duration // when the product was told of, from the start
	start := time.Now()
	w.reads, w.each = 0, func() {
		if told == 0 && s.CatalogVersion()-before == 2 {
			told = time.Since(start)
		}
		time.Sleep(150 * time.Millisecond)
	}
	if res, err := s.ImportTranslations(context.Background(), Actor{}, f, []string{"zh"}); err != nil || res.Products != 1 || res.Collections != 1 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	// Told at all only by the end, which comes after the last piece is read.
	if took := time.Since(start); told == 0 || told > took-300*time.Millisecond {
		t.Errorf("the product was told of %v into an import of %v (0: at its end), want while the file was still read", told, took)
	}
}

// TestImportTranslationsKeepsNoLine: what the import keeps of a line it
// read (its handle in the count, a skipped row's report) must not keep
// the line itself, or a large file takes its whole size in memory.
func TestImportTranslationsKeepsNoLine(t *testing.T) {
	const lines, valueBytes = 2000, 16 << 10
	s := translatedShop(t, true)
	path := filepath.Join(t.TempDir(), "translations.csv")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	value := strings.Repeat("x", valueBytes)
	io.WriteString(out, "Type,Handle,Field,Locale,Value\n")
	for i := range lines {
		fmt.Fprintf(out, "product,no-such-tea-%d,description,zh,%s\n", i, value)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()

	heap := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	before := heap()
	f, err := OpenTranslationsCSV(fh)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportTranslations(context.Background(), Actor{}, f, []string{"zh"})
	if err != nil || len(res.Skipped) != lines {
		t.Fatalf("import: %d skipped, %v", len(res.Skipped), err)
	}
	kept := heap() - before
	runtime.KeepAlive(f)
	runtime.KeepAlive(res)
	// The file is 32 MB; its handles and reports are a few hundred kB.
	if limit := int64(lines * valueBytes / 8); kept > limit {
		t.Errorf("the import keeps %d kB, want under %d kB", kept>>10, limit>>10)
	}
}

// TestImportTranslationsOfAFileThatChanged: a file rewritten between its
// two readings applies what it can and says which lines it left out: a
// product short of lines is applied at the end with those it has; lines
// past a product's count, which would apply it a second time, are not.
func TestImportTranslationsOfAFileThatChanged(t *testing.T) {
	ctx := context.Background()
	s := translatedShop(t, true)
	path := filepath.Join(t.TempDir(), "translations.csv")
	write := func(lines string) {
		if err := os.WriteFile(path, []byte("Type,Handle,Field,Locale,Value\n"+lines), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("product,longjing,title,zh,龙井茶\nproduct,longjing,description,zh,新的描述\ncollection,green-tea,title,zh,绿茶叶\n")
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := OpenTranslationsCSV(fh)
	if err != nil {
		t.Fatal(err)
	}
	// The product lost a line, the collection gained one.
	write("product,longjing,title,zh,龙井茶\ncollection,green-tea,title,zh,绿茶叶\ncollection,green-tea,description,zh,清香\n")
	res, err := s.ImportTranslations(ctx, Actor{}, f, []string{"zh"})
	if err != nil || res.Products != 1 || res.Collections != 1 || res.Changed != 2 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Line != 4 || !strings.Contains(res.Skipped[0].String(), "changed") {
		t.Errorf("skipped %v, want line 4, the collection's line past its count, as the file having changed", res.Skipped)
	}
	p, _ := s.ProductByHandle(ctx, "longjing", true)
	c, _ := s.CollectionByHandle(ctx, "green-tea")
	if p.In("zh").Title != "龙井茶" || c.In("zh").Title != "绿茶叶" || c.In("zh").Description != "Fresh and grassy." {
		t.Errorf("after the import: %q, %q, %q", p.In("zh").Title, c.In("zh").Title, c.In("zh").Description)
	}
}
