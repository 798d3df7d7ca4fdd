package store

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"reflect"
	"testing"
)

// TestAllProductsInBatches: read in batches, every product comes once, in
// id order, with its own variants, images, tags and collections, the
// same as reading it alone; and fn's error stops the reading.
func TestAllProductsInBatches(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	defer func(n int) { exportBatch = n }(exportBatch)
	exportBatch = 3
	for i := range 8 {
		in := ProductInput{Handle: fmt.Sprintf("p%d", i), Title: fmt.Sprintf("P %d", i), Status: StatusActive,
			Tags: []string{fmt.Sprintf("t%d", i), "all"}, Collections: []string{fmt.Sprintf("c%d", i%3)}}
		in.OptionNames = []string{"Size"}
		for v := range i%3 + 1 {
			in.Variants = append(in.Variants, VariantInput{SKU: fmt.Sprintf("P%d-%d", i, v), Options: [3]string{fmt.Sprint(v)},
				Price: int64(100 * (i + 1)), Stock: int64(v)})
		}
		if i%2 == 0 {
			in.Images = []ImageInput{{SourceURL: fmt.Sprintf("test:%d", i), Alt: fmt.Sprintf("alt %d", i), Data: testPNG(t, color.White)}}
		}
		if _, _, err := s.SaveProduct(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	var got []*Product
	if err := s.AllProducts(ctx, func(p *Product) error { got = append(got, p); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 {
		t.Fatalf("%d products, want 8", len(got))
	}
	for i, p := range got {
		if i > 0 && p.ID <= got[i-1].ID {
			t.Errorf("product %d (id %d) after id %d", i, p.ID, got[i-1].ID)
		}
		alone, err := s.ProductByID(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(skus(p.Variants), skus(alone.Variants)) || !reflect.DeepEqual(p.Tags, alone.Tags) ||
			len(p.Images) != len(alone.Images) || len(p.Collections) != 1 || p.Collections[0].Handle != alone.Collections[0].Handle {
			t.Errorf("%s: variants %v tags %v images %d collections %v; alone %v %v %d %v", p.Handle,
				skus(p.Variants), p.Tags, len(p.Images), p.Collections, skus(alone.Variants), alone.Tags, len(alone.Images), alone.Collections)
		}
		for k, im := range p.Images {
			if im.ID != alone.Images[k].ID || im.Alt != alone.Images[k].Alt {
				t.Errorf("%s: image %+v, alone %+v", p.Handle, im, alone.Images[k])
			}
		}
	}

	stop := errors.New("stop")
	n := 0
	err := s.AllProducts(ctx, func(*Product) error {
		if n++; n == 4 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 4 {
		t.Errorf("stopped at %d with %v, want at 4 with stop", n, err)
	}
}

func skus(vs []Variant) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.SKU)
	}
	return out
}

// TestAllProductsIsOneMoment: products saved while an export runs, between
// its batches, are not in it, neither a new one nor a later one's new
// title: the file is the catalog as it was when the export began.
func TestAllProductsIsOneMoment(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	defer func(n int) { exportBatch = n }(exportBatch)
	exportBatch = 2
	save := func(handle, title string) {
		t.Helper()
		if _, _, err := s.SaveProduct(ctx, ProductInput{Handle: handle, Title: title, Status: StatusActive,
			Variants: []VariantInput{{Price: 100}}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		save(fmt.Sprintf("p%d", i), fmt.Sprintf("P %d", i))
	}
	var titles []string
	err := s.AllProducts(ctx, func(p *Product) error {
		if len(titles) == 0 {
			save("p4", "P 4 renamed")
			save("p5", "P 5")
		}
		titles = append(titles, p.Title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"P 0", "P 1", "P 2", "P 3", "P 4"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("exported %v, want %v", titles, want)
	}
}
