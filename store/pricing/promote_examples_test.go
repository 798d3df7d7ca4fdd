package pricing

import (
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"
)

// example is one worked example of testdata/promotions.json.
type example struct {
	Name    string `json:"name"`
	Why     string `json:"why"`
	Shopper struct {
		Known      bool             `json:"known"`
		FirstOrder bool             `json:"first_order"`
		Uses       map[string]int64 `json:"uses"`
	} `json:"shopper"`
	Items []struct {
		ID          int64    `json:"id"`
		Variant     int64    `json:"variant"`
		Product     int64    `json:"product"`
		Price       int64    `json:"price"`
		Qty         int64    `json:"qty"`
		Collections []int64  `json:"collections"`
		Tags        []string `json:"tags"`
	} `json:"items"`
	Promotions []examplePromotion `json:"promotions"`
	Want       struct {
		Discount      int64            `json:"discount"`
		Applied       map[string]int64 `json:"applied"`
		Sales         map[string]int64 `json:"sales"`
		Gifts         []int64          `json:"gifts"`
		FreeShipping  bool             `json:"free_shipping"`
		CouponApplied bool             `json:"coupon_applied"`
		CouponWhy     string           `json:"coupon_why"`
		HintMore      map[string]int64 `json:"hint_more"`
	} `json:"want"`
}

// examplePromotion is a Promotion as the examples write it: times as
// seconds from the examples' moment.
type examplePromotion struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
	Rules
	Coupon             bool   `json:"coupon"`
	Type               string `json:"type"`
	Value              int64  `json:"value"`
	MinSubtotal        int64  `json:"min_subtotal"`
	MinQuantity        int64  `json:"min_quantity"`
	FirstOrderOnly     bool   `json:"first_order_only"`
	CombinesPromotions bool   `json:"combines_promotions"`
	CombinesCoupons    bool   `json:"combines_coupons"`
	SaleItems          bool   `json:"sale_items"`
	StartsIn           *int64 `json:"starts_in"`
	EndsIn             *int64 `json:"ends_in"`
	Limit              int64  `json:"limit"`
	Used               int64  `json:"used"`
	CustomerLimit      int64  `json:"customer_limit"`
	GiftInStock        bool   `json:"gift_in_stock"`
}

func (e examplePromotion) promotion(now time.Time) Promotion {
	p := Promotion{ID: e.ID, Label: e.Label, Coupon: e.Coupon, Type: e.Type, Value: e.Value, Rules: e.Rules,
		MinSubtotal: e.MinSubtotal, MinQuantity: e.MinQuantity, FirstOrderOnly: e.FirstOrderOnly,
		CombinesPromotions: e.CombinesPromotions, CombinesCoupons: e.CombinesCoupons, SaleItems: e.SaleItems,
		Active: true, Limit: e.Limit, Used: e.Used, CustomerLimit: e.CustomerLimit, GiftInStock: e.GiftInStock}
	if e.StartsIn != nil {
		p.StartsAt = now.Add(time.Duration(*e.StartsIn) * time.Second)
	}
	if e.EndsIn != nil {
		p.EndsAt = now.Add(time.Duration(*e.EndsIn) * time.Second)
	}
	p.Steps = slices.Clone(e.Steps)
	if p.Type == TypeFlash {
		for i := range p.Steps {
			p.Steps[i].At += now.Unix()
		}
	}
	return p
}

func ids[T any](m map[string]T, t *testing.T) map[int64]T {
	out := map[int64]T{}
	for k, v := range m {
		id, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			t.Fatalf("id %q", k)
		}
		out[id] = v
	}
	return out
}

// TestWorkedExamples prices every example of testdata/promotions.json and
// checks it against the figures worked out by hand.
func TestWorkedExamples(t *testing.T) {
	raw, err := os.ReadFile("testdata/promotions.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Examples []example `json:"examples"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Examples) < 25 {
		t.Fatalf("only %d examples", len(file.Examples))
	}
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, ex := range file.Examples {
		t.Run(ex.Name, func(t *testing.T) {
			b := Basket{Now: now, Shopper: Shopper{Known: ex.Shopper.Known, FirstOrder: ex.Shopper.FirstOrder,
				Uses: ids(ex.Shopper.Uses, t)}}
			if !ex.Shopper.Known {
				b.Shopper.FirstOrder = true
			}
			for _, it := range ex.Items {
				b.Items = append(b.Items, Item{ID: it.ID, VariantID: it.Variant, ProductID: it.Product, UnitPrice: it.Price,
					Quantity: it.Qty, Collections: it.Collections, Tags: it.Tags})
			}
			var autos []Promotion
			var coupon *Promotion
			for _, ep := range ex.Promotions {
				p := ep.promotion(now)
				if p.Coupon {
					coupon, b.CouponCode = &p, p.Label
				} else {
					autos = append(autos, p)
				}
			}
			out := Promote(b, autos, coupon)
			w := ex.Want
			if got := out.Discount(); got != w.Discount {
				t.Errorf("discount %d, want %d (%s)", got, w.Discount, ex.Why)
			}
			applied := map[int64]int64{}
			for _, a := range out.Applied {
				applied[a.PromotionID] += a.Amount
			}
			for id, want := range ids(w.Applied, t) {
				if applied[id] != want {
					t.Errorf("promotion %d took %d, want %d", id, applied[id], want)
				}
			}
			for id, want := range ids(w.Sales, t) {
				if s, ok := out.Sales[id]; !ok || s.UnitPrice != want {
					t.Errorf("item %d sale price %d (on sale: %v), want %d", id, s.UnitPrice, ok, want)
				}
			}
			if w.Sales == nil && len(out.Sales) > 0 && w.Discount == 0 {
				t.Errorf("sales %v, want none", out.Sales)
			}
			if w.Gifts != nil {
				var gifts []int64
				for _, g := range out.Gifts {
					gifts = append(gifts, g.VariantID)
				}
				if !slices.Equal(gifts, w.Gifts) && len(gifts)+len(w.Gifts) > 0 {
					t.Errorf("gifts %v, want %v", gifts, w.Gifts)
				}
			}
			if (out.FreeShipping != 0) != w.FreeShipping {
				t.Errorf("free shipping by %d, want %v", out.FreeShipping, w.FreeShipping)
			}
			if coupon != nil {
				c := out.Coupon
				switch {
				case c == nil:
					t.Error("no coupon state")
				case w.CouponApplied && !c.Applied:
					t.Errorf("coupon not applied: %s", c.Why.Key)
				case w.CouponWhy != "" && (c.Applied || c.Why.Key != w.CouponWhy):
					t.Errorf("coupon %+v, want why %s", c, w.CouponWhy)
				}
			}
			for id, more := range ids(w.HintMore, t) {
				i := slices.IndexFunc(out.Hints, func(h Hint) bool { return h.PromotionID == id })
				if i < 0 || out.Hints[i].More != more {
					t.Errorf("hints %+v, want promotion %d %d short", out.Hints, id, more)
				}
			}
		})
	}
}
