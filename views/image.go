package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"storefront/store"
)

// ImageLookup returns an image's content hash and size; false when it is
// not known (then pages link to it without a hash).
type ImageLookup func(id int64) (store.ImageInfo, bool)

type imageLookupKey struct{}

// WithImages gives the views rendered under ctx a way to look up image
// hashes. Pages hold image ids only (a product's cover, a cart line's
// picture); the handler layer (kit.Render) supplies the lookup, so the
// dozens of queries that carry an image id need not all carry its hash.
func WithImages(ctx context.Context, look ImageLookup) context.Context {
	return context.WithValue(ctx, imageLookupKey{}, look)
}

func imageInfo(ctx context.Context, id int64) (store.ImageInfo, bool) {
	look, _ := ctx.Value(imageLookupKey{}).(ImageLookup)
	if look == nil || id == 0 {
		return store.ImageInfo{}, false
	}
	return look(id)
}

// HashedImageURL is the URL of image id at one of store.ImageWidths,
// carrying the image's content hash so that it may be cached for a year.
// Without a known hash it is the plain URL of the nearest stored copy.
func HashedImageURL(ctx context.Context, id int64, edge int) string {
	in, ok := imageInfo(ctx, id)
	if !ok {
		return ImageURL(id, edge <= store.ImageWidths[0])
	}
	return hashedURL(id, in.ETag, edge)
}

func hashedURL(id int64, etag string, edge int) string {
	return "/images/" + strconv.FormatInt(id, 10) + "/" + etag + "/" + strconv.Itoa(edge)
}

// Image sizes, the "sizes" attribute of each kind of picture: how wide it
// is drawn at each page width (app.css: .product-grid, .product).
const (
	SizesCard    = "(min-width: 1200px) 270px, (min-width: 1024px) 23vw, (min-width: 640px) 31vw, 47vw"
	SizesProduct = "(min-width: 1200px) 620px, (min-width: 768px) 52vw, 100vw"
)

// ImageAttrs are the attributes of a responsive <img> of image id: src
// and a srcset of every width the image has (an image narrower than a
// width is not scaled up, so it gets fewer), sizes, and loading. The lead
// image, the one likely to be the largest thing on the first screen, loads
// at once with high priority; every other loads when scrolled near.
func ImageAttrs(ctx context.Context, id int64, sizes string, lead bool) templ.Attributes {
	a := templ.Attributes{"decoding": "async"}
	if lead {
		a["fetchpriority"] = "high"
	} else {
		a["loading"] = "lazy"
	}
	in, ok := imageInfo(ctx, id)
	if !ok {
		a["src"] = ImageURL(id, false)
		return a
	}
	widths := store.ImageWidths
	full := widths[len(widths)-1]
	var set []string
	for i, edge := range widths {
		w := in.WidthAt(edge)
		if w == in.WidthAt(full) {
			// The image is no wider than this: the stored full copy is the
			// same picture, and needs no making.
			edge = full
		}
		u := hashedURL(id, in.ETag, edge)
		set = append(set, u+" "+strconv.Itoa(w)+"w")
		if i <= 1 {
			a["src"] = u // for browsers without srcset: the middle width
		}
		if edge == full {
			break
		}
	}
	a["srcset"] = strings.Join(set, ", ")
	a["sizes"] = sizes
	return a
}

// ThumbURL is the hashed URL of image id's thumbnail, for pictures drawn
// small at every page width (gallery strip, cart lines, search results).
func ThumbURL(ctx context.Context, id int64) string {
	return HashedImageURL(ctx, id, store.ImageWidths[0])
}
