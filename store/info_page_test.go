package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestInfoPagesSaveAndRead: a page saved in two languages reads back in
// each, the default where a language has none; it is published once it
// has a body; the save is audited and shows at once although the pages
// are cached, and moves the catalog version the page cache keys on.
func TestInfoPagesSaveAndRead(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	pages, err := s.InfoPages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 4 || pages[0].Slug != InfoPageAbout || pages[0].Published() {
		t.Fatalf("a new shop's pages = %+v", pages)
	}
	version := s.CatalogVersion()
	err = s.SaveInfoPage(ctx, testActor, InfoPageShipping, 0, Text{Default: " Shipping ", Tr: map[string]string{"zh": "配送"}},
		Text{Default: "We ship in two days.\r\n\r\nFree over 299.", Tr: map[string]string{"zh": ""}})
	if err != nil {
		t.Fatal(err)
	}
	if s.CatalogVersion() == version {
		t.Error("saving a page kept the catalog version: cached pages keep the old footer")
	}
	p, err := s.InfoPageBySlug(ctx, InfoPageShipping)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Published() || p.Title.In("zh") != "配送" || p.Title.In("en") != "Shipping" ||
		p.Body.In("zh") != "We ship in two days.\n\nFree over 299." {
		t.Errorf("shipping page = %+v", p)
	}
	log, err := s.AuditLog(ctx, AuditFilter{Action: "pages.save"})
	if err != nil || len(log.Records) != 1 || log.Records[0].EntityID != InfoPageShipping {
		t.Errorf("audit = %+v, %v", log.Records, err)
	}

	// Emptied, the page is unpublished again.
	if err := s.SaveInfoPage(ctx, testActor, InfoPageShipping, 0, Text{}, Text{}); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.InfoPageBySlug(ctx, InfoPageShipping); p.Published() || p.Title.In("zh") != "" {
		t.Errorf("emptied page = %+v", p)
	}
	if _, err := s.InfoPageBySlug(ctx, "contact"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown page = %v", err)
	}
}

// TestInfoPageRefused: a too long value is refused on its own field, and
// so is a body written only in another language.
func TestInfoPageRefused(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, c := range []struct {
		name        string
		title, body Text
		field, msg  string
	}{
		{"long title", Plain(strings.Repeat("x", 121)), Plain("Body"), "title", "error.too_long"},
		{"long translation", Plain("About"), Text{Default: "Body", Tr: map[string]string{"zh": strings.Repeat("字", 20001)}},
			"body_zh", "error.too_long"},
		{"translation alone", Plain("About"), Text{Tr: map[string]string{"zh": "关于我们"}}, "body", "pages.error.body_default"},
	} {
		err := s.SaveInfoPage(ctx, testActor, InfoPageAbout, 0, c.title, c.body)
		if got := validationFields(t, err)[c.field]; got != c.msg {
			t.Errorf("%s: %s = %q, want %q", c.name, c.field, got, c.msg)
		}
	}
	if err := s.SaveInfoPage(ctx, testActor, "contact", 0, Plain("Contact"), Plain("Call us")); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown page = %v", err)
	}
	if p, _ := s.InfoPageBySlug(ctx, InfoPageAbout); p.Published() {
		t.Errorf("a refused save was kept: %+v", p)
	}
}
