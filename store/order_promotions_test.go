package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"storefront/store/pricing"
)

// addPromo inserts a promotion row with the given columns (name, kind,
// type and the timestamps are filled in when missing) and tells the store.
func addPromo(t testing.TB, s *Store, cols map[string]any) int64 {
	t.Helper()
	row := map[string]any{"name": "Promo", "kind": PromoAutomatic, "type": pricing.TypePercent,
		"created_at": s.Now().Unix(), "updated_at": s.Now().Unix()}
	for k, v := range cols {
		row[k] = v
	}
	var names, marks string
	var args []any
	for k, v := range row {
		if names != "" {
			names, marks = names+", ", marks+", "
		}
		names, marks, args = names+k, marks+"?", append(args, v)
	}
	var id int64
	if err := s.write.QueryRow(`INSERT INTO promotions (`+names+`) VALUES (`+marks+`) RETURNING id`, args...).Scan(&id); err != nil {
		t.Fatalf("insert promotion %v: %v", cols, err)
	}
	s.promotionsChanged()
	return id
}

func TestOrderTakesPromotionsAsTheCartShowed(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	ladder := addPromo(t, f.s, map[string]any{"name": "Spend more", "type": pricing.TypeLadder,
		"rules": `{"steps":[{"min":10000,"value":1000},{"min":20000,"value":3000}]}`, "combines_coupons": 1, "combines_promotions": 1})
	gift := addPromo(t, f.s, map[string]any{"name": "Free mug", "type": pricing.TypeGift, "min_subtotal": 15000,
		"rules": `{"gift_variant":` + itoa(f.mug) + `}`, "combines_promotions": 1, "combines_coupons": 1})
	coupon := addPromo(t, f.s, map[string]any{"name": "Ten", "kind": PromoCoupon, "code": "TEN", "value": 1000,
		"combines_promotions": 1, "usage_limit": 5})

	token := f.add(t, "", f.big, 3).Token // 3 × 52.00 = 156.00
	if err := f.s.ApplyCoupon(ctx, token, " ten "); err != nil {
		t.Fatal(err)
	}
	v := f.view(t, token)
	o := v.Promotions
	if o.Coupon == nil || !o.Coupon.Applied || o.Coupon.Code != "TEN" {
		t.Fatalf("coupon = %+v, want TEN applied", o.Coupon)
	}
	// The ladder's first step (10.00 off 156.00), then 10% of 146.00.
	want := map[int64]int64{ladder: 1000, coupon: 1460}
	for _, a := range o.Applied {
		if a.Amount != want[a.PromotionID] {
			t.Errorf("%s took %d, want %d", a.Label, a.Amount, want[a.PromotionID])
		}
	}
	if v.Pricing.Discount != 2460 || v.Pricing.Total != 15600-2460 {
		t.Fatalf("cart priced %+v", v.Pricing)
	}
	if len(o.Gifts) != 0 || len(o.Hints) == 0 {
		t.Fatalf("gift below its threshold: gifts %v, hints %v", o.Gifts, o.Hints)
	}

	f.add(t, token, f.small, 1) // 156.00 + 49.00 = 205.00: the ladder's second step, and the gift
	v = f.view(t, token)
	if len(v.Promotions.Gifts) != 1 || v.Promotions.Gifts[0].PromotionID != gift {
		t.Fatalf("gifts = %+v", v.Promotions.Gifts)
	}
	mugStock := stockOf(t, f.s, f.mug)
	in := checkoutFor(token, ship)
	checkout, _, err := f.s.PriceCheckout(ctx, v, ship)
	if err != nil {
		t.Fatal(err)
	}
	in.ShownTotal = checkout.Pricing.Total
	placed, _, err := f.s.PlaceOrder(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if placed.Total != checkout.Pricing.Total {
		t.Fatalf("order total %d, checkout showed %d", placed.Total, checkout.Pricing.Total)
	}
	var paid, gifts int64
	for _, l := range placed.Lines {
		paid += l.Paid
	}
	if placed.Tax != 0 || paid+placed.Shipping != placed.Total { // the fixture charges no tax
		t.Errorf("lines paid %d + shipping %d ≠ total %d", paid, placed.Shipping, placed.Total)
	}
	if err := f.s.read.QueryRow(`SELECT count(*) FROM order_lines WHERE order_id = ? AND gift_promotion_id = ? AND paid = 0 AND gift_value = 1500`,
		placed.ID, gift).Scan(&gifts); err != nil || gifts != 1 {
		t.Fatalf("gift lines = %d, %v", gifts, err)
	}
	if got := stockOf(t, f.s, f.mug); got != mugStock-1 {
		t.Errorf("mug stock %d, want %d", got, mugStock-1)
	}
	var rows, sum int64
	f.s.read.QueryRow(`SELECT count(*), sum(amount) FROM order_discounts WHERE order_id = ? AND shipping = 0`, placed.ID).Scan(&rows, &sum)
	if sum != placed.Discount || rows != 3 { // ladder, coupon, and the gift's row of 0
		t.Errorf("discount rows %d summing %d, order discount %d", rows, sum, placed.Discount)
	}

	if err := f.s.CancelOrder(ctx, Actor{}, placed.ID); err != nil {
		t.Fatal(err)
	}
	var used int64
	f.s.read.QueryRow(`SELECT usage_count FROM promotions WHERE id = ?`, coupon).Scan(&used)
	if used != 0 || stockOf(t, f.s, f.mug) != mugStock {
		t.Errorf("after cancel: coupon used %d, mug stock %d (want 0, %d)", used, stockOf(t, f.s, f.mug), mugStock)
	}
}

func TestOrderRefusesAPriceThatRose(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	addPromo(t, f.s, map[string]any{"name": "Once", "kind": PromoCoupon, "code": "ONCE", "type": pricing.TypeFixed,
		"value": 500, "usage_limit": 1})
	first, second := f.add(t, "", f.big, 1).Token, f.add(t, "", f.big, 1).Token
	for _, tok := range []string{first, second} {
		if err := f.s.ApplyCoupon(ctx, tok, "once"); err != nil {
			t.Fatal(err)
		}
	}
	shown := func(token string) int64 {
		c, _, err := f.s.PriceCheckout(ctx, f.view(t, token), ship)
		if err != nil {
			t.Fatal(err)
		}
		return c.Pricing.Total
	}
	a, b := checkoutFor(first, ship), checkoutFor(second, ship)
	a.ShownTotal, b.ShownTotal = shown(first), shown(second)
	if _, _, err := f.s.PlaceOrder(ctx, a); err != nil {
		t.Fatal(err)
	}
	_, _, err := f.s.PlaceOrder(ctx, b)
	var rose *PriceRoseError
	if !errors.As(err, &rose) || rose.Total != rose.Shown+500 || rose.Coupon == nil || rose.Coupon.Why.Key != pricing.WhyUsedUp {
		t.Fatalf("second order: %v (%+v), want the price to rise by 5.00 because the coupon is used up", err, rose)
	}
	// Looking again shows the coupon used up, and the order goes through.
	b.ShownTotal = shown(second)
	if _, _, err := f.s.PlaceOrder(ctx, b); err != nil {
		t.Fatal(err)
	}
}

func TestFlashSalePriceSwitchesAtTheSecond(t *testing.T) {
	f := newCartFixture(t)
	start := f.s.Now().Add(time.Hour).Truncate(time.Second)
	addPromo(t, f.s, map[string]any{"name": "Flash", "type": pricing.TypeFlash, "value": 5000,
		"starts_at": start.Unix(), "ends_at": start.Add(2 * time.Hour).Unix(),
		"rules": `{"variants":[` + itoa(f.mug) + `],"steps":[{"at":` + itoa(start.Unix()) + `,"value":5000},{"at":` +
			itoa(start.Add(time.Hour).Unix()) + `,"value":3000}]}`})
	token := f.add(t, "", f.mug, 1).Token
	version := f.s.CatalogVersion()
	at := func(d time.Duration) int64 {
		f.clockOffset = start.Sub(time.Now()) + d
		return f.view(t, token).Pricing.Total
	}
	cases := []struct {
		at   time.Duration
		want int64
	}{{-time.Second, 1500}, {0, 750}, {time.Hour - time.Second, 750}, {time.Hour, 1050}, {2*time.Hour - time.Second, 1050}, {2 * time.Hour, 1500}}
	for _, c := range cases {
		if got := at(c.at); got != c.want {
			t.Errorf("at start%+v: total %d, want %d", c.at, got, c.want)
		}
	}
	if f.s.CatalogVersion() == version {
		t.Error("the catalog version did not move when the sale started, so cached pages would keep the old price")
	}
}

// TestAccountLimitsFollowTheAccount: a signed-in customer's earlier orders
// count against a first-order coupon and a per-customer limit even when
// the next order gives another email; a guest with a new email is a new
// shopper.
func TestAccountLimitsFollowTheAccount(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	addPromo(t, f.s, map[string]any{"name": "Welcome", "kind": PromoCoupon, "code": "HELLO", "value": 1000,
		"first_order_only": 1})
	customer := registerCustomer(t, f.s, "ana@example.com")

	order := func(email string, customerID int64) *Order {
		t.Helper()
		token := f.add(t, "", f.big, 1).Token
		if err := f.s.ApplyCoupon(ctx, token, "hello"); err != nil {
			t.Fatal(err)
		}
		in := checkoutFor(token, ship)
		in.Email, in.CustomerID = email, customerID
		c, _, err := f.s.PriceCheckout(ctx, f.view(t, token), ship)
		if err != nil {
			t.Fatal(err)
		}
		in.ShownTotal = c.Pricing.Total
		o, _, err := f.s.PlaceOrder(ctx, in)
		var rose *PriceRoseError
		if errors.As(err, &rose) {
			in.ShownTotal = rose.Total
			o, _, err = f.s.PlaceOrder(ctx, in)
		}
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	if o := order("ana@example.com", customer.ID); o.Discount != 520 {
		t.Fatalf("first order's discount = %d, want 10%% of 52.00", o.Discount)
	}
	if o := order("ana.work@example.com", customer.ID); o.Discount != 0 {
		t.Errorf("the account's second order under another email took %d off a first-order coupon", o.Discount)
	}
	if o := order("someone.new@example.com", 0); o.Discount != 520 {
		t.Errorf("a new guest's first order took %d, want 520", o.Discount)
	}
}

// TestFlashSaleEndingMidCheckout: the checkout showed the sale price; the
// sale ends before the order is placed: the order is refused with the new
// total, not charged at a price that no longer exists, nor more than shown.
func TestFlashSaleEndingMidCheckout(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	end := f.s.Now().Add(time.Minute).Truncate(time.Second)
	addPromo(t, f.s, map[string]any{"name": "Flash", "type": pricing.TypeFlash, "value": 5000,
		"starts_at": f.s.Now().Add(-time.Hour).Unix(), "ends_at": end.Unix(), "rules": `{"variants":[` + itoa(f.mug) + `]}`})
	token := f.add(t, "", f.mug, 1).Token
	c, _, err := f.s.PriceCheckout(ctx, f.view(t, token), ship)
	if err != nil {
		t.Fatal(err)
	}
	in := checkoutFor(token, ship)
	in.ShownTotal = c.Pricing.Total // 7.50 + 10.00 shipping
	f.clockOffset = end.Sub(time.Now())
	_, _, err = f.s.PlaceOrder(ctx, in)
	var rose *PriceRoseError
	if !errors.As(err, &rose) || rose.Total != rose.Shown+750 {
		t.Fatalf("placing after the sale ended: %v (%+v), want the price to rise by 7.50", err, rose)
	}
}

// TestAutomaticPromotionsKnowTheShopperAtCheckout: an automatic promotion
// for first orders, or with a limit per customer, is checked against the
// shopper's earlier orders when the order is placed, as a coupon is.
func TestAutomaticPromotionsKnowTheShopperAtCheckout(t *testing.T) {
	for _, rule := range []string{"first_order_only", "per_customer_limit"} {
		t.Run(rule, func(t *testing.T) {
			f := newCartFixture(t)
			ship := flatShipping(t, f.s)
			addPromo(t, f.s, map[string]any{"name": "Welcome", "value": 1000, rule: 1})
			order := func(email string) int64 {
				t.Helper()
				in := checkoutFor(f.add(t, "", f.big, 1).Token, ship)
				in.Email = email
				o, _, err := f.s.PlaceOrder(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				return o.Discount
			}
			if got := order("ana@example.com"); got != 520 {
				t.Fatalf("first order's discount = %d, want 10%% of 52.00", got)
			}
			if got := order("ANA@example.com"); got != 0 {
				t.Errorf("the same shopper's second order took %d off", got)
			}
			if got := order("bo@example.com"); got != 520 {
				t.Errorf("another shopper's first order took %d, want 520", got)
			}
		})
	}
}

// TestGiftInTheShoppersLanguage: the gift the cart and checkout show, and
// the line the order records, carry the gift's name in the shopper's
// language, and the shop's own name for a shopper in the shop's language.
func TestGiftInTheShoppersLanguage(t *testing.T) {
	f := newCartFixture(t)
	ctx := context.Background()
	ship := flatShipping(t, f.s)
	mug := f.mugProduct
	mug.Tr = Texts{}.Set(FieldTitle, "zh", "马克杯")
	f.save(t, mug)
	gift := addPromo(t, f.s, map[string]any{"name": "Free mug", "type": pricing.TypeGift, "min_subtotal": 5000,
		"rules": `{"gift_variant":` + itoa(f.mug) + `}`})

	for _, c := range []struct{ locale, want string }{{"en", "Mug"}, {"zh", "马克杯"}} {
		token := f.add(t, "", f.big, 1).Token // 52.00, past the gift's 50.00
		v, err := f.s.CartView(ctx, token, c.locale)
		if err != nil {
			t.Fatal(err)
		}
		gifts, err := f.s.CartGifts(ctx, v, c.locale)
		if err != nil || len(gifts) != 1 || gifts[0].VariantID != f.mug || gifts[0].ProductTitle != c.want {
			t.Fatalf("%s: cart gifts = %+v, %v; want the mug as %q", c.locale, gifts, err, c.want)
		}
		in := checkoutFor(token, ship)
		in.Locale = c.locale
		placed, _, err := f.s.PlaceOrder(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		var title string
		if err := f.s.read.QueryRow(`SELECT product_title FROM order_lines WHERE order_id = ? AND gift_promotion_id = ?`,
			placed.ID, gift).Scan(&title); err != nil || title != c.want {
			t.Errorf("%s: the order's gift line is %q, %v; want %q", c.locale, title, err, c.want)
		}
	}
}
