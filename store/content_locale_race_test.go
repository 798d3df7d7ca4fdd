package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// TestContentLocaleRacesProductSave: an owner changes the content
// language while staff save product forms opened before it, many times
// over, back and forth between English and Chinese. One product has its
// title in both languages; the other only in the old one, its form adding
// the new. Each save is either refused as stale or made before the change
// and swapped with the rest: never written over the swapped texts, which
// would leave the old language's title in the column of the new and the
// new language's as a translation into itself.
func TestContentLocaleRacesProductSave(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	owner := addTestStaff(t, s, "owner@example.com", RoleOwner)
	asOwner := Actor{StaffID: owner.ID, Email: owner.Email}
	from, to := "en", "zh"
	saved, refused := 0, 0
	for i := range 20 {
		// Both products as the round starts: both titled in from, one of
		// them in to as well.
		title := func(p, lang string) string { return fmt.Sprintf("%s %d %s", p, i, lang) }
		reset := map[string]Texts{"both": {FieldTitle: {to: title("both", to)}}, "one": {}}
		for handle, tr := range reset {
			if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: handle, Title: title(handle, from), Status: StatusActive,
				Tr: tr, Variants: []VariantInput{{SKU: handle, Price: 900, Stock: 1}}}); err != nil {
				t.Fatal(err)
			}
		}
		forms := map[string]*Product{}
		var saves []func() error
		for _, handle := range []string{"both", "one"} {
			p, err := s.ProductByHandle(ctx, handle, false)
			if err != nil {
				t.Fatal(err)
			}
			forms[handle] = p
			in := ProductInput{Handle: handle, Title: title(handle+" edited", from), Status: StatusActive,
				Tr:       Texts{FieldTitle: {to: title(handle+" edited", to)}},
				Variants: []VariantInput{{ID: p.Variants[0].ID, SKU: handle, Price: 900}}}
			saves = append(saves, func() error { return s.UpdateProduct(ctx, staffActor, p.ID, p.Version, in) })
		}
		st, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		version := st.Version(SectionRegional)
		errs := atOnce(func() error {
			_, err := s.ChangeContentLocale(ctx, asOwner, version, to)
			return err
		}, saves[0], saves[1])
		if errs[0] != nil {
			t.Fatalf("round %d: change to %s: %v", i, to, errs[0])
		}
		for j, handle := range []string{"both", "one"} {
			// What the product reads as once the change is made: the
			// form's texts swapped, or the texts it had swapped.
			wantTitle, wantFrom := title(handle+" edited", to), title(handle+" edited", from)
			switch err := errs[j+1]; {
			case err == nil:
				saved++
			case errors.Is(err, ErrProductChanged):
				refused++
				wantTitle, wantFrom = title(handle, to), title(handle, from)
				if handle == "one" {
					wantTitle, wantFrom = title(handle, from), ""
				}
			default:
				t.Fatalf("round %d: save %s: %v", i, handle, err)
			}
			p, err := s.ProductByID(ctx, forms[handle].ID)
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != wantTitle || p.Tr[FieldTitle][from] != wantFrom || p.Tr[FieldTitle][to] != "" {
				t.Fatalf("round %d, %s now in %s (save: %v): title %q, in %s %q, in %s %q; want %q, %q and none",
					i, handle, to, errs[j+1], p.Title, from, p.Tr[FieldTitle][from], to, p.Tr[FieldTitle][to], wantTitle, wantFrom)
			}
		}
		from, to = to, from
	}
	t.Logf("%d saves made before the change, %d refused as stale", saved, refused)
}
