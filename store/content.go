package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
)

// Translatable fields of products and collections (the translations
// table's field column). An option value is translated once per product,
// not per variant: "Red" reads "红色" in every variant that has it.
const (
	FieldTitle          = "title"
	FieldDescription    = "description"
	FieldSEOTitle       = "seo_title"
	FieldSEODescription = "seo_description"
	FieldName           = "name" // a promotion's or a shipping method's name
)

// OptionNameField is the field of the name of option i (0-based).
func OptionNameField(i int) string { return "option" + strconv.Itoa(i+1) }

// TagField is the field of a tag's translation: the tag itself stays the
// key that search and links use, the translation is only what shoppers read.
func TagField(tag string) string { return "tag:" + tag }

// OptionValueField is the field of value of option i (0-based).
func OptionValueField(i int, value string) string { return OptionNameField(i) + ":" + value }

// Texts is one entity's translations: field → locale → value. The
// default language's values stay in the entity's own columns.
type Texts map[string]map[string]string

// Text is field as a Text with def, the default language's value.
func (t Texts) Text(field, def string) Text { return Text{Default: def, Tr: t[field]} }

// In is field in locale, def when it has no translation.
func (t Texts) In(field, def, locale string) string { return t.Text(field, def).In(locale) }

// Set is t with field's value in locale set ("" removes it); nil t grows.
func (t Texts) Set(field, locale, value string) Texts {
	if t == nil {
		t = Texts{}
	}
	txt := Text{Tr: t[field]}.With(locale, value)
	if len(txt.Tr) == 0 {
		delete(t, field)
	} else {
		t[field] = txt.Tr
	}
	return t
}

// replaceTexts makes tr the entity's whole set of translations inside tx;
// nil tr leaves them alone (an import that knows nothing of them).
func replaceTexts(ctx context.Context, tx *sql.Tx, entity string, id int64, tr Texts) error {
	if tr == nil {
		return nil
	}
	if err := deleteTranslations(ctx, tx, entity, id); err != nil {
		return err
	}
	fields := make(map[string]Text, len(tr))
	for f, byLocale := range tr {
		fields[f] = Text{Tr: byLocale}
	}
	return saveTranslations(ctx, tx, entity, id, fields)
}

// putTexts sets inside tx each translation tr holds, an empty value
// removing it. Unlike replaceTexts it leaves every other translation
// alone: a form saves only the texts it offered, and one that did not
// offer a text (opened before it was added) must not erase it.
func putTexts(ctx context.Context, tx *sql.Tx, entity string, id int64, tr Texts) error {
	for _, field := range slices.Sorted(maps.Keys(tr)) { // a stable order of writes
		for _, locale := range slices.Sorted(maps.Keys(tr[field])) {
			if err := putTranslation(ctx, tx, entity, id, field, locale, TrimText(tr[field][locale])); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadTexts is the translations of entity for ids, as Texts by id.
func loadTexts(ctx context.Context, query queryFunc, entity string, ids []int64) (map[int64]Texts, error) {
	return textsOf(loadTranslations(ctx, query, entity, ids))
}

// productNames are products' titles and option names and values: what a
// cart line or a card shows. The descriptions, the bulk of a product's
// translations, are left unread.
const productNames = `field = 'title' OR field GLOB 'option*'`

// loadProductNames is loadTexts of products' productNames only.
func loadProductNames(ctx context.Context, query queryFunc, ids []int64) (map[int64]Texts, error) {
	return textsOf(loadTranslationsWhere(ctx, query, EntityProductText, ids, productNames))
}

func textsOf(tr translations, err error) (map[int64]Texts, error) {
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Texts, len(tr))
	for id, f := range tr {
		out[id] = Texts(f)
	}
	return out, nil
}

// In is the product as a shopper reading locale sees it: a copy (the
// memoized product is shared) with every translated text in place and the
// default language wherever a translation is missing. A translated title
// without a translated SEO title drops the default's SEO title, so the
// page's title is in the shopper's language.
func (p *Product) In(locale string) *Product {
	c := *p
	c.Title = p.Tr.In(FieldTitle, p.Title, locale)
	c.Description = p.Tr.In(FieldDescription, p.Description, locale)
	c.SEOTitle = localSEO(p.Tr, FieldSEOTitle, p.SEOTitle, FieldTitle, locale)
	c.SEODescription = localSEO(p.Tr, FieldSEODescription, p.SEODescription, FieldDescription, locale)
	c.OptionNames = make([]string, len(p.OptionNames))
	for i, n := range p.OptionNames {
		c.OptionNames[i] = p.Tr.In(OptionNameField(i), n, locale)
	}
	c.Variants = make([]Variant, len(p.Variants))
	for i, v := range p.Variants {
		c.Variants[i] = v
		c.Variants[i].Options = localOptions(p.Tr, v.Options, locale)
	}
	c.Images = ImagesIn(p.Images, locale)
	c.Collections = make([]CollectionRef, len(p.Collections))
	for i, r := range p.Collections {
		c.Collections[i] = r
		c.Collections[i].Title = r.Tr.In(FieldTitle, r.Title, locale)
	}
	return &c
}

// localSEO is an SEO field in locale: its translation, else the default's
// when the base field is not translated either, else "" (the view then
// falls back to the translated base field).
func localSEO(tr Texts, field, def, base, locale string) string {
	if v := tr[field][locale]; v != "" {
		return v
	}
	if tr[base][locale] != "" {
		return ""
	}
	return def
}

// localOptions is a variant's option values in locale.
func localOptions(tr Texts, opts [3]string, locale string) [3]string {
	for i, o := range opts {
		if o != "" {
			opts[i] = tr.In(OptionValueField(i, o), o, locale)
		}
	}
	return opts
}

// MissingTranslation reports whether the product's title, description,
// an option name or value, or a tag has no translation into one of others.
func (p *Product) MissingTranslation(others []string) bool {
	texts := []Text{p.Tr.Text(FieldTitle, p.Title), p.Tr.Text(FieldDescription, p.Description)}
	for i, n := range p.OptionNames {
		texts = append(texts, p.Tr.Text(OptionNameField(i), n))
	}
	for _, v := range p.Variants {
		for i, o := range v.Options {
			texts = append(texts, p.Tr.Text(OptionValueField(i, o), o))
		}
	}
	for _, tag := range p.Tags {
		texts = append(texts, p.Tr.Text(TagField(tag), tag))
	}
	for _, t := range texts {
		if len(t.Missing(others)) > 0 {
			return true
		}
	}
	return false
}

// In is the collection in locale (see Product.In).
func (c Collection) In(locale string) Collection {
	out := c
	out.Title = c.Tr.In(FieldTitle, c.Title, locale)
	out.Description = c.Tr.In(FieldDescription, c.Description, locale)
	out.SEOTitle = localSEO(c.Tr, FieldSEOTitle, c.SEOTitle, FieldTitle, locale)
	out.SEODescription = localSEO(c.Tr, FieldSEODescription, c.SEODescription, FieldDescription, locale)
	return out
}

// CollectionsIn is cs in locale, a new slice (the memoized one is shared).
func CollectionsIn(cs []Collection, locale string) []Collection {
	out := make([]Collection, len(cs))
	for i, c := range cs {
		out[i] = c.In(locale)
	}
	return out
}

// In is the card in locale.
func (c ProductCard) In(locale string) ProductCard {
	c.Title = c.Tr.In(FieldTitle, c.Title, locale)
	c.CoverAlt = Text{Default: c.CoverAlt, Tr: c.CoverAltTr}.In(locale)
	return c
}

// CardsIn is cards in locale, a new slice.
func CardsIn(cards []ProductCard, locale string) []ProductCard {
	out := make([]ProductCard, len(cards))
	for i, c := range cards {
		out[i] = c.In(locale)
	}
	return out
}

// In is the page with its cards in locale.
func (p ProductPage) In(locale string) ProductPage {
	p.Products = CardsIn(p.Products, locale)
	return p
}

// In is the line's titles in locale.
func (l CartLine) In(locale string) CartLine {
	l.ProductTitle = l.Tr.In(FieldTitle, l.ProductTitle, locale)
	l.VariantTitle = Variant{Options: localOptions(l.Tr, l.options, locale)}.Title()
	return l
}

// In is the cart with its lines' titles in locale.
func (v CartView) In(locale string) CartView {
	lines := make([]CartLine, len(v.Lines))
	for i, l := range v.Lines {
		lines[i] = l.In(locale)
	}
	v.Lines = lines
	if c := v.Promotions.Coupon; c != nil && (c.Why.OtherID != 0 || v.couponTier.Default != "") {
		named := *c
		if c.Why.OtherID != 0 {
			named.Why.Other = v.PromotionName(c.Why.OtherID, locale)
		} else {
			named.Why.Other = v.couponTier.In(locale)
		}
		v.Promotions.Coupon = &named
	}
	return v
}

// withCardTexts loads the translations of cards' products into them, the
// fields that fields selects (productNames for a card as a listing shows
// it).
func withCardTexts(ctx context.Context, query queryFunc, cards []ProductCard, fields string) error {
	ids := make([]int64, len(cards))
	for i, c := range cards {
		ids[i] = c.ID
	}
	tr, err := textsOf(loadTranslationsWhere(ctx, query, EntityProductText, ids, fields))
	if err != nil {
		return err
	}
	for i, c := range cards {
		cards[i].Tr, ids[i] = tr[c.ID], c.CoverImageID
	}
	alts, err := imageAlts(ctx, query, ids)
	for i := range cards {
		cards[i].CoverAltTr = alts[cards[i].CoverImageID]
	}
	return err
}

// UntranslatedProducts reports which of products ids have a title,
// description, option name or option value without a translation into one
// of others: the admin's product list marks them.
func (s *Store) UntranslatedProducts(ctx context.Context, ids []int64, others []string) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 || len(others) == 0 {
		return out, nil
	}
	tr, err := loadTexts(ctx, s.query, EntityProductText, ids)
	if err != nil {
		return nil, err
	}
	in, args := inList(ids)
	products := map[int64]*Product{}
	rows, err := s.query(ctx, `SELECT id, title, description, option1_name, option2_name, option3_name
		FROM products WHERE id IN `+in, args...)
	if err != nil {
		return nil, fmt.Errorf("untranslated products: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p := &Product{}
		var names [3]string
		if err := rows.Scan(&p.ID, &p.Title, &p.Description, &names[0], &names[1], &names[2]); err != nil {
			return nil, fmt.Errorf("untranslated products: %w", err)
		}
		for _, n := range names {
			if n != "" {
				p.OptionNames = append(p.OptionNames, n)
			}
		}
		p.Tr, products[p.ID] = tr[p.ID], p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	vrows, err := s.query(ctx, `SELECT DISTINCT product_id, option1, option2, option3 FROM variants WHERE product_id IN `+in, args...)
	if err != nil {
		return nil, fmt.Errorf("untranslated products: %w", err)
	}
	defer vrows.Close()
	for vrows.Next() {
		var id int64
		var v Variant
		if err := vrows.Scan(&id, &v.Options[0], &v.Options[1], &v.Options[2]); err != nil {
			return nil, fmt.Errorf("untranslated products: %w", err)
		}
		if p := products[id]; p != nil {
			p.Variants = append(p.Variants, v)
		}
	}
	for id, p := range products {
		if p.MissingTranslation(others) {
			out[id] = true
		}
	}
	return out, vrows.Err()
}
