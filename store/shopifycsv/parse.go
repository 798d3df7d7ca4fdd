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
	"maps"
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
	// cols is the file's columns, for Merge: nil counts as every column.
	cols     *columnIndex
	exponent int
}

var errTooLarge = fmt.Errorf("file is larger than %d MB", maxFileBytes>>20)

// File is a Shopify product CSV that has been read once, to count each
// handle's rows, and is ready to be read again product by product (Each).
// Reading it twice is what lets a product go as soon as its last row is
// read, even though a product's rows need not be next to each other, so
// that a catalog of any size takes the memory of its largest product.
type File struct {
	r        io.ReadSeeker
	rewind   func() error
	exponent int
	rows     map[string]int // handle → its rows
	unknown  []string       // unknownColumns
}

// Open reads a Shopify product CSV through once. exponent is the store
// currency's minor-unit exponent (store.Currencies[code]). The error is
// only for a file that cannot be read at all, is too large, or has no
// Handle column; rows it cannot use are reported by Each.
func Open(r io.ReadSeeker, exponent int) (*File, error) {
	rewind, err := store.Rewind(r)
	if err != nil {
		return nil, err
	}
	f := &File{r: r, rewind: rewind, exponent: exponent, rows: map[string]int{}}
	p, err := f.read(func(p *parser, line int, rec []string, size int64) error {
		if handle, _, _ := p.handleOf(rec); handle != "" {
			if _, ok := f.rows[handle]; !ok {
				// A field is a piece of its record's one string: kept as
				// it is, the key would keep the whole row.
				handle = strings.Clone(handle)
			}
			f.rows[handle]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	f.unknown = unknownColumns(p.header)
	return f, nil
}

// Handles is how many products the file names, usable or not.
func (f *File) Handles() int { return len(f.rows) }

// UnknownColumns names the file's columns that the import neither reads
// nor knows as Shopify's, in the header's order: a misspelt "Varient
// Price" is ignored, and the merchant should hear so.
func (f *File) UnknownColumns() []string { return f.unknown }

// Each hands fn the file's products in the order their handles first
// appear, each as soon as its last row is read, and returns the rows it
// skipped, in line order. It stops at fn's first error and returns it.
func (f *File) Each(fn func(Product) error) ([]Problem, error) {
	if err := f.rewind(); err != nil {
		return nil, err
	}
	rows := maps.Clone(f.rows)
	// ready hands over the products whose rows are all read, up to the
	// first that still waits for some, so that the order is the file's.
	ready := func(p *parser, all bool) error {
		for len(p.order) > 0 && (all || rows[p.order[0].handle] == 0) {
			g := p.order[0]
			p.order = p.order[1:]
			delete(p.groups, g.handle)
			rows[g.handle] = 0
			if prod, ok := p.product(g); ok {
				if err := fn(prod); err != nil {
					return err
				}
			}
		}
		return nil
	}
	p, err := f.read(func(p *parser, line int, rec []string, size int64) error {
		p.addRecord(line, rec, size, rows)
		return ready(p, false)
	})
	if p == nil {
		return nil, err
	}
	if err == nil {
		err = ready(p, true) // groups still waiting: the file changed since Open read it
	}
	sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].Line < p.problems[j].Line })
	return p.problems, err
}

// Parse reads a whole Shopify product CSV into memory; Open and Each read
// a file of any size.
func Parse(r io.ReadSeeker, exponent int) ([]Product, []Problem, error) {
	f, err := Open(r, exponent)
	if err != nil {
		return nil, nil, err
	}
	var out []Product
	problems, err := f.Each(func(p Product) error {
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, problems, nil
}

// read reads the file from where it stands and hands each record to row,
// with the parser made from its header, which it returns, with the first
// error of reading or of row.
func (f *File) read(row func(p *parser, line int, rec []string, size int64) error) (*parser, error) {
	br := bufio.NewReader(&limitReader{r: f.r, n: maxFileBytes})
	// Excel writes a byte-order mark before the header.
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // spreadsheets drop trailing empty cells

	header, err := cr.Read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, errors.New("the file is empty: no header row")
	case err != nil:
		return nil, fmt.Errorf("read header row: %w", err)
	}
	p := &parser{idx: newColumnIndex(header), header: header, exponent: f.exponent, groups: map[string]*group{}, skus: map[string]skuOwner{}}
	if !p.idx.has(colHandle) {
		return nil, errors.New(`the header row has no "Handle" (or "URL handle") column; is this a Shopify product CSV?`)
	}

	offset := cr.InputOffset()
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.problem(pe.StartLine, "", fmt.Sprintf("row skipped: malformed quotes (%v)", pe.Err))
			if next := cr.InputOffset(); next > offset {
				offset = next
				continue
			}
			return p, nil
		}
		if err != nil {
			return p, fmt.Errorf("read csv: %w", err)
		}
		line, _ := cr.FieldPos(0)
		next := cr.InputOffset()
		if err := row(p, line, rec, next-offset); err != nil {
			return p, err
		}
		offset = next
	}
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
	header   []string
	exponent int
	order    []*group
	groups   map[string]*group
	skus     map[string]skuOwner // SKUs of accepted products, across the file
	problems []Problem
}

// problem notes a skipped row. The handle is copied so that a file of bad
// rows does not keep every row (see Open).
func (p *parser) problem(line int, handle, reason string) {
	p.problems = append(p.problems, Problem{Line: line, Handle: strings.Clone(handle), Reason: reason})
}

func (p *parser) get(rec []string, c column) string { return p.idx.get(rec, c) }

// handleOf is the handle a record files under, "" for a row that files
// under none (blank, or without a usable handle), with the raw text and
// why when there is one to report.
func (p *parser) handleOf(rec []string) (handle, raw, why string) {
	if blank(rec) {
		return "", "", ""
	}
	raw = truncate(p.get(rec, colHandle), maxTextBytes)
	if raw == "" {
		return "", "", "row skipped: no handle"
	}
	// Slugify twice: once cut at its length limit, its output can end in a
	// hyphen that a second pass removes, and Validate wants a fixed point.
	handle = store.Slugify(store.Slugify(raw))
	if handle == "" {
		return "", strings.ToValidUTF8(raw, "?"), "row skipped: the handle has no letters or digits"
	}
	return handle, raw, ""
}

// addRecord files a record under its handle and counts it off rows. Rows
// that are unusable still join their group, so that a bad first row skips
// its whole product instead of promoting the next row to define it.
func (p *parser) addRecord(line int, rec []string, size int64, rows map[string]int) {
	handle, raw, why := p.handleOf(rec)
	if handle == "" {
		if why != "" {
			p.problem(line, raw, why)
		}
		return
	}
	if rows[handle] == 0 {
		p.problem(line, handle, "row skipped: the file changed while it was imported; import it again")
		return
	}
	rows[handle]--
	var bad string
	switch {
	case size > maxRowBytes:
		bad = fmt.Sprintf("the row is longer than %d MB", maxRowBytes>>20)
	case !p.validUTF8(rec):
		bad = "the row is not valid UTF-8 text; save the file as \"CSV UTF-8\" and import it again"
	}
	g := p.groups[handle]
	if g == nil {
		g = &group{handle: strings.Clone(handle)} // kept by skus beyond the row
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
