package store

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"strings"
	"testing"
)

func TestProductImages(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, err := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Vase", Status: StatusActive,
		Variants: []VariantInput{{Price: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(testPNG(t, color.White)), Plain(" A white vase "))
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(testPNG(t, color.Black)), Plain(""))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.ProductByID(ctx, id)
	if len(p.Images) != 2 || p.Images[0].ID != first || p.Images[0].Alt != "A white vase" || p.CoverImageID != first {
		t.Fatalf("images = %+v, cover %d", p.Images, p.CoverImageID)
	}
	if im, err := s.ImageData(ctx, first, false); err != nil || im.ContentType != "image/jpeg" {
		t.Errorf("stored image = %v", err)
	}

	if err := s.MoveProductImage(ctx, staffActor, id, second, MoveUp); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveProductImage(ctx, staffActor, id, second, MoveUp); err != nil {
		t.Errorf("moving the first image up: %v", err)
	}
	if p, _ = s.ProductByID(ctx, id); p.Images[0].ID != second || p.CoverImageID != second {
		t.Errorf("after move: %+v, cover %d", p.Images, p.CoverImageID)
	}
	if err := s.SetProductImageAlt(ctx, staffActor, id, second, Plain("A black vase")); err != nil {
		t.Fatal(err)
	}
	// Point the variant at the image, then delete it: the variant lets go.
	in := ProductInput{Title: "Vase", Status: StatusActive, Variants: []VariantInput{{ID: p.Variants[0].ID, Price: 100, ImageID: second}}}
	if err := s.UpdateProduct(ctx, staffActor, id, p.Version, in); err != nil {
		t.Fatal(err)
	}
	if p, _ = s.ProductByID(ctx, id); p.Variants[0].ImageID != second {
		t.Fatalf("variant image = %d", p.Variants[0].ImageID)
	}
	if err := s.DeleteProductImage(ctx, staffActor, id, second); err != nil {
		t.Fatal(err)
	}
	if p, _ = s.ProductByID(ctx, id); len(p.Images) != 1 || p.Variants[0].ImageID != 0 || p.CoverImageID != first {
		t.Errorf("after delete: images %+v, variant image %d, cover %d", p.Images, p.Variants[0].ImageID, p.CoverImageID)
	}
	if got := auditActions(t, s, itoa(id)); len(got) != 8 {
		t.Errorf("audit = %v", got)
	}
	// Another product's image cannot be reached through this one.
	other, _ := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Other", Status: StatusDraft, Variants: []VariantInput{{Price: 1}}})
	if err := s.DeleteProductImage(ctx, staffActor, other, first); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete through another product: %v", err)
	}
}

func TestAddProductImageRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, _ := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Vase", Status: StatusActive,
		Variants: []VariantInput{{Price: 100}}})
	for name, tt := range map[string]struct {
		data []byte
		want string
	}{
		"text":      {[]byte("just some text, not a picture"), "error.product_image_bad"},
		"svg":       {[]byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), "error.product_image_bad"},
		"too large": {append(testPNG(t, color.White), make([]byte, MaxImageBytes)...), "error.product_image_too_large"},
		"truncated": {testPNG(t, color.White)[:40], "error.product_image_bad"},
	} {
		_, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(tt.data), Plain(""))
		if got := fieldError(err, "image"); got != tt.want {
			t.Errorf("%s: %q (%v), want %q", name, got, err, tt.want)
		}
	}
	if _, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(testPNG(t, color.White)), Plain(strings.Repeat("a", MaxImageAltLen+1))); fieldError(err, "alt") == "" {
		t.Errorf("long alt: %v", err)
	}
	if _, err := s.AddProductImage(ctx, staffActor, 9999, bytes.NewReader(testPNG(t, color.White)), Plain("")); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing product: %v", err)
	}
}
