package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"storefront/store"
)

// pastOrder is one order of the demo's recent history. Ages are before
// Seed runs; each order then moves on as far as its state says.
type pastOrder struct {
	age      time.Duration
	customer store.Address
	items    []pastItem
	pay      string // store.PayBankTransfer, store.PayCOD
	state    string // what has happened to it since
	pickup   bool
}

type pastItem struct {
	handle string
	qty    int64
}

// States a past order has reached.
const (
	stateAwaiting  = "awaiting"  // placed, not paid yet
	statePaid      = "paid"      // paid, waiting to be shipped
	stateShipped   = "shipped"   // paid and sent
	stateCancelled = "cancelled" // cancelled by staff
)

func address(email, name, line1, city, postal, country string) store.Address {
	return store.Address{Email: email, Name: name, AddressLine1: line1, City: city, PostalCode: postal, Country: country}
}

var (
	demoShopper = address("demo@example.com", "Demo Shopper", "12 Harbour Street", "Sydney", "2000", "AU")
	mei         = address("mei.lin@example.com", "林梅", "徐汇区天钥桥路 100 号", "上海", "200030", "CN")
	tom         = address("tom.baker@example.com", "Tom Baker", "4 Mill Lane", "Bristol", "BS1 4DJ", "GB")
	ana         = address("ana.souza@example.com", "Ana Souza", "Rua das Flores 22", "Porto", "4050-262", "PT")
	wei         = address("wei.zhang@example.com", "张伟", "朝阳区建国路 88 号", "北京", "100022", "CN")
)

// pastOrders gives the admin a dashboard with something in every box:
// orders to ship, to be paid, shipped and cancelled, from a few repeat
// customers, the demo shopper among them.
var pastOrders = []pastOrder{
	// The demo shopper's older orders make them a Silver member with a lot
	// of points that expires within weeks.
	{age: 330 * 24 * time.Hour, customer: demoShopper, items: []pastItem{{"yixing-clay-teapot", 1}, {"cast-iron-kettle", 1}}, pay: store.PayBankTransfer, state: stateShipped},
	{age: 200 * 24 * time.Hour, customer: demoShopper, items: []pastItem{{"gongfu-tea-set", 2}, {"cashmere-scarf", 2}}, pay: store.PayBankTransfer, state: stateShipped},
	{age: 12 * 24 * time.Hour, customer: demoShopper, items: []pastItem{{"dragon-well-green-tea", 2}}, pay: store.PayBankTransfer, state: stateShipped},
	{age: 10 * 24 * time.Hour, customer: mei, items: []pastItem{{"yixing-clay-teapot", 1}, {"tieguanyin-oolong", 1}}, pay: store.PayBankTransfer, state: stateShipped},
	{age: 8 * 24 * time.Hour, customer: tom, items: []pastItem{{"linen-shirt", 1}}, pay: store.PayCOD, state: stateShipped},
	{age: 6 * 24 * time.Hour, customer: ana, items: []pastItem{{"stoneware-mug", 4}}, pay: store.PayBankTransfer, state: stateCancelled},
	{age: 5 * 24 * time.Hour, customer: wei, items: []pastItem{{"cashmere-scarf", 1}}, pay: store.PayBankTransfer, state: stateShipped},
	{age: 4 * 24 * time.Hour, customer: demoShopper, items: []pastItem{{"organic-cotton-tee", 2}, {"stoneware-mug", 1}}, pay: store.PayBankTransfer, state: statePaid},
	{age: 3 * 24 * time.Hour, customer: mei, items: []pastItem{{"dragon-well-green-tea", 1}}, pay: store.PayCOD, state: statePaid, pickup: true},
	{age: 2 * 24 * time.Hour, customer: tom, items: []pastItem{{"tieguanyin-oolong", 2}}, pay: store.PayBankTransfer, state: statePaid},
	{age: 3 * 24 * time.Hour, customer: demoShopper, items: []pastItem{{"linen-shirt", 1}, {"canvas-tote-bag", 1}}, pay: store.PayBankTransfer, state: stateShipped},
	{age: 30 * time.Hour, customer: ana, items: []pastItem{{"linen-shirt", 1}, {"cashmere-scarf", 1}}, pay: store.PayBankTransfer, state: stateAwaiting},
	{age: 5 * time.Hour, customer: wei, items: []pastItem{{"yixing-clay-teapot", 1}}, pay: store.PayCOD, state: stateAwaiting},
	{age: 2 * time.Hour, customer: demoShopper, items: []pastItem{{"organic-cotton-tee", 1}}, pay: store.PayBankTransfer, state: stateAwaiting},
}

// seedOrders places the past orders through the real checkout path, each
// under a clock moved back to its time, and moves each on to its state.
// A product the catalog does not have (renamed handles) is skipped.
func seedOrders(ctx context.Context, st *store.Store, member int64) error {
	methods, err := st.ActiveShippingMethods(ctx)
	if err != nil || len(methods) == 0 {
		return err
	}
	clock := st.Now
	defer func() { st.Now = clock }()
	now := clock()
	staff := store.Actor{Email: "owner@demo"}
	for i, po := range pastOrders {
		st.Now = fixedClock(now.Add(-po.age))
		o, err := placePast(ctx, st, po, methods, i, member)
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrCartEmpty) {
			continue
		}
		if err != nil {
			return fmt.Errorf("past order %d: %w", i, err)
		}
		st.Now = fixedClock(now.Add(-po.age + time.Hour))
		if err := advance(ctx, st, staff, o, po.state); err != nil {
			return fmt.Errorf("past order %d: %w", i, err)
		}
	}
	return nil
}

func placePast(ctx context.Context, st *store.Store, po pastOrder, methods []store.ShippingMethod, i int, member int64) (*store.Order, error) {
	token := ""
	for _, it := range po.items {
		p, err := st.ProductByHandle(ctx, it.handle, false)
		if err != nil {
			return nil, err
		}
		v, ok := variantInStock(p.Variants, i, it.qty)
		if !ok {
			continue
		}
		ch, err := st.AddToCart(ctx, token, v.ID, it.qty)
		if err != nil {
			return nil, err
		}
		token = ch.Token
	}
	method := methods[0]
	for _, m := range methods {
		if (m.Kind == store.ShippingPickup) == po.pickup {
			method = m
			break
		}
	}
	locale := "en"
	if po.customer.Country == "CN" {
		locale = "zh"
	}
	var customerID int64
	if po.customer.Email == demoShopper.Email {
		customerID = member
	}
	o, _, err := st.PlaceOrder(ctx, store.CheckoutInput{
		CartToken: token, CheckoutToken: store.NewCheckoutToken(), Address: po.customer,
		ShippingMethodID: method.ID, PaymentMethod: po.pay, Locale: locale, CustomerID: customerID,
	})
	return o, err
}

// advance moves a just-placed order on to state, as staff would.
func advance(ctx context.Context, st *store.Store, staff store.Actor, o *store.Order, state string) error {
	switch state {
	case stateCancelled:
		return st.CancelOrder(ctx, staff, o.ID)
	case statePaid, stateShipped:
		if _, err := st.MarkPaid(ctx, staff, o.ID); err != nil {
			return err
		}
	}
	if state == stateShipped {
		_, err := st.FulfillOrder(ctx, staff, o.ID, nil, "SF Express", "SF"+o.Number[:4]+o.Number[5:])
		return err
	}
	return nil
}

// variantInStock picks a variant with qty in stock, starting from the i-th
// so that past orders are not all for the first size and colour.
func variantInStock(vs []store.Variant, i int, qty int64) (store.Variant, bool) {
	for k := range vs {
		if v := vs[(i+k)%len(vs)]; v.Stock >= qty {
			return v, true
		}
	}
	return store.Variant{}, false
}
