package demo

import "storefront/store"

// zhText is a product's or collection's title and description in Chinese.
type zhText struct{ title, description string }

// collectionsZH are the collections in Chinese, by handle.
var collectionsZH = map[string]zhText{
	"apparel":      {"服饰", "亚麻、棉与真丝衣物，剪裁经得起多年穿着，出自我们亲自拜访过的小作坊。"},
	"tea":          {"茶与茶具", "杭州、安溪、云南的单一茶园好茶，以及冲泡它们的壶与杯。好茶配好器。"},
	"home-kitchen": {"家居厨房", "餐桌与厨房里的粗陶、木器和亚麻：日常用品，用心制作。"},
	"gifts":        {"礼品", "真正会被用上的礼物：茶礼盒、茶壶、围巾和香薰蜡烛，可代为包装。"},
	"accessories":  {"配饰", "包袋、围巾、玉器与皮具：每天都会伸手去拿的小物件。"},
}

// catalogZH are the demo products in Chinese, by handle.
var catalogZH = map[string]zhText{
	"linen-shirt": {"水洗亚麻衬衫", "欧洲水洗亚麻制成的宽松衬衫，越洗越柔软。" +
		"珍珠母贝纽扣、柔软领型、后摆略长。炎夏透气，微凉时可作叠穿。"},
	"organic-cotton-tee": {"有机棉T恤", "我们的日常T恤，采用厚磅有机棉，在广州织造缝制。" +
		"直筒版型，罗纹领口久穿不变形。"},
	"everyday-hoodie": {"日常连帽卫衣", "中等厚度的连帽卫衣，帽子带里衬，配袋鼠口袋。" +
		"可选磨毛有机棉或回收塑料瓶纺成的摇粒绒，两者洗后都不起球。"},
	"silk-qipao-blouse": {"真丝旗袍上衣", "短袖上衣，立领配手工盘扣，选用杭州桑蚕丝裁制。" +
		"牡丹红小批量染色，每批颜色略有不同。建议干洗或冷水手洗。"},
	"wide-leg-linen-trousers": {"亚麻阔腿裤", "高腰阔腿裤，后腰松紧，与我们的衬衫同为水洗亚麻。" +
		"侧袋够深。本季已售罄，下一批正在织机上。"},
	"cotton-chore-jacket": {"棉质工装夹克", "法式工装夹克，结实的斜纹棉布，三个贴袋。" +
		"初穿挺括，越穿越有褪色的味道。科罗索果纽扣，三线缝合。"},
	"panda-kids-tee":    {"熊猫童装T恤", "给小朋友的柔软棉T恤，印着一只睡眼惺忪的熊猫。预洗处理，不缩水。"},
	"washed-bucket-hat": {"水洗棉渔夫帽", "成衣水洗的棉帆布渔夫帽，帽檐车线加固。可折叠放进口袋。"},
	"stoneware-mug": {"粗陶马克杯", "容量350毫升的大杯，手工拉坯、手工上釉，每只都略有不同。" +
		"可用洗碗机和微波炉。"},
	"blue-and-white-cup": {"青花瓷茶杯", "景德镇传统釉下钴料手绘的薄胎瓷杯。" +
		"容量120毫升，正适合功夫茶。"},
	"hand-thrown-rice-bowl": {"手工饭碗", "拉坯成型、施以草木灰釉的深碗，盛饭、面或汤都合适。本窑只剩几只。"},
	"soy-wax-candle": {"大豆蜡香薰蜡烛", "大豆蜡配棉芯，缓慢洁净地燃烧四十小时，玻璃杯可重复使用。" +
		"三种香型：桧木、青无花果叶，以及杭州秋天的桂花。"},
	"linen-tea-towels":  {"亚麻茶巾（两条装）", "两条石洗亚麻茶巾，擦玻璃杯不留绒毛。一角缝有挂环。"},
	"bamboo-chopsticks": {"竹筷（五双装）", "五双安吉毛竹筷，涂食品级桐油。筷头方形，放在桌上不会滚落。"},
	"walnut-serving-board": {"胡桃木砧板", "整块黑胡桃木切出的带柄托盘，上油打蜡。" +
		"可盛奶酪、面包或饺子；擦净即可，偶尔上油保养。"},
	"cast-iron-kettle": {"铁壶", "1.2升铸铁壶，离火后仍能久久保温。" +
		"爱茶人说铁壶煮水更柔和。用后请小火烘干。"},
	"dragon-well-green-tea": {"西湖龙井", "西湖边山上手工炒制的扁平翠绿茶叶。" +
		"清甜、带栗香，口感干净。80 °C 水温冲泡两分钟。"},
	"tieguanyin-oolong": {"安溪铁观音", "安溪紧结的乌龙茶，兰花香，回味绵长醇厚。可冲泡五到六次。"},
	"aged-puerh-cake": {"陈年普洱茶饼", "357克熟普洱茶饼，2015年以勐海古树茶压制。" +
		"陈香醇滑，汤色红浓，回甘明显。越放越好。"},
	"jasmine-pearls": {"茉莉龙珠", "嫩绿茶叶揉成珠状，以新鲜茉莉花窨制六晚。茶珠在杯中缓缓舒展。"},
	"silver-needle-white-tea": {"白毫银针", "只取福鼎大白茶树满披白毫的芽头，日光萎凋而成。" +
		"清雅、带蜜香，几乎不苦。产量少，所剩不多。"},
	"lapsang-souchong": {"正山小种", "源自武夷山桐木关的烟熏红茶，以松柴烘干。" +
		"闻有松烟香，入口有桂圆甜。春茶上市前暂时缺货。"},
	"yixing-clay-teapot": {"宜兴紫砂壶", "200毫升无釉宜兴紫砂壶，以木拍与转盘全手工制作。" +
		"紫砂多孔，越养越润；建议一壶只泡一种茶。"},
	"gongfu-tea-set": {"功夫茶具套装", "功夫茶所需尽在一盒：盖碗、公道杯和六只手工施釉瓷杯。" +
		"装在布面礼盒中，送礼也很合适。"},
	"canvas-tote-bag": {"帆布托特包", "厚棉帆布托特包，长提手，内有放钥匙的小口袋。装得下一周的菜。"},
	"cashmere-scarf": {"羊绒围巾", "内蒙古羊绒织成的宽大围巾，表面拉毛，柔软蓬松。" +
		"春夜轻盈，冬日保暖。"},
	"hetian-jade-bangle": {"和田玉手镯", "整块和田玉雕琢、手工抛光的手镯，每块玉的纹理都独一无二。" +
		"按内径选尺寸，附鉴定证书。"},
	"leather-card-holder":     {"皮革卡包", "植鞣皮革，按扣翻盖，可放六张卡和折好的纸币。越用颜色越深。"},
	"silk-scrunchie-set":      {"真丝发圈套装", "三只22姆米桑蚕丝发圈，不伤发，对卷发也很温柔。"},
	"tea-discovery-box":       {"品茶礼盒", "六小罐好茶，从龙井到熟普洱，每款附冲泡卡片。找到心头好的最简单方法。"},
	"red-envelope-set":        {"红包（八个装）", "八个烫金红包，适合春节、婚礼和生日。恭喜发财！"},
	"mid-autumn-mooncake-tin": {"中秋月饼礼盒", "四只莲蓉月饼，装在可留作纪念的铁盒里。仅在中秋节期间供应。"},
	"pre-qingming-longjing":   {"明前龙井", "清明前采摘的今年第一批龙井。预览中：价格与库存待定。"},
}

// altsZH are the demo products' pictures described in Chinese, by handle;
// addImages appends the colour or the shot as it does in English.
var altsZH = map[string]string{
	"linen-shirt": "柔软领型的水洗亚麻衬衫", "organic-cotton-tee": "圆领有机棉T恤", "everyday-hoodie": "帽子带里衬的连帽卫衣",
	"silk-qipao-blouse": "牡丹红立领真丝上衣", "wide-leg-linen-trousers": "沙色亚麻阔腿裤",
	"cotton-chore-jacket": "带贴袋的斜纹棉工装夹克", "panda-kids-tee": "天蓝色童装T恤", "washed-bucket-hat": "驼色棉质渔夫帽",
	"stoneware-mug": "手工施釉粗陶马克杯", "blue-and-white-cup": "青花瓷茶杯与杯托", "hand-thrown-rice-bowl": "灰釉粗陶饭碗",
	"soy-wax-candle": "玻璃杯中燃着的大豆蜡烛", "linen-tea-towels": "两条叠好的燕麦色亚麻茶巾",
	"bamboo-chopsticks": "架在陶瓷筷架上的竹筷", "walnut-serving-board": "胡桃木带柄餐板", "cast-iron-kettle": "黑色铸铁壶",
	"dragon-well-green-tea": "扁平的龙井绿茶茶叶", "tieguanyin-oolong": "卷曲成粒的铁观音乌龙茶叶",
	"aged-puerh-cake": "圆形压制普洱茶饼", "jasmine-pearls": "一罐茉莉龙珠", "silver-needle-white-tea": "银白色的白毫银针芽头",
	"lapsang-souchong": "一罐烟熏正山小种红茶", "yixing-clay-teapot": "紫褐色宜兴紫砂壶", "gongfu-tea-set": "瓷质功夫茶杯与杯托",
	"canvas-tote-bag": "长提手棉帆布托特包", "cashmere-scarf": "带流苏的羊绒围巾", "hetian-jade-bangle": "绿色和田玉手镯",
	"leather-card-holder": "按扣翻盖皮革卡包", "silk-scrunchie-set": "淡粉色真丝发圈", "tea-discovery-box": "系金色丝带的红色礼盒",
	"red-envelope-set": "金色封印的红包", "mid-autumn-mooncake-tin": "金色月饼铁盒", "pre-qingming-longjing": "新鲜的明前龙井茶叶",
}

// optionsZH are the option names and values the demo uses, in Chinese.
// Sizes such as "M" read the same in both languages but are listed too,
// so that the admin does not mark them as missing a translation.
var optionsZH = map[string]string{
	"Size": "尺码", colourOption: "颜色", "Material": "面料", "Weight": "重量", "Set": "规格", "Scent": "香型",
	"S": "S", "M": "M", "L": "L", "XL": "XL", "S/M": "S/M", "L/XL": "L/XL",
	"2Y": "2岁", "4Y": "4岁", "6Y": "6岁", "8Y": "8岁", "Small": "小号", "Medium": "中号", "Large": "大号",
	"50 g": "50克", "100 g": "100克", "250 g": "250克", "500 g": "500克",
	"54 mm": "54毫米", "56 mm": "56毫米", "58 mm": "58毫米",
	"Single": "单只", "Set of 4": "四只装", "Hinoki": "桧木", "Fig Leaf": "无花果叶", "Osmanthus": "桂花",
	"Cotton": "有机棉", "Recycled Fleece": "再生摇粒绒",
	"White": "白色", "Indigo": "靛蓝", "Sage": "灰绿", "Black": "黑色", "Terracotta": "陶土红",
	"Charcoal": "炭灰", "Oat": "燕麦色", "Navy": "藏青", "Olive": "橄榄绿", "Cream": "奶白",
	"Slate": "石板灰", "Celadon": "青瓷绿", "Cobalt": "钴蓝", "Natural": "本色", "Camel": "驼色",
	"Grey": "灰色", "Burgundy": "酒红", "Tan": "棕褐",
}

// tagsZH are the demo's tags as a Chinese shopper reads them.
var tagsZH = map[string]string{
	"aged":           "陈年",
	"anxi":           "安溪",
	"bags":           "包袋",
	"bamboo":         "竹制",
	"basics":         "基础款",
	"bestseller":     "畅销",
	"black-tea":      "红茶",
	"candle":         "蜡烛",
	"canvas":         "帆布",
	"cashmere":       "羊绒",
	"cast-iron":      "铸铁",
	"coffee":         "咖啡",
	"cotton":         "棉",
	"fujian":         "福建",
	"gaiwan":         "盖碗",
	"gift-set":       "礼盒",
	"green-tea":      "绿茶",
	"hair":           "发饰",
	"handmade":       "手作",
	"hangzhou":       "杭州",
	"home-fragrance": "居家香氛",
	"jade":           "玉",
	"jasmine":        "茉莉",
	"jewellery":      "首饰",
	"jingdezhen":     "景德镇",
	"kettle":         "水壶",
	"kids":           "童装",
	"kitchen":        "厨房",
	"layering":       "叠穿",
	"leather":        "皮具",
	"linen":          "亚麻",
	"longjing":       "龙井",
	"lunar-new-year": "春节",
	"mid-autumn":     "中秋",
	"oolong":         "乌龙",
	"organic":        "有机",
	"panda":          "熊猫",
	"porcelain":      "瓷器",
	"preorder":       "预售",
	"pu-erh":         "普洱",
	"qipao":          "旗袍",
	"recycled":       "再生材料",
	"sampler":        "品鉴装",
	"seasonal":       "当季",
	"silk":           "真丝",
	"smoky":          "烟熏",
	"stationery":     "文具",
	"stoneware":      "粗陶",
	"summer":         "夏季",
	"tableware":      "餐具",
	"teapot":         "茶壶",
	"walnut":         "胡桃木",
	"white-tea":      "白茶",
	"winter":         "冬季",
	"wood":           "木器",
	"workwear":       "工装",
	"wuyi":           "武夷",
	"yixing":         "宜兴",
	"yunnan":         "云南",
}

// itemZH is a demo product's Chinese translations: title, description,
// option names and values, and tags.
func itemZH(it item) store.Texts {
	zh := catalogZH[it.handle]
	tr := store.Texts{}.Set(store.FieldTitle, "zh", zh.title).Set(store.FieldDescription, "zh", zh.description)
	for _, t := range it.tags {
		tr = tr.Set(store.TagField(t), "zh", tagsZH[t])
	}
	for i, a := range it.axes {
		tr = tr.Set(store.OptionNameField(i), "zh", optionsZH[a.name])
		for _, v := range a.values {
			tr = tr.Set(store.OptionValueField(i, v), "zh", optionsZH[v])
		}
	}
	return tr
}

// collectionInput is a demo collection with its Chinese translations.
func collectionInput(c store.CollectionInput) store.CollectionInput {
	zh := collectionsZH[c.Handle]
	c.Tr = store.Texts{}.Set(store.FieldTitle, "zh", zh.title).Set(store.FieldDescription, "zh", zh.description)
	return c
}
