package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

// allTexts is every merchant text in the file, in any language: the
// translatable columns, the variants' option values, the settings and
// every translation.
func allTexts(t *testing.T, s *Store) map[string]bool {
	t.Helper()
	ctx := context.Background()
	out := map[string]bool{}
	add := func(q string) {
		rows, err := s.read.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			if v != "" {
				out[v] = true
			}
		}
	}
	for _, k := range contentKinds {
		for _, col := range k.fields {
			add(`SELECT ` + col + ` FROM ` + k.table)
		}
	}
	add(`SELECT option1 FROM variants UNION SELECT option2 FROM variants UNION SELECT option3 FROM variants`)
	add(`SELECT value FROM settings WHERE key NOT GLOB 'version.*' AND key <> 'content_locale'`)
	add(`SELECT value FROM translations`)
	return out
}

func TestChangeContentLocaleSwapsEveryText(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	owner := addTestStaff(t, s, "owner@example.com", RoleOwner)
	manager := addTestStaff(t, s, "manager@example.com", RoleManager)
	asOwner := Actor{StaffID: owner.ID, Email: owner.Email}

	// A shop set up in English, its default language later made Chinese.
	if err := s.SaveSettings(ctx, asOwner, 1, &ProfileSettings{StoreName: "Tea House", Description: "Fine teas",
		Translations: Texts{SettingStoreName: {"zh": "茶馆"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSettings(ctx, asOwner, 1, &RegionalSettings{Currency: "CNY", Locale: "zh"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "linen-shirt", Title: "Linen Shirt", Description: "Soft linen",
		Status: StatusActive, OptionNames: []string{"Size", "Colour"}, Tags: []string{"summer"},
		Tr: Texts{FieldTitle: {"zh": "亚麻衬衫"}, OptionNameField(0): {"zh": "尺码"},
			OptionValueField(0, "S"): {"zh": "小"}, OptionValueField(0, "M"): {"zh": "中"},
			OptionValueField(1, "White"): {"zh": "白色"}, TagField("summer"): {"zh": "夏季"}},
		Variants: []VariantInput{
			{SKU: "LS-S", Options: [3]string{"S", "White"}, Price: 4900, Stock: 3},
			{SKU: "LS-M", Options: [3]string{"M", "Cream"}, Price: 4900, Stock: 3},
		}}); err != nil {
		t.Fatal(err)
	}
	// Saved before the product form refused two values reading alike.
	if _, err := s.write.ExecContext(ctx, `INSERT INTO translations (entity, entity_id, field, locale, value)
		SELECT ?, id, ?, 'zh', '白色' FROM products WHERE handle = 'linen-shirt'`, EntityProductText, OptionValueField(1, "Cream")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: "english-only", Title: "English Only", Status: StatusActive,
		Variants: []VariantInput{{SKU: "EO", Price: 900, Stock: 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateCollection(ctx, asOwner, CollectionInput{Handle: "shirts", Title: "Shirts",
		Tr: Texts{FieldTitle: {"zh": "衬衫"}}}); err != nil {
		t.Fatal(err)
	}
	before := allTexts(t, s)
	opened, _ := s.ProductByHandle(ctx, "linen-shirt", false) // a form opened in English

	preview, err := s.ContentLocalePreview(ctx, "zh")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(preview.Kinds, func(k ContentKindCount) bool { return k.Kind == "products" })
	if preview.From != "en" || preview.Kinds[i] != (ContentKindCount{Kind: "products", Ready: 1, Kept: 1}) {
		t.Errorf("preview = %+v, want 1 product with a Chinese title and 1 without", preview)
	}

	st, _ := s.Settings(ctx)
	version := st.Version(SectionRegional)
	if _, err := s.ChangeContentLocale(ctx, Actor{StaffID: manager.ID}, version, "zh"); !errors.Is(err, ErrNotOwner) {
		t.Errorf("a manager's change = %v, want ErrNotOwner", err)
	}
	if _, err := s.ChangeContentLocale(ctx, asOwner, version, "en"); fieldErr(err, "content_locale") == "" {
		t.Errorf("a change to the content language itself = %v, want a validation error", err)
	}
	if _, err := s.ChangeContentLocale(ctx, asOwner, version-1, "zh"); !errors.Is(err, ErrConflict) {
		t.Errorf("a change from a stale form = %v, want ErrConflict", err)
	}
	if _, err := s.ChangeContentLocale(ctx, asOwner, version, "zh"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// What a restart reads from the file.
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ = s.Settings(ctx)
	if st.ContentLocale != "zh" || st.StoreName != "茶馆" || st.Text(SettingStoreName).In("en") != "Tea House" {
		t.Errorf("settings: content %q, name %q, in English %q", st.ContentLocale, st.StoreName, st.Text(SettingStoreName).In("en"))
	}
	if st.Description != "Fine teas" {
		t.Errorf("an untranslated description = %q, want the old text kept", st.Description)
	}
	p, err := s.ProductByHandle(ctx, "linen-shirt", false)
	if err != nil {
		t.Fatal(err)
	}
	if p.Version <= opened.Version {
		t.Errorf("version %d after the change, %d before: a form opened in English would save over it", p.Version, opened.Version)
	}
	if p.Title != "亚麻衬衫" || p.In("en").Title != "Linen Shirt" || p.In("zh").Title != "亚麻衬衫" {
		t.Errorf("title %q, in English %q", p.Title, p.In("en").Title)
	}
	if p.Description != "Soft linen" || !p.MissingTranslation([]string{"en"}) {
		t.Errorf("description %q: kept, and the product marked as still to translate", p.Description)
	}
	if p.OptionNames[0] != "尺码" || p.In("en").OptionNames[0] != "Size" || p.OptionNames[1] != "Colour" {
		t.Errorf("option names %v", p.OptionNames)
	}
	// Size swapped; White and Cream both read 白色, so Colour stays as it was.
	if got := [2]string{p.Variants[0].Options[0], p.Variants[0].Options[1]}; got != [2]string{"小", "White"} {
		t.Errorf("variant options = %v", got)
	}
	if got := p.In("en").Variants[1].Options[0]; got != "M" {
		t.Errorf("option value in English = %q", got)
	}
	if got := p.In("zh").Variants[1].Options[1]; got != "白色" {
		t.Errorf("an unswapped option value in Chinese = %q", got)
	}
	if p.Tags[0] != "summer" || p.Tr.In(TagField("summer"), "summer", "zh") != "夏季" {
		t.Errorf("tags are keys: %v, %v", p.Tags, p.Tr)
	}
	eo, _ := s.ProductByHandle(ctx, "english-only", false)
	if eo.Title != "English Only" || !eo.MissingTranslation([]string{"en"}) {
		t.Errorf("untranslated product = %q", eo.Title)
	}
	cs, _ := s.Collections(ctx, false)
	if len(cs) != 1 || cs[0].Title != "衬衫" || cs[0].In("en").Title != "Shirts" {
		t.Errorf("collections = %+v", cs)
	}
	tiers, err := s.Tiers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if tiers[0].Name.Default != "普通会员" || tiers[0].Name.In("en") != "Standard" {
		t.Errorf("tier = %+v", tiers[0].Name)
	}
	for _, q := range []string{"亚麻", "Linen"} {
		if res, err := s.Search(ctx, q, 1, 10); err != nil || res.Total != 1 {
			t.Errorf("search %q = %d hits, %v", q, res.Total, err)
		}
	}
	after := allTexts(t, s)
	for v := range before {
		if !after[v] {
			t.Errorf("%q was lost", v)
		}
	}
	entries, err := s.AuditLog(ctx, AuditFilter{Action: ActionContentLocale})
	if err != nil || len(entries.Records) != 1 {
		t.Errorf("audit = %+v, %v", entries, err)
	}
}
