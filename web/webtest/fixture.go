package webtest

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"testing"

	"storefront/store"
)

// PNG makes a small solid-colour PNG.
func PNG(t testing.TB, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// SeedFixture adds a small catalog: a shirt with sizes (one sold out), a
// tea written in English with its Chinese translation (龙井绿茶), a draft,
// and a collection holding the first two.
func (s *Shop) SeedFixture() {
	s.T.Helper()
	ctx := context.Background()
	if _, err := s.Store.SaveCollection(ctx, store.CollectionInput{Handle: "summer", Title: "Summer", Featured: true,
		Description: "Light things for hot days."}); err != nil {
		s.T.Fatal(err)
	}
	products := []store.ProductInput{
		{
			Handle: "linen-shirt", Title: "Linen Shirt", Status: store.StatusActive, Vendor: "Acme",
			Description: "A breathable shirt.\nWashed linen.", OptionNames: []string{"Size"},
			Tags: []string{"linen"}, Collections: []string{"summer"},
			Images: []store.ImageInput{{SourceURL: "test:shirt", Alt: "A white linen shirt", Data: PNG(s.T, color.White)}},
			Variants: []store.VariantInput{
				{SKU: "LS-S", Options: [3]string{"S"}, Price: 4900, CompareAtPrice: 5900, Stock: 0},
				{SKU: "LS-M", Options: [3]string{"M"}, Price: 4900, CompareAtPrice: 5900, Stock: 3},
				{SKU: "LS-L", Options: [3]string{"L"}, Price: 5200, Stock: 10},
			},
		},
		{
			Handle: "dragon-well-tea", Title: "Dragon Well Tea", Status: store.StatusActive,
			Description: "Spring-picked green tea from Hangzhou.", Collections: []string{"summer"},
			Tr:       store.Texts{}.Set(store.FieldTitle, "zh", "龙井绿茶").Set(store.FieldDescription, "zh", "杭州春天采摘的绿茶。"),
			Variants: []store.VariantInput{{SKU: "TEA-1", Price: 2800, Stock: 20}},
		},
		{
			Handle: "secret-draft", Title: "Secret Draft", Status: store.StatusDraft,
			Variants: []store.VariantInput{{SKU: "SEC-1", Price: 100, Stock: 1}},
		},
	}
	for _, p := range products {
		if _, _, err := s.Store.SaveProduct(ctx, p); err != nil {
			s.T.Fatal(err)
		}
	}
}

// FixtureVariants are the variant ids of SeedFixture's products.
type FixtureVariants struct{ ShirtS, ShirtM, ShirtL, Tea, Draft int64 }

// Variants reads SeedFixture's variant ids.
func (s *Shop) Variants() FixtureVariants {
	s.T.Helper()
	ctx := context.Background()
	shirt, err := s.Store.ProductByHandle(ctx, "linen-shirt", false)
	if err != nil {
		s.T.Fatal(err)
	}
	tea, _ := s.Store.ProductByHandle(ctx, "dragon-well-tea", false)
	draft, _ := s.Store.ProductByHandle(ctx, "secret-draft", true)
	return FixtureVariants{shirt.Variants[0].ID, shirt.Variants[1].ID, shirt.Variants[2].ID, tea.Variants[0].ID, draft.Variants[0].ID}
}

// VariantStock is a variant's stock now.
func (s *Shop) VariantStock(id int64) int64 {
	s.T.Helper()
	var n int64
	if err := s.Store.DB().QueryRow(`SELECT stock FROM variants WHERE id = ?`, id).Scan(&n); err != nil {
		s.T.Fatal(err)
	}
	return n
}

// AddShipping gives the shop the two methods the checkout tests pick
// from: a flat 10.00 and local pickup, in that order.
func (s *Shop) AddShipping() (flat, pickup int64) {
	s.T.Helper()
	ctx := context.Background()
	f, err := s.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Standard"), Kind: store.ShippingFlat, Price: 1000, Active: true})
	if err != nil {
		s.T.Fatal(err)
	}
	p, err := s.Store.CreateShippingMethod(ctx, store.Actor{}, store.ShippingMethodInput{
		Name: store.Plain("Pickup"), Kind: store.ShippingPickup, Active: true})
	if err != nil {
		s.T.Fatal(err)
	}
	return f.ID, p.ID
}

// PlaceOrder places an order of two large linen shirts and a tea
// (SeedFixture's) through the store, as a shopper speaking locale who pays
// by method, with a flat shipping method of AddShipping's.
func (s *Shop) PlaceOrder(locale, method string, shipping int64) *store.Order {
	s.T.Helper()
	ctx := context.Background()
	v := s.Variants()
	cart, err := s.Store.AddToCart(ctx, "", v.ShirtL, 2)
	if err != nil {
		s.T.Fatal(err)
	}
	if _, err := s.Store.AddToCart(ctx, cart.Token, v.Tea, 1); err != nil {
		s.T.Fatal(err)
	}
	return s.placeCart(cart.Token, locale, method, shipping)
}

// Buy places an order of qty of one variant through the store, from a
// cart of its own, in English, paid by bank transfer, with a shipping
// method of AddShipping's: another buyer taking stock.
func (s *Shop) Buy(variantID, qty, shipping int64) *store.Order {
	s.T.Helper()
	cart, err := s.Store.AddToCart(context.Background(), "", variantID, qty)
	if err != nil {
		s.T.Fatal(err)
	}
	return s.placeCart(cart.Token, "en", store.PayBankTransfer, shipping)
}

// placeCart places token's cart as Ana Lima of Lisbon would.
func (s *Shop) placeCart(token, locale, method string, shipping int64) *store.Order {
	s.T.Helper()
	o, _, err := s.Store.PlaceOrder(context.Background(), store.CheckoutInput{
		CartToken: token, CheckoutToken: store.NewCheckoutToken(),
		Address: store.Address{Email: "ana@example.com", Name: "Ana Lima", Phone: "+351 912 345 678",
			AddressLine1: "Rua Augusta 1", City: "Lisboa", PostalCode: "1100-048", Country: "PT"},
		ShippingMethodID: shipping, PaymentMethod: method, Locale: locale, Note: "Ring twice",
	})
	if err != nil {
		s.T.Fatal(err)
	}
	return o
}

// SeedOrder places the shop's first order (id 1, whose confirmation is
// outbox email 1), so that the {id} routes of orders and emails have a row
// to show.
func (s *Shop) SeedOrder() *store.Order {
	s.T.Helper()
	flat, _ := s.AddShipping()
	return s.PlaceOrder("en", store.PayBankTransfer, flat)
}

// ShipAndReturnOne ships all of o and asks, as its shopper, to return one
// unit of its first line as damaged, for a refund. It returns the order
// as shipped and the return's id.
func (s *Shop) ShipAndReturnOne(o *store.Order) (*store.Order, int64) {
	s.T.Helper()
	ctx := context.Background()
	if _, err := s.Store.FulfillOrder(ctx, store.Actor{Email: "owner@example.com"}, o.ID, nil, "", ""); err != nil {
		s.T.Fatal(err)
	}
	o = s.Order(o.Number)
	return o, s.returnOne(o, "damaged")
}

// CollectAndReturnOne marks the pickup o, set aside, collected, and has
// its shopper return one unit of its first line as too small, for a
// refund, which staff approve. It returns the order as collected and the
// return's id.
func (s *Shop) CollectAndReturnOne(o *store.Order) (*store.Order, int64) {
	s.T.Helper()
	ctx := context.Background()
	if err := s.Store.MarkDelivered(ctx, store.Actor{}, o.ID); err != nil {
		s.T.Fatal(err)
	}
	o = s.Order(o.Number)
	id := s.returnOne(o, "too_small")
	if err := s.Store.ApproveReturn(ctx, store.Actor{}, id, ""); err != nil {
		s.T.Fatal(err)
	}
	return o, id
}

// returnOne asks, as o's shopper, to return one unit of its first line
// for reason, for a refund, and returns the return's id.
func (s *Shop) returnOne(o *store.Order, reason string) int64 {
	s.T.Helper()
	id, err := s.Store.RequestReturn(context.Background(), o, 0, store.ReturnInput{Ask: map[int64]int64{o.Lines[0].ID: 1},
		Reason: reason, Resolution: store.ResolutionRefund})
	if err != nil {
		s.T.Fatal(err)
	}
	return id
}

// Email is the newest email of kind in the outbox to to.
func (s *Shop) Email(to, kind string) store.Email {
	s.T.Helper()
	return s.newestEmail(kind, "to "+to, func(e store.Email) bool { return e.To == to })
}

// Order reads the order numbered number.
func (s *Shop) Order(number string) *store.Order {
	s.T.Helper()
	o, err := s.Store.OrderByNumber(context.Background(), number)
	if err != nil {
		s.T.Fatal(err)
	}
	return o
}

// OrderEmail is the outbox row of kind for order o.
func (s *Shop) OrderEmail(o *store.Order, kind string) store.Email {
	s.T.Helper()
	return s.newestEmail(kind, "for order "+o.Number, func(e store.Email) bool { return e.OrderID == o.ID })
}

// newestEmail is the newest outbox row of kind that match takes; what
// says which, for the failure.
func (s *Shop) newestEmail(kind, what string, match func(store.Email) bool) store.Email {
	s.T.Helper()
	list, err := s.Store.ListEmails(context.Background(), store.EmailFilter{PerPage: 200})
	if err != nil {
		s.T.Fatal(err)
	}
	for _, e := range list.Emails {
		if e.Kind == kind && match(e) {
			return e
		}
	}
	s.T.Fatalf("no %s email %s", kind, what)
	return store.Email{}
}

// NewWithOrders is a shop with SeedFixture's catalog, AddShipping's
// methods and one order by PlaceOrder per locale, paid by method.
func NewWithOrders(t testing.TB, method string, locales ...string) (shop *Shop, flat int64, orders []*store.Order) {
	t.Helper()
	shop = New(t)
	shop.SeedFixture()
	flat, _ = shop.AddShipping()
	for _, l := range locales {
		orders = append(orders, shop.PlaceOrder(l, method, flat))
	}
	return shop, flat, orders
}
