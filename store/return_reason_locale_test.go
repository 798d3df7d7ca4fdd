package store

import (
	"context"
	"slices"
	"strconv"
	"testing"
)

// TestContentLocaleRoundTripKeepsBuiltInReasons: a built-in return reason
// whose English title was left to the message catalog, with a Chinese one
// written, goes back to the catalog's English when the content language
// goes to Chinese and back; a built-in reason given only an English title
// leaves the Chinese to the catalog meanwhile; the owner's own reason
// keeps its untranslated title as any text does.
func TestContentLocaleRoundTripKeepsBuiltInReasons(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	owner := addTestStaff(t, s, "owner@example.com", RoleOwner)
	asOwner := Actor{StaffID: owner.ID, Email: owner.Email}
	reason := func(code string) ReturnReason {
		t.Helper()
		rs, err := s.ReturnReasonsOf(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(rs, func(r ReturnReason) bool { return r.Code == code })
		if i < 0 {
			t.Fatalf("no reason %s in %+v", code, rs)
		}
		return rs[i]
	}
	save := func(r ReturnReason, title Text) {
		t.Helper()
		if _, err := s.SaveReturnReason(ctx, asOwner, ReturnReasonInput{ID: r.ID, Title: title, ShopFault: r.ShopFault,
			Position: r.Position, Active: true, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
	}
	save(reason("too_large"), Text{Tr: map[string]string{"zh": "太大了"}})
	save(reason("changed_mind"), Text{Default: "Not for me after all"})
	gift, err := s.SaveReturnReason(ctx, asOwner, ReturnReasonInput{Title: Text{Default: "Unwanted gift"}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	giftCode := "reason_" + strconv.FormatInt(gift, 10)

	preview, err := s.ContentLocalePreview(ctx, "zh")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(preview.Kinds, func(k ContentKindCount) bool { return k.Kind == "return_reasons" })
	if got, want := preview.Kinds[i], (ContentKindCount{Kind: "return_reasons", Ready: 2, Kept: 1}); got != want {
		t.Errorf("preview = %+v, want %+v: the built-in reasons have Chinese of their own or the catalog's", got, want)
	}

	change := func(to string) {
		t.Helper()
		st, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ChangeContentLocale(ctx, asOwner, st.Version(SectionRegional), to); err != nil {
			t.Fatal(err)
		}
	}
	change("zh")
	if r := reason("too_large"); r.Title.Default != "太大了" || r.Title.Tr["en"] != "" {
		t.Errorf("too_large in Chinese = %+v, want 太大了 with English left to the catalog", r.Title)
	}
	if r := reason("changed_mind"); r.Title.Default != "" || r.Title.Tr["en"] != "Not for me after all" {
		t.Errorf("changed_mind in Chinese = %+v, want the catalog's Chinese and the owner's English", r.Title)
	}
	if r := reason(giftCode); r.Title.Default != "Unwanted gift" || len(r.Title.Missing([]string{"en"})) != 1 {
		t.Errorf("the owner's reason = %+v, want its title kept and marked as still to translate", r.Title)
	}

	change("en")
	for code, want := range map[string]Text{
		"too_large":    {Default: "", Tr: map[string]string{"zh": "太大了"}},
		"changed_mind": {Default: "Not for me after all"},
		giftCode:       {Default: "Unwanted gift"},
	} {
		got := reason(code).Title
		if got.Default != want.Default || got.In("zh") != want.In("zh") || len(got.Tr) != len(want.Tr) {
			t.Errorf("%s after the round trip = %+v, want %+v", code, got, want)
		}
	}
}

// TestBuiltInReasonReadsTheCatalogInOtherLanguages: a built-in reason the
// owner titled only in Chinese, in a shop whose texts are kept in Chinese,
// reads as the catalog's wording to an English shopper (TitleIn gives
// none), not as the Chinese; the owner's own reason reads as written.
func TestBuiltInReasonReadsTheCatalogInOtherLanguages(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	owner := addTestStaff(t, s, "owner@example.com", RoleOwner)
	asOwner := Actor{StaffID: owner.ID, Email: owner.Email}
	st, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeContentLocale(ctx, asOwner, st.Version(SectionRegional), "zh"); err != nil {
		t.Fatal(err)
	}
	rs, err := s.ReturnReasonsOf(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	large := rs[slices.IndexFunc(rs, func(r ReturnReason) bool { return r.Code == "too_large" })]
	if _, err := s.SaveReturnReason(ctx, asOwner, ReturnReasonInput{ID: large.ID, Title: Text{Default: "太大了"},
		ShopFault: large.ShopFault, Position: large.Position, Active: true, Version: large.Version}); err != nil {
		t.Fatal(err)
	}
	gift, err := s.SaveReturnReason(ctx, asOwner, ReturnReasonInput{Title: Text{Default: "礼物不合适"}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	rs, err = s.ReturnReasonsOf(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		switch r.ID {
		case large.ID:
			if r.TitleIn("en") != "" || r.TitleIn("zh") != "太大了" {
				t.Errorf("too_large reads %q in English and %q in Chinese, want the catalog's and 太大了", r.TitleIn("en"), r.TitleIn("zh"))
			}
		case gift:
			if r.TitleIn("en") != "礼物不合适" {
				t.Errorf("the owner's reason reads %q in English, want it as written", r.TitleIn("en"))
			}
		}
	}
}
