package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	_ "image/gif" // image formats the store accepts, for checking downloads
	_ "image/jpeg"
	_ "image/png"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "golang.org/x/image/webp"

	"storefront/i18n"
	"storefront/store"
	"storefront/store/shopifycsv"
)

const importUsage = "usage: storefront import products|translations FILE.csv [--db PATH] [--jobs N]"

// cmdImport runs `storefront import products FILE.csv --db PATH`: it reads a
// Shopify product CSV, downloads the images it links to and saves each
// product in its own transaction. Rows it cannot use are reported, not
// fatal; running it again with the same file updates the same products.
// `storefront import translations FILE.csv` reads a translations CSV
// instead (importTranslations).
func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stdout)
	dbPath := fs.String("db", envDefault(getenv, "STOREFRONT_DB", "storefront.db"), "SQLite database file")
	jobs := fs.Int("jobs", 0, "photos import products scales at once, each taking a core and up to 75 MB more memory; 0: one while a shop serves the file, else one a core, up to 4")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), importUsage)
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[0] != "products" && pos[0] != "translations") {
		return errors.New(importUsage)
	}
	file := pos[1]
	if *jobs < 0 {
		return errors.New("import: --jobs must be 0 (as the machine allows) or more")
	}

	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	if pos[0] == "translations" {
		return importTranslations(ctx, st, settings, f, stdout)
	}
	exponent, ok := store.Currencies[settings.Currency]
	if !ok {
		return fmt.Errorf("import: the store's currency %q is not supported", settings.Currency)
	}
	csvFile, err := shopifycsv.Open(f, exponent)
	if err != nil {
		return fmt.Errorf("import %s: %w", file, err)
	}
	// Said first, so that an import of a large file can be stopped and the
	// header mended, and again with the summary, which is what is read.
	unknownColumns := func() {
		if cols := csvFile.UnknownColumns(); len(cols) > 0 {
			quoted := make([]string, len(cols))
			for i, c := range cols {
				quoted[i] = strconv.Quote(c)
			}
			fmt.Fprintln(stdout, "warning: columns the import does not know, ignored:", strings.Join(quoted, ", "))
		}
	}
	unknownColumns()

	sc := &scaling{checked: time.Now()}
	why := "--jobs"
	if *jobs == 0 {
		*jobs, why = importJobs(*dbPath)
		sc.watch = *dbPath
	}
	sc.ahead.Store(*jobs > 1)
	fmt.Fprintf(stdout, "photos scaled at a time: %d (%s)\n", *jobs, why)
	store.SetImageSlots(*jobs)
	defer store.SetImageSlots(1) // the slot a shop in this process would have (tests import in one)
	imp := &importer{st: st, fetcher: newImageFetcher(), out: stdout}
	n := csvFile.Handles()
	// Products go to the store one at a time, in the file's order, while
	// the images of the next few download and, with --jobs above one, are
	// scaled that many at a time: waiting for the network, then scaling
	// (0.1-0.5 s a photo), not the store, was most of an import with images.
	queue := make(chan chan downloaded, importAhead)
	saved := make(chan struct{})
	go func() {
		defer close(saved)
		i := 0
		for next := range queue {
			d := <-next
			if ctx.Err() != nil {
				continue // interrupted: save nothing more
			}
			i++
			sc.look(stdout)
			imp.importProduct(ctx, fmt.Sprintf("[%d/%d]", i, n), d)
		}
	}()
	problems, err := csvFile.Each(func(p shopifycsv.Product) error {
		next := make(chan downloaded, 1)
		select {
		case queue <- next:
		case <-ctx.Done():
			return ctx.Err()
		}
		go func() {
			d := imp.download(ctx, p)
			if d.err == nil && sc.ahead.Load() {
				// Scaled here, several products at once; with one slot
				// SaveProduct does it, which keeps fewer results waiting
				// (they made the heap 30 MB larger at no gain). An image
				// the store refuses is met again there, and save leaves
				// it out.
				_ = prepareImages(ctx, &d.in)
			}
			next <- d
		}()
		return nil
	})
	close(queue)
	<-saved
	problems = append(problems, imp.failed...)
	fmt.Fprintf(stdout, "imported %d products (%d created, %d updated), %d variants, %d images; %d skipped rows; %d image warnings\n",
		imp.created+imp.updated, imp.created, imp.updated, imp.variants, imp.images, len(problems), imp.warnings)
	if len(problems) > 0 {
		fmt.Fprintln(stdout, "skipped:")
		for _, pr := range problems {
			fmt.Fprintln(stdout, "  "+pr.String())
		}
	}
	unknownColumns()
	done := imp.created + imp.updated + len(imp.failed)
	if ctx.Err() != nil {
		// Every product saved so far is whole; the rest were not touched.
		return fmt.Errorf("import interrupted after %d of %d products: %w", done, n, ctx.Err())
	}
	if err != nil {
		return fmt.Errorf("import %s stopped after %d of %d products: %w", file, done, n, err)
	}
	return nil
}

// parseInterleaved parses fs's flags wherever they stand among args (the
// flag package alone stops at the first positional argument) and returns
// the positional arguments in order.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// importJobs is how many photos import products scales at once when
// --jobs does not say: one while a shop serves the file, whose shoppers
// need the cores and the memory, else one a core, up to four, as when a
// catalog is brought in before the shop opens.
// It says why, for the import's first line.
func importJobs(dbPath string) (int, string) {
	if store.DatabaseInUse(dbPath) {
		return 1, "a shop serves this database; --jobs N decides instead"
	}
	return min(runtime.NumCPU(), 4), "one a core, as no shop serves this database; --jobs N decides instead"
}

// scaling is whether an import scales photos ahead of saving them, which
// --jobs above one asks for. An import that chose that itself, as no shop
// held the file when it started, would share the cores with a shop opened
// meanwhile: it looks now and then, and gives them up when it finds one.
type scaling struct {
	ahead   atomic.Bool
	watch   string // the database looked at; "" when it is not
	checked time.Time
}

// shopCheckEvery is how often an import that scales photos ahead of its
// own accord looks for a shop again.
var shopCheckEvery = 2 * time.Second

// look is called before each product is saved (by one goroutine, the one
// that saves them). Once it finds a shop, photos are scaled by
// SaveProduct, one at a time; those already being scaled ahead finish.
func (sc *scaling) look(out io.Writer) {
	if sc.watch == "" || !sc.ahead.Load() || time.Since(sc.checked) < shopCheckEvery {
		return
	}
	sc.checked = time.Now()
	if store.DatabaseInUse(sc.watch) {
		sc.watch = ""
		sc.ahead.Store(false)
		fmt.Fprintln(out, "a shop opened the file: photos scaled one at a time from here")
	}
}

// prepareImages is store.PrepareImages, which a test watches.
var prepareImages = store.PrepareImages

// importAhead is how many products' images download (and with --jobs are
// scaled) while one is saved.
const importAhead = 4

// importer saves parsed products and keeps the tally for the summary.
type importer struct {
	st      *store.Store
	fetcher *imageFetcher
	out     io.Writer

	created, updated, variants, images, warnings int
	failed                                       []shopifycsv.Problem
}

// downloaded is a parsed product merged with the stored one
// (shopifycsv.Product.Merge), with its images downloaded (withImages).
type downloaded struct {
	p        shopifycsv.Product
	in       store.ProductInput
	merged   shopifycsv.Merged
	warnings []string
	err      error
}

func (imp *importer) download(ctx context.Context, p shopifycsv.Product) downloaded {
	d := downloaded{p: p}
	old, err := imp.st.ProductByHandle(ctx, p.Input.Handle, true)
	switch {
	case errors.Is(err, store.ErrNotFound):
		old = nil
	case err != nil:
		d.err = err
		return d
	}
	if d.in, d.merged, d.err = p.Merge(old); d.err == nil {
		d.in, d.warnings, d.err = imp.withImages(ctx, d.in, old)
	}
	return d
}

// importProduct saves a downloaded product and reports it.
func (imp *importer) importProduct(ctx context.Context, progress string, d downloaded) {
	handle := d.p.Input.Handle
	in, warnings, err := d.in, d.warnings, d.err
	if err == nil {
		var created bool
		created, err = imp.save(ctx, &in, &warnings)
		if err == nil {
			if created {
				imp.created++
				fmt.Fprintln(imp.out, progress, handle, "created")
			} else {
				imp.updated++
				fmt.Fprintln(imp.out, progress, handle, "updated"+variantsNote(d.merged))
			}
			imp.variants += len(in.Variants) - d.merged.Kept
			imp.images += len(in.Images)
		}
	}
	if err != nil && ctx.Err() != nil {
		return // interrupted: the transaction rolled back, nothing to report
	}
	if err != nil {
		reason := imp.refusal(ctx, handle, err)
		fmt.Fprintln(imp.out, progress, handle, "skipped:", reason)
		imp.failed = append(imp.failed, shopifycsv.Problem{Line: d.p.FirstLine, Handle: handle, Reason: "product not imported: " + reason})
		warnings = nil // what it would have done with the images did not happen
	}
	for _, w := range warnings {
		fmt.Fprintf(imp.out, "  warning: %s: %s\n", handle, w)
	}
	imp.warnings += len(warnings)
}

// variantsNote is what became of the product's stored variants that its
// file does not list (shopifycsv.Product.Merge), for the product's line.
func variantsNote(m shopifycsv.Merged) string {
	var note string
	if m.Kept > 0 {
		note += fmt.Sprintf("; %d variants the file does not list kept", m.Kept)
	}
	if m.Removed > 0 {
		note += fmt.Sprintf("; %d variants the file does not list removed, as its variants have their options or other option names", m.Removed)
	}
	return note
}

// withImages returns the product's input with its gallery ready to save:
// images the product already has by that URL, or by the shop's own link
// to them (ownImageID: an export of this shop read back), are kept without
// downloading them again, the others are downloaded (imageFetcher.slots at
// a time, with the other products' downloads), and those that cannot be
// are left out with a warning. A product that had images keeps them all
// then: a download that failed says nothing about which of them to drop.
// old is the product stored under in's handle, nil when there is none.
func (imp *importer) withImages(ctx context.Context, in store.ProductInput, old *store.Product) (store.ProductInput, []string, error) {
	if in.Images == nil {
		return in, nil, nil // the file names no image: keep whatever the product has
	}
	stored := map[string]bool{}
	own := map[int64]bool{}
	var current []store.Image
	if old != nil {
		current = old.Images
		for _, im := range current {
			stored[im.SourceURL] = im.SourceURL != ""
			own[im.ID] = true
		}
	}

	data := make([][]byte, len(in.Images))
	errs := make([]error, len(in.Images))
	var wg sync.WaitGroup
	for i, im := range in.Images {
		if stored[im.SourceURL] || own[ownImageID(im.SourceURL)] {
			continue
		}
		wg.Go(func() { data[i], errs[i] = imp.fetcher.fetch(ctx, im.SourceURL) })
	}
	wg.Wait()

	var warnings []string
	images := make([]store.ImageInput, 0, len(in.Images))
	newIndex := make([]int, len(in.Images)) // 1-based position in images, 0 when left out
	for i, im := range in.Images {
		if errs[i] != nil {
			warnings = append(warnings, leftOut(im.SourceURL, errs[i], current))
			continue
		}
		kept := store.ImageInput{SourceURL: im.SourceURL, Alt: im.Alt, Data: data[i]}
		if id := ownImageID(im.SourceURL); own[id] && !stored[im.SourceURL] {
			kept.ID = id
		}
		images = append(images, kept)
		newIndex[i] = len(images)
	}
	in.Images = images
	if len(warnings) > 0 {
		keepImages(&in, current)
	}
	in.Variants = append([]store.VariantInput(nil), in.Variants...)
	for i := range in.Variants {
		v := &in.Variants[i]
		if n := v.ImageIndex; n > 0 {
			if v.ImageIndex = newIndex[n-1]; v.ImageIndex == 0 && old != nil {
				// Its photo could not be fetched: the variant keeps the one
				// it shows, as the product keeps its images.
				v.ImageID = currentImage(old, *v)
			}
		}
	}
	return in, warnings, nil
}

// currentImage is the image p's variant like v (the same SKU, or else the
// same options) shows, or 0.
func currentImage(p *store.Product, v store.VariantInput) int64 {
	for _, o := range p.Variants {
		if v.SKU != "" && o.SKU == v.SKU {
			return o.ImageID
		}
	}
	for _, o := range p.Variants {
		if o.Options == v.Options {
			return o.ImageID
		}
	}
	return 0
}

// refusal is why the store refused the product with handle, in the
// admin's English sentences, where a ValidationError's own text gives
// message keys; a variant the product's rows leave out, which the store
// would remove, is named by its SKU or options.
func (imp *importer) refusal(ctx context.Context, handle string, err error) string {
	var verr *store.ValidationError
	if !errors.As(err, &verr) {
		return strings.TrimPrefix(err.Error(), "save product "+handle+": ")
	}
	names := map[string]string{}
	if p, perr := imp.st.ProductByHandle(ctx, handle, true); perr == nil {
		for _, v := range p.Variants {
			name := v.SKU
			if name == "" {
				name = v.Title()
			}
			names[store.VariantRemoveField(v.ID)] = "variant " + name
		}
	}
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(verr.Fields)) {
		what := names[field]
		if what == "" {
			what = field
		}
		parts = append(parts, what+": "+i18n.TL("en", verr.Fields[field], verr.Args[field]...))
	}
	return strings.Join(parts, "; ")
}

// ownImageID is the image id in a link to one of a shop's own images,
// /images/{id}/{size} or /images/{id}/{hash}/{width} (views.ImageURL, the
// form the products export writes), or 0. Only an id of the product's own
// images counts, so a link to another shop's image is downloaded as any.
func ownImageID(rawURL string) int64 {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return 0
	}
	parts := strings.Split(strings.TrimPrefix(u.Path, "/"), "/")
	if (len(parts) != 3 && len(parts) != 4) || parts[0] != "images" {
		return 0
	}
	id, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// leftOut is the warning for an image the import leaves out, which says
// that the product keeps the images it has (keepImages).
func leftOut(src string, err error, current []store.Image) string {
	if len(current) > 0 {
		return fmt.Sprintf("image %s left out: %v; the product keeps its current images", src, err)
	}
	return fmt.Sprintf("image %s left out: %v", src, err)
}

// keepImages adds to in's gallery, after the images it lists, the
// product's current images it does not list, so that an image left out
// costs the product none of those it has.
func keepImages(in *store.ProductInput, current []store.Image) {
	listed := map[int64]bool{}
	sources := map[string]bool{}
	for _, im := range in.Images {
		listed[im.ID] = true
		sources[im.SourceURL] = true
	}
	for _, im := range current {
		if !listed[im.ID] && (im.SourceURL == "" || !sources[im.SourceURL]) {
			in.Images = append(in.Images, store.ImageInput{ID: im.ID, SourceURL: im.SourceURL, Alt: im.Alt})
		}
	}
}

// save saves in. Downloads were checked by their headers only, so an image
// corrupt further in makes the store refuse the product: then the images
// that do not decode are left out, as a failed download is, and the
// product is saved without them.
func (imp *importer) save(ctx context.Context, in *store.ProductInput, warnings *[]string) (bool, error) {
	_, created, err := imp.st.SaveProduct(ctx, *in)
	if !errors.Is(err, store.ErrBadImage) {
		return created, err
	}
	var current []store.Image
	if old, oerr := imp.st.ProductByHandle(ctx, in.Handle, true); oerr == nil {
		current = old.Images
	} else if !errors.Is(oerr, store.ErrNotFound) {
		return false, oerr
	}
	images := make([]store.ImageInput, 0, len(in.Images))
	newIndex := make([]int, len(in.Images))
	for i, im := range in.Images {
		if im.Data != nil {
			if _, _, derr := image.Decode(bytes.NewReader(im.Data)); derr != nil {
				*warnings = append(*warnings, leftOut(im.SourceURL, store.ErrBadImage, current))
				continue
			}
		}
		images = append(images, im)
		newIndex[i] = len(images)
	}
	if len(images) == len(in.Images) {
		return false, err
	}
	in.Images = images
	keepImages(in, current)
	for i := range in.Variants {
		if n := in.Variants[i].ImageIndex; n > 0 {
			in.Variants[i].ImageIndex = newIndex[n-1]
		}
	}
	_, created, err = imp.st.SaveProduct(ctx, *in)
	return created, err
}

// imageFetcher downloads product images with a deadline per image and a cap
// on their size, so one slow or huge file cannot stall the import, and
// eight at most at once.
type imageFetcher struct {
	client  *http.Client
	timeout time.Duration
	slots   chan struct{}
}

func newImageFetcher() *imageFetcher {
	return &imageFetcher{
		timeout: 10 * time.Second,
		slots:   make(chan struct{}, 8),
		client: &http.Client{
			Transport: &http.Transport{
				Proxy:                 http.ProxyFromEnvironment,
				DialContext:           (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
				TLSHandshakeTimeout:   10 * time.Second,
				ResponseHeaderTimeout: 10 * time.Second,
				MaxIdleConnsPerHost:   8,
				IdleConnTimeout:       30 * time.Second,
			},
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= 5 {
					return errors.New("too many redirects")
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("redirected to a %s URL", req.URL.Scheme)
				}
				return nil
			},
		},
	}
}

// fetch downloads rawURL and checks that it is an image the store accepts.
func (f *imageFetcher) fetch(ctx context.Context, rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("not an http or https URL")
	}
	select {
	case f.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-f.slots }()
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "image/*")
	req.Header.Set("User-Agent", "storefront-import/"+version)
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the warning names the URL already
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	tooLarge := fmt.Errorf("larger than %d MB", store.MaxImageBytes>>20)
	if resp.ContentLength > store.MaxImageBytes {
		return nil, tooLarge
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, store.MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	if len(data) > store.MaxImageBytes {
		return nil, tooLarge
	}
	return data, store.CheckImage(data)
}
