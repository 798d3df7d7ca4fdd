package pricing

import (
	"time"
)

// Promotion types: what a promotion does. A coupon (entered by code) may be
// percent, fixed, free_shipping or ladder; an automatic promotion may be any.
const (
	TypePercent      = "percent"       // Value basis points off the lines it covers
	TypeFixed        = "fixed"         // Value minor units off the lines it covers
	TypeFreeShipping = "free_shipping" // the shipping is free
	TypeLadder       = "ladder"        // spend Steps[i].Min, get Steps[i].Value off; the highest step reached
	TypeBXGY         = "bxgy"          // buy Buy, get Get at GetPercent off, the cheapest of each group
	TypeGift         = "gift"          // a free GiftVariant while the conditions hold
	TypeBundle       = "bundle"        // one of each of Products together for BundlePrice
	TypeFlash        = "flash"         // an item-level sale price, optionally in timed steps
)

// Stacking stages, in the order Promote applies them (README "Promotions").
const (
	StageItemPrice = iota + 1 // flash sales (member prices to come): one per line
	StageItem                 // automatic buy X get Y and bundles
	StageOrder                // automatic ladders, percent, fixed, gifts
	StageCoupon               // the one coupon
	StageShipping             // free shipping
)

// Step is one step of a ladder (Min → Value off) or of a flash sale (from
// At, unix seconds, the price is Value: basis points off, or a price when
// Rules.Price).
type Step struct {
	At    int64 `json:"at,omitempty"`
	Min   int64 `json:"min,omitempty"`
	Value int64 `json:"value"`
}

// Rules is what a promotion covers and the details of its type. Empty
// include lists cover everything; an exclusion always wins.
type Rules struct {
	Steps              []Step   `json:"steps,omitempty"`
	Products           []int64  `json:"products,omitempty"`
	Variants           []int64  `json:"variants,omitempty"`
	Collections        []int64  `json:"collections,omitempty"`
	Tags               []string `json:"tags,omitempty"`
	ExcludeProducts    []int64  `json:"exclude_products,omitempty"`
	ExcludeCollections []int64  `json:"exclude_collections,omitempty"`
	ExcludeTags        []string `json:"exclude_tags,omitempty"`
	Buy                int64    `json:"buy,omitempty"`
	Get                int64    `json:"get,omitempty"`
	GetPercent         int64    `json:"get_percent,omitempty"` // basis points off each Get item: 10000 is free
	GiftVariant        int64    `json:"gift_variant,omitempty"`
	BundlePrice        int64    `json:"bundle_price,omitempty"`
	Price              bool     `json:"price,omitempty"` // flash: Value and the steps are prices, not percentages
}

// Promotion is a promotion as the engine sees it: its rules and, filled in
// by the store as of the evaluation, how much of it is left.
type Promotion struct {
	ID     int64
	Label  string // what the shopper reads: the name in their language, or the coupon's code
	Coupon bool
	Type   string
	Value  int64
	Rules
	MinSubtotal    int64
	MinQuantity    int64
	FirstOrderOnly bool
	Tier           string // the membership tier it is for; "" for everyone
	// Stacking: with the other promotions of stages 2 and 3, with a coupon,
	// and whether lines at a flash-sale price count toward it and take it.
	CombinesPromotions bool
	CombinesCoupons    bool
	SaleItems          bool
	StartsAt, EndsAt   time.Time // zero: open
	Active             bool      // false: paused by the owner
	Archived           bool      // put away by staff: over for good (Active is false too)
	Limit              int64     // uses on offer (orders; units for a flash sale); 0: no limit
	Used               int64
	CustomerLimit      int64 // per shopper; 0: no limit
	CodeUsed           bool  // a generated single-use code that an order has used
	// GiftInStock is whether the gift can be given now (its stock);
	// GiftValue is what it sells for, which choosing between promotions
	// that do not combine counts it as worth.
	GiftInStock bool
	GiftValue   int64
}

// Item is a cart line as promotions see it.
type Item struct {
	ID          int64
	VariantID   int64
	ProductID   int64
	UnitPrice   int64
	Quantity    int64
	Collections []int64
	Tags        []string
}

// Shopper is what is known of who buys. At the cart nobody is Known, and
// first-order and per-shopper limits are taken as met; the order's
// transaction checks them with the email.
type Shopper struct {
	Known      bool
	FirstOrder bool
	Tier       string
	// EarlyAccess is how long before a flash sale starts the shopper's
	// tier may buy at its price.
	EarlyAccess time.Duration
	Uses        map[int64]int64 // promotion ID → this shopper's uses so far
}

// Basket is everything an evaluation depends on.
type Basket struct {
	Items   []Item
	Now     time.Time
	Shopper Shopper
	// CouponCode is the code entered ("" for none); the coupon it names is
	// Promote's argument, nil when no promotion has the code.
	CouponCode string
}

// Why is why a promotion does not apply, as a message catalog key
// ("promo.why.min_subtotal") and what the message needs.
type Why struct {
	Key    string
	More   int64     // minor units (or items, for WhyMinQuantity) still missing
	Target int64     // the threshold in minor units, or the saving a hint offers
	At     time.Time // when it starts
	Other  string    // the promotion it cannot be combined with; the tier it is for
	// OtherID is Other's promotion, so a page can name it in the
	// shopper's language; OtherCoupon says it is the coupon, whose label
	// is its code.
	OtherID     int64
	OtherCoupon bool
}

// Reasons a promotion does not apply, each a message catalog key.
const (
	WhyUnknown       = "promo.why.unknown"       // no coupon has this code
	WhyPaused        = "promo.why.paused"        // switched off by the owner
	WhyEnded         = "promo.why.ended"         // archived by staff: over for good
	WhyNotStarted    = "promo.why.not_started"   // starts on At
	WhyExpired       = "promo.why.expired"       // ended
	WhyUsedUp        = "promo.why.used_up"       // every use taken
	WhyAlreadyUsed   = "promo.why.already_used"  // this shopper's uses taken
	WhySaleLimit     = "promo.why.sale_limit"    // a flash sale's units per shopper (Target), earlier orders counted
	WhySoldOut       = "promo.why.sold_out"      // a flash sale's units are all taken
	WhyCodeUsed      = "promo.why.code_used"     // a single-use code an order has taken, whoever's
	WhyFirstOrder    = "promo.why.first_order"   // for a first order only
	WhyTier          = "promo.why.tier"          // for members of tier Other
	WhyTierSignIn    = "promo.why.tier_sign_in"  // for members of tier Other, and the shopper is not signed in
	WhyNoItems       = "promo.why.no_items"      // covers nothing in the cart
	WhySaleItems     = "promo.why.sale_items"    // covers only items already on flash sale
	WhyMinSubtotal   = "promo.why.min_subtotal"  // add More to reach Target
	WhyMinQuantity   = "promo.why.min_quantity"  // add More items
	WhyNotCombined   = "promo.why.not_combined"  // cannot be combined with Other, which saves more
	WhyGiftSoldOut   = "promo.why.gift_sold_out" // the gift is out of stock
	WhyBundleMissing = "promo.why.bundle"        // the bundle needs one of each of its items
)

// Applied is a promotion as it applied: what it took off the lines (or, for
// free shipping, that the shipping is free).
type Applied struct {
	PromotionID int64
	Label       string
	Coupon      bool
	Stage       int
	Amount      int64
	Shipping    bool // free shipping; the amount is the shipping's price, known at checkout
	// Without are the item promotions (stage 2) whose units an order
	// discount or the coupon did not count, as Hint's.
	Without []int64
}

// Sale is a line's flash-sale price: Units of the line at UnitPrice until
// PriceEnds (the next step, or the sale's end). Ends is the sale's own end
// (zero for a member price without one): a sale in steps does not end
// when its first price does. When the sale has one step left and it
// lowers this item's price too, HasNext says so and Next is that price.
type Sale struct {
	PromotionID int64
	Label       string
	UnitPrice   int64
	Units       int64
	PriceEnds   time.Time
	Ends        time.Time
	Next        int64
	HasNext     bool
}

// Hint is an automatic promotion the shopper nearly reached: spend More to
// save Save (or, with Gift, to get the gift).
type Hint struct {
	PromotionID  int64
	Label        string
	More         int64
	Save         int64
	Gift         bool
	FreeShipping bool
	// Without are the item promotions (stage 2) whose units the threshold
	// did not count: each unit is used once, and the shopper is told.
	Without []int64
}

// CouponState is what became of the coupon entered.
type CouponState struct {
	Code        string
	PromotionID int64 // 0 when no coupon has the code
	Label       string
	Applied     bool
	Why         Why // when not applied
}

// Use is what an order takes of a promotion's limits: one use, or the units
// of a flash sale.
type Use struct {
	PromotionID int64
	Quantity    int64
}

// Gift is a free line a promotion adds.
type Gift struct {
	PromotionID int64
	Label       string
	VariantID   int64
}

// Outcome is a basket's promotions, ready for Compute (Discounts, in the
// stacking order, each on one line with its exact amount) and for showing.
type Outcome struct {
	Discounts    []Discount
	Applied      []Applied
	Sales        map[int64]Sale // by item ID
	Coupon       *CouponState   // nil when no code was entered
	Hints        []Hint
	FreeShipping int64 // the promotion that makes shipping free; 0 for none
	Gifts        []Gift
	Uses         []Use
	// Passed are the automatic promotions the basket had that were not
	// kept, each with why: it cannot be combined with what saves more,
	// or the shopper, known, may not have it (or all its units) as a
	// stranger would (shopperPassed).
	Passed []Passed
}

// Passed is an automatic promotion the basket qualified for that was not
// kept, and why.
type Passed struct {
	PromotionID int64
	Label       string
	Why         Why
}

// Discount is the sum of every line discount the promotions give.
func (o Outcome) Discount() int64 {
	var n int64
	for _, a := range o.Applied {
		n += a.Amount
	}
	return n
}
