package i18n

// zhPicker is the Chinese text of choosing a variant, savings and shipping labels.
var zhPicker = map[string]string{
	"picker.apply":       "更新选择",
	"picker.chosen":      "：%s",
	"picker.unavailable": "（此组合无货）",
	"picker.sold_out":    "（已售罄）",
	"picker.option_n":    "选项 %d",
	"picker.no_value":    "标准款",

	"picker.line_saving":  "立省 %s",
	"picker.cart_savings": "共节省",

	"picker.ship_free_from":    "订单满 %s 包邮",
	"picker.ship_free_missing": "满 %s 包邮，还差 %s",

	// session 5
	"picker.add_unavailable": "抱歉，没有这种规格组合。请重新选择，购物车未作更改。",
}
