package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"sync"

	"bytes"
)

// ImageWidths are the widths a product image is served in, smallest
// first: the stored thumbnail, a middle width made on demand, and the
// stored full copy. 800 is the middle because a phone's full-width image
// needs about that many pixels (390 CSS px at a device pixel ratio of 2).
var ImageWidths = []int{thumbImageEdge, middleImageEdge, fullImageEdge}

const middleImageEdge = 800

// ImageInfo is what a page needs to link to an image: its content hash
// (for a URL that may be cached forever) and its full size.
type ImageInfo struct {
	ETag          string
	Width, Height int
}

// WidthAt is the image's width when served at edge (ImageWidths): images
// are scaled to fit edge×edge, never up.
func (i ImageInfo) WidthAt(edge int) int {
	w, _ := fitWithin(image.Rect(0, 0, i.Width, i.Height), edge)
	return w
}

// ImageInfo returns image id's content hash and size, without its bytes.
// Every page names several images, so the answers are kept: an image's
// bytes, and so its hash and size, never change under its id (an edit
// adds a new image), and ids are never reused.
func (s *Store) ImageInfo(ctx context.Context, id int64) (ImageInfo, error) {
	if in, ok := s.imageInfos.get(id); ok {
		return in, nil
	}
	var in ImageInfo
	err := s.queryRow(ctx, `SELECT etag, width, height FROM images WHERE id = ?`, id).Scan(&in.ETag, &in.Width, &in.Height)
	if errors.Is(err, sql.ErrNoRows) {
		return in, ErrNotFound
	}
	if err != nil {
		return in, fmt.Errorf("image %d: %w", id, err)
	}
	s.imageInfos.put(id, in)
	return in, nil
}

// imageInfoCache keeps ImageInfo answers, up to maxImageInfos: a catalog
// larger than that keeps the images being shown, not all of them.
type imageInfoCache struct {
	mu sync.RWMutex
	m  map[int64]ImageInfo
}

const maxImageInfos = 20_000

func (c *imageInfoCache) get(id int64) (ImageInfo, bool) {
	c.mu.RLock()
	in, ok := c.m[id]
	c.mu.RUnlock()
	return in, ok
}

func (c *imageInfoCache) put(id int64, in ImageInfo) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxImageInfos {
		c.m = make(map[int64]ImageInfo)
	}
	c.m[id] = in
	c.mu.Unlock()
}

// ImageAtWidth returns image id scaled to fit edge×edge, one of
// ImageWidths. The thumbnail and the full copy are stored; the middle
// width is made from the full copy on first request and kept in memory.
//
// Made on demand rather than stored, because storing it needs a column
// and a migration that rewrites every stored image, and making one takes
// a few tens of milliseconds, once per image per process. The cache is
// keyed by content hash, so it is safe to share between stores.
func (s *Store) ImageAtWidth(ctx context.Context, id int64, edge int) (*ImageBytes, error) {
	switch edge {
	case thumbImageEdge:
		return s.ImageData(ctx, id, true)
	case fullImageEdge:
		return s.ImageData(ctx, id, false)
	case middleImageEdge:
	default:
		return nil, ErrNotFound
	}
	im := &ImageBytes{}
	err := s.queryRow(ctx, `SELECT i.content_type, i.etag, i.product_id IS NULL OR p.status = ?
		FROM images i LEFT JOIN products p ON p.id = i.product_id WHERE i.id = ?`, StatusActive, id).
		Scan(&im.ContentType, &im.ETag, &im.Public)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("image %d: %w", id, err)
	}
	key := fmt.Sprintf("%s-%d", im.ETag, edge)
	if data, ok := scaledImages.get(key); ok {
		im.Data, im.ETag = data, key
		return im, nil
	}
	full, err := s.ImageData(ctx, id, false)
	if err != nil {
		return nil, err
	}
	err = withImageSlot(ctx, func() error {
		src, _, err := image.Decode(bytes.NewReader(full.Data))
		if err != nil {
			return fmt.Errorf("image %d: decode stored copy: %w", id, err)
		}
		im.Data, err = encodeJPEG(onWhite(src, edge))
		return err
	})
	if err != nil {
		return nil, err
	}
	scaledImages.put(key, im.Data)
	im.ETag = key
	return im, nil
}

// scaledImages holds the middle-width copies made so far, up to
// scaledCacheBytes; beyond that the oldest go first. An 800 px JPEG is
// about 60 kB, so the budget holds several hundred products' images.
var scaledImages = &byteCache{max: scaledCacheBytes, items: map[string][]byte{}}

const scaledCacheBytes = 32 << 20

type byteCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order []string // insertion order, oldest first
	items map[string][]byte
}

func (c *byteCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.items[key]
	return b, ok
}

func (c *byteCache) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok || len(b) > c.max {
		return
	}
	for c.size+len(b) > c.max && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.items[old])
		delete(c.items, old)
	}
	c.items[key] = b
	c.order = append(c.order, key)
	c.size += len(b)
}
