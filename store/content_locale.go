package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Changing the content language (Settings.ContentLocale): the language
// the merchant's texts are kept in, in their entities' own columns, with
// their translations into the others beside them. A shop set up in
// English and then run in Chinese would otherwise need an English title
// for every product it ever sells.
//
// Each text with a translation into the new language swaps: the
// translation becomes the stored value and the old value its translation
// into the old language. A text without one keeps its old value as the
// stored one (nothing is ever left empty, and shoppers keep reading what
// they read before) and so shows as missing its translation into the old
// language, which is how the admin marks what still needs writing in the
// new one. Tags are keys (links, promotions and flash sales name them) and
// stay as they are, translations included. A built-in return reason's
// empty title is the message catalog's wording in whatever language, so
// there a missing translation swaps as "" like any text: the reason keeps
// its catalog wording in the language it had it in.

// ActionContentLocale is the audit action of a change of the content
// language.
const ActionContentLocale = "settings.content_locale"

// ErrNotOwner is a change only the shop's owner may make, asked for by
// someone else.
var ErrNotOwner = errors.New("only the owner may do this")

// contentKind is one kind of merchant content kept in a table: fields maps
// its translations' fields to the table's columns; main is the field that
// names a row, the one the owner is told about.
type contentKind struct {
	kind, entity, table, main string
	fields                    map[string]string
	versioned                 bool   // has a version column, so that a form opened before the change turns stale
	live                      string // SQL condition of the rows that still count, "" for all
	// catalogBlank is the SQL condition (on x, the row) of the rows whose
	// empty text stands for the message catalog's wording; "" for none.
	catalogBlank string
}

// contentKinds are every translatable text kept in an entity's column.
// The shop's own texts (the settings, the information pages, the return
// texts) and the products' option values are swapped on their own.
var contentKinds = []contentKind{
	{kind: "products", entity: EntityProductText, table: "products", main: FieldTitle, versioned: true,
		fields: map[string]string{FieldTitle: "title", FieldDescription: "description", FieldSEOTitle: "seo_title",
			FieldSEODescription: "seo_description", OptionNameField(0): "option1_name", OptionNameField(1): "option2_name",
			OptionNameField(2): "option3_name"}},
	{kind: "collections", entity: EntityCollectionText, table: "collections", main: FieldTitle, versioned: true,
		fields: map[string]string{FieldTitle: "title", FieldDescription: "description", FieldSEOTitle: "seo_title",
			FieldSEODescription: "seo_description"}},
	{kind: "images", entity: EntityImageText, table: "images", main: FieldAlt, fields: map[string]string{FieldAlt: "alt"}},
	{kind: "shipping_methods", entity: EntityShippingText, table: "shipping_methods", main: FieldName, versioned: true,
		fields: map[string]string{FieldName: "name"}},
	{kind: "promotions", entity: EntityPromotion, table: "promotions", main: FieldName, versioned: true,
		fields: map[string]string{FieldName: "name"}},
	{kind: "tiers", entity: EntityTierText, table: "member_tiers", main: "name", versioned: true, live: "deleted_at IS NULL",
		fields: map[string]string{"name": "name", "perks": "perks", "birthday_message": "birthday_message"}},
	{kind: "return_reasons", entity: EntityReturnReasonText, table: "return_reasons", main: FieldTitle, versioned: true,
		fields: map[string]string{FieldTitle: "title"}, catalogBlank: builtInReason},
}

// ContentKindShopTexts is the kind of the shop's own texts in
// ContentLocaleChange: its name and description, payment instructions,
// the hero's button, the information pages and the return texts.
const ContentKindShopTexts = "shop_texts"

// ContentKindCount is what a change of the content language does to one
// kind of content (products, collections, …, ContentKindShopTexts).
type ContentKindCount struct {
	Kind  string
	Ready int // have a text in the new language (or the catalog's, see catalogBlank), which becomes the stored one
	Kept  int // have none: they keep their text and are marked as still to translate
}

// ContentLocaleChange is a change of the content language from From to
// To, counted before it is made (ContentLocalePreview) or as it was made.
type ContentLocaleChange struct {
	From, To string
	Kinds    []ContentKindCount
}

// Kept is how many texts of every kind have no text in To.
func (c ContentLocaleChange) Kept() int {
	n := 0
	for _, k := range c.Kinds {
		n += k.Kept
	}
	return n
}

// ContentLocalePreview counts what changing the content language to to
// would do, for the owner to confirm.
func (s *Store) ContentLocalePreview(ctx context.Context, to string) (ContentLocaleChange, error) {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return ContentLocaleChange{}, fmt.Errorf("content locale preview: %w", err)
	}
	defer tx.Rollback()
	values, err := settingValues(ctx, tx)
	if err != nil {
		return ContentLocaleChange{}, err
	}
	return countContentLocale(ctx, tx, contentLocale(values), to, values)
}

// ChangeContentLocale makes to the content language, as the owner actor
// confirmed from version of the regional settings (ErrConflict when they
// were saved since). Every text swaps in one transaction (see above),
// each entity's and settings section's version moves on so that a form
// opened in the old language cannot save over the new, and the change is
// audited with its counts. Only the owner may make it: ErrNotOwner
// otherwise; to must be a language the shop offers (a *ValidationError
// otherwise, and when it already is the content language).
func (s *Store) ChangeContentLocale(ctx context.Context, actor Actor, version int64, to string) (ContentLocaleChange, error) {
	var change ContentLocaleChange
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var role string
		err := tx.QueryRowContext(ctx, `SELECT role FROM staff WHERE id = ? AND disabled = 0`, actor.StaffID).Scan(&role)
		if errors.Is(err, sql.ErrNoRows) || role != RoleOwner {
			return ErrNotOwner
		}
		if err != nil {
			return err
		}
		if err := claimSectionVersion(ctx, tx, SectionRegional, version); err != nil {
			return err
		}
		values, err := settingValues(ctx, tx)
		if err != nil {
			return err
		}
		from := contentLocale(values)
		if msg := checkLocale(to); msg != "" || to == from {
			v := &ValidationError{}
			v.Add("content_locale", cmp.Or(msg, "error.content_locale_same"))
			return v
		}
		if change, err = countContentLocale(ctx, tx, from, to, values); err != nil {
			return err
		}
		products, err := swapContentTexts(ctx, tx, from, to, values)
		if err != nil {
			return err
		}
		for _, id := range products {
			if err := refreshSearch(ctx, tx, id); err != nil {
				return err
			}
		}
		if err := writeSetting(ctx, tx, SettingContentLocale, to); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: ActionContentLocale, Entity: EntitySettings,
			EntityID: SectionRegional, Before: map[string]string{SettingContentLocale: from},
			After: contentLocaleAudit(change)})
	})
	if err != nil {
		return ContentLocaleChange{}, fmt.Errorf("change content locale: %w", err)
	}
	s.invalidateSettings()
	s.promotionsChanged()
	return change, nil
}

// contentLocaleAudit is what the audit log keeps of a change: the new
// language and how many texts of each kind swapped or were kept.
func contentLocaleAudit(c ContentLocaleChange) map[string]string {
	out := map[string]string{SettingContentLocale: c.To}
	for _, k := range c.Kinds {
		out[k.Kind] = fmt.Sprintf("%d swapped, %d kept", k.Ready, k.Kept)
	}
	return out
}

// countContentLocale counts, for each kind, the texts that name a row
// (or the shop's texts) with and without a translation into to.
func countContentLocale(ctx context.Context, tx *sql.Tx, from, to string, values map[string]string) (ContentLocaleChange, error) {
	change := ContentLocaleChange{From: from, To: to}
	for _, k := range contentKinds {
		ready := "t.value"
		if k.catalogBlank != "" {
			ready = "iif(t.value IS NOT NULL OR " + k.catalogBlank + ", 1, NULL)"
		}
		q := `SELECT count(` + ready + `), count(*) - count(` + ready + `) FROM ` + k.table + ` x
			LEFT JOIN translations t ON t.entity = ? AND t.entity_id = x.id AND t.field = ? AND t.locale = ? AND t.value <> ''
			WHERE (x.` + k.fields[k.main] + ` <> '' OR t.value IS NOT NULL)`
		if k.live != "" {
			q += ` AND x.` + k.live
		}
		c := ContentKindCount{Kind: k.kind}
		if err := tx.QueryRowContext(ctx, q, k.entity, k.main, to).Scan(&c.Ready, &c.Kept); err != nil {
			return change, fmt.Errorf("count %s: %w", k.kind, err)
		}
		change.Kinds = append(change.Kinds, c)
	}
	tr, err := loadTranslations(ctx, tx.QueryContext, EntitySettingText, []int64{0})
	if err != nil {
		return change, err
	}
	shop := ContentKindCount{Kind: ContentKindShopTexts}
	for _, key := range shopTextKeys() {
		switch {
		case tr[0][key][to] != "":
			shop.Ready++
		case values[key] != "":
			shop.Kept++
		}
	}
	change.Kinds = append(change.Kinds, shop)
	return change, nil
}

// shopTextKeys are the keys of the shop's own texts, in a stable order.
func shopTextKeys() []string {
	keys := slices.Collect(maps.Keys(translatableSettings))
	keys = append(keys, slices.Collect(maps.Keys(infoPageKeys))...)
	keys = append(keys, ReturnPolicyText, ReturnInstructionsText)
	slices.Sort(keys)
	return keys
}

// swapContentTexts swaps every text with a translation into to (see
// above) inside tx and returns the products that changed, whose search
// entries are then rebuilt.
func swapContentTexts(ctx context.Context, tx *sql.Tx, from, to string, values map[string]string) ([]int64, error) {
	changed := map[int64]bool{}
	for _, k := range contentKinds {
		rows := map[int64]bool{}
		for _, field := range slices.Sorted(maps.Keys(k.fields)) {
			ids, err := swapColumn(ctx, tx, k, field, from, to)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				rows[id] = true
			}
		}
		// Every row's version moves on, not only the swapped ones': a form
		// opened before the change has its fields in the old language's
		// places, and saved over a row that kept its text it would put its
		// new-language text down as a translation into the content
		// language itself.
		if k.versioned {
			if _, err := tx.ExecContext(ctx, `UPDATE `+k.table+` SET version = version + 1`); err != nil {
				return nil, fmt.Errorf("swap %s: %w", k.kind, err)
			}
		}
		if k.entity == EntityProductText {
			maps.Copy(changed, rows)
		}
	}
	ids, err := swapOptionValues(ctx, tx, from, to)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		changed[id] = true
	}
	if err := swapShopTexts(ctx, tx, from, to, values); err != nil {
		return nil, err
	}
	return slices.Sorted(maps.Keys(changed)), nil
}

// swapColumn swaps one field of one kind in every row that has a
// translation of it into to, or that has a text standing in for the
// catalog's wording in to (k.catalogBlank), and returns those rows.
func swapColumn(ctx context.Context, tx *sql.Tx, k contentKind, field, from, to string) ([]int64, error) {
	col := k.fields[field]
	q := `SELECT x.id, x.` + col + `, t.value FROM translations t JOIN ` + k.table + ` x ON x.id = t.entity_id
		WHERE t.entity = ? AND t.field = ? AND t.locale = ? AND t.value <> ''`
	args := []any{k.entity, field, to}
	if k.catalogBlank != "" {
		q += ` UNION ALL SELECT x.id, x.` + col + `, '' FROM ` + k.table + ` x WHERE x.` + col + ` <> '' AND ` + k.catalogBlank + `
			AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.entity = ? AND t.entity_id = x.id AND t.field = ?
				AND t.locale = ? AND t.value <> '')`
		args = append(args, args...)
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY 1`, args...)
	if err != nil {
		return nil, fmt.Errorf("swap %s %s: %w", k.kind, field, err)
	}
	type swap struct {
		id       int64
		old, new string
	}
	var swaps []swap
	for rows.Next() {
		var sw swap
		if err := rows.Scan(&sw.id, &sw.old, &sw.new); err != nil {
			rows.Close()
			return nil, err
		}
		swaps = append(swaps, sw)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ids := make([]int64, len(swaps))
	for i, sw := range swaps {
		if _, err := tx.ExecContext(ctx, `UPDATE `+k.table+` SET `+col+` = ? WHERE id = ?`, sw.new, sw.id); err != nil {
			return nil, fmt.Errorf("swap %s %d %s: %w", k.kind, sw.id, field, err)
		}
		if err := putTranslation(ctx, tx, k.entity, sw.id, field, to, ""); err != nil {
			return nil, err
		}
		if err := putTranslation(ctx, tx, k.entity, sw.id, field, from, sw.old); err != nil {
			return nil, err
		}
		ids[i] = sw.id
	}
	return ids, nil
}

// optionValueField splits a product's translation field of an option
// value ("option2:Red") into the option's column and the value.
var optionValueField = regexp.MustCompile(`(?s)^option([123]):(.*)$`)

// swapOptionValues swaps the products' option values: the variants' own
// values and the translations keyed by them. An option whose values would
// no longer be told apart (two values with one translation, or a
// translation that is another value of the option) is left as it is, so
// that no two variants end up looking the same.
func swapOptionValues(ctx context.Context, tx *sql.Tx, from, to string) ([]int64, error) {
	type option struct {
		product int64
		column  string
	}
	renames := map[option]map[string]string{}
	rows, err := tx.QueryContext(ctx, `SELECT entity_id, field, value FROM translations
		WHERE entity = ? AND locale = ? AND value <> '' AND field GLOB 'option[123]:*'`, EntityProductText, to)
	if err != nil {
		return nil, fmt.Errorf("swap option values: %w", err)
	}
	for rows.Next() {
		var id int64
		var field, value string
		if err := rows.Scan(&id, &field, &value); err != nil {
			rows.Close()
			return nil, err
		}
		m := optionValueField.FindStringSubmatch(field)
		o := option{id, "option" + m[1]}
		if renames[o] == nil {
			renames[o] = map[string]string{}
		}
		renames[o][m[2]] = value
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var changed []int64
	for _, o := range slices.SortedFunc(maps.Keys(renames), func(a, b option) int {
		return cmp.Or(cmp.Compare(a.product, b.product), strings.Compare(a.column, b.column))
	}) {
		ok, err := swapOption(ctx, tx, o.product, o.column, renames[o], from, to)
		if err != nil {
			return nil, err
		}
		if ok && !slices.Contains(changed, o.product) {
			changed = append(changed, o.product)
		}
	}
	return changed, nil
}

// swapOption renames one option's values of one product (old → new) in
// its variants and its translations; false when it must stay as it is.
func swapOption(ctx context.Context, tx *sql.Tx, product int64, column string, rename map[string]string, from, to string) (bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT `+column+` FROM variants WHERE product_id = ? AND `+column+` <> ''`, product)
	if err != nil {
		return false, fmt.Errorf("swap option values of %d: %w", product, err)
	}
	seen := map[string]bool{}
	var values []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return false, err
		}
		values = append(values, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, err
	}
	for _, v := range values {
		if _, ok := rename[v]; !ok {
			seen[v] = true
		}
	}
	for _, v := range rename {
		if seen[v] {
			return false, nil
		}
		seen[v] = true
	}
	// The variants take their new values in one statement, so that two
	// values trading places never meet halfway.
	var cases strings.Builder
	var args []any
	for old, v := range rename {
		cases.WriteString(" WHEN ? THEN ?")
		args = append(args, old, v)
	}
	args = append(args, product)
	if _, err := tx.ExecContext(ctx, `UPDATE variants SET `+column+` = CASE `+column+cases.String()+` ELSE `+column+` END
		WHERE product_id = ?`, args...); err != nil {
		return false, fmt.Errorf("swap option values of %d: %w", product, err)
	}
	// Every translation of an old value moves to its new value's field,
	// each read before any is written for the same reason.
	prefix := column + ":"
	moved := map[string]map[string]string{}
	for old := range rename {
		tr, err := loadTranslations(ctx, func(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
			return tx.QueryContext(ctx, q+` AND field = ?`, append(args, prefix+old)...)
		}, EntityProductText, []int64{product})
		if err != nil {
			return false, err
		}
		moved[old] = tr[product][prefix+old]
		if _, err := tx.ExecContext(ctx, `DELETE FROM translations WHERE entity = ? AND entity_id = ? AND field = ?`,
			EntityProductText, product, prefix+old); err != nil {
			return false, err
		}
	}
	for old, v := range rename {
		byLocale := maps.Clone(moved[old])
		delete(byLocale, to)
		byLocale[from] = old
		for _, l := range slices.Sorted(maps.Keys(byLocale)) {
			if err := putTranslation(ctx, tx, EntityProductText, product, prefix+v, l, byLocale[l]); err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

// swapShopTexts swaps the shop's own texts (every setting with a
// translation into to) and moves on the version of every settings
// section that holds one.
func swapShopTexts(ctx context.Context, tx *sql.Tx, from, to string, values map[string]string) error {
	tr, err := loadTranslations(ctx, tx.QueryContext, EntitySettingText, []int64{0})
	if err != nil {
		return err
	}
	for _, key := range slices.Sorted(maps.Keys(tr[0])) {
		v := tr[0][key][to]
		if v == "" {
			continue
		}
		if err := writeSetting(ctx, tx, key, v); err != nil {
			return fmt.Errorf("swap %s: %w", key, err)
		}
		if err := putTranslation(ctx, tx, EntitySettingText, 0, key, to, ""); err != nil {
			return err
		}
		if err := putTranslation(ctx, tx, EntitySettingText, 0, key, from, values[key]); err != nil {
			return err
		}
	}
	sections := []string{SectionProfile, SectionHero, SectionPayments, SectionReturnTexts}
	for _, slug := range InfoPageSlugs {
		sections = append(sections, infoPageSection(slug))
	}
	for _, section := range sections {
		if err := bumpSectionVersion(ctx, tx, section); err != nil {
			return err
		}
	}
	return nil
}
