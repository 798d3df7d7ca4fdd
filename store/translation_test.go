package store

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
)

func TestTextFallsBackToTheDefault(t *testing.T) {
	txt := Text{Default: "Linen Shirt", Tr: map[string]string{"zh": "亚麻衬衫"}}
	if got := txt.In("zh"); got != "亚麻衬衫" {
		t.Errorf("In(zh) = %q", got)
	}
	if got := txt.In("fr"); got != "Linen Shirt" {
		t.Errorf("In(fr) = %q, want the default", got)
	}
	if got := txt.Missing([]string{"zh", "fr"}); !reflect.DeepEqual(got, []string{"fr"}) {
		t.Errorf("Missing = %v", got)
	}
	if got := Plain("").Missing([]string{"zh"}); got != nil {
		t.Errorf("an empty default misses nothing, got %v", got)
	}
	cleared := txt.With("zh", " \u200b ")
	if _, ok := cleared.Tr["zh"]; ok || txt.Tr["zh"] != "亚麻衬衫" {
		t.Errorf("With(zh, invisible) = %v, and the original became %v", cleared.Tr, txt.Tr)
	}
}

func TestTranslationsRoundTrip(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	save := func(fields map[string]Text) {
		t.Helper()
		if err := s.tx(ctx, func(tx *sql.Tx) error { return saveTranslations(ctx, tx, EntityProductText, 7, fields) }); err != nil {
			t.Fatal(err)
		}
	}
	save(map[string]Text{
		"title":       {Default: "Tea", Tr: map[string]string{"zh": "茶"}},
		"description": {Default: "Green", Tr: map[string]string{"zh": "绿茶"}},
	})
	save(map[string]Text{"description": Plain("Green")}) // the description's translation removed
	tr, err := loadTranslations(ctx, s.query, EntityProductText, []int64{7, 8})
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.text(7, "title", "Tea").In("zh"); got != "茶" {
		t.Errorf("title in zh = %q", got)
	}
	if got := tr.text(7, "description", "Green").In("zh"); got != "Green" {
		t.Errorf("description in zh = %q, want the default after removal", got)
	}
	if err := s.tx(ctx, func(tx *sql.Tx) error { return deleteTranslations(ctx, tx, EntityProductText, 7) }); err != nil {
		t.Fatal(err)
	}
	if tr, _ := loadTranslations(ctx, s.query, EntityProductText, nil); len(tr) != 0 {
		t.Errorf("after delete: %v", tr)
	}
}
