package views

import (
	"context"

	"github.com/a-h/templ"

	"storefront/i18n"
)

// Link is the storefront path p in the page's language (i18n.Path), for
// every internal link a shopper follows and form they send: on a page
// under /zh-cn/ the links stay under /zh-cn/.
func Link(ctx context.Context, p string) templ.SafeURL {
	return templ.SafeURL(i18n.Path(ctx, p))
}
