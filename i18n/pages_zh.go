package i18n

// zhPages is the Chinese text of the information pages (see enPages).
var zhPages = map[string]string{
	"pages.title.about":    "关于我们",
	"pages.title.shipping": "配送说明",
	"pages.title.terms":    "服务条款",
	"pages.title.privacy":  "隐私政策",
	"pages.footer_label":   "店铺信息",
	"pages.checkout_read":  "下单前请阅读：",

	"pages.error.body_default": "请同时用店铺的默认语言撰写此页面：其他语言未填写时都会显示默认语言的内容。",

	"admin.nav.pages":               "信息页面",
	"admin.pages.title":             "信息页面",
	"admin.pages.intro":             "顾客付款前会阅读的页面。页面填写正文后立即上线，显示在店铺页脚和站点地图中；服务条款和隐私政策还会在“提交订单”按钮旁给出链接。正文为空时，顾客看不到该页面。",
	"admin.pages.purpose.about":     "介绍您自己：店铺的由来、卖什么、为什么卖，以及联系方式。",
	"admin.pages.purpose.shipping":  "配送范围、时效、运费，以及包裹延误或丢失时如何处理。",
	"admin.pages.purpose.terms":     "交易规则：价格与付款、订单确认与取消、退货、责任限制以及适用法律。",
	"admin.pages.purpose.privacy":   "您收集了顾客的哪些信息（姓名、地址、邮箱、订单）、用途、与谁共享（支付、物流）、保存多久，以及顾客如何查看或删除。",
	"admin.pages.field_title":       "标题",
	"admin.pages.field_body":        "正文",
	"admin.pages.body_hint":         "纯文本：段落之间空一行。清空正文即可下线此页面。",
	"admin.pages.live":              "已上线",
	"admin.pages.draft":             "尚未撰写，顾客看不到",
	"admin.pages.view":              "查看页面",
	"admin.pages.save":              "保存页面",
	"admin.pages.saved":             "页面已保存。",
	"admin.audit.action.pages.save": "修改了信息页面",
	"admin.audit.entity.info_page":  "信息页面",
}
