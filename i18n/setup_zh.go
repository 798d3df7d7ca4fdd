package i18n

// zhSetup is the Chinese text of a new shop's setup: defaults, the setup guide, opening soon and the launch password.
var zhSetup = map[string]string{
	// The setup page.
	"setup.optional":                   "（选填）",
	"setup.field.public_url":           "店铺网址",
	"setup.field.public_url_hint":      "顾客访问店铺的地址，例如 https://shop.example.com。邮件和搜索结果中的链接都用它。这里已填入您打开本页所用的地址。",
	"setup.field.address":              "店铺地址",
	"setup.field.address_hint":         "顾客到店自提的地点。填写地址后才会提供到店自提。",
	"setup.payments":                   "收款方式",
	"setup.payments_intro":             "货到付款已默认开启。填写银行账户信息即可同时接受银行转账；银行卡支付（Stripe）可稍后在设置中添加。",
	"setup.field.bank_details":         "银行转账账户信息",
	"setup.field.bank_details_hint":    "户名、账号或 IBAN、开户行。未填写时不提供银行转账。",
	"setup.error.public_url":           "请只填写店铺网址，例如 https://shop.example.com（不含路径）。",
	"setup.error.shop_password_short":  "密码至少 4 个字符。",
	"setup.error.shop_password_needed": "请设置一个密码再关闭店铺。",

	// The admin home's setup guide.
	"setup.guide.title":    "准备开店",
	"setup.guide.progress": "已完成 %d / %d 项",
	"setup.guide.done":     "（已完成）",
	"setup.guide.hide":     "隐藏此指南",

	"setup.step.products":        "添加商品",
	"setup.step.shipping":        "核对运费和税率",
	"setup.step.payments":        "选择收款方式",
	"setup.step.public_url":      "设置店铺网址和 HTTPS",
	"setup.step.test_email":      "发送测试邮件",
	"setup.step.backup":          "完成第一次备份",
	"setup.step_hint.products":   "逐个添加，或在服务器的命令行导入 Shopify 商品 CSV 文件：",
	"setup.step_hint.shipping":   "我们已添加标准配送和到店自提，可修改价格或添加其他方式。",
	"setup.step_hint.payments":   "填写 Stripe 密钥以接受银行卡，或填写银行账户以接受转账。",
	"setup.step_hint.public_url": "使用 https:// 网址，邮件中的链接才能打开，结账也更安全。",
	"setup.step_hint.test_email": "确认订单确认邮件能送达顾客。",
	"setup.step_hint.backup":     "把店铺数据的副本保存在安全的地方。",

	// The launch section of the settings page.
	"setup.launch.title":           "网址与访问",
	"setup.launch.public_url_hint": "邮件中的链接、规范链接和站点地图都使用此网址，例如 https://shop.example.com。",
	"setup.launch.fixed_url":       "店铺启动时指定了 --base-url %s，将优先使用它，而不是下面的网址。",
	"setup.launch.access":          "开业前",
	"setup.launch.closed":          "暂不开放：访客需输入密码（已登录的员工始终可以查看）",
	"setup.launch.password":        "店铺密码",
	"setup.launch.password_hint":   "把密码告诉开业前可以先来看看的人。",
	"setup.launch.password_kept":   "已设置密码。留空则保留原密码，也可输入新密码。",

	// The test email.
	"setup.test_email.title":     "测试邮件",
	"setup.test_email.intro":     "立即通过店铺的邮件服务器向 %s 发送一封测试邮件。",
	"setup.test_email.send":      "发送测试邮件",
	"setup.test_email.sent":      "邮件服务器已接收发往 %s 的测试邮件。请查收（也看看垃圾邮件）。",
	"setup.test_email.failed":    "测试邮件未发出。邮件服务器的回复：",
	"setup.test_email.no_server": "尚未设置邮件服务器，无法发送邮件：订单邮件会留在“邮件”页中等待。启动店铺时加上 --smtp-addr（STOREFRONT_SMTP_ADDR）即可发送。",
	"setup.test_email.subject":   "来自%s的测试邮件",
	"setup.test_email.heading":   "邮件工作正常",
	"setup.test_email.body":      "这封测试邮件说明您的店铺可以发送邮件。订单邮件中的链接指向 %s。",
	"setup.test_email.open_shop": "打开店铺",

	// What shoppers see before the shop opens.
	"setup.gate.soon_title":     "即将开业",
	"setup.gate.soon_text":      "本店正在筹备中，敬请期待。",
	"setup.gate.closed_title":   "本店尚未开业",
	"setup.gate.closed_text":    "请输入密码进入浏览。",
	"setup.gate.password":       "密码",
	"setup.gate.enter":          "进入",
	"setup.gate.slowed":         "此处输错密码次数过多，请等几分钟后再试。",
	"setup.gate.wrong_password": "密码不正确。",
	"setup.gate.owner_login":    "您是店主？请登录",

	// Orders with nothing to ship, and orders placed without a mail server.
	"setup.checkout.nothing_to_ship": "订单中的商品都无需配送，因此不需要填写地址。",
	"setup.order.nothing_to_ship":    "无需配送。",
	"setup.order.placed_no_mail":     "请保存本页网址：它是查看订单的链接。",
	"setup.product.col.no_shipping":  "无需配送",
	"setup.product.no_shipping":      "无需配送（数字商品或服务）",
}
