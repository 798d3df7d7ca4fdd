package store

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Translations CSV: the catalog's translations as a spreadsheet a
// merchant or a translator can edit, one text in one language a line:
//
//	Type,Handle,Field,Locale,Default,Value
//	product,longjing,title,zh,Pre-Qingming Longjing,明前龙井
//	product,longjing,option1:50 g,zh,50 g,50 克
//	collection,green-tea,title,zh,Green Tea,绿茶
//
// Type is product or collection, Field a Texts field (title, description,
// seo_title, seo_description, option1…3, "option1:Red", "tag:gift"),
// Default the shop's default language for the translator to read (the
// import ignores it) and Value the translation ("" removes it). The
// Shopify product CSV carries the default language; this file the others.

// TranslationsCSVHeader is the translations CSV's first line.
var TranslationsCSVHeader = []string{"Type", "Handle", "Field", "Locale", "Default", "Value"}

// Types of a translations CSV row.
const (
	TranslationTypeProduct    = "product"
	TranslationTypeCollection = "collection"
)

// TranslationRow is one line of the translations CSV.
type TranslationRow struct {
	Line    int // 1-based line in the file it was read from; 0 when exported
	Type    string
	Handle  string
	Field   string
	Locale  string
	Default string
	Value   string
}

// TranslationsFileError is a file that is not a translations CSV at all:
// nothing of it was imported.
type TranslationsFileError struct {
	Line   int    // 0 when the file is empty
	Column string // a required column the header lacks, or ""
	Err    error  // the CSV syntax error, when that is the problem
}

func (e *TranslationsFileError) Error() string {
	switch {
	case e.Column != "":
		return fmt.Sprintf("not a translations CSV: the header has no %s column", e.Column)
	case e.Err != nil:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return "not a translations CSV: the file is empty"
}

func (e *TranslationsFileError) Unwrap() error { return e.Err }

// TranslationsCSV writes every product's and collection's texts in
// locales (translationRows) to w as a translations CSV, neutralising
// cells a spreadsheet would run as formulas. The download puts the UTF-8
// byte order mark before it, as before every CSV the admin sends.
func (s *Store) TranslationsCSV(ctx context.Context, locales []string, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(TranslationsCSVHeader); err != nil {
		return err
	}
	err := s.translationRows(ctx, locales, func(r TranslationRow) error {
		return cw.Write(EscapeCSVRecord([]string{r.Type, r.Handle, r.Field, r.Locale, r.Default, r.Value}))
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// TranslationsFile is a translations CSV read through once
// (OpenTranslationsCSV) and ready for ImportTranslations to read again.
// Reading it twice is what lets a product's lines be applied as soon as its
// last line is read, though they need not be next to each other, so that a
// file of any size takes the memory of one product's lines, not the file's.
type TranslationsFile struct {
	r      io.ReadSeeker
	rewind func() error
	lines  map[translationKey]int // how many lines each product and collection has
}

type translationKey struct{ typ, handle string }

func (r TranslationRow) key() translationKey { return translationKey{r.Type, r.Handle} }

// OpenTranslationsCSV reads a translations CSV through once. Columns are
// found by their header name (any order, any case; Default is optional and
// ignored), so a merchant may reorder or drop columns in a spreadsheet. A
// file that is not a translations CSV, or is not one anywhere in it, is a
// *TranslationsFileError, before anything is imported; ImportTranslations
// judges the rows.
func OpenTranslationsCSV(r io.ReadSeeker) (*TranslationsFile, error) {
	rewind, err := Rewind(r)
	if err != nil {
		return nil, err
	}
	f := &TranslationsFile{r: r, rewind: rewind, lines: map[translationKey]int{}}
	err = f.each(func(row TranslationRow) error {
		k := row.key()
		if _, ok := f.lines[k]; !ok {
			// A cell is a piece of its record's one string: kept as it
			// is, the key would keep the whole line.
			k = translationKey{strings.Clone(k.typ), strings.Clone(k.handle)}
		}
		f.lines[k]++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// each reads the file from its start and hands fn each row as written,
// with its line number, until fn's first error, which it returns.
func (f *TranslationsFile) each(fn func(TranslationRow) error) error {
	if err := f.rewind(); err != nil {
		return err
	}
	br := bufio.NewReader(f.r)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // a short row is judged by its cells, not refused with the file
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return &TranslationsFileError{}
	}
	if err != nil {
		return csvFileError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, name := range []string{"Type", "Handle", "Field", "Locale", "Value"} {
		if _, ok := col[strings.ToLower(name)]; !ok {
			return &TranslationsFileError{Line: 1, Column: name}
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvFileError(err)
		}
		line, _ := cr.FieldPos(0)
		cell := func(name string) string {
			if i := col[name]; i < len(rec) {
				return UnescapeCSVFormula(rec[i])
			}
			return ""
		}
		err = fn(TranslationRow{Line: line, Type: strings.ToLower(strings.TrimSpace(cell("type"))),
			Handle: strings.TrimSpace(cell("handle")), Field: strings.TrimSpace(cell("field")),
			Locale: strings.ToLower(strings.TrimSpace(cell("locale"))), Value: cell("value")})
		if err != nil {
			return err
		}
	}
}

func csvFileError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &TranslationsFileError{Line: pe.Line, Err: pe.Err}
	}
	return &TranslationsFileError{Err: err}
}
