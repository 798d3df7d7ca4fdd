package views

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"storefront/i18n"
	"storefront/store"
)

func imageAlt(p *store.Product, id int64) string {
	for _, im := range p.Images {
		if im.ID == id {
			return altOr(im.Alt, p.Title)
		}
	}
	return p.Title
}

// galleryURL links a thumbnail to the product page showing that image large,
// so the gallery works without JavaScript.
func galleryURL(p ProductPage, imageID int64) string {
	q := url.Values{}
	q.Set("image", strconv.FormatInt(imageID, 10))
	if p.Selected.ID != 0 && len(p.Product.Variants) > 1 {
		q.Set("variant", strconv.FormatInt(p.Selected.ID, 10))
	}
	return "/products/" + p.Product.Handle + "?" + q.Encode()
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func queryEscape(s string) string { return url.QueryEscape(s) }

// tagLabel is what the shopper reads for tag: its translation, else the
// tag itself, which stays the search term the chip links to.
func tagLabel(ctx context.Context, p *store.Product, tag string) string {
	return p.Tr.In(store.TagField(tag), tag, i18n.Locale(ctx))
}

// TagParam marks a search as a tag chip's: the results page then shows
// the tag as the chip read it (store.TagLabel) rather than the key it
// searches for.
const TagParam = "tag"

// tagSearch is where tag's chip links: a search for the tag itself, which
// the index knows (its translations it does not), marked as the chip's
// when the chip reads otherwise.
func tagSearch(ctx context.Context, p *store.Product, tag string) templ.SafeURL {
	u := "/search?q=" + queryEscape(tag)
	if tagLabel(ctx, p, tag) != tag {
		u += "&" + TagParam + "=1"
	}
	return Link(ctx, u)
}
