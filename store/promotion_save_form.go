package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"storefront/store/pricing"
)

// targetLists are the lists of things a promotion covers or excludes: the
// table each names, the column the form names them by, and where the
// compiled ids go.
type targetList struct {
	field, table, column, msg string
	text                      func(*PromotionInput) *string
	ids                       func(*pricing.Rules) *[]int64
}

var targetLists = []targetList{
	{"products", "products", "handle", "admin.promotions.error.unknown_product",
		func(in *PromotionInput) *string { return &in.Products }, func(r *pricing.Rules) *[]int64 { return &r.Products }},
	{"collections", "collections", "handle", "admin.promotions.error.unknown_collection",
		func(in *PromotionInput) *string { return &in.Collections }, func(r *pricing.Rules) *[]int64 { return &r.Collections }},
	{"variants", "variants", "sku", "admin.promotions.error.unknown_variant",
		func(in *PromotionInput) *string { return &in.Variants }, func(r *pricing.Rules) *[]int64 { return &r.Variants }},
	{"exclude_products", "products", "handle", "admin.promotions.error.unknown_product",
		func(in *PromotionInput) *string { return &in.ExcludeProducts }, func(r *pricing.Rules) *[]int64 { return &r.ExcludeProducts }},
	{"exclude_collections", "collections", "handle", "admin.promotions.error.unknown_collection",
		func(in *PromotionInput) *string { return &in.ExcludeCollections }, func(r *pricing.Rules) *[]int64 { return &r.ExcludeCollections }},
}

// deletedTarget marks, in a target list, what the promotion named that no
// longer exists (namesByID).
const deletedTarget = "#"

// splitList splits handles or SKUs typed with commas (either width),
// 、 or spaces between them, dropping repeats.
func splitList(s string) []string {
	return dedupe(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || unicode.IsSpace(r) }))
}

// splitTags splits tags typed with commas between them: a tag may hold a space.
func splitTags(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return dedupe(parts)
}

func dedupe(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range in {
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// targets resolves the target lists to ids, with a message beside a list
// that names something the catalog does not have.
func (c *promotionCompiler) targets(p *Promotion, in PromotionInput) error {
	for _, t := range targetLists {
		names := splitList(*t.text(&in))
		if len(names) > maxPromotionTargets {
			c.errs.Add(t.field, "admin.promotions.error.too_many_targets")
			continue
		}
		ids, missing, err := c.s.idsByName(c.ctx, t.table, t.column, names)
		if err != nil {
			return err
		}
		switch {
		case slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, deletedTarget) }):
			c.errs.Add(t.field, "admin.promotions.error.deleted_target")
		case missing:
			c.errs.Add(t.field, t.msg)
		}
		*t.ids(&p.Rules) = ids
	}
	p.Tags, p.ExcludeTags = splitTags(in.Tags), splitTags(in.ExcludeTags)
	if len(p.Tags) > maxPromotionTargets || len(p.ExcludeTags) > maxPromotionTargets {
		c.errs.Add("tags", "admin.promotions.error.too_many_targets")
	}
	return nil
}

// coverBatch is how many variants coveredTop reads the facets of at once:
// few enough for one statement's parameters.
const coverBatch = 500

// coveredTop is the highest price among the variants p covers (of products
// not archived), the most a flash sale's set price may be and still lower
// one; 0 when that is not known yet: a target list names something the
// catalog lacks, or p covers nothing the catalog holds.
func (c *promotionCompiler) coveredTop(p *Promotion) (int64, error) {
	for _, t := range targetLists {
		if _, bad := c.errs.Fields[t.field]; bad {
			return 0, nil
		}
	}
	rows, err := c.s.query(c.ctx, `SELECT v.id, v.product_id, v.price FROM variants v
		JOIN products pr ON pr.id = v.product_id
		WHERE pr.status <> ? ORDER BY v.price DESC, v.id`, StatusArchived)
	if err != nil {
		return 0, fmt.Errorf("covered prices: %w", err)
	}
	var items []pricing.Item
	for rows.Next() {
		var it pricing.Item
		if err := rows.Scan(&it.VariantID, &it.ProductID, &it.UnitPrice); err != nil {
			rows.Close()
			return 0, fmt.Errorf("covered prices: %w", err)
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("covered prices: %w", err)
	}
	// Dearest first, so the first covered is the answer, and the facets
	// are read a batch at a time only as far as that.
	for start := 0; start < len(items); start += coverBatch {
		batch := items[start:min(start+coverBatch, len(items))]
		if p.usesFacets() {
			if err := addFacets(c.ctx, c.s.query, batch); err != nil {
				return 0, err
			}
		}
		for _, it := range batch {
			if p.Covers(it) {
				return it.UnitPrice, nil
			}
		}
	}
	return 0, nil
}

// idsByName returns the ids of the rows of table whose column is one of
// names, in the order named, and whether any name matched nothing.
func (s *Store) idsByName(ctx context.Context, table, column string, names []string) ([]int64, bool, error) {
	if len(names) == 0 {
		return nil, false, nil
	}
	in, args := inList(names)
	rows, err := s.query(ctx, `SELECT id, `+column+` FROM `+table+` WHERE `+column+` <> '' AND `+column+` IN `+in, args...)
	if err != nil {
		return nil, false, fmt.Errorf("%s by %s: %w", table, column, err)
	}
	defer rows.Close()
	byName := map[string]int64{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, false, err
		}
		byName[name] = id
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	ids := make([]int64, 0, len(names))
	for _, n := range names {
		if id, ok := byName[n]; ok {
			ids = append(ids, id)
		}
	}
	return ids, len(ids) < len(names), nil
}

// namesByID is the reverse of idsByName, for showing a stored promotion
// in its form: a row deleted since is left out.
func (s *Store) namesByID(ctx context.Context, table, column string, ids []int64) (string, error) {
	if len(ids) == 0 {
		return "", nil
	}
	in, args := inList(ids)
	rows, err := s.query(ctx, `SELECT id, `+column+` FROM `+table+` WHERE id IN `+in, args...)
	if err != nil {
		return "", fmt.Errorf("%s names: %w", table, err)
	}
	defer rows.Close()
	byID := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return "", err
		}
		byID[id] = name
	}
	// One deleted since (a collection) shows as "#id", which no handle or
	// SKU can be, so that saving the form asks about it: dropped without a
	// word, a sale of one deleted collection saved again as a sale of
	// everything.
	var out []string
	for _, id := range ids {
		n, ok := byID[id]
		if !ok {
			n = deletedTarget + strconv.FormatInt(id, 10)
		}
		out = append(out, n)
	}
	return strings.Join(out, ", "), rows.Err()
}

// PromotionInputOf is a stored promotion as its form shows it: amounts as
// decimals, times in the shop's time zone, products and collections by
// handle, variants by SKU.
func (s *Store) PromotionInputOf(ctx context.Context, p *Promotion) (PromotionInput, error) {
	st, err := s.Settings(ctx)
	if err != nil {
		return PromotionInput{}, err
	}
	exp, ok := Currencies[st.Currency]
	if !ok {
		exp = 2
	}
	loc := st.Location()
	money := func(v int64) string { return FormatDecimal(v, exp) }
	count := func(v int64) string {
		if v == 0 {
			return ""
		}
		return strconv.FormatInt(v, 10)
	}
	in := PromotionInput{Name: p.Name, Kind: p.Kind, Code: p.Code, Type: p.Type, Price: p.Price,
		Tags: strings.Join(p.Tags, ", "), ExcludeTags: strings.Join(p.ExcludeTags, ", "),
		Buy: count(p.Buy), Get: count(p.Get), MinQuantity: count(p.MinQuantity),
		FirstOrderOnly: p.FirstOrderOnly, Tier: p.Tier, CombinesPromotions: p.CombinesPromotions,
		CombinesCoupons: p.CombinesCoupons, SaleItems: p.SaleItems,
		Starts: FormatPromotionTime(p.StartsAt, loc), Ends: FormatPromotionTime(p.EndsAt, loc),
		UsageLimit: count(p.Limit), CustomerLimit: count(p.CustomerLimit)}
	if p.MinSubtotal > 0 {
		in.MinSubtotal = money(p.MinSubtotal)
	}
	if p.GetPercent > 0 {
		in.GetPercent = FormatDecimal(p.GetPercent, 2)
	}
	if p.BundlePrice > 0 {
		in.BundlePrice = money(p.BundlePrice)
	}
	valueOf := func(v int64) string {
		if p.Type == pricing.TypePercent || p.Type == pricing.TypeFlash && !p.Price {
			return FormatDecimal(v, 2)
		}
		return money(v)
	}
	if p.Value > 0 {
		in.Value = valueOf(p.Value)
	}
	for i, st := range p.Steps {
		switch {
		case p.Type == pricing.TypeLadder:
			in.Ladder = append(in.Ladder, StepInput{Min: money(st.Min), Value: money(st.Value)})
		case p.Type == pricing.TypeFlash && !(i == 0 && st.At == p.StartsAt.Unix()): // that one is the start and Value
			in.Flash = append(in.Flash, StepInput{At: FormatPromotionTime(time.Unix(st.At, 0), loc), Value: valueOf(st.Value)})
		}
	}
	if p.GiftVariant != 0 {
		if in.GiftVariant, err = s.namesByID(ctx, "variants", "sku", []int64{p.GiftVariant}); err != nil {
			return in, err
		}
		if in.GiftVariant == "" {
			in.GiftVariant = strconv.FormatInt(p.GiftVariant, 10)
		}
	}
	for _, t := range targetLists {
		if *t.text(&in), err = s.namesByID(ctx, t.table, t.column, *t.ids(&p.Rules)); err != nil {
			return in, err
		}
	}
	return in, nil
}

// Targeted reports whether the promotion covers only some items: it names
// products, variants, collections or tags, or excludes some.
func (p Promotion) Targeted() bool {
	r := p.Rules
	return len(r.Products)+len(r.Variants)+len(r.Collections)+len(r.Tags)+
		len(r.ExcludeProducts)+len(r.ExcludeCollections)+len(r.ExcludeTags) > 0
}
