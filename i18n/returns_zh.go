package i18n

// zhReturns is the Simplified Chinese text of the admin's return list and
// the admin home's returns to review.
var zhReturns = map[string]string{
	"admin.returns.title":               "退货",
	"admin.returns.count":               "共 %d 个退货申请",
	"admin.returns.search":              "搜索",
	"admin.returns.search_hint":         "订单号、邮箱或姓名",
	"admin.returns.status":              "状态",
	"admin.returns.empty":               "还没有退货申请。顾客在订单页面申请退货后，申请会列在这里等你审核。",
	"admin.returns.none_match":          "没有符合筛选条件的退货申请。",
	"admin.returns.show_all":            "显示全部退货申请",
	"admin.returns.status.requested":    "待审核",
	"admin.returns.status.approved":     "已批准",
	"admin.returns.status.rejected":     "已拒绝",
	"admin.returns.status.received":     "已收货",
	"admin.returns.status.refunded":     "已退款",
	"admin.returns.status.closed":       "已完成",
	"admin.returns.resolution.refund":   "退款",
	"admin.returns.resolution.exchange": "换货",
	"admin.returns.col.requested":       "申请时间",
	"admin.returns.col.order":           "订单",
	"admin.returns.col.customer":        "顾客",
	"admin.returns.col.items":           "件数",
	"admin.returns.col.wants":           "诉求",
	"admin.returns.col.reason":          "原因",
	"admin.returns.col.refunded":        "已退金额",
	"admin.returns.to_review":           "%d 个等待处理",
	"admin.returns.none_to_review":      "没有等待处理的退货申请。",
	"admin.returns.review":              "审核退货",
	"returns.error.quantity":            "数量不能超过可退的件数。",
	"returns.error.nothing":             "请至少选择一件要退的商品。",
}
