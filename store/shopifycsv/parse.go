// Package shopifycsv reads the product CSV that Shopify exports (both the
// classic header set and the newer one) into store.ProductInput values. It
// is a pure parser: it fetches no image and touches no database.
package shopifycsv

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"storefront/store"
)

// Limits that keep a hostile or broken file from exhausting memory or
// filling the catalog with megabyte titles. Text beyond them is cut.
const (
	maxFileBytes        = 256 << 20
	maxRowBytes         = 4 << 20
	maxBodyBytes        = 512 << 10 // raw HTML read from Body (HTML)
	maxDescriptionBytes = 64 << 10  // plain text kept from it
	maxTextBytes        = 1024      // titles, vendors, SKUs, option values
	maxAltBytes         = 512
	maxURLBytes         = 2048
	maxTags             = 250
	maxImages           = 250
	maxStock            = 1_000_000_000
	maxGrams            = 1_000_000_000
)

// Problem is a row that was skipped, with its 1-based line number in the
// file and a reason a merchant understands.
type Problem struct {
	Line   int
	Handle string
	Reason string
}

func (p Problem) String() string {
	if p.Handle == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Reason)
	}
	return fmt.Sprintf("line %d (%s): %s", p.Line, p.Handle, p.Reason)
}

// Product is one product parsed from the rows sharing a Handle. ImageURLs
// and ImageAlts list its gallery in order; Input.Images holds the same URLs
// without data and each variant's ImageIndex points into them, so the
// caller fetches the images it needs and fills in ImageInput.Data.
type Product struct {
	Input     store.ProductInput
	ImageURLs []string
	ImageAlts []string
	FirstLine int
}

var errTooLarge = fmt.Errorf("file is larger than %d MB", maxFileBytes>>20)

// Parse reads a Shopify product CSV. exponent is the store currency's
// minor-unit exponent (store.Currencies[code]). Rows it cannot use are
// skipped and reported as problems; the error is only for a file that cannot
// be read at all or has no Handle column.
func Parse(r io.Reader, exponent int) ([]Product, []Problem, error) {
	br := bufio.NewReader(&limitReader{r: r, n: maxFileBytes})
	// Excel writes a byte-order mark before the header.
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // spreadsheets drop trailing empty cells

	header, err := cr.Read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, nil, errors.New("the file is empty: no header row")
	case err != nil:
		return nil, nil, fmt.Errorf("read header row: %w", err)
	}
	p := &parser{idx: newColumnIndex(header), exponent: exponent, groups: map[string]*group{}, skus: map[string]skuOwner{}}
	if !p.idx.has(colHandle) {
		return nil, nil, errors.New(`the header row has no "Handle" (or "URL handle") column; is this a Shopify product CSV?`)
	}

	offset := cr.InputOffset()
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.problem(pe.StartLine, "", fmt.Sprintf("row skipped: malformed quotes (%v)", pe.Err))
			if next := cr.InputOffset(); next > offset {
				offset = next
				continue
			}
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		next := cr.InputOffset()
		p.addRecord(line, rec, next-offset)
		offset = next
	}
	return p.finish()
}

// limitReader fails with errTooLarge rather than silently stopping, so a
// huge file is an error and not a truncated import.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(b []byte) (int, error) {
	if l.n <= 0 {
		return 0, errTooLarge
	}
	if int64(len(b)) > l.n {
		b = b[:l.n]
	}
	n, err := l.r.Read(b)
	l.n -= int64(n)
	return n, err
}

type row struct {
	line int
	rec  []string
	bad  string // why the row cannot be used, "" when it can
}

// group is the rows of one handle in file order; the first defines the product.
type group struct {
	handle string
	rows   []row
}

type skuOwner struct {
	handle string
	line   int
}

type parser struct {
	idx      columnIndex
	exponent int
	order    []*group
	groups   map[string]*group
	skus     map[string]skuOwner // SKUs of accepted products, across the file
	problems []Problem
}

func (p *parser) problem(line int, handle, reason string) {
	p.problems = append(p.problems, Problem{Line: line, Handle: handle, Reason: reason})
}

func (p *parser) get(rec []string, c column) string { return p.idx.get(rec, c) }

// addRecord files a record under its handle. Rows that are unusable still
// join their group, so that a bad first row skips its whole product instead
// of promoting the next row to define it.
func (p *parser) addRecord(line int, rec []string, size int64) {
	if blank(rec) {
		return
	}
	raw := truncate(p.get(rec, colHandle), maxTextBytes)
	var bad string
	switch {
	case size > maxRowBytes:
		bad = fmt.Sprintf("the row is longer than %d MB", maxRowBytes>>20)
	case !p.validUTF8(rec):
		bad = "the row is not valid UTF-8 text; save the file as \"CSV UTF-8\" and import it again"
	}
	if raw == "" {
		p.problem(line, "", "row skipped: no handle")
		return
	}
	// Slugify twice: once cut at its length limit, its output can end in a
	// hyphen that a second pass removes, and Validate wants a fixed point.
	handle := store.Slugify(store.Slugify(raw))
	if handle == "" {
		p.problem(line, strings.ToValidUTF8(raw, "?"), "row skipped: the handle has no letters or digits")
		return
	}
	g := p.groups[handle]
	if g == nil {
		g = &group{handle: handle}
		p.groups[handle] = g
		p.order = append(p.order, g)
	}
	g.rows = append(g.rows, row{line: line, rec: rec, bad: bad})
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// validUTF8 checks the fields the importer reads; garbage in a column it
// ignores does no harm.
func (p *parser) validUTF8(rec []string) bool {
	for _, i := range p.idx {
		if i >= 0 && i < len(rec) && !utf8.ValidString(rec[i]) {
			return false
		}
	}
	return true
}

func (p *parser) finish() ([]Product, []Problem, error) {
	var out []Product
	for i, g := range p.order {
		if prod, ok := p.product(g); ok {
			out = append(out, prod)
		}
		// Each group's rows go once its product is built, so that the
		// file's rows and its products are not all held at once: 440 MB
		// instead of 600 for 100,000 products.
		p.order[i] = nil
		delete(p.groups, g.handle)
	}
	sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].Line < p.problems[j].Line })
	return out, p.problems, nil
}
