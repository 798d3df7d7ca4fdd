package views

import (
	"time"

	"storefront/store/pricing"
)

// Sales is the flash sales a catalog page shows (store.WithSales,
// store.CardsWithSales): by variant ID on a product's buying block, by
// product ID on cards; Now is the server's clock the countdowns start
// from, and CountdownJS the countdown script's hashed URL.
type Sales struct {
	Variants    map[int64]pricing.Sale
	Cards       map[int64]pricing.Sale
	Now         time.Time
	CountdownJS string
}

// any reports whether the page shows a sale, and so loads the countdown.
func (s Sales) any() bool { return len(s.Variants)+len(s.Cards) > 0 && s.CountdownJS != "" }

// sales0 is s for the buying block's script alone: the related cards load
// it themselves.
func sales0(s Sales) Sales {
	s.Cards = nil
	return s
}
