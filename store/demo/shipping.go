package demo

import (
	"context"

	"storefront/store"
)

// shippingMethods are the demo shop's ways to deliver, so that checkout
// works straight away: a flat rate, free shipping from 299.00 (the same
// threshold as the SPEND299 coupon) and collection from the shop.
var shippingMethods = []store.ShippingMethodInput{
	{Name: store.Plain("Standard shipping").With("zh", "标准配送"), Kind: store.ShippingFlat, Price: 800, Active: true},
	{Name: store.Plain("Free shipping over $299").With("zh", "满 299 美元包邮"), Kind: store.ShippingFreeOver,
		Price: 1200, Threshold: 29900, Active: true},
	{Name: store.Plain("Local pickup").With("zh", "到店自提"), Kind: store.ShippingPickup, Active: true},
}

// seedShipping adds the demo shipping methods to a shop that has none.
func seedShipping(ctx context.Context, st *store.Store) error {
	have, err := st.ShippingMethods(ctx)
	if err != nil || len(have) > 0 {
		return err
	}
	for _, in := range shippingMethods {
		if _, err := st.CreateShippingMethod(ctx, store.Actor{}, in); err != nil {
			return err
		}
	}
	return nil
}
