package demo

import "storefront/store"

// settings are the demo shop's store-wide settings.
var settings = [][2]string{
	{store.SettingStoreName, "Storefront Demo"},
	{store.SettingDescription, "Linen, tea and teaware from small workshops: a demo shop to click around in."},
	{store.SettingCurrency, "USD"},
	{store.SettingLocale, "en"},
	{store.SettingTheme, "classic"},
	{store.SettingContactEmail, "hello@storefront.example"},
	{store.SettingAddress, "Storefront Demo\n12 Market Street\nSpringfield"},
	{store.SettingBankTransferInstructions, "Demo Bank · Account name: Storefront Demo · IBAN: GB33 BUKB 2020 1555 5555 55 · " +
		"BIC: BUKBGB22. Please use your order number as the reference; we ship as soon as it arrives."},
	{store.SettingCODInstructions, "Pay the courier in cash or by card when your parcel arrives."},
}

// collections are the demo shop's collections in the order the home page
// lists them; accessories stay off the home page so that "featured" means
// something.
var collections = []store.CollectionInput{
	{
		Handle: "apparel", Title: "Apparel", Featured: true, Position: 1,
		Description:    "Linen, cotton and silk clothes cut to be worn for years, from small workshops we visit ourselves.",
		SEOTitle:       "Apparel – linen shirts, cotton tees and silk",
		SEODescription: "Shop linen shirts, organic cotton tees, silk blouses and jackets made in small batches.",
	},
	{
		Handle: "tea", Title: "Tea & Teaware", Featured: true, Position: 2,
		Description:    "Single-garden teas from Hangzhou, Anxi and Yunnan, and the pots and cups to brew them.",
		SEOTitle:       "Chinese tea and teaware",
		SEODescription: "Dragon Well, Tieguanyin, pu-erh and white tea, Yixing teapots and porcelain cups.",
	},
	{
		Handle: "home-kitchen", Title: "Home & Kitchen", Featured: true, Position: 3,
		Description:    "Stoneware, wood and linen for the table and the kitchen: everyday things, made well.",
		SEOTitle:       "Home & Kitchen – stoneware, wood and linen",
		SEODescription: "Hand-thrown bowls, stoneware mugs, walnut boards and soy candles for everyday use.",
	},
	{
		Handle: "gifts", Title: "Gifts", Featured: true, Position: 4,
		Description:    "Presents that get used: tea boxes, teapots, scarves and candles, gift-wrapped on request.",
		SEOTitle:       "Gift ideas – tea boxes, teapots and scarves",
		SEODescription: "Thoughtful gifts for tea lovers and homebodies, wrapped and ready to give.",
	},
	{
		Handle: "accessories", Title: "Accessories", Position: 5,
		Description:    "Bags, scarves, jade and leather: the small things you reach for every day.",
		SEOTitle:       "Accessories – totes, scarves, jade and leather",
		SEODescription: "Canvas totes, cashmere scarves, jade bangles and leather card holders.",
	},
}

// item is one demo product in a compact form that reads as a table;
// buildProduct expands it into a store.ProductInput.
type item struct {
	handle, title  string
	vendor, kind   string // kind is the product type
	description    string
	seoTitle       string
	seoDescription string
	tags           []string
	collections    []string
	status         string // empty means active
	sku            string // SKU prefix; a code per option value follows it
	barcode        int64  // first 12 digits of the first variant's EAN-13; 0 for none
	axes           []axis
	tiers          []tier  // one per value of the first option; the last one repeats
	stock          []int64 // cycled over the variants, so a 0 sells out every nth one
	motif          motif
	colour         string // the colour in the pictures when there is no Colour option
	alt            string // what the pictures show; the colour or the shot is appended
	pictures       int    // how many pictures when there is no Colour option
}

// axis is one product option and its values.
type axis struct {
	name   string
	values []string
}

// tier is price, compare-at price and shipping weight for the variants that
// share one value of the first option, such as a size or a pack weight.
type tier struct {
	price, compareAt, grams int64
}

var (
	sizes     = axis{"Size", []string{"S", "M", "L", "XL"}}
	sizesSML  = axis{"Size", []string{"S", "M", "L"}}
	teaWeight = axis{"Weight", []string{"50 g", "100 g", "250 g"}}
)

func colours(values ...string) axis { return axis{colourOption, values} }

// colourOption is the option whose values have pictures of their own.
const colourOption = "Colour"

var catalog = []item{
	// Apparel
	{
		handle: "linen-shirt", title: "Linen Shirt", vendor: "Northfield Linen", kind: "Shirts",
		description: "A relaxed shirt in washed European linen that softens with every wash. " +
			"Mother-of-pearl buttons, a soft collar and a longer back hem. Breathes on hot days and layers in cool ones.",
		seoTitle: "Washed Linen Shirt – relaxed fit", seoDescription: "A relaxed washed-linen shirt with mother-of-pearl buttons, in white, indigo and sage.",
		tags: []string{"linen", "summer", "bestseller"}, collections: []string{"apparel"},
		sku: "APP-LS", barcode: 690123400010, axes: []axis{sizes, colours("White", "Indigo", "Sage")},
		tiers: []tier{{6800, 8500, 220}}, stock: []int64{8, 12, 0, 5, 3},
		motif: motifShirt, alt: "Washed linen shirt with a soft collar",
	},
	{
		handle: "organic-cotton-tee", title: "Organic Cotton Tee", vendor: "Storefront Studio", kind: "T-Shirts",
		description: "Our everyday tee in heavyweight organic cotton, knitted and sewn in Guangzhou. " +
			"A straight fit with a ribbed neck that keeps its shape.",
		tags: []string{"cotton", "organic", "basics"}, collections: []string{"apparel"},
		sku: "APP-OT", axes: []axis{sizes, colours("White", "Black", "Terracotta")},
		tiers: []tier{{2800, 0, 160}}, stock: []int64{20, 15, 9, 3, 0, 11},
		motif: motifTee, alt: "Crew-neck organic cotton T-shirt",
	},
	{
		handle: "everyday-hoodie", title: "Everyday Hoodie", vendor: "Storefront Studio", kind: "Sweatshirts",
		description: "A mid-weight hoodie with a lined hood and a kangaroo pocket. " +
			"Choose brushed organic cotton or fleece spun from recycled bottles; both wash without pilling.",
		seoTitle: "Everyday Hoodie – cotton or recycled fleece", seoDescription: "A mid-weight hoodie in organic cotton or recycled fleece, in charcoal and oat.",
		tags: []string{"cotton", "recycled", "layering"}, collections: []string{"apparel"},
		sku: "APP-EH", axes: []axis{sizesSML, colours("Charcoal", "Oat"), {"Material", []string{"Cotton", "Recycled Fleece"}}},
		tiers: []tier{{7800, 0, 520}, {7800, 0, 540}, {8200, 0, 560}}, stock: []int64{6, 0, 4, 11, 2, 7, 1},
		motif: motifTee, alt: "Hoodie with a lined hood",
	},
	{
		handle: "silk-qipao-blouse", title: "Silk Qipao Blouse", vendor: "Hangzhou Silk House", kind: "Tops",
		description: "A short-sleeved blouse with a mandarin collar and hand-knotted frog buttons, cut from Hangzhou mulberry silk. " +
			"The peony red is dyed in small lots, so each batch is slightly different. Dry clean or hand wash cold.",
		seoTitle: "Silk Qipao Blouse", seoDescription: "Mulberry silk qipao blouse with a mandarin collar and frog buttons.",
		tags: []string{"silk", "qipao", "lunar-new-year"}, collections: []string{"apparel", "gifts"},
		sku: "APP-QB", axes: []axis{sizesSML}, tiers: []tier{{14800, 18500, 150}}, stock: []int64{3, 5, 2},
		motif: motifShirt, colour: "Peony", alt: "Peony red silk blouse with a mandarin collar", pictures: 2,
	},
	{
		handle: "wide-leg-linen-trousers", title: "Wide-Leg Linen Trousers", vendor: "Northfield Linen", kind: "Trousers",
		description: "High-waisted trousers with a wide leg and an elasticated back, in the same washed linen as our shirt. " +
			"Deep side pockets. Sold out for the season; the next batch is on the loom.",
		tags: []string{"linen", "summer"}, collections: []string{"apparel"},
		sku: "APP-WT", axes: []axis{sizes}, tiers: []tier{{8900, 0, 380}}, stock: []int64{0},
		motif: motifTrousers, colour: "Sand", alt: "Sand-coloured wide-leg linen trousers", pictures: 2,
	},
	{
		handle: "cotton-chore-jacket", title: "Cotton Chore Jacket", vendor: "Northfield Linen", kind: "Jackets",
		description: "A French-style work jacket in sturdy cotton twill with three patch pockets. " +
			"It starts crisp and fades beautifully. Corozo buttons, triple-stitched seams.",
		tags: []string{"cotton", "workwear", "layering"}, collections: []string{"apparel"},
		sku: "APP-CJ", barcode: 690123400120, axes: []axis{sizes, colours("Navy", "Olive")},
		tiers: []tier{{16800, 21000, 900}}, stock: []int64{4, 0, 6, 1, 0, 9, 2},
		motif: motifShirt, alt: "Cotton twill chore jacket with patch pockets",
	},
	{
		handle: "panda-kids-tee", title: "Panda Kids Tee", vendor: "Storefront Studio", kind: "Kids",
		description: "A soft cotton tee for small people, printed with a sleepy panda. " +
			"Pre-washed so it will not shrink.",
		tags: []string{"kids", "cotton", "panda"}, collections: []string{"apparel", "gifts"},
		sku: "APP-PK", axes: []axis{{"Size", []string{"2Y", "4Y", "6Y", "8Y"}}}, tiers: []tier{{1900, 0, 90}},
		stock: []int64{2, 1, 3, 0}, motif: motifTee, colour: "Sky", alt: "Sky-blue children's T-shirt", pictures: 1,
	},
	{
		handle: "washed-bucket-hat", title: "Washed Cotton Bucket Hat", vendor: "Storefront Studio", kind: "Hats",
		description: "A packable bucket hat in garment-washed cotton canvas with a stitched brim. Folds into a pocket.",
		tags:        []string{"cotton", "summer"}, collections: []string{"accessories", "apparel"},
		sku: "ACC-BH", axes: []axis{{"Size", []string{"S/M", "L/XL"}}}, tiers: []tier{{3200, 0, 110}}, stock: []int64{10, 4},
		motif: motifHat, colour: "Camel", alt: "Camel cotton bucket hat", pictures: 2,
	},

	// Home & Kitchen
	{
		handle: "stoneware-mug", title: "Stoneware Mug", vendor: "Clay & Kiln", kind: "Mugs",
		description: "A generous 350 ml mug, wheel-thrown and glazed by hand, so no two are quite alike. " +
			"Dishwasher and microwave safe.",
		tags: []string{"stoneware", "handmade", "coffee"}, collections: []string{"home-kitchen"},
		sku: "HK-SM", axes: []axis{colours("Cream", "Slate", "Celadon")}, tiers: []tier{{2400, 0, 420}}, stock: []int64{18, 0, 7},
		motif: motifMug, alt: "Hand-glazed stoneware mug",
	},
	{
		handle: "blue-and-white-cup", title: "Blue-and-White Cup", vendor: "Jingdezhen Kilnworks", kind: "Teaware",
		description: "A thin-walled porcelain cup painted by hand in cobalt under the glaze, in the Jingdezhen tradition. " +
			"Holds 120 ml, the right size for gongfu brewing.",
		seoTitle: "Blue-and-White Porcelain Tea Cup", seoDescription: "Hand-painted Jingdezhen blue-and-white porcelain tea cup, single or set of four.",
		tags: []string{"porcelain", "jingdezhen", "handmade"}, collections: []string{"tea", "home-kitchen"},
		sku: "TEA-BW", barcode: 690123400210, axes: []axis{{"Set", []string{"Single", "Set of 4"}}},
		tiers: []tier{{1800, 0, 120}, {6400, 7200, 520}}, stock: []int64{24, 5},
		motif: motifCup, colour: "Cobalt", alt: "Blue-and-white porcelain tea cup on a saucer", pictures: 2,
	},
	{
		handle: "hand-thrown-rice-bowl", title: "Hand-Thrown Rice Bowl", vendor: "Clay & Kiln", kind: "Bowls",
		description: "A deep bowl for rice, noodles or soup, thrown on the wheel and finished with an ash glaze. " +
			"Only a couple left from this firing.",
		tags: []string{"stoneware", "handmade"}, collections: []string{"home-kitchen"},
		sku: "HK-RB", tiers: []tier{{2200, 0, 380}}, stock: []int64{2},
		motif: motifBowl, colour: "Ash", alt: "Ash-glazed stoneware rice bowl", pictures: 2,
	},
	{
		handle: "soy-wax-candle", title: "Soy Wax Candle", vendor: "Quiet Hours", kind: "Candles",
		description: "Forty hours of slow, clean burn from soy wax and a cotton wick, poured in a reusable glass. " +
			"Three scents: hinoki wood, green fig leaf, and osmanthus from Hangzhou's autumn.",
		tags: []string{"candle", "home-fragrance"}, collections: []string{"home-kitchen", "gifts"},
		sku: "HK-SC", axes: []axis{{"Scent", []string{"Hinoki", "Fig Leaf", "Osmanthus"}}},
		tiers: []tier{{3200, 0, 300}}, stock: []int64{14, 9, 0},
		motif: motifCandle, colour: "Amber", alt: "Soy candle burning in a glass tumbler", pictures: 2,
	},
	{
		handle: "linen-tea-towels", title: "Linen Tea Towels, Set of 2", vendor: "Northfield Linen", kind: "Kitchen Textiles",
		description: "Two tea towels in stonewashed linen that dry glasses without lint. A hanging loop on one corner.",
		tags:        []string{"linen", "kitchen"}, collections: []string{"home-kitchen"},
		sku: "HK-TT", tiers: []tier{{1900, 2400, 180}}, stock: []int64{30},
		motif: motifScarf, colour: "Oat", alt: "Two folded oat linen tea towels", pictures: 1,
	},
	{
		handle: "bamboo-chopsticks", title: "Bamboo Chopsticks, 5 Pairs", vendor: "Anji Bamboo Works", kind: "Tableware",
		description: "Five pairs of chopsticks cut from Anji moso bamboo and finished with food-safe tung oil. " +
			"Square at the top so they never roll off the table.",
		tags: []string{"bamboo", "tableware"}, collections: []string{"home-kitchen"},
		sku: "HK-CS", barcode: 690123400330, tiers: []tier{{800, 0, 60}}, stock: []int64{60},
		motif: motifSticks, colour: "Bamboo", alt: "Bamboo chopsticks resting on a ceramic rest", pictures: 1,
	},
	{
		handle: "walnut-serving-board", title: "Walnut Serving Board", vendor: "Hollow Oak Joinery", kind: "Boards",
		description: "A paddle board cut from one piece of black walnut, oiled and waxed. " +
			"Serves cheese, bread or dumplings; wipe clean and oil now and then.",
		tags: []string{"walnut", "wood", "kitchen"}, collections: []string{"home-kitchen"},
		sku: "HK-WB", axes: []axis{{"Size", []string{"Small", "Large"}}}, tiers: []tier{{4800, 0, 900}, {6800, 0, 1400}},
		stock: []int64{0}, motif: motifBoard, colour: "Walnut", alt: "Walnut paddle serving board", pictures: 2,
	},
	{
		handle: "cast-iron-kettle", title: "Cast Iron Kettle", vendor: "Morioka Ironworks", kind: "Teaware",
		description: "A 1.2 litre cast iron kettle that holds heat long after it leaves the stove. " +
			"Boiling water in iron softens it, tea drinkers say. Dry it over low heat after use.",
		tags: []string{"cast-iron", "kettle"}, collections: []string{"tea", "home-kitchen"},
		sku: "TEA-CK", tiers: []tier{{12000, 0, 1800}}, stock: []int64{4},
		motif: motifTeapot, colour: "Iron", alt: "Black cast iron kettle", pictures: 3,
	},

	// Tea
	{
		handle: "dragon-well-green-tea", title: "Dragon Well Green Tea", vendor: "West Lake Tea Co.", kind: "Green Tea",
		description: "Flat, jade-green leaves hand-pan-fried in the hills above West Lake. " +
			"Sweet, chestnut-like and clean. Brew at 80 °C for two minutes.",
		seoTitle: "Dragon Well (Longjing) Green Tea", seoDescription: "Hand-fried West Lake Longjing green tea in 50, 100 and 250 g tins.",
		tags: []string{"green-tea", "longjing", "hangzhou", "bestseller"}, collections: []string{"tea"},
		sku: "TEA-DW", barcode: 690123400410, axes: []axis{teaWeight},
		tiers: []tier{{1800, 0, 80}, {3200, 0, 140}, {7200, 8800, 320}}, stock: []int64{40, 25, 6},
		motif: motifLeaf, colour: "Tea Green", alt: "Flat Dragon Well green tea leaves", pictures: 3,
	},
	{
		handle: "tieguanyin-oolong", title: "Tieguanyin Oolong", vendor: "Anxi Tea Garden", kind: "Oolong Tea",
		description: "Tightly rolled oolong from Anxi with an orchid fragrance and a long, buttery finish. " +
			"Good for five or six infusions.",
		tags: []string{"oolong", "anxi"}, collections: []string{"tea"},
		sku: "TEA-TG", axes: []axis{{"Weight", []string{"50 g", "100 g"}}}, tiers: []tier{{1600, 0, 80}, {2900, 0, 140}},
		stock: []int64{22, 0}, motif: motifLeaf, colour: "Jade", alt: "Rolled Tieguanyin oolong leaves", pictures: 2,
	},
	{
		handle: "aged-puerh-cake", title: "Aged Pu-erh Cake", vendor: "Yunnan Mountain Tea", kind: "Pu-erh Tea",
		description: "A 357 g cake of ripe pu-erh pressed in 2015 from old-tree leaves in Menghai. " +
			"Earthy, smooth and dark, with a sweet aftertaste. Keeps improving for years.",
		seoTitle: "Aged Pu-erh Tea Cake (357 g, 2015)",
		tags:     []string{"pu-erh", "yunnan", "aged"}, collections: []string{"tea", "gifts"},
		sku: "TEA-PE", tiers: []tier{{8600, 11000, 400}}, stock: []int64{7},
		motif: motifDisc, colour: "Pu-erh", alt: "Round pressed pu-erh tea cake", pictures: 2,
	},
	{
		handle: "jasmine-pearls", title: "Jasmine Pearls", vendor: "Fuding Tea Collective", kind: "Scented Tea",
		description: "Young green tea leaves rolled into pearls and scented with fresh jasmine flowers over six nights. " +
			"The pearls unfurl in the cup.",
		tags: []string{"jasmine", "green-tea", "fujian"}, collections: []string{"tea"},
		sku: "TEA-JP", axes: []axis{{"Weight", []string{"50 g", "100 g"}}}, tiers: []tier{{2200, 2800, 70}, {3900, 4800, 130}},
		stock: []int64{12, 8}, motif: motifTin, colour: "Jasmine", alt: "Tea caddy of jasmine pearls", pictures: 2,
	},
	{
		handle: "silver-needle-white-tea", title: "Silver Needle White Tea", vendor: "Fuding Tea Collective", kind: "White Tea",
		description: "Only the downy buds of the Da Bai tea bush, withered in the sun. " +
			"Delicate, honeyed and very low in bitterness. A small harvest; few tins left.",
		tags: []string{"white-tea", "fujian"}, collections: []string{"tea"},
		sku: "TEA-SN", tiers: []tier{{4200, 0, 90}}, stock: []int64{2},
		motif: motifLeaf, colour: "Silver", alt: "Silvery white tea buds", pictures: 1,
	},
	{
		handle: "lapsang-souchong", title: "Lapsang Souchong", vendor: "Wuyi Smokehouse", kind: "Black Tea",
		description: "The original smoked black tea from Tongmu in the Wuyi mountains, dried over pine fires. " +
			"Campfire on the nose, longan sweetness in the cup. Out of stock until the spring harvest.",
		tags: []string{"black-tea", "wuyi", "smoky"}, collections: []string{"tea"},
		sku: "TEA-LS", axes: []axis{{"Weight", []string{"100 g", "250 g"}}}, tiers: []tier{{1400, 0, 140}, {3000, 0, 320}},
		stock: []int64{0}, motif: motifTin, colour: "Smoke", alt: "Tea caddy of smoked black tea", pictures: 1,
	},
	{
		handle: "yixing-clay-teapot", title: "Yixing Clay Teapot", vendor: "Yixing Potters", kind: "Teaware",
		description: "A 200 ml teapot of unglazed zisha clay from Yixing, made by hand on a wooden paddle and wheel. " +
			"The porous clay seasons with use; dedicate it to one kind of tea.",
		seoTitle: "Handmade Yixing Zisha Clay Teapot", seoDescription: "A handmade 200 ml Yixing zisha teapot for oolong and pu-erh.",
		tags: []string{"yixing", "teapot", "handmade"}, collections: []string{"tea", "gifts"},
		sku: "TEA-YX", barcode: 690123400520, tiers: []tier{{16800, 0, 450}}, stock: []int64{3},
		motif: motifTeapot, colour: "Zisha", alt: "Purple-brown Yixing clay teapot", pictures: 3,
	},
	{
		handle: "gongfu-tea-set", title: "Gongfu Tea Set", vendor: "Jingdezhen Kilnworks", kind: "Teaware",
		description: "Everything for gongfu brewing in one box: a gaiwan, a fairness pitcher and six cups in hand-glazed porcelain. " +
			"Packed in a cloth-covered case that makes it an easy gift.",
		tags: []string{"porcelain", "gaiwan", "gift-set"}, collections: []string{"tea", "gifts"},
		sku: "TEA-GS", axes: []axis{colours("Celadon", "Cobalt")}, tiers: []tier{{22000, 26000, 1600}}, stock: []int64{5, 1},
		motif: motifCup, alt: "Porcelain gongfu tea cup and saucer",
	},

	// Accessories
	{
		handle: "canvas-tote-bag", title: "Canvas Tote Bag", vendor: "Storefront Studio", kind: "Bags",
		description: "A heavy cotton canvas tote with long handles and an inside pocket for keys. Holds a week of groceries.",
		tags:        []string{"canvas", "bags"}, collections: []string{"accessories"},
		sku: "ACC-CT", axes: []axis{colours("Natural", "Black")}, tiers: []tier{{3600, 0, 350}}, stock: []int64{25, 0},
		motif: motifTote, alt: "Cotton canvas tote bag with long handles",
	},
	{
		handle: "cashmere-scarf", title: "Cashmere Scarf", vendor: "Inner Mongolia Cashmere", kind: "Scarves",
		description: "A generous scarf woven from Inner Mongolian cashmere, brushed for a soft halo. " +
			"Light enough for spring evenings, warm enough for winter.",
		seoTitle: "Cashmere Scarf – camel, grey, burgundy",
		tags:     []string{"cashmere", "winter", "bestseller"}, collections: []string{"accessories", "gifts"},
		sku: "ACC-CS", axes: []axis{colours("Camel", "Grey", "Burgundy")}, tiers: []tier{{12800, 16000, 180}}, stock: []int64{6, 2, 9},
		motif: motifScarf, alt: "Cashmere scarf with fringed ends",
	},
	{
		handle: "hetian-jade-bangle", title: "Hetian Jade Bangle", vendor: "Hetian Stoneworks", kind: "Jewellery",
		description: "A bangle carved from a single piece of Hetian nephrite and polished by hand. " +
			"Each stone's veining is its own. Sized by inner diameter; comes with a certificate.",
		tags: []string{"jade", "jewellery"}, collections: []string{"accessories", "gifts"},
		sku: "ACC-JB", barcode: 690123400610, axes: []axis{{"Size", []string{"54 mm", "56 mm", "58 mm"}}},
		tiers: []tier{{32000, 0, 60}}, stock: []int64{1, 2, 0},
		motif: motifRing, colour: "Jade", alt: "Green Hetian jade bangle", pictures: 2,
	},
	{
		handle: "leather-card-holder", title: "Leather Card Holder", vendor: "Hollow Oak Joinery", kind: "Small Leather Goods",
		description: "Vegetable-tanned leather with a snap flap, holding six cards and folded notes. It darkens with use.",
		tags:        []string{"leather"}, collections: []string{"accessories"},
		sku: "ACC-LC", axes: []axis{colours("Tan", "Black")}, tiers: []tier{{4500, 0, 40}}, stock: []int64{15, 11},
		motif: motifWallet, alt: "Leather card holder with a snap flap",
	},
	{
		handle: "silk-scrunchie-set", title: "Silk Scrunchie Set", vendor: "Hangzhou Silk House", kind: "Hair Accessories",
		description: "Three scrunchies in 22 momme mulberry silk, kind to hair and gentle on curls.",
		tags:        []string{"silk", "hair"}, collections: []string{"accessories"},
		sku: "ACC-SS", tiers: []tier{{1800, 2200, 30}}, stock: []int64{40},
		motif: motifRing, colour: "Blush", alt: "Blush silk scrunchie", pictures: 2,
	},

	// Gifts
	{
		handle: "tea-discovery-box", title: "Tea Discovery Gift Box", vendor: "West Lake Tea Co.", kind: "Gift Sets",
		description: "Six teas in small tins, from Dragon Well to ripe pu-erh, with a brewing card for each. " +
			"The easiest way to find a favourite.",
		seoTitle: "Tea Discovery Gift Box", seoDescription: "Six Chinese teas in a gift box with brewing notes: green, white, oolong, black and pu-erh.",
		tags: []string{"gift-set", "sampler"}, collections: []string{"gifts", "tea"},
		sku: "GFT-TD", barcode: 690123400710, tiers: []tier{{5800, 6800, 600}}, stock: []int64{18},
		motif: motifGift, colour: "Vermilion", alt: "Red gift box tied with a gold ribbon", pictures: 2,
	},
	{
		handle: "red-envelope-set", title: "Lucky Red Envelopes, Set of 8", vendor: "Storefront Studio", kind: "Stationery",
		description: "Eight red envelopes printed with gold foil, for Lunar New Year, weddings and birthdays.",
		tags:        []string{"lunar-new-year", "stationery"}, collections: []string{"gifts"},
		sku: "GFT-RE", tiers: []tier{{900, 0, 50}}, stock: []int64{100},
		motif: motifWallet, colour: "Vermilion", alt: "Red envelope with a gold seal", pictures: 1,
	},

	// Not for shoppers: a season that ended and a product still being written.
	{
		handle: "mid-autumn-mooncake-tin", title: "Mid-Autumn Mooncake Tin", vendor: "Storefront Studio", kind: "Gift Sets",
		description: "Four lotus-seed mooncakes in a keepsake tin. Available for the Mid-Autumn Festival only.",
		tags:        []string{"mid-autumn", "seasonal"}, collections: []string{"gifts"}, status: store.StatusArchived,
		sku: "GFT-MC", tiers: []tier{{4500, 0, 700}}, stock: []int64{0},
		motif: motifTin, colour: "Gold", alt: "Gold mooncake tin", pictures: 1,
	},
	{
		handle: "pre-qingming-longjing", title: "Pre-Qingming Longjing", vendor: "West Lake Tea Co.", kind: "Green Tea",
		description: "The first Dragon Well of the year, picked before Qingming. Preview: price and stock to be confirmed.",
		tags:        []string{"green-tea", "longjing", "preorder"}, collections: []string{"tea"}, status: store.StatusDraft,
		sku: "TEA-PQ", tiers: []tier{{9800, 0, 80}}, stock: []int64{0},
		motif: motifLeaf, colour: "Tea Green", alt: "Fresh pre-Qingming Longjing leaves", pictures: 1,
	},
}
