// Package demo seeds a lively demo shop: the catalog a newcomer sees after
// `storefront demo`, and the synthetic bulk that benchmarks need.
package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"storefront/store"
)

// Seed fills an empty store with the demo catalog. It is idempotent enough to
// be run on an empty DB once (products and collections are saved by handle).
//
// To spread creation dates over the last 60 days, so that "newest" means
// something, Seed moves st.Now while it runs: nothing else may use st until
// it returns.
func Seed(ctx context.Context, st *store.Store) error {
	for _, kv := range settings {
		if err := st.SetSetting(ctx, kv[0], kv[1]); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	for _, kv := range settingsZH {
		if err := st.SetSettingTranslation(ctx, kv[0], "zh", kv[1]); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	for _, c := range collections {
		if _, err := st.SaveCollection(ctx, collectionInput(c)); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	if err := seedShipping(ctx, st); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := seedInfoPages(ctx, st); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	// Products are created one by one under a moved clock, which only takes
	// milliseconds, and get their images afterwards in parallel: drawing and
	// re-encoding images is nearly all of Seed's time.
	if err := createProducts(ctx, st); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := saveWithImages(ctx, st); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	member, err := seedAccount(ctx, st)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := seedOrders(ctx, st, member); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := seedReturns(ctx, st, member); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := seedPromotions(ctx, st); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	return nil
}

func createProducts(ctx context.Context, st *store.Store) error {
	clock := st.Now
	defer func() { st.Now = clock }()
	now := clock()
	for i, it := range catalog {
		// 37 and 60 are coprime, so every product gets its own day and the
		// newest ones are not all from the end of the table.
		age := time.Duration((i*37)%60)*24*time.Hour + time.Duration(i%8)*3*time.Hour
		st.Now = fixedClock(now.Add(-age))
		if _, _, err := st.SaveProduct(ctx, productInput(it)); err != nil {
			return err
		}
	}
	return nil
}

// saveWithImages saves each catalog product again, with its images, on
// every core; SaveProduct only holds the write lock once its images are
// processed, so the workers overlap.
func saveWithImages(ctx context.Context, st *store.Store) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan item)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for it := range next {
				in := productInput(it)
				err := addImages(it, &in)
				if err == nil {
					_, _, err = st.SaveProduct(ctx, in)
				}
				if err != nil {
					cancel(fmt.Errorf("%s: %w", it.handle, err))
				}
			}
		})
	}
feed:
	for _, it := range catalog {
		select {
		case next <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}

// Grow adds synthetic active products until the catalog holds at least n
// products that shoppers can see (for benchmarks: n=10000). Synthetic
// products have no images, which keeps Grow fast; the demo collections are
// created first if they are missing. Like Seed, it moves st.Now while it
// runs.
func Grow(ctx context.Context, st *store.Store, n int) error {
	if err := ensureCollections(ctx, st); err != nil {
		return fmt.Errorf("grow: %w", err)
	}
	page, err := st.Products(ctx, store.ProductQuery{PerPage: 1})
	if err != nil {
		return fmt.Errorf("grow: %w", err)
	}
	clock := st.Now
	defer func() { st.Now = clock }()
	now := clock()
	// Synthetic products are numbered from the current count, so a second
	// Grow adds new handles; a handle that exists anyway is updated and
	// not counted.
	for i, have := page.Total, page.Total; have < n; i++ {
		in, age := synthetic(i)
		st.Now = fixedClock(now.Add(-age))
		_, created, err := st.SaveProduct(ctx, in)
		if err != nil {
			return fmt.Errorf("grow: %w", err)
		}
		if created {
			have++
		}
	}
	return nil
}

func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// ensureCollections creates the demo collections that do not exist, leaving
// any the owner has edited alone.
func ensureCollections(ctx context.Context, st *store.Store) error {
	for _, c := range collections {
		_, err := st.CollectionByHandle(ctx, c.Handle)
		if errors.Is(err, store.ErrNotFound) {
			_, err = st.SaveCollection(ctx, collectionInput(c))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// productInput expands a catalog row into what SaveProduct takes, without
// images; addImages draws them.
func productInput(it item) store.ProductInput {
	in := store.ProductInput{
		Handle:         it.handle,
		Title:          it.title,
		Description:    it.description,
		Vendor:         it.vendor,
		ProductType:    it.kind,
		Status:         cmp.Or(it.status, store.StatusActive),
		SEOTitle:       it.seoTitle,
		SEODescription: it.seoDescription,
		Tags:           it.tags,
		Collections:    it.collections,
		Variants:       variants(it),
		Tr:             itemZH(it),
	}
	for _, a := range it.axes {
		in.OptionNames = append(in.OptionNames, a.name)
	}
	return in
}

// colourAxis is the index of the item's Colour option, or -1.
func (it item) colourAxis() int {
	return slices.IndexFunc(it.axes, func(a axis) bool { return a.name == colourOption })
}

// variants makes one variant per combination of option values, first
// option outermost, as a shop's variant table usually reads.
func variants(it item) []store.VariantInput {
	var vs []store.VariantInput
	for _, pick := range combinations(it.axes) {
		first := 0
		if len(pick) > 0 {
			first = pick[0]
		}
		t := it.tiers[min(first, len(it.tiers)-1)]
		v := store.VariantInput{
			SKU:            it.sku,
			Price:          t.price,
			CompareAtPrice: t.compareAt,
			WeightGrams:    t.grams,
			Stock:          it.stock[len(vs)%len(it.stock)],
		}
		for a, i := range pick {
			v.Options[a] = it.axes[a].values[i]
			v.SKU += "-" + skuCode(v.Options[a])
		}
		if it.barcode != 0 {
			v.Barcode = ean13(it.barcode + int64(len(vs)))
		}
		vs = append(vs, v)
	}
	return vs
}

// combinations lists every choice of one value per axis, as value indexes.
func combinations(axes []axis) [][]int {
	picks := [][]int{nil}
	for _, a := range axes {
		var next [][]int
		for _, p := range picks {
			for i := range a.values {
				next = append(next, append(slices.Clone(p), i))
			}
		}
		picks = next
	}
	return picks
}

// skuCode abbreviates an option value for a SKU: "White" → "WHI",
// "250 g" → "250", "桂花 Osmanthus" → "OSM".
func skuCode(value string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(value) {
		if b.Len() == 3 {
			break
		}
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ean13 completes 12 digits into a valid EAN-13 with its check digit, so
// scanners and validators in integrations accept the demo barcodes.
func ean13(first12 int64) string {
	s := fmt.Sprintf("%012d", first12)
	sum := 0
	for i, r := range s {
		d := int(r - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return s + strconv.Itoa((10-sum%10)%10)
}

// addImages draws the item's pictures into in: one per colour when the item
// has a Colour option, each colour variant linked to its own, else it.pictures
// shots of one colour.
func addImages(it item, in *store.ProductInput) error {
	type shot struct {
		colour     string
		v          view
		alt, altZH string
	}
	var shots []shot
	if c := it.colourAxis(); c >= 0 {
		values := it.axes[c].values
		for _, colour := range values {
			shots = append(shots, shot{colour, views[0], it.alt + " in " + colour, altsZH[it.handle] + "（" + optionsZH[colour] + "）"})
		}
		for i := range in.Variants {
			v := &in.Variants[i]
			v.ImageIndex = slices.Index(values, v.Options[c]) + 1
		}
	} else {
		for _, v := range views[:min(max(it.pictures, 1), len(views))] {
			shots = append(shots, shot{it.colour, v, it.alt + v.note, altsZH[it.handle] + v.noteZH})
		}
	}
	h := fnv.New32a()
	h.Write([]byte(it.handle))
	backdrop := int(h.Sum32() % uint32(len(backdrops)))
	in.Images = make([]store.ImageInput, len(shots))
	for i, s := range shots {
		data, err := renderImage(it.motif, s.colour, backdrop+i, s.v)
		if err != nil {
			return err
		}
		in.Images[i] = store.ImageInput{SourceURL: fmt.Sprintf("demo:%s:%d", it.handle, i+1), Alt: s.alt,
			AltTr: map[string]string{"zh": s.altZH}, Data: data}
	}
	return nil
}
