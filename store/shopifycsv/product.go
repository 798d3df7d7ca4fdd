package shopifycsv

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"storefront/store"
)

// variant is a parsed variant row with what is resolved only once the whole
// product is known.
type variant struct {
	in       store.VariantInput
	imageURL string
	line     int
}

type image struct {
	url, alt string
	pos      int // Image Position, 0 when absent
	line     int
}

// product builds the product of one handle's rows. A bad first row skips
// the product; a bad later row skips only that row.
func (p *parser) product(g *group) (Product, bool) {
	first := g.rows[0]
	skip := func(reason string) (Product, bool) {
		p.problem(first.line, g.handle, "product not imported: "+reason)
		return Product{}, false
	}
	if first.bad != "" {
		return skip(first.bad)
	}
	in, err := p.productFields(g.handle, first.rec)
	if err != nil {
		return skip(err.Error())
	}
	b := &builder{p: p, skus: map[string]int{}, combos: map[[3]string]int{}}
	v, err := p.variant(first.rec)
	if err == nil {
		v.line = first.line
		err = b.addVariant(v)
	}
	if err != nil {
		return skip(err.Error())
	}
	b.collect(first.line, first.rec)
	for _, r := range g.rows[1:] {
		if err := b.addRow(r); err != nil {
			p.problem(r.line, g.handle, "row skipped: "+err.Error())
		}
	}

	in.OptionNames = p.options(first.rec, b.variants)
	urls, alts := p.gallery(g.handle, b.images, b.variants)
	for i := range urls {
		in.Images = append(in.Images, store.ImageInput{SourceURL: urls[i], Alt: alts[i]})
	}
	for _, v := range b.variants {
		in.Variants = append(in.Variants, v.in)
	}
	if p.idx.has(colCollection) && len(b.collections) > 0 {
		in.Collections = b.collections
	}
	if err := in.Validate(); err != nil {
		return skip(explain(err))
	}
	for _, v := range b.variants {
		if v.in.SKU != "" {
			p.skus[strings.Clone(v.in.SKU)] = skuOwner{handle: g.handle, line: v.line}
		}
	}
	return Product{Input: in, ImageURLs: urls, ImageAlts: alts, FirstLine: first.line, cols: &p.idx, exponent: p.exponent}, true
}

// productFields reads the product-wide fields of a product's first row.
func (p *parser) productFields(handle string, rec []string) (store.ProductInput, error) {
	get := func(c column) string { return p.get(rec, c) }
	in := store.ProductInput{
		Handle:         handle,
		Title:          truncate(get(colTitle), maxTextBytes),
		Description:    truncate(plainText(truncate(get(colBody), maxBodyBytes)), maxDescriptionBytes),
		Vendor:         truncate(get(colVendor), maxTextBytes),
		ProductType:    truncate(productType(get(colType), get(colCategory)), maxTextBytes),
		SEOTitle:       truncate(get(colSEOTitle), maxTextBytes),
		SEODescription: truncate(get(colSEODesc), maxTextBytes),
		Tags:           splitTags(get(colTags)),
	}
	if in.Title == "" {
		return in, errors.New("no title on its first row")
	}
	var err error
	in.Status, err = parseStatus(get(colStatus), get(colPublished))
	return in, err
}

// builder gathers the variants, images and collections of one product's rows.
type builder struct {
	p           *parser
	variants    []variant
	skus        map[string]int    // SKU → line, within the product
	combos      map[[3]string]int // option values → line
	images      []image
	collections []string
}

// addRow adds a row after the first: a variant, an image or both.
func (b *builder) addRow(r row) error {
	if r.bad != "" {
		return errors.New(r.bad)
	}
	if b.p.isVariantRow(r.rec) {
		v, err := b.p.variant(r.rec)
		if err != nil {
			return err
		}
		v.line = r.line
		if err := b.addVariant(v); err != nil {
			return err
		}
	}
	b.collect(r.line, r.rec)
	return nil
}

// addVariant adds v unless it repeats another variant's options or SKU
// (within the product, or of a product accepted earlier in the file).
func (b *builder) addVariant(v variant) error {
	if l, ok := b.combos[v.in.Options]; ok {
		return fmt.Errorf("same options as the variant on line %d", l)
	}
	if sku := v.in.SKU; sku != "" {
		if l, ok := b.skus[sku]; ok {
			return fmt.Errorf("SKU %q is already used on line %d", sku, l)
		}
		if o, ok := b.p.skus[sku]; ok {
			return fmt.Errorf("SKU %q is already used by %s on line %d", sku, o.handle, o.line)
		}
		b.skus[sku] = v.line
	}
	b.combos[v.in.Options] = v.line
	b.variants = append(b.variants, v)
	return nil
}

// collect takes a row's image and collection.
func (b *builder) collect(line int, rec []string) {
	if src := b.p.get(rec, colImageSrc); src != "" {
		pos, _ := strconv.Atoi(b.p.get(rec, colImagePos))
		b.images = append(b.images, image{url: src, alt: truncate(b.p.get(rec, colImageAlt), maxAltBytes), pos: max(pos, 0), line: line})
	}
	if c := store.Slugify(b.p.get(rec, colCollection)); c != "" && !contains(b.collections, c) {
		b.collections = append(b.collections, c)
	}
}

// variantColumns are the columns whose values make a row a variant's.
var variantColumns = []column{colPrice, colSKU, colOpt1Value, colOpt2Value, colOpt3Value, colCompareAt, colBarcode}

// isVariantRow tells a row adding a variant from one adding only an image.
func (p *parser) isVariantRow(rec []string) bool {
	for _, c := range variantColumns {
		if p.get(rec, c) != "" {
			return true
		}
	}
	return false
}

// variant reads a row's variant fields.
func (p *parser) variant(rec []string) (variant, error) {
	get := func(c column) string { return p.get(rec, c) }
	var v variant
	var err error
	// Without a price column the file updates stored variants, which
	// keep their prices (Merge); a cell left empty is still a problem.
	if p.idx.has(colPrice) {
		if v.in.Price, err = p.money(get(colPrice), "price"); err != nil {
			return v, err
		}
	}
	if s := get(colCompareAt); s != "" {
		if v.in.CompareAtPrice, err = p.money(s, "compare-at price"); err != nil {
			return v, err
		}
		if p.idx.has(colPrice) && !v.in.CompareAtShown() {
			return v, compareAtNotAbove(v.in, p.exponent)
		}
	}
	if s := get(colGrams); s != "" {
		v.in.WeightGrams, err = parseWeight(s, "g")
	} else if s := get(colWeight); s != "" {
		v.in.WeightGrams, err = parseWeight(s, get(colWeightUnit))
	}
	if err != nil {
		return v, err
	}
	if s := get(colStock); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n > maxStock {
			return v, fmt.Errorf("inventory quantity %q is not a whole number", s)
		}
		// Shopify lets stock go negative when it oversells; here it is simply none left.
		v.in.Stock = max(n, 0)
	}
	v.in.SKU = truncate(get(colSKU), maxTextBytes)
	v.in.Barcode = truncate(get(colBarcode), maxTextBytes)
	for i, c := range []column{colOpt1Value, colOpt2Value, colOpt3Value} {
		v.in.Options[i] = truncate(get(c), maxTextBytes)
	}
	v.imageURL = get(colVariantImage)
	// Only an explicit FALSE means nothing to ship: a file without the
	// column, or with it blank, sells physical goods as before.
	v.in.NoShipping = strings.EqualFold(strings.TrimSpace(get(colRequiresShipping)), "false")
	return v, nil
}

// money parses a price. ParseMoney drops commas as thousands separators, so
// a European "19,99" must be refused here or it would become 1999.00.
func (p *parser) money(s, what string) (int64, error) {
	if s == "" {
		return 0, fmt.Errorf("no %s", what)
	}
	if strings.Contains(s, ",") && !thousands(s) {
		return 0, fmt.Errorf("%s %q has a decimal comma; write it with a point, as in 19.99", what, truncate(s, 40))
	}
	n, err := store.ParseMoney(s, p.exponent)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not an amount", what, truncate(s, 40))
	}
	return n, nil
}

// compareAtNotAbove is the problem of a compare-at price the shop would
// never show, and its admin would refuse to save: one not above the price.
func compareAtNotAbove(v store.VariantInput, exponent int) error {
	return fmt.Errorf("compare-at price %s is not above the price %s; leave it empty for none",
		store.FormatDecimal(v.CompareAtPrice, exponent), store.FormatDecimal(v.Price, exponent))
}

// thousands reports whether every comma in s separates groups of three digits.
func thousands(s string) bool {
	whole, _, _ := strings.Cut(s, ".")
	groups := strings.Split(whole, ",")
	for i, g := range groups {
		if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return false
		}
	}
	return true
}

// gramsPer converts weight units to grams.
var gramsPer = map[string]float64{
	"": 1, "g": 1, "gram": 1, "grams": 1,
	"kg": 1000, "kilogram": 1000, "kilograms": 1000,
	"lb": 453.59237, "lbs": 453.59237, "pound": 453.59237, "pounds": 453.59237,
	"oz": 28.349523125, "ounce": 28.349523125, "ounces": 28.349523125,
}

// parseWeight reads a weight in unit and returns whole grams. Weights are
// not money, so a float rounded to the gram is exact enough.
func parseWeight(s, unit string) (int64, error) {
	f, ok := gramsPer[strings.ToLower(strings.TrimSpace(unit))]
	if !ok {
		return 0, fmt.Errorf("weight unit %q is not g, kg, lb or oz", truncate(unit, 20))
	}
	w, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(w) || w < 0 || w*f > maxGrams {
		return 0, fmt.Errorf("weight %q is not a weight", truncate(s, 40))
	}
	return int64(math.Round(w * f)), nil
}

// parseStatus reads Status, falling back to Published. Shopify can keep an
// active product off its online store (Published FALSE); here the online
// store is the only channel, so such a product comes in as a draft.
func parseStatus(status, published string) (string, error) {
	hidden := false
	switch strings.ToLower(published) {
	case "false", "no", "0":
		hidden = true
	}
	switch s := strings.ToLower(status); s {
	case "", store.StatusActive:
		if hidden {
			return store.StatusDraft, nil
		}
		return store.StatusActive, nil
	case store.StatusDraft, store.StatusArchived:
		return s, nil
	default:
		return "", fmt.Errorf("status %q is not active, draft or archived", truncate(status, 40))
	}
}

// productType prefers Type; else the last level of Shopify's taxonomy
// ("Apparel & Accessories > Clothing > Shirts" gives "Shirts").
func productType(typ, category string) string {
	if typ != "" {
		return typ
	}
	if i := strings.LastIndex(category, ">"); i >= 0 {
		category = category[i+1:]
	}
	return strings.TrimSpace(category)
}

func splitTags(s string) []string {
	var tags []string
	for _, t := range strings.Split(s, ",") {
		t = truncate(strings.TrimSpace(t), maxTextBytes)
		if t != "" && !contains(tags, t) && len(tags) < maxTags {
			tags = append(tags, t)
		}
	}
	return tags
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// options returns the product's option names and compacts the variants'
// values to match. A lone "Title" option (Shopify's "Default Title") means
// the product has no options.
func (p *parser) options(first []string, variants []variant) []string {
	names := [3]string{
		truncate(p.get(first, colOpt1Name), maxTextBytes),
		truncate(p.get(first, colOpt2Name), maxTextBytes),
		truncate(p.get(first, colOpt3Name), maxTextBytes),
	}
	var slots []int
	for k := range names {
		used := names[k] != ""
		for _, v := range variants {
			used = used || v.in.Options[k] != ""
		}
		if used {
			slots = append(slots, k)
		}
	}
	if len(slots) == 1 && slots[0] == 0 && len(variants) == 1 &&
		(strings.EqualFold(names[0], "Title") || strings.EqualFold(variants[0].in.Options[0], "Default Title")) {
		variants[0].in.Options = [3]string{}
		return nil
	}
	var out []string
	for _, k := range slots {
		if names[k] == "" {
			names[k] = fmt.Sprintf("Option %d", k+1)
		}
		out = append(out, names[k])
	}
	for i := range variants {
		var o [3]string
		for j, k := range slots {
			o[j] = variants[i].in.Options[k]
		}
		variants[i].in.Options = o
	}
	return out
}

// gallery orders the product's images by Image Position (file order for
// rows without one), drops repeats and links each variant to its image,
// adding variant images the gallery lacks.
func (p *parser) gallery(handle string, images []image, variants []variant) (urls, alts []string) {
	sort.SliceStable(images, func(i, j int) bool {
		a, b := images[i].pos, images[j].pos
		return a > 0 && (b == 0 || a < b)
	})
	at := map[string]int{}
	add := func(url, alt string, line int) int {
		if i, ok := at[url]; ok {
			if alts[i] == "" {
				alts[i] = alt
			}
			return i
		}
		if len(url) > maxURLBytes {
			p.problem(line, handle, fmt.Sprintf("image ignored: its URL is longer than %d characters", maxURLBytes))
			return -1
		}
		if len(urls) >= maxImages {
			p.problem(line, handle, fmt.Sprintf("image ignored: a product has at most %d images", maxImages))
			return -1
		}
		at[url] = len(urls)
		urls = append(urls, url)
		alts = append(alts, alt)
		return len(urls) - 1
	}
	for _, im := range images {
		add(im.url, im.alt, im.line)
	}
	for i := range variants {
		if u := variants[i].imageURL; u != "" {
			variants[i].in.ImageIndex = add(u, "", variants[i].line) + 1
		}
	}
	return urls, alts
}

// explain turns a store validation error into a sentence for the merchant.
func explain(err error) string {
	var ve *store.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	msgs := map[string]string{
		"error.handle":            "the handle is not a valid URL handle",
		"error.required":          "no title",
		"error.status":            "the status is not active, draft or archived",
		"error.too_many_options":  "more than three options",
		"error.no_variants":       "no variants",
		"error.negative":          "a negative price, stock or weight",
		"error.duplicate_sku":     "two variants share a SKU",
		"error.duplicate_options": "two variants have the same options",
		"error.image_index":       "a variant image is missing",
	}
	var parts []string
	for field, key := range ve.Fields {
		if m, ok := msgs[key]; ok {
			parts = append(parts, m)
		} else {
			parts = append(parts, field+": "+key)
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}
