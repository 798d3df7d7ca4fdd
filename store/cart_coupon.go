package store

import (
	"context"
	"fmt"
)

// maxCouponCode bounds what a shopper may type as a code.
const maxCouponCode = 64

// ApplyCoupon puts the coupon code on token's open cart, replacing any
// other (one coupon per order). A code no coupon has is refused
// (*ValidationError on "code", key "promo.error.unknown"), and so is one whose
// coupon is over for good (archived or ended, key "promo.error.ended"):
// the cart keeps what it had. Any other known code is kept even while it
// does not apply, so the cart can say why and apply it once it does.
func (s *Store) ApplyCoupon(ctx context.Context, token, code string) error {
	code = NormalizeCode(code)
	switch {
	case code == "":
		return &ValidationError{Fields: map[string]string{"code": "promo.error.empty"}}
	case len(code) > maxCouponCode:
		return &ValidationError{Fields: map[string]string{"code": "promo.error.unknown"}}
	}
	c, err := couponByCode(ctx, s.query, code, s.Now())
	if err != nil {
		return err
	}
	if c == nil {
		return &ValidationError{Fields: map[string]string{"code": "promo.error.unknown"}}
	}
	if c.Over(s.Now()) {
		return &ValidationError{Fields: map[string]string{"code": "promo.error.ended"}}
	}
	return s.setCoupon(ctx, token, code)
}

// RemoveCoupon takes the coupon off token's open cart.
func (s *Store) RemoveCoupon(ctx context.Context, token string) error {
	return s.setCoupon(ctx, token, "")
}

func (s *Store) setCoupon(ctx context.Context, token, code string) error {
	res, err := s.write.ExecContext(ctx, `UPDATE carts SET coupon = ?, updated_at = ? WHERE token = ? AND status = 'open'`,
		code, s.Now().Unix(), token)
	s.cartCounts.forget(token)
	if err != nil {
		return fmt.Errorf("cart coupon: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 && code != "" {
		return ErrCartEmpty
	}
	return nil
}
