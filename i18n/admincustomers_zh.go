package i18n

// zhAdminCustomers: see enAdminCustomers.
var zhAdminCustomers = map[string]string{
	"admin.customers.col.tier":        "会员等级",
	"admin.customers.col.points":      "积分",
	"admin.customers.col.spend12":     "近 12 个月消费",
	"admin.customers.col.tags":        "标签",
	"admin.customers.guest":           "游客",
	"admin.customers.guests":          "游客（未注册）",
	"admin.customer.tags":             "标签",
	"admin.customer.expiring":         "%d 分将于 %s 过期",
	"admin.customer.notes_heading":    "备注和标签",
	"admin.customer.notes":            "备注（仅员工可见）",
	"admin.customer.tags_field":       "标签，用逗号分隔",
	"admin.customer.tags_hint":        "例如：VIP，批发。顾客列表可以按标签筛选。",
	"admin.customer.notes_submit":     "保存备注和标签",
	"admin.customer.notes_saved":      "备注和标签已保存。",
	"admin.customer.error.notes_long": "备注最多 5000 个字符。",
	"admin.customer.error.tags_many":  "最多 20 个标签。",
	"admin.customer.error.tag_long":   "每个标签最多 40 个字符。",
	"admin.customer.addresses":        "地址簿",
	"admin.customer.addresses_none":   "没有保存的地址。",
	"admin.customer.address_default":  "默认",
	"admin.customers.min_spend":       "12 个月消费至少",
	"admin.customers.min_points":      "积分至少",
	"admin.customers.ordered":         "下单时间",
	"admin.customers.ordered_days":    "最近 %d 天内",
}
