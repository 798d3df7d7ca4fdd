package store

import (
	"context"
	"testing"
)

// TestUpdateCollectionKeepsTextsItDoesNotName: a save that names only some
// of a collection's translations (a form without the SEO fields) leaves
// the others as they were.
func TestUpdateCollectionKeepsTextsItDoesNotName(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	in := CollectionInput{Title: "Gifts", SEOTitle: "Gift ideas",
		Tr: Texts{}.Set(FieldTitle, "zh", "礼品").Set(FieldSEOTitle, "zh", "礼品推荐")}
	id, err := s.CreateCollection(ctx, staffActor, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Tr = Texts{FieldTitle: {"zh": "礼物"}, FieldDescription: {"zh": ""}}
	if err := s.UpdateCollection(ctx, staffActor, id, 1, in); err != nil {
		t.Fatal(err)
	}
	c, err := s.CollectionByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Tr[FieldTitle]["zh"] != "礼物" || c.Tr[FieldSEOTitle]["zh"] != "礼品推荐" || len(c.Tr) != 2 {
		t.Errorf("translations after the update = %v, want the title changed and the SEO title kept", c.Tr)
	}
}
