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
// locales (translationRows) to w as a translations CSV. It starts with a
// UTF-8 byte order mark, without which Excel reads the Chinese as
// Windows-1252, and neutralises cells a spreadsheet would run as formulas.
func (s *Store) TranslationsCSV(ctx context.Context, locales []string, w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
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

// ReadTranslationsCSV reads a translations CSV. Columns are found by their
// header name (any order, any case; Default is optional and ignored), so a
// merchant may reorder or drop columns in a spreadsheet. Rows are returned
// as written, with their line numbers; ImportTranslations judges them.
func ReadTranslationsCSV(r io.Reader) ([]TranslationRow, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // a short row is judged by its cells, not refused with the file
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &TranslationsFileError{}
	}
	if err != nil {
		return nil, csvFileError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, name := range []string{"Type", "Handle", "Field", "Locale", "Value"} {
		if _, ok := col[strings.ToLower(name)]; !ok {
			return nil, &TranslationsFileError{Line: 1, Column: name}
		}
	}
	var rows []TranslationRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, csvFileError(err)
		}
		line, _ := cr.FieldPos(0)
		cell := func(name string) string {
			if i := col[name]; i < len(rec) {
				return UnescapeCSVFormula(rec[i])
			}
			return ""
		}
		rows = append(rows, TranslationRow{Line: line, Type: strings.ToLower(strings.TrimSpace(cell("type"))),
			Handle: strings.TrimSpace(cell("handle")), Field: strings.TrimSpace(cell("field")),
			Locale: strings.ToLower(strings.TrimSpace(cell("locale"))), Value: cell("value")})
	}
}

func csvFileError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &TranslationsFileError{Line: pe.Line, Err: pe.Err}
	}
	return &TranslationsFileError{Err: err}
}
