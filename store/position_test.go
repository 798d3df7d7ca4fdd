package store

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"slices"
	"testing"
)

func TestMoveOne(t *testing.T) {
	for _, tt := range []struct {
		name     string
		id       int64
		up       bool
		want     []int64
		from, to int
	}{
		{"middle up", 2, true, []int64{2, 1, 3}, 1, 0},
		{"middle down", 2, false, []int64{1, 3, 2}, 1, 2},
		{"first up stays", 1, true, []int64{1, 2, 3}, 0, 0},
		{"last down stays", 3, false, []int64{1, 2, 3}, 2, 2},
	} {
		order := []int64{1, 2, 3}
		from, to, err := moveOne(order, tt.id, tt.up)
		if err != nil || from != tt.from || to != tt.to || !slices.Equal(order, tt.want) {
			t.Errorf("%s: %v %d→%d, %v; want %v %d→%d", tt.name, order, from, to, err, tt.want, tt.from, tt.to)
		}
	}
	order := []int64{1, 2}
	if _, _, err := moveOne(order, 9, true); !errors.Is(err, ErrNotFound) || !slices.Equal(order, []int64{1, 2}) {
		t.Errorf("missing id: %v, order %v", err, order)
	}
}

// TestGalleryMoveRepairsImportedPositions: an import can leave images tied
// at one position; a move, even one past the end, writes them back as
// 0..n-1 in the order the shop showed them.
func TestGalleryMoveRepairsImportedPositions(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id, err := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Jug", Status: StatusActive,
		Variants: []VariantInput{{Price: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range []color.Color{color.White, color.Black, color.Gray{Y: 128}} {
		im, err := s.AddProductImage(ctx, staffActor, id, bytes.NewReader(testPNG(t, c)), Plain(""))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, im)
	}
	if _, err := s.write.Exec(`UPDATE images SET position = 7 WHERE product_id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveProductImage(ctx, staffActor, id, ids[2], MoveDown); err != nil {
		t.Fatal(err)
	}
	rows, err := s.read.Query(`SELECT id, position FROM images WHERE product_id = ? ORDER BY position`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []int64
	for rows.Next() {
		var im int64
		var pos int
		if err := rows.Scan(&im, &pos); err != nil {
			t.Fatal(err)
		}
		if pos != len(got) {
			t.Errorf("image %d at position %d, want %d", im, pos, len(got))
		}
		got = append(got, im)
	}
	if !slices.Equal(got, ids) {
		t.Errorf("gallery = %v, want %v", got, ids)
	}
	other, _ := s.CreateProduct(ctx, staffActor, ProductInput{Title: "Other", Status: StatusDraft, Variants: []VariantInput{{Price: 1}}})
	if err := s.MoveProductImage(ctx, staffActor, other, ids[0], MoveUp); !errors.Is(err, ErrNotFound) {
		t.Errorf("move through another product: %v", err)
	}
}
