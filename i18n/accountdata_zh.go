package i18n

var zhAccountData = map[string]string{
	"account.delete.points":           "您的 %d 积分也将随之作废，无法恢复。",
	"account.delete.points_pending":   "您的 %s及待生效的 %s也将随之作废，无法恢复。",
	"account.delete.coupons":          "您未使用的 %d 张优惠券也将一并作废。",
	"account.delete.open_orders":      "暂时无法注销账户：以下订单尚未完成。",
	"account.delete.open_orders_wait": "店铺仍需要您的姓名、地址和邮箱来完成配送、退货或退款。待订单送达、退货处理完毕后，您即可在此注销账户。",
	"account.order.back":              "返回我的订单",
}
