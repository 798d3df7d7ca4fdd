package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Why a translations CSV row was skipped (TranslationProblem.Reason); the
// admin shows each as content.trcsv.skip.<reason>.
const (
	SkipType     = "type"      // Type is neither product nor collection
	SkipHandle   = "handle"    // no product or collection has the handle
	SkipField    = "field"     // not a translatable field of that product or collection
	SkipLocale   = "locale"    // not a language the shop offers besides its default
	SkipTooLong  = "too_long"  // longer than the field allows
	SkipTwice    = "twice"     // the same field and language again for the same handle
	SkipNotSaved = "not_saved" // the product's or collection's transaction failed
	SkipSame     = "same"      // an option value would read the same as another value of the option
)

// TranslationProblem is a translations CSV row that was not imported.
type TranslationProblem struct {
	Line   int
	Handle string
	Reason string // one of the Skip constants
	Detail string // the offending cell (type, field or locale), or the error
}

var skipText = map[string]string{
	SkipType: "unknown type %q (product or collection)", SkipHandle: "no such handle",
	SkipField: "unknown field %q", SkipLocale: "locale %q is not a translation language of this shop",
	SkipTooLong: "the %s translation is too long", SkipTwice: "%s appears twice; the first is kept",
	SkipNotSaved: "not saved: %s", SkipSame: "the %s translation reads the same as another value of the option",
}

func (p TranslationProblem) String() string {
	reason := skipText[p.Reason]
	if strings.Contains(reason, "%") {
		reason = fmt.Sprintf(reason, p.Detail)
	}
	return fmt.Sprintf("line %d (%s): %s", p.Line, p.Handle, reason)
}

// TranslationImport is what ImportTranslations did.
type TranslationImport struct {
	Products, Collections int // entities whose translations changed
	Changed               int // translations added, changed or removed
	Skipped               []TranslationProblem
}

// translatable is a product or collection as the translations CSV sees
// it: its translatable fields in file order, with their default-language
// values and limits, and its translations.
type translatable struct {
	typ, handle string
	id          int64
	fields      []fieldText
	tr          Texts
}

type fieldText struct {
	field, def string
	max        int  // characters, or bytes when inBytes
	inBytes    bool // a collection's description, limited as its column is
}

func (f fieldText) tooLong(v string) bool {
	if f.inBytes {
		return len(v) > f.max
	}
	return utf8.RuneCountInString(v) > f.max
}

// optionValues is a product's distinct values of option i (0-based), in
// the variants' order.
func (t *translatable) optionValues(i int) []string {
	var out []string
	for _, f := range t.fields {
		if f.field == OptionValueField(i, f.def) {
			out = append(out, f.def)
		}
	}
	return out
}

func (t *translatable) field(name string) (fieldText, bool) {
	for _, f := range t.fields {
		if f.field == name {
			return f, true
		}
	}
	return fieldText{}, false
}

// translationRows calls fn with every product's and then every
// collection's translatable text in each of locales (the shop's languages
// besides its default), for the translations CSV: a text with no
// translation yet has an empty Value, so a translator fills in the file.
// Fields with no default text and no translation are left out. Products
// are read exportBatch at a time, so that the export's memory does not
// grow with the catalog, all in one read transaction, so that the file is
// one moment of the catalog (which holds back checkpoints while fn writes
// a download out, as AllProducts does).
func (s *Store) translationRows(ctx context.Context, locales []string, fn func(TranslationRow) error) error {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("translation rows: %w", err)
	}
	defer tx.Rollback()
	rowsOf := func(items []*translatable) error {
		for _, t := range items {
			for _, f := range t.fields {
				if f.def == "" && len(t.tr[f.field]) == 0 {
					continue
				}
				for _, l := range locales {
					if err := fn(TranslationRow{Type: t.typ, Handle: t.handle, Field: f.field, Locale: l,
						Default: f.def, Value: t.tr[f.field][l]}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	for after := int64(0); ; {
		items, err := loadTranslatables(ctx, tx.QueryContext, TranslationTypeProduct, "", after)
		if err != nil {
			return err
		}
		if len(items) == 0 {
			break
		}
		if err := rowsOf(items); err != nil {
			return err
		}
		after = items[len(items)-1].id
	}
	items, err := loadTranslatables(ctx, tx.QueryContext, TranslationTypeCollection, "", 0)
	if err != nil {
		return err
	}
	return rowsOf(items)
}

// ImportTranslations applies a translations CSV. Each product's or
// collection's rows are applied in one transaction as soon as its last row
// is read, which also checks them against the product as it is then:
// translations of fields the file does not mention are kept, rows that
// cannot be used are skipped and reported by line, and a product is never
// half-updated. locales are the shop's languages besides its default.
func (s *Store) ImportTranslations(ctx context.Context, actor Actor, f *TranslationsFile, locales []string) (TranslationImport, error) {
	var res TranslationImport
	skip := func(ps ...TranslationProblem) {
		for _, p := range ps {
			// Copied, so that a file of skipped rows does not keep every line.
			p.Handle, p.Detail = strings.Clone(p.Handle), strings.Clone(p.Detail)
			res.Skipped = append(res.Skipped, p)
		}
	}
	left := maps.Clone(f.lines)
	groups := map[translationKey][]TranslationRow{}
	// The shop's caches hear of what is applied at once, then within
	// OthersEvery (checked after each line read), as of a command's import
	// beside the server, and when the import ends, however it ends: told
	// of every product, they would hold nothing while a big file is
	// applied (hundreds of products a second), and every shopper's page
	// would be rendered afresh.
	var told time.Time
	untold := false
	tell := func() {
		s.bumpCatalog()
		told, untold = time.Now(), false
	}
	defer func() {
		if untold {
			tell()
		}
	}()
	apply := func(k translationKey) error {
		rows := groups[k]
		delete(groups, k)
		changed, skipped, err := s.importTranslationsOf(ctx, actor, k.typ, k.handle, rows)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			skipped = skipped[:0]
			for _, r := range rows {
				skipped = append(skipped, TranslationProblem{Line: r.Line, Handle: r.Handle, Reason: SkipNotSaved, Detail: err.Error()})
			}
		}
		skip(skipped...)
		if err == nil && changed > 0 {
			untold = true
			res.Changed += changed
			if k.typ == TranslationTypeProduct {
				res.Products++
			} else {
				res.Collections++
			}
		}
		return nil
	}
	err := f.each(func(r TranslationRow) error {
		k := r.key()
		left[k]--
		switch {
		case left[k] < 0: // its product was applied: the file grew since it was opened
			skip(TranslationProblem{Line: r.Line, Handle: r.Handle, Reason: SkipNotSaved, Detail: "the file changed while it was imported; import it again"})
		case r.Type != TranslationTypeProduct && r.Type != TranslationTypeCollection:
			skip(TranslationProblem{Line: r.Line, Handle: r.Handle, Reason: SkipType, Detail: r.Type})
		case !slices.Contains(locales, r.Locale):
			skip(TranslationProblem{Line: r.Line, Handle: r.Handle, Reason: SkipLocale, Detail: r.Locale})
		default:
			groups[k] = append(groups[k], r)
		}
		var err error
		if left[k] <= 0 && groups[k] != nil {
			err = apply(k)
		}
		if untold && time.Since(told) >= OthersEvery {
			tell()
		}
		return err
	})
	// Rows still waiting, when the file shrank since it was opened.
	waiting := slices.SortedFunc(maps.Keys(groups), func(a, b translationKey) int {
		return groups[a][0].Line - groups[b][0].Line
	})
	for _, k := range waiting {
		if err != nil {
			break
		}
		err = apply(k)
	}
	sort.SliceStable(res.Skipped, func(i, j int) bool { return res.Skipped[i].Line < res.Skipped[j].Line })
	return res, err
}

// importTranslationsOf applies one product's or collection's rows in one
// transaction and returns how many translations changed and the rows it
// skipped. A product whose translations do not change is not written.
func (s *Store) importTranslationsOf(ctx context.Context, actor Actor, typ, handle string, rows []TranslationRow) (int, []TranslationProblem, error) {
	var changed int
	var skipped []TranslationProblem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		changed, skipped = 0, nil
		items, err := loadTranslatables(ctx, tx.QueryContext, typ, handle, 0)
		if err != nil {
			return err
		}
		if len(items) == 0 {
			for _, r := range rows {
				skipped = append(skipped, TranslationProblem{Line: r.Line, Handle: handle, Reason: SkipHandle})
			}
			return nil
		}
		t := items[0]
		before := t.tr
		after := Texts{}
		for f, byLocale := range before {
			after[f] = maps.Clone(byLocale)
		}
		seen := map[[2]string]int{} // the line of each field and locale applied
		for _, r := range rows {
			f, ok := t.field(r.Field)
			problem := TranslationProblem{Line: r.Line, Handle: handle}
			switch {
			case !ok:
				problem.Reason, problem.Detail = SkipField, r.Field
			case seen[[2]string{r.Field, r.Locale}] != 0:
				problem.Reason, problem.Detail = SkipTwice, r.Field+" "+r.Locale
			case f.tooLong(TrimText(r.Value)):
				problem.Reason, problem.Detail = SkipTooLong, r.Field
			default:
				seen[[2]string{r.Field, r.Locale}] = r.Line
				if after[r.Field][r.Locale] != TrimText(r.Value) {
					changed++
				}
				after = after.Set(r.Field, r.Locale, r.Value)
				continue
			}
			skipped = append(skipped, problem)
		}
		// Option values that would read alike are refused as the product
		// form refuses them. Putting a skipped row's old translation back
		// may make another row's clash, hence the rounds; a clash the
		// product had before is not this file's to report.
		for again := true; again; {
			again = false
			for i := range 3 {
				for _, c := range optionValueClashes(i, t.optionValues(i), after) {
					line := seen[c]
					if line == 0 {
						continue
					}
					delete(seen, c)
					skipped = append(skipped, TranslationProblem{Line: line, Handle: handle, Reason: SkipSame, Detail: c[0]})
					if after[c[0]][c[1]] != before[c[0]][c[1]] {
						changed--
					}
					after, again = after.Set(c[0], c[1], before[c[0]][c[1]]), true
				}
			}
		}
		if changed == 0 {
			return nil
		}
		if err := replaceTexts(ctx, tx, entityOf(typ), t.id, after); err != nil {
			return err
		}
		// The shop's search indexes a product's title and description in
		// every language: without this a shopper could not find an
		// imported translation until the product was next saved.
		if typ == TranslationTypeProduct {
			if err := refreshSearch(ctx, tx, t.id); err != nil {
				return err
			}
		}
		action, entity := ActionProductUpdate, EntityProduct
		if typ == TranslationTypeCollection {
			action, entity = ActionCollectionUpdate, EntityCollection
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: action, Entity: entity,
			EntityID: strconv.FormatInt(t.id, 10), Before: map[string]any{"translations": before},
			After: map[string]any{"translations": after}})
	})
	if err != nil {
		return 0, skipped, fmt.Errorf("import translations of %s %s: %w", typ, handle, err)
	}
	return changed, skipped, nil
}

func entityOf(typ string) string {
	if typ == TranslationTypeCollection {
		return EntityCollectionText
	}
	return EntityProductText
}

// loadTranslatables reads the products or collections of type typ, with
// their translatable fields and translations: the one with handle, or
// when handle is "" every collection (in position order; a shop has few)
// or the next exportBatch products after id after (in id order).
func loadTranslatables(ctx context.Context, query queryFunc, typ, handle string, after int64) ([]*translatable, error) {
	var items []*translatable
	var err error
	if typ == TranslationTypeCollection {
		items, err = loadCollectionTranslatables(ctx, query, handle)
	} else {
		items, err = loadProductTranslatables(ctx, query, handle, after)
	}
	if err != nil {
		return nil, fmt.Errorf("load %ss to translate: %w", typ, err)
	}
	ids := make([]int64, len(items))
	for i, t := range items {
		ids[i] = t.id
	}
	if handle == "" && typ == TranslationTypeCollection {
		ids = nil // every one
	}
	tr, err := loadTexts(ctx, query, entityOf(typ), ids)
	if err != nil {
		return nil, err
	}
	for _, t := range items {
		t.tr = tr[t.id]
	}
	return items, nil
}

func loadCollectionTranslatables(ctx context.Context, query queryFunc, handle string) ([]*translatable, error) {
	where, args := handleFilter("handle", handle)
	rows, err := query(ctx, `SELECT id, handle, title, description, seo_title, seo_description FROM collections
		`+where+` ORDER BY position, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*translatable
	for rows.Next() {
		t := &translatable{typ: TranslationTypeCollection}
		var title, desc, seoTitle, seoDesc string
		if err := rows.Scan(&t.id, &t.handle, &title, &desc, &seoTitle, &seoDesc); err != nil {
			return nil, err
		}
		t.fields = []fieldText{{field: FieldTitle, def: title, max: maxCollectionTitleLen},
			{field: FieldDescription, def: desc, max: maxCollectionDescLen, inBytes: true},
			{field: FieldSEOTitle, def: seoTitle, max: maxCollectionTitleLen},
			{field: FieldSEODescription, def: seoDesc, max: maxCollectionSEODescLen}}
		out = append(out, t)
	}
	return out, rows.Err()
}

func loadProductTranslatables(ctx context.Context, query queryFunc, handle string, after int64) ([]*translatable, error) {
	where, args := `id > ?`, []any{after}
	if handle != "" {
		where, args = `handle = ?`, []any{handle}
	}
	var out []*translatable
	byID := map[int64]*translatable{}
	names := map[int64][]string{}
	err := queryEach(ctx, query, `SELECT id, handle, title, description, seo_title, seo_description,
		option1_name, option2_name, option3_name FROM products WHERE `+where+` ORDER BY id LIMIT ?`, append(args, exportBatch), func(rows *sql.Rows) error {
		t := &translatable{typ: TranslationTypeProduct}
		var title, desc, seoTitle, seoDesc string
		var opt [3]string
		if err := rows.Scan(&t.id, &t.handle, &title, &desc, &seoTitle, &seoDesc, &opt[0], &opt[1], &opt[2]); err != nil {
			return err
		}
		t.fields = []fieldText{{field: FieldTitle, def: title, max: MaxProductTitleLen},
			{field: FieldDescription, def: desc, max: maxProductDescLen},
			{field: FieldSEOTitle, def: seoTitle, max: MaxSEOTitleLen},
			{field: FieldSEODescription, def: seoDesc, max: MaxSEODescriptionLen}}
		for i, n := range opt {
			if n != "" {
				t.fields = append(t.fields, fieldText{field: OptionNameField(i), def: n, max: maxProductTextLen})
				names[t.id] = append(names[t.id], n)
			}
		}
		out, byID[t.id] = append(out, t), t
		return nil
	})
	if err != nil || len(out) == 0 {
		return nil, err
	}
	ids := []any{out[0].id, out[len(out)-1].id}
	// Option values in the order the variants list them, each once.
	err = queryEach(ctx, query, `SELECT product_id, option1, option2, option3 FROM variants
		WHERE product_id BETWEEN ? AND ? ORDER BY product_id, position, id`, ids, func(rows *sql.Rows) error {
		var id int64
		var opt [3]string
		if err := rows.Scan(&id, &opt[0], &opt[1], &opt[2]); err != nil {
			return err
		}
		t := byID[id]
		for i, o := range opt {
			if f := OptionValueField(i, o); o != "" && i < len(names[id]) {
				if _, dup := t.field(f); !dup {
					t.fields = append(t.fields, fieldText{field: f, def: o, max: maxProductTextLen})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, queryEach(ctx, query, `SELECT product_id, tag FROM product_tags
		WHERE product_id BETWEEN ? AND ? ORDER BY product_id, tag`, ids, func(rows *sql.Rows) error {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return err
		}
		byID[id].fields = append(byID[id].fields, fieldText{field: TagField(tag), def: tag, max: maxProductTextLen})
		return nil
	})
}

// handleFilter is the WHERE clause that picks handle in column, or none
// when handle is "" (every row).
func handleFilter(column, handle string) (string, []any) {
	if handle == "" {
		return "", nil
	}
	return "WHERE " + column + " = ?", []any{handle}
}

// queryEach runs q with args through query (a Store's or a transaction's)
// and calls fn for every row.
func queryEach(ctx context.Context, query queryFunc, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
