package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"storefront/store"
)

// words is one word or phrase in English and in Chinese, so that synthetic
// titles can be English, Chinese or both, as in a real bilingual catalog.
type words struct{ en, zh string }

// family is a kind of synthetic product: its words, option, price range and
// home collection.
type family struct {
	collection, kind, sku string
	nouns, materials      []words
	option                axis
	priceFrom, priceTo    int64 // minor units
	grams                 int64 // typical shipping weight
	tags                  []string
	blurb                 string // a sentence for the description
}

var adjectives = []words{
	{"Classic", "经典"}, {"Handmade", "手工"}, {"Everyday", "日常"}, {"Vintage", "复古"},
	{"Organic", "有机"}, {"Limited Edition", "限量"}, {"Heritage", "传承"}, {"Featherweight", "轻盈"},
	{"Washed", "水洗"}, {"Artisan", "匠心"}, {"Minimal", "简约"}, {"Seasonal", "时令"},
}

var families = []family{
	{
		collection: "apparel", kind: "Clothing", sku: "APP",
		nouns:     []words{{"Shirt", "衬衫"}, {"Tee", "T恤"}, {"Dress", "连衣裙"}, {"Jacket", "夹克"}, {"Trousers", "长裤"}, {"Cardigan", "开衫"}},
		materials: []words{{"Linen", "亚麻"}, {"Cotton", "棉"}, {"Silk", "真丝"}, {"Wool", "羊毛"}, {"Denim", "牛仔"}},
		option:    sizes, priceFrom: 1900, priceTo: 24000, grams: 400,
		tags:  []string{"summer", "layering", "basics", "workwear"},
		blurb: "Cut for an easy fit and finished by hand.",
	},
	{
		collection: "home-kitchen", kind: "Homeware", sku: "HK",
		nouns:     []words{{"Mug", "马克杯"}, {"Bowl", "碗"}, {"Plate", "盘子"}, {"Vase", "花瓶"}, {"Candle", "香薰蜡烛"}, {"Tray", "托盘"}},
		materials: []words{{"Stoneware", "粗陶"}, {"Porcelain", "瓷"}, {"Glass", "玻璃"}, {"Bamboo", "竹"}, {"Walnut", "胡桃木"}},
		option:    colours("Cream", "Slate", "Celadon", "Charcoal"), priceFrom: 900, priceTo: 9000, grams: 600,
		tags:  []string{"kitchen", "tableware", "handmade"},
		blurb: "Made for daily use and safe in the dishwasher.",
	},
	{
		collection: "tea", kind: "Tea", sku: "TEA",
		nouns:     []words{{"Green Tea", "绿茶"}, {"Oolong", "乌龙茶"}, {"Black Tea", "红茶"}, {"White Tea", "白茶"}, {"Pu-erh", "普洱茶"}, {"Jasmine Tea", "茉莉花茶"}},
		materials: []words{{"Hangzhou", "杭州"}, {"Fujian", "福建"}, {"Yunnan", "云南"}, {"Anxi", "安溪"}, {"Wuyi", "武夷"}},
		option:    axis{"Weight", []string{"50 g", "100 g", "250 g", "500 g"}}, priceFrom: 1200, priceTo: 9800, grams: 120,
		tags:  []string{"loose-leaf", "single-origin", "spring-harvest"},
		blurb: "Brew a little at a time and taste how it changes over several infusions.",
	},
	{
		collection: "accessories", kind: "Accessories", sku: "ACC",
		nouns:     []words{{"Scarf", "围巾"}, {"Tote", "托特包"}, {"Wallet", "钱包"}, {"Bracelet", "手链"}, {"Hat", "帽子"}, {"Belt", "腰带"}},
		materials: []words{{"Leather", "皮革"}, {"Canvas", "帆布"}, {"Cashmere", "羊绒"}, {"Silver", "纯银"}, {"Silk", "真丝"}},
		option:    colours("Black", "Tan", "Natural", "Burgundy"), priceFrom: 1500, priceTo: 32000, grams: 150,
		tags:  []string{"everyday", "travel", "small-goods"},
		blurb: "Small enough to carry every day, sturdy enough to last.",
	},
	{
		collection: "gifts", kind: "Gift Sets", sku: "GFT",
		nouns:     []words{{"Gift Box", "礼盒"}, {"Gift Set", "礼品套装"}, {"Hamper", "礼篮"}},
		materials: []words{{"Tea Lovers'", "茶友"}, {"Lunar New Year", "新年"}, {"Mid-Autumn", "中秋"}, {"Housewarming", "乔迁"}},
		option:    axis{"Size", []string{"Small", "Medium", "Large"}}, priceFrom: 2800, priceTo: 26000, grams: 900,
		tags:  []string{"gift-set", "wrapped"},
		blurb: "Wrapped by hand, with a card for your message.",
	},
}

var vendors = []string{
	"Storefront Studio", "Northfield Linen", "West Lake Tea Co.", "Jingdezhen Kilnworks", "Clay & Kiln",
	"Hangzhou Silk House", "Yixing Potters", "Hollow Oak Joinery", "Anji Bamboo Works", "Fuding Tea Collective",
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// synthetic returns the i-th synthetic product and how long ago it was
// created. The same i always gives the same product, so benchmark runs
// compare like with like.
func synthetic(i int) (store.ProductInput, time.Duration) {
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	f := pick(r, families)
	adj, mat, noun := pick(r, adjectives), pick(r, f.materials), pick(r, f.nouns)
	en := adj.en + " " + mat.en + " " + noun.en
	zh := adj.zh + mat.zh + noun.zh
	title := en
	switch x := r.IntN(20); {
	case x < 5:
		title = zh + " " + en
	case x < 8:
		title = en + " " + zh
	case x < 10:
		title = zh
	}
	vendor := pick(r, vendors)
	in := store.ProductInput{
		Handle:      fmt.Sprintf("%s-%d", store.Slugify(en), i),
		Title:       title,
		Description: fmt.Sprintf("%s, made in small batches by %s. %s %s，小批量制作。", en, vendor, f.blurb, zh),
		Vendor:      vendor,
		ProductType: f.kind,
		Status:      store.StatusActive,
		Tags:        []string{store.Slugify(noun.en), store.Slugify(mat.en), pick(r, f.tags)},
		Collections: []string{f.collection},
		Variants:    syntheticVariants(r, f, i),
	}
	if len(in.Variants) > 1 {
		in.OptionNames = []string{f.option.name}
	}
	if f.collection != "gifts" && r.IntN(6) == 0 {
		in.Collections = append(in.Collections, "gifts")
	}
	return in, time.Duration(r.Int64N(int64(365 * 24 * time.Hour)))
}

// syntheticVariants makes 1-3 variants from consecutive values of the
// family's option; larger sizes and packs cost more, colours do not.
func syntheticVariants(r *rand.Rand, f family, i int) []store.VariantInput {
	k := 1 + r.IntN(3)
	start := r.IntN(len(f.option.values) - k + 1)
	price := (f.priceFrom + r.Int64N(f.priceTo-f.priceFrom)) / 100 * 100
	var step int64
	if f.option.name != colourOption {
		step = price / 500 * 100
	}
	onSale := r.IntN(5) == 0
	vs := make([]store.VariantInput, k)
	for j := range vs {
		v := &vs[j]
		v.Price = price + int64(j)*step
		if onSale {
			v.CompareAtPrice = (v.Price*5/4 + 99) / 100 * 100
		}
		v.WeightGrams = f.grams*int64(80+r.IntN(40))/100 + int64(j)*f.grams/4
		if r.IntN(10) > 0 {
			v.Stock = 1 + r.Int64N(60)
		}
		v.SKU = fmt.Sprintf("SYN-%s-%06d", f.sku, i)
		if k > 1 {
			v.Options[0] = f.option.values[start+j]
			v.SKU += "-" + skuCode(v.Options[0])
		}
	}
	return vs
}
