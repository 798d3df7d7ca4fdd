package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// MaxReturnPhotos is how many photos a return request may carry.
const MaxReturnPhotos = 3

// processReturnPhotos checks and re-encodes a request's photos like
// product images (any metadata, GPS tags included, is dropped), one at a
// time in the process's image slot. A file that is not an image the shop
// accepts is a ValidationError on the photos field.
func processReturnPhotos(ctx context.Context, uploads [][]byte) ([]*processedImage, error) {
	var out []*processedImage
	for _, data := range uploads {
		var p *processedImage
		err := withImageSlot(ctx, func() error {
			var err error
			p, err = processImage(data)
			return err
		})
		switch {
		case errors.Is(err, ErrImageTooLarge):
			return nil, &ValidationError{Fields: map[string]string{"photos": "returns.error.photo_size"}}
		case errors.Is(err, ErrBadImage):
			return nil, &ValidationError{Fields: map[string]string{"photos": "returns.error.photo_bad"}}
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func insertReturnPhotos(ctx context.Context, tx *sql.Tx, returnID int64, photos []*processedImage) error {
	for i, p := range photos {
		if _, err := tx.ExecContext(ctx, `INSERT INTO return_photos (return_id, position, etag, data, thumb) VALUES (?, ?, ?, ?, ?)`,
			returnID, i+1, p.etag, p.full, p.thumb); err != nil {
			return fmt.Errorf("return photo: %w", err)
		}
	}
	return nil
}

// ReturnPhoto is photo n (from 1) of return id of order orderID, its
// thumbnail when thumb is set; ErrNotFound for another order's return.
func (s *Store) ReturnPhoto(ctx context.Context, orderID, id int64, n int, thumb bool) (*ImageBytes, error) {
	col := "p.data"
	if thumb {
		col = "p.thumb"
	}
	im := &ImageBytes{ContentType: "image/jpeg"}
	err := s.queryRow(ctx, `SELECT p.etag, `+col+` FROM return_photos p JOIN returns r ON r.id = p.return_id
		WHERE p.return_id = ? AND r.order_id = ? AND p.position = ?`, id, orderID, n).Scan(&im.ETag, &im.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("return photo: %w", err)
	}
	if thumb {
		im.ETag += "-t"
	}
	return im, nil
}
