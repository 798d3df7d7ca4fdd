package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// MaxImageAltLen bounds an image's alt text, in characters.
const MaxImageAltLen = 512

// AddProductImage reads an uploaded image from r, checks it by its
// content, re-encodes it (dropping metadata) with a thumbnail, and adds it
// at the end of the product's gallery. A file that is too large, has too
// many pixels or is not a JPEG, PNG, WebP or GIF is a validation error on
// the "image" field. Reading and decoding wait for the image slot, so
// that however many staff upload at once, one image is in memory.
func (s *Store) AddProductImage(ctx context.Context, actor Actor, productID int64, r io.Reader, alt Text) (int64, error) {
	alt, err := checkAlt(alt)
	if err != nil {
		return 0, err
	}
	// Decoding and resizing is slow: do it before taking the write lock.
	var processed *processedImage
	err = withImageSlot(ctx, func() error {
		data, err := readImage(r)
		if err != nil {
			return err
		}
		processed, err = processImage(data)
		return err
	})
	switch {
	case errors.Is(err, ErrImageTooLarge):
		return 0, &ValidationError{Fields: map[string]string{"image": "error.product_image_too_large"}}
	case errors.Is(err, ErrImageTooBig):
		return 0, &ValidationError{Fields: map[string]string{"image": "error.image_too_big"}}
	case errors.Is(err, ErrBadImage):
		return 0, &ValidationError{Fields: map[string]string{"image": "error.product_image_bad"}}
	case err != nil:
		return 0, err
	}
	var id int64
	err = s.changeImages(ctx, actor, productID, func(tx *sql.Tx) (any, any, error) {
		if id, err = s.insertImage(ctx, tx, productID, "", alt.Default, processed); err != nil {
			return nil, nil, err
		}
		if len(alt.Tr) > 0 {
			if err := saveTranslations(ctx, tx, EntityImageText, id, map[string]Text{FieldAlt: alt}); err != nil {
				return nil, nil, err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE images SET position =
			(SELECT coalesce(max(position), -1) + 1 FROM images WHERE product_id = ? AND id <> ?) WHERE id = ?`, productID, id, id)
		return nil, map[string]any{"image_id": id, "alt": alt.Default, "alt_tr": alt.Tr, "width": processed.width, "height": processed.height}, err
	}, ActionProductImageAdd)
	if err != nil {
		return 0, fmt.Errorf("add image to product %d: %w", productID, err)
	}
	return id, nil
}

// SetProductImageAlt changes an image's alt text in every language: the
// default in images.alt, the others as translations (a language left
// blank shows the default). An alt with nil Tr, from a form that had no
// translation fields, leaves the translations as they are.
func (s *Store) SetProductImageAlt(ctx context.Context, actor Actor, productID, imageID int64, alt Text) error {
	alt, err := checkAlt(alt)
	if err != nil {
		return err
	}
	err = s.changeImages(ctx, actor, productID, func(tx *sql.Tx) (any, any, error) {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT alt FROM images WHERE id = ? AND product_id = ?`, imageID, productID).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, ErrNotFound
		}
		if err != nil {
			return nil, nil, err
		}
		oldTr, err := imageAlts(ctx, tx.QueryContext, []int64{imageID})
		if err != nil {
			return nil, nil, err
		}
		if _, err = tx.ExecContext(ctx, `UPDATE images SET alt = ? WHERE id = ?`, alt.Default, imageID); err != nil {
			return nil, nil, err
		}
		if alt.Tr == nil {
			alt.Tr = oldTr[imageID]
		} else {
			err = saveTranslations(ctx, tx, EntityImageText, imageID, map[string]Text{FieldAlt: alt})
		}
		return map[string]any{"image_id": imageID, "alt": old, "alt_tr": oldTr[imageID]},
			map[string]any{"image_id": imageID, "alt": alt.Default, "alt_tr": alt.Tr}, err
	}, ActionProductImageEdit)
	if err != nil {
		return fmt.Errorf("image %d alt: %w", imageID, err)
	}
	return nil
}

// MoveProductImage moves an image one place earlier (MoveUp) or later
// (MoveDown) in its product's gallery; the first image is the cover. A
// move past either end changes nothing.
func (s *Store) MoveProductImage(ctx context.Context, actor Actor, productID, imageID int64, move string) error {
	if move != MoveUp && move != MoveDown {
		return &ValidationError{Fields: map[string]string{"move": "error.product_image_move"}}
	}
	err := s.changeImages(ctx, actor, productID, func(tx *sql.Tx) (any, any, error) {
		order, err := queryIDs(ctx, tx, productImageOrder, productID)
		if err != nil {
			return nil, nil, err
		}
		before := slices.Clone(order)
		if _, _, err := moveOne(order, imageID, move == MoveUp); err != nil {
			return nil, nil, err
		}
		// Even a move past the end rewrites the positions, repairing gaps
		// and ties left by imports.
		if err := renumber(ctx, tx, "images", order, 0); err != nil {
			return nil, nil, err
		}
		return map[string]any{"order": before}, map[string]any{"order": order}, nil
	}, ActionProductImageEdit)
	if err != nil {
		return fmt.Errorf("move image %d: %w", imageID, err)
	}
	return nil
}

// DeleteProductImage removes an image; variants that showed it show the
// product's cover again.
func (s *Store) DeleteProductImage(ctx context.Context, actor Actor, productID, imageID int64) error {
	err := s.changeImages(ctx, actor, productID, func(tx *sql.Tx) (any, any, error) {
		var alt string
		err := tx.QueryRowContext(ctx, `SELECT alt FROM images WHERE id = ? AND product_id = ?`, imageID, productID).Scan(&alt)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, ErrNotFound
		}
		if err != nil {
			return nil, nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE variants SET image_id = NULL WHERE image_id = ?`, imageID); err != nil {
			return nil, nil, err
		}
		if _, err = tx.ExecContext(ctx, `DELETE FROM images WHERE id = ?`, imageID); err != nil {
			return nil, nil, err
		}
		err = deleteTranslations(ctx, tx, EntityImageText, imageID)
		return map[string]any{"image_id": imageID, "alt": alt}, nil, err
	}, ActionProductImageDelete)
	if err != nil {
		return fmt.Errorf("delete image %d: %w", imageID, err)
	}
	return nil
}

// changeImages runs fn, a change to product productID's gallery, in a
// transaction with its audit entry (fn returns the before and after to
// record), then refreshes the product's cover. The product's version is
// left alone: the product form does not carry the gallery, so an open
// form is not stale because an image changed.
func (s *Store) changeImages(ctx context.Context, actor Actor, productID int64, fn func(*sql.Tx) (before, after any, err error), action string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE products SET updated_at = ? WHERE id = ?`, s.Now().Unix(), productID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		before, after, err := fn(tx)
		if err != nil {
			return err
		}
		if err := refreshProduct(ctx, tx, productID); err != nil {
			return err
		}
		return s.audit(ctx, tx, AuditEntry{Actor: actor, Action: action, Entity: EntityProduct,
			EntityID: strconv.FormatInt(productID, 10), Before: before, After: after})
	})
	if err != nil {
		return err
	}
	s.bumpCatalog()
	return nil
}

// productImageOrder selects a product's image ids in gallery order.
const productImageOrder = `SELECT id FROM images WHERE product_id = ? ORDER BY position, id`
